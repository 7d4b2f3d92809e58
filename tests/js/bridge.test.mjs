// How a checked answer becomes an LMS interaction (assets-src/lms/bridge.mjs), for SCORM 1.2
// and for SCORM 2004 / xAPI (cmi5), from the detail of the site's `rufbereit:answer` event.
import assert from "node:assert/strict";
import { test } from "node:test";
import { interactionType, response } from "../../assets-src/lms/bridge.mjs";

test("each question type has its interaction type", () => {
  assert.equal(interactionType("single"), "choice");
  assert.equal(interactionType("multiple"), "choice");
  assert.equal(interactionType("true_false"), "true-false");
  assert.equal(interactionType("order"), "sequencing");
  assert.equal(interactionType("match"), "matching");
  assert.equal(interactionType("text"), "fill-in");
  assert.equal(interactionType("neu"), "other");
});

test("responses use each standard's delimiters", () => {
  assert.equal(response("multiple", ["o-a", "o-b"], true), "o-a,o-b");
  assert.equal(response("multiple", ["o-a", "o-b"], false), "o-a[,]o-b");
  assert.equal(response("true_false", "true", true), "t");
  assert.equal(response("true_false", "false", false), "false");
  assert.equal(response("order", { x: "2", y: "1" }, false), "y[,]x");   // the items in the order chosen
  assert.equal(response("match", { 0: "1", 1: "" }, true), "0.1");
  assert.equal(response("single", null, true), "");
});

test("typed text becomes one line without the format's delimiters, within its length", () => {
  assert.equal(response("text", "a\nb[,]c", false), "a b c");
  assert.equal(response("text", "{x}", false), "(x}");
  assert.equal(response("text", "x".repeat(300), true).length, 255);
  assert.equal(response("text", "x".repeat(300), false).length, 250);
});
