/* The question types of the self-checks (and of the review page): one entry each in TYPES;
   the markup comes from generator/rufbereit/render/templates/question_TYPE.html. Scoring
   itself is pure (scoring.mjs): here answers and answer keys are read from the markup. */
import { T } from "./course.mjs";
import { $, $$, el, textOf } from "./dom.mjs";
import { inRank, shuffledUnlike } from "./order.mjs";
import { SCORE } from "./scoring.mjs";
import { fill } from "./util.mjs";

/* ---- question types: one entry each; the markup comes from question_TYPE.html ----
   answer(q): the reader's answer or null; set(q, a): show a stored answer;
   correct(q, a): is it right; feedback: answers name .rb-feedback[data-rb-for] entries;
   shuffle(q, box, all): reorder the answers on load; enter: Enter checks the answer;
   right(q): the right answer in words; mark(q, a, ok): mark every option or row right or
   wrong in place; missing(q, a): what is still to be answered, or null. */
export const type = (q) => q.dataset.rbType;
export const rows = (q) => $$(".rb-item, .rb-pair", q);
export const key = (el) => el.dataset.rbPosition || el.dataset.rbRight;
// Answers are read from the answer fields only (the question also holds the confidence buttons).
const fields = (q) => $(".rb-answers", q);
const picked = (q) => { const c = $("input:checked", fields(q)); return c ? c.value : null; };
const setInputs = (q, a) => { $$("input", fields(q)).forEach((i) => { i.checked = a != null && [].concat(a).indexOf(i.value) >= 0; }); };
const rowAnswer = (q) => {
  const a = {}; let any = false;
  rows(q).forEach((el) => { const v = $("select", el).value; a[key(el)] = v; any = any || !!v; });
  return any ? a : null;
};
const setRows = (q, a) => { rows(q).forEach((el) => { $("select", el).value = (a && a[key(el)]) || ""; }); };
const rowsRight = (q, a) => SCORE.order(a, rows(q).map(key));
const shuffleOptions = (q, box, all) => { if (all) reorder(box, $$(".rb-option", q)); };
/* ---- feedback that teaches ---- */
export const labelOf = (el) => textOf($("label", el));
const optionText = (row, value) => textOf($('option[value="' + CSS.escape(value) + '"]', row));
// Every option, item or row gets a word (not colour alone) saying right or wrong.
export function mark(target, right, extra) {
  let m = $(":scope > .rb-mark", target);
  if (!m) { m = el("span", "rb-mark"); target.appendChild(m); }
  m.textContent = (right ? "✓ " + T.mark_right : "✗ " + T.mark_wrong) + (extra ? " – " + extra : "");
  m.dataset.rbMark = right ? "right" : "wrong";
  target.classList.toggle("rb-marked-right", right);
  target.classList.toggle("rb-marked-wrong", !right);
}
export function unmark(q) {
  $$(".rb-mark", q).forEach((m) => m.remove());
  $$(".rb-marked-right, .rb-marked-wrong", q).forEach((e) => e.classList.remove("rb-marked-right", "rb-marked-wrong"));
}
const optionsRight = (q) => $$(".rb-option[data-rb-correct]", q).map(labelOf).join("; ");
const markOptions = (isRight) => (q, a) => {
  const chosen = a == null ? [] : [].concat(a);
  $$(".rb-option", q).forEach((o) => mark(o, isRight(q, o), chosen.indexOf(o.dataset.rbOption) >= 0 ? T.mark_chosen : ""));
};
const markRows = (shown) => (q, a) => rows(q).forEach((r) => {
  const good = !!a && a[key(r)] === key(r);
  mark(r, good, good ? "" : fill(T.mark_should, { value: shown(r) }));
});
export const isCorrectOption = (q, o) => o.hasAttribute("data-rb-correct");
const rightKeys = (q) => $$(".rb-option[data-rb-correct]", q).map((o) => o.dataset.rbOption);
const unless = (text) => (q, a) => (a == null ? text : null);
const missingRows = (q) => {
  const open = rows(q).filter((r) => !$("select", r).value).map(labelOf);
  return open.length ? fill(T.missing_rows, { rows: open.join("; ") }) : null;
};
const missingPositions = (q) => {
  const by = {};
  rows(q).forEach((r) => { const v = $("select", r).value; (by[v] = by[v] || []).push(labelOf(r)); });
  const twice = Object.keys(by).filter((v) => by[v].length > 1);
  return twice.length ? twice.map((v) => fill(T.duplicate_positions, { position: v, items: by[v].join("; ") })).join(" ") : null;
};
// The one table of question types: how to read, restore, score, explain and mark an answer.
const TYPES = {
  single: { answer: picked, set: setInputs, feedback: true, shuffle: shuffleOptions,
    correct: (q, a) => SCORE.single(a, rightKeys(q)),
    right: optionsRight, mark: markOptions(isCorrectOption), missing: unless(T.missing_choice) },
  multiple: { set: setInputs, feedback: true, shuffle: shuffleOptions,
    answer: (q) => { const a = $$("input:checked", fields(q)).map((i) => i.value).sort(); return a.length ? a : null; },
    correct: (q, a) => SCORE.multiple(a, rightKeys(q)),
    right: optionsRight, mark: markOptions(isCorrectOption), missing: unless(T.missing_multiple) },
  true_false: { answer: picked, set: setInputs, feedback: true, correct: (q, a) => SCORE.true_false(a, q.dataset.rbAnswer),
    right: (q) => T[q.dataset.rbAnswer], mark: markOptions((q, o) => o.dataset.rbOption === q.dataset.rbAnswer),
    missing: unless(T.missing_choice) },
  order: { answer: rowAnswer, set: setRows, correct: rowsRight,
    shuffle: (q, box) => reorder(box, $$(".rb-item", q), (el) => el.dataset.rbPosition - 1),
    right: (q) => rows(q).slice().sort((x, y) => key(x) - key(y)).map(labelOf).join(" → "), mark: markRows(key),
    missing: (q) => missingRows(q) || missingPositions(q) },
  match: { answer: rowAnswer, set: setRows, correct: rowsRight, shuffle: (q) => shuffleChoices(q),
    right: (q) => rows(q).map((r) => labelOf(r) + " → " + optionText(r, key(r))).join("; "),
    mark: markRows((r) => optionText(r, key(r))), missing: missingRows },
  text: { enter: true,
    answer: (q) => { const v = $("input", fields(q)).value; return v.trim() ? v : null; },
    set: (q, a) => { $("input", fields(q)).value = a || ""; },
    correct: (q, a) => {
      const i = $("input", q);
      let accept = [];
      try { accept = JSON.parse(i.dataset.rbAccept); } catch (e) { /* no answers */ }
      return SCORE.text(a, { accept: accept, caseSensitive: i.dataset.rbCaseSensitive === "true" });
    },
    right: (q) => { try { return [].concat(JSON.parse($("input", q).dataset.rbAccept))[0] || ""; } catch (e) { return ""; } },
    mark: (q, a, ok) => mark($(".rb-answers", q), ok), missing: unless(T.missing_text) },
};
export const kind = (q) => TYPES[type(q)] || TYPES.text;

