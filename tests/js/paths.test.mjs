// The site's page paths, known in one place (assets-src/site/paths.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleOfPath, modulePage } from "../../assets-src/site/paths.mjs";

test("a module's page, and the module of a page", () => {
  assert.equal(modulePage("../", "erste-schritte"), "../module/erste-schritte/");
  assert.equal(moduleOfPath("/kurs/module/erste-schritte/"), "erste-schritte");
  assert.equal(moduleOfPath(modulePage("/kurs/", "ä b")), "ä b");
  assert.equal(moduleOfPath("/kurs/module/erste-schritte/#quiz"), null);
  assert.equal(moduleOfPath("/kurs/glossar/"), null);
  assert.equal(moduleOfPath(undefined), null);
});
