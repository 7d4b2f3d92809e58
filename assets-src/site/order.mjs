// Orders of answers and choices: pure, with the random source as a parameter (tests pass a
// seeded one).

// Fisher–Yates: a new array, `list` unchanged.
export function shuffled(list, random = Math.random) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}
// Shuffled again while `same(order)` holds (the order that must not come: the source order,
// the right order, the last play's); a list of fewer than two never changes.
export function shuffledUnlike(list, same, random = Math.random) {
  if (list.length < 2) return list.slice();
  let out;
  do { out = shuffled(list, random); } while (same(out));
  return out;
}
// True when `order` puts every element where `rank` says it belongs (0, 1, 2, …).
export const inRank = (rank) => (order) => order.every((x, i) => rank(x) === i);