export const answerOf = (q) => kind(q).answer(q);
export const setAnswer = (q, a) => kind(q).set(q, a);
export const isCorrect = (q, a) => a != null && kind(q).correct(q, a);
export const rightAnswer = (q) => kind(q).right(q);
const markAll = (q, a, ok) => kind(q).mark(q, a, ok);
/* After a wrong answer only the reader's own choices are judged, each labelled as theirs
   with its comment; the right answer, every mark and the explanation come with the full
   solution: on request ("Lösung zeigen") or after the second wrong try. */
export const REVEAL_AFTER = 2;
export const optionRight = (q, o) => (type(q) === "true_false" ? o.dataset.rbOption === q.dataset.rbAnswer : isCorrectOption(q, o));
export const isOptions = (q) => !!kind(q).feedback;
function yourChoices(q, a, res) {
  if (a == null) return;
  if (isOptions(q)) {
    [].concat(a).forEach((v) => {
      const o = $('.rb-option[data-rb-option="' + CSS.escape(v) + '"]', q), f = $('.rb-feedback[data-rb-for="' + CSS.escape(v) + '"]', q);
      if (!o) return;
      const box = el("div", "rb-your-choice"), head = el("p", "rb-your-choice-head");
      head.appendChild(el("strong", null, T.your_choice + ": "));
      head.appendChild(document.createTextNode(fill(T.quoted, { text: labelOf(o) }) + " – " + (optionRight(q, o) ? "✓ " + T.mark_right : "✗ " + T.mark_wrong)));
      box.appendChild(head);
      if (f) { const c = f.cloneNode(true); c.hidden = false; box.appendChild(c); }
      res.appendChild(box);
    });
  } else if (type(q) === "text") {
    const head = el("p", "rb-your-choice-head");
    head.appendChild(el("strong", null, T.your_answer + ": "));
    head.appendChild(document.createTextNode(fill(T.quoted, { text: String(a).trim() }) + " – " + (isCorrect(q, a) ? "✓ " + T.mark_right : "✗ " + T.mark_wrong)));
    res.appendChild(head);
  }
}
// A wrong try: what the reader chose is marked, nothing else; the right answer stays unsaid.
function showTry(q, a) {
  const res = $(".rb-result", q);
  if (isOptions(q)) {
    const chosen = [].concat(a);
    $$(".rb-option", q).forEach((o) => { if (chosen.indexOf(o.dataset.rbOption) >= 0) mark(o, optionRight(q, o), T.mark_chosen); });
    const missed = $$(".rb-option", q).some((o) => optionRight(q, o) && chosen.indexOf(o.dataset.rbOption) < 0);
    if (missed && chosen.every((v) => optionRight(q, $('.rb-option[data-rb-option="' + CSS.escape(v) + '"]', q)))) res.appendChild(el("p", "rb-incomplete", T.choice_incomplete));
  } else if (rows(q).length) {
    rows(q).forEach((r) => mark(r, a[key(r)] === key(r)));
    res.appendChild(el("p", "rb-rows-right", fill(T.rows_right, { right: rows(q).filter((r) => a[key(r)] === key(r)).length, total: rows(q).length })));
  } else {
    mark($(".rb-answers", q), false);
  }
  tryButtons(q, true);
}
// A self-check question's own "Nochmal versuchen"/"Lösung zeigen"; the review page has none.
export const tryButtons = (q, shown) => { const box = $(".rb-try", q); if (box) box.hidden = !shown; };
export function showResult(q, a, ok, reveal) {
  const res = $(".rb-result", q);
  res.textContent = "";
  res.className = "rb-result " + (ok ? "rb-correct" : "rb-incorrect");
  q.classList.toggle("rb-is-correct", ok);
  q.classList.toggle("rb-is-incorrect", !ok);
  tryButtons(q, false);
  unmark(q);
  res.appendChild(el("p", "rb-verdict", ok ? T.correct : T.incorrect));
  if (!ok && !reveal) { yourChoices(q, a, res); showTry(q, a); return; }
  if (!ok) {
    const p = el("p", "rb-right-answer"), strong = el("strong", null, T.solution + ": ");
    p.appendChild(strong);
    p.appendChild(document.createTextNode(rightAnswer(q)));
    res.appendChild(p);
    q.dataset.rbRevealed = "1";
  }
  yourChoices(q, a, res);
  const ex = $(".rb-explanation", q);
  if (ex) res.appendChild(ex.cloneNode(true));
  markAll(q, a, ok);
}
// "Nochmal versuchen" on one question: the wrong parts are cleared, the right ones stay.
export function keepRight(q) {
  const a = answerOf(q);
  if (isOptions(q)) $$(".rb-option", q).forEach((o) => { if (!optionRight(q, o)) $("input", o).checked = false; });
  else if (rows(q).length) rows(q).forEach((r) => { if (a && a[key(r)] !== key(r)) $("select", r).value = ""; });
}
// What is still missing before an answer can be checked; null when it is complete.
export const missing = (q) => kind(q).missing(q, answerOf(q));
export function hint(q, text) {
  const res = $(".rb-result", q);
  res.textContent = "";
  res.className = "rb-result rb-hint";
  res.appendChild(el("p", "rb-hint-text", text));
}
export function lock(q, state) {
  if (state) q.dataset.rbChecked = state; else delete q.dataset.rbChecked;
  $$("input, select", q).forEach((i) => { i.disabled = !!state; });
  $(".rb-check", q).hidden = !!state;
  if (!state) {
    const res = $(".rb-result", q);
    res.textContent = ""; res.className = "rb-result";
    q.classList.remove("rb-is-correct", "rb-is-incorrect");
    unmark(q);
    tryButtons(q, false);
    delete q.dataset.rbRevealed;
  }
}

/* ---- ordering ---- */
// `els` in a new order in `parent`; with `rank`, never in the order it gives (the right one).
function reorder(parent, els, rank) {
  if (els.length < 2) return;
  shuffledUnlike(els, rank ? inRank(rank) : () => false).forEach((e) => parent.appendChild(e));
}
export function shuffle(quiz, only) {
  const all = quiz.dataset.rbShuffle === "true";
  (only || $$(".rb-question", quiz)).forEach((q) => {
    const shuffleOne = kind(q).shuffle;
    if (shuffleOne) shuffleOne(q, $(".rb-answers", q), all);
  });
}
// Match: the same new order of the right-hand values in every row's list.
function shuffleChoices(q) {
  const first = $$(".rb-pair select", q)[0];
  if (!first) return;
  const values = shuffledUnlike($$("option", first).map((o) => o.value).filter((v) => v !== ""), inRank(Number));
  $$(".rb-pair select", q).forEach((s) => {
    values.forEach((v) => { const o = $('option[value="' + CSS.escape(v) + '"]', s); if (o) s.appendChild(o); });
  });
}

