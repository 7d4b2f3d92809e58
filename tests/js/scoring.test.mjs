// Scoring of each question type, a self-check's result and a practice call's (assets-src/site/scoring.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { SCORE, betterRun, callPassed, norm, quizResult } from "../../assets-src/site/scoring.mjs";

test("single choice: right when the chosen option is a right one", () => {
  assert.equal(SCORE.single("o-a", ["o-a"]), true);
  assert.equal(SCORE.single("o-b", ["o-a"]), false);
  assert.equal(SCORE.single(null, ["o-a"]), false);
});

test("multiple choice: right only with exactly the right options", () => {
  assert.equal(SCORE.multiple(["o-a", "o-c"], ["o-c", "o-a"]), true);
  assert.equal(SCORE.multiple(["o-a"], ["o-c", "o-a"]), false);          // one missing
  assert.equal(SCORE.multiple(["o-a", "o-b", "o-c"], ["o-a", "o-c"]), false);   // one too many
});

test("true/false: right when it names the right value", () => {
  assert.equal(SCORE.true_false("true", "true"), true);
  assert.equal(SCORE.true_false("false", "true"), false);
});

test("order and match: every row must hold its own key", () => {
  assert.equal(SCORE.order({ 1: "1", 2: "2", 3: "3" }, ["1", "2", "3"]), true);
  assert.equal(SCORE.order({ 1: "2", 2: "1", 3: "3" }, ["1", "2", "3"]), false);
  assert.equal(SCORE.match({ 0: "0", 1: "" }, ["0", "1"]), false);
});

test("text: trimmed, blanks folded, case only when asked for", () => {
  const key = { accept: ["Einwand  behandeln", "EB"], caseSensitive: false };
  assert.equal(SCORE.text("  einwand behandeln ", key), true);
  assert.equal(SCORE.text("eb", key), true);
  assert.equal(SCORE.text("eb", { ...key, caseSensitive: true }), false);
  assert.equal(SCORE.text("Einwand", key), false);
  assert.equal(norm(" A\n b ", true), "A b");
});

test("a self-check passes at the pass mark, and says how many right answers it takes", () => {
  assert.deepEqual(quizResult(3, 4, 75), { percent: 75, passed: true, needed: 3 });
  assert.deepEqual(quizResult(2, 3, 70), { percent: 67, passed: false, needed: 3 });
  assert.deepEqual(quizResult(7, 10, 70), { percent: 70, passed: true, needed: 7 });   // no rounding slip at 70 %
});

test("a practice call passes with a good ending and enough points; the better run is kept", () => {
  assert.equal(callPassed("success", 4, 4), true);
  assert.equal(callPassed("success", 3, 4), false);
  assert.equal(callPassed("neutral", 9, 4), false);
  assert.equal(betterRun(null, -2, false), true);
  assert.equal(betterRun({ best: 9, passed: false }, 4, true), true);    // passed beats any failed
  assert.equal(betterRun({ best: 4, passed: true }, 9, false), false);
  assert.equal(betterRun({ best: -6, passed: false }, -2, false), true); // negative scores count
  assert.equal(betterRun({ best: 5, passed: true }, 5, true), false);
});
