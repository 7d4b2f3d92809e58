// Scoring, pure: whether an answer is right for each question type, a self-check's result and
// a practice call's. The page reads answers and answer keys from the markup (questions.mjs).

// Text answers compare trimmed, with inner white space as one blank, and (unless
// case-sensitive) in lower case.
export const norm = (s, cs) => { s = String(s).trim().replace(/\s+/g, " "); return cs ? s : s.toLocaleLowerCase(); };

// One function per question type: (answer, key) -> right?
export const SCORE = {
  // answer: one option key; key: the keys of the right options
  single: (a, right) => right.indexOf(a) >= 0,
  // answer: the chosen keys, sorted; key: the keys of the right options
  multiple: (a, right) => right.slice().sort().join() === [].concat(a).join(),
  // answer: "true" or "false"; key: the right one
  true_false: (a, right) => a === right,
  // answer: {row key: chosen value}; key: the row keys (each row's right value is its key)
  order: (a, rows) => rows.every((k) => a[k] === k),
  match: (a, rows) => rows.every((k) => a[k] === k),
  // answer: the typed text; key: {accept: [texts], caseSensitive}
  text: (a, key) => key.accept.some((x) => norm(x, key.caseSensitive) === norm(a, key.caseSensitive)),
};

// A self-check's result: percent (rounded), passed, and how many right answers passing needs.
export function quizResult(right, total, passMark) {
  const percent = Math.round((right * 100) / total);
  return { percent, passed: percent >= passMark, needed: Math.ceil((passMark * total) / 100 - 1e-9) };
}

// A practice call is passed with a successful ending and at least `pass` points.
export const callPassed = (outcome, score, pass) => outcome === "success" && score >= pass;
// Whether a new run replaces the stored one: a passed run beats any failed one; among
// equals the higher score counts.
export const betterRun = (old, score, passed) =>
  !old || typeof old.best !== "number" || (passed && !old.passed) || (passed === !!old.passed && score > old.best);
