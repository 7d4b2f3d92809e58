// Reading the learner record (assets-src/site/record.mjs) with the records of
// tests/fixtures/records and the course.js of tests/fixtures/full (its golden copy); Python
// reads the same files alike (tests/test_record.py). And merging what two tabs stored.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { dataIn } from "../../assets-src/global.mjs";
import { VERSION, merge, recordReader } from "../../assets-src/site/record.mjs";

const ROOT = new URL("../../", import.meta.url);
// Read as the preview reads course.js (assets-src/global.mjs): the same format the generator writes.
const course = dataIn(fs.readFileSync(new URL("tests/golden/full/course.js", ROOT), "utf8"), "course");
const fixture = (name) => JSON.parse(fs.readFileSync(new URL("tests/fixtures/records/" + name, ROOT), "utf8"));
const { read, fresh } = recordReader(course);

test("a current record is read whole; choice answers get today's option keys", () => {
  const { record, dropped } = read(fixture("current.json"));
  assert.deepEqual(dropped, []);
  assert.equal(record.name, "Dana");
  const single = record.modules["erste-schritte"].questions["einzelwahl-frage"];
  assert.deepEqual(single.right, ["o-5729e178"]);
  assert.equal(single.answer, "o-5729e178");
});

test("a damaged value is dropped alone, with its path", () => {
  const { record, dropped } = read(fixture("damaged.json"));
  assert.ok(record);
  assert.ok(!("name" in record));
  const m = record.modules["erste-schritte"];
  assert.deepEqual(m.checklists.vorbereitung, ["leitfaden"]);
  assert.equal(m.read, true);
  assert.ok(m.questions["einzelwahl-frage"]);
  assert.ok(!m.questions.kaputt && !m.questions["ohne-hash"]);
  for (const path of ["/name", "/modules/erste-schritte/best", "/modules/erste-schritte/checklists/vorbereitung/1",
    "/modules/erste-schritte/questions/kaputt", "/modules/UNGÜLTIG", "/__proto__"]) assert.ok(dropped.includes(path), path);
});

test("version 1 is migrated: checklist ticks by position become item ids; __proto__ never becomes a prototype", () => {
  const { record, dropped } = read(fixture("version-1.json"));
  assert.equal(record.version, VERSION);
  assert.deepEqual(record.modules["erste-schritte"].checklists.vorbereitung, ["i-c6025bb7", "i-3caa5cd0"]);
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
  assert.equal(record.passed, undefined);
  assert.equal(Object.getPrototypeOf(record.modules), Object.prototype);
  assert.ok(dropped.includes("/modules/__proto__") && dropped.includes("/__proto__"));
});

test("a record of a newer version is kept as it is; unknown keys stay", () => {
  const newer = fixture("newer.json");
  assert.deepEqual(read(newer), { record: newer, dropped: [] });
  const { record } = read(fixture("unknown-keys.json"));
  assert.deepEqual(record.settings, { theme: "dunkel" });
  assert.equal(record.modules["erste-schritte"].questions["einzelwahl-frage"].seconds, 12);
});

test("a negative call score is a score", () => {
  assert.equal(read(fixture("negative-call.json")).record.modules.einwaende.calls["anruf-muster"].best, -6);
});

test("a reworded option keeps its answer, under today's key and hash; its review card follows", () => {
  const m = read(fixture("reworded.json")).record.modules["erste-schritte"];
  const q = m.questions["einzelwahl-frage"];
  assert.equal(q.answer, "o-5729e178");
  assert.equal(q.hash, "773741eb44af");
  assert.equal(m.review["einzelwahl-frage"].hash, "773741eb44af");
});

test("another course's record, or none, is not read", () => {
  assert.deepEqual(read({ ...fixture("current.json"), course: "anderer-kurs" }), { record: null, dropped: ["/"] });
  assert.equal(read(null).record, null);
  assert.deepEqual(fresh(), { course: "fx-vollkurs", version: VERSION, modules: {} });
});

test("two tabs: both tabs' answers stay; a passed call beats a better failed one; a cleared quiz stays cleared", () => {
  const ours = { course: "c", modules: { m: { questions: { a: 1 }, calls: { x: { best: 2, passed: true } }, best: 50 } } };
  const theirs = { course: "c", name: "Ida", modules: { m: { questions: { b: 2 }, calls: { x: { best: 9, passed: false } }, best: 80 }, n: {} } };
  const out = merge(structuredClone(ours), structuredClone(theirs), false, new Set());
  assert.deepEqual(out.modules.m.questions, { a: 1, b: 2 });
  assert.deepEqual(out.modules.m.calls.x, { best: 2, passed: true });
  assert.equal(out.modules.m.best, 80);
  assert.equal(out.name, "Ida");
  assert.ok(out.modules.n);
  const cleared = merge(structuredClone(ours), structuredClone(theirs), false, new Set(["m"]));
  assert.deepEqual(cleared.modules.m.questions, { a: 1 });
});
