// Spaced review's pure part (assets-src/site/review-core.mjs): the FSRS rating of an answer,
// what a confident error does, the streak. The schedule itself is compared with py-fsrs in
// tests/test_review_schedule.py.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dueList, known, rating, readable, schedule } from "../../assets-src/site/review-core.mjs";

test("ratings: wrong → Again, guessed → Hard, right or fairly sure → Good, sure → Easy", () => {
  assert.equal(rating(false, "sure"), 1);
  assert.equal(rating(true, "guess"), 2);
  assert.equal(rating(true, undefined), 3);
  assert.equal(rating(true, "unsure"), 3);
  assert.equal(rating(true, "sure"), 4);
});

test("a confident error comes back the same day; a right answer a day later at the earliest", () => {
  const wrong = schedule(null, { correct: false, confidence: "sure", hash: "h" }, "2026-12-02");
  assert.equal(wrong.due, "2026-12-02T12:00:00.000Z");
  assert.equal(wrong.streak, 0);
  const right = schedule(null, { correct: true, hash: "h" }, "2026-12-02");
  assert.ok(right.due >= "2026-12-03");
  assert.ok(readable(right));
});

test("the streak counts right answers to the same answer key; a new key starts anew", () => {
  let e = schedule(null, { correct: true, confidence: "sure", hash: "h" }, "2026-12-02");
  e = schedule(e, { correct: true, confidence: "sure", hash: "h" }, "2026-12-10");
  assert.equal(e.streak, 2);
  const record = { modules: { m: { review: { q: e } } } };
  assert.equal(known(record, "m"), 1);
  assert.equal(schedule(e, { correct: true, hash: "other" }, "2026-12-20").streak, 1);
  assert.deepEqual(dueList(record, ["m"], "2026-12-01"), []);
});
