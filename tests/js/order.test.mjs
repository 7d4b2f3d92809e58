// Ordering of answers and choices (assets-src/site/order.mjs), with a seeded random source.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inRank, shuffled, shuffledUnlike } from "../../assets-src/site/order.mjs";

// A small linear congruential generator: the same sequence on every run.
const seeded = (seed) => () => { seed = (seed * 1664525 + 1013904223) % 4294967296; return seed / 4294967296; };

test("a shuffle is a permutation and leaves the list alone", () => {
  const list = ["a", "b", "c", "d", "e"], out = shuffled(list, seeded(1));
  assert.deepEqual(list, ["a", "b", "c", "d", "e"]);
  assert.deepEqual(out.slice().sort(), list);
});

test("every order comes, none more than its share", () => {
  const counts = new Map(), random = seeded(7);
  for (let i = 0; i < 6000; i++) { const k = shuffled([1, 2, 3], random).join(); counts.set(k, (counts.get(k) || 0) + 1); }
  assert.equal(counts.size, 6);
  counts.forEach((n) => assert.ok(n > 800 && n < 1200, `${n} of 6000`));
});

test("the order to avoid never comes (the right order of an order question, the last play)", () => {
  const random = seeded(3), right = inRank((x) => x - 1);
  for (let i = 0; i < 500; i++) assert.equal(right(shuffledUnlike([1, 2], right, random)), false);
  const before = [2, 0, 1];
  for (let i = 0; i < 500; i++) {
    const out = shuffledUnlike([0, 1, 2], (o) => o.every((x, j) => x === before[j]), random);
    assert.notDeepEqual(out, before);
  }
});

test("fewer than two never change (and never loop)", () => {
  assert.deepEqual(shuffledUnlike([], () => true), []);
  assert.deepEqual(shuffledUnlike(["x"], () => true), ["x"]);
});

test("inRank: whether every element stands where its rank says", () => {
  assert.equal(inRank(Number)(["0", "1", "2"]), true);
  assert.equal(inRank(Number)(["1", "0", "2"]), false);
});
