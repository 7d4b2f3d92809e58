/* Rufbereit: spaced review and "how sure are you?" on the pages: the confidence buttons of the
   self-checks, the due line of the home page and the review page. The schedule itself is
   pure (review-core.mjs). */
import { R, T } from "./course.mjs";
import { $, $$, el } from "./dom.mjs";
import { dueList, known, nextDue, readable, schedule } from "./review-core.mjs";
import { api } from "./site.mjs";
import { dayOf, fill, isObj } from "./util.mjs";

const S = R.review || {};
const moduleIds = () => (R.modules || []).map((m) => m.id);
const showDate = (iso) => { const [y, m, d] = dayOf(iso).split("-").map(Number); return new Date(y, m - 1, d).toLocaleDateString(R.language, { weekday: "long", day: "numeric", month: "long" }); };
const minutes = (count) => Math.max(1, Math.ceil(count / 2));   // about 30 seconds a question
const LEVELS = [["sure", "confidence_sure"], ["unsure", "confidence_unsure"], ["guess", "confidence_guess"]];

// "Wie sicher bist du?": three radio buttons in their own group, shown once an answer is chosen.
function addConfidence(q, stored) {
  if (!S.confidence || $(".rb-confidence", q)) return;
  const box = el("fieldset", "rb-confidence");
  box.appendChild(el("legend", null, T.confidence_legend));
  LEVELS.forEach(([value, label]) => {
    const id = q.id + "-confidence-" + value, input = el("input"), lab = el("label", null, T[label]);
    input.type = "radio"; input.name = q.id + "-confidence"; input.value = value; input.id = id;
    input.checked = stored === value;
    lab.htmlFor = id;
    const row = el("span", "rb-confidence-choice");
    row.append(input, lab);
    box.appendChild(row);
  });
  box.hidden = !stored && !q.dataset.rbChecked && !$(".rb-answers input:checked", q);
  box.querySelectorAll("input").forEach((i) => { i.disabled = !!q.dataset.rbChecked; });
  q.insertBefore(box, $(".rb-check", q));
  // Shown while the answer is given (typing included), so that "Prüfen" never moves under the pointer.
  const reveal = (e) => { if (!box.contains(e.target)) box.hidden = false; };
  q.addEventListener("input", reveal);
  q.addEventListener("change", reveal);
}
const confidenceOf = (q) => { const c = $(".rb-confidence input:checked", q); return c ? c.value : undefined; };

// One checked answer into the record: its confidence, and its schedule.
function keep(moduleId, q, correct, inModule) {
  const rb = api, m = rb.module(moduleId), id = q.dataset.rbQuestion, confidence = confidenceOf(q);
  if (inModule && confidence && isObj(m.questions[id])) m.questions[id].confidence = confidence;
  m.review = isObj(m.review) ? m.review : {};
  // A schedule this script cannot read (written by a newer page) is kept as it is.
  const foreign = m.review[id] !== undefined && !readable(m.review[id]);
  if (S.enabled && !foreign) {
    m.review[id] = schedule(m.review[id], { correct: correct, confidence: confidence, hash: q.dataset.rbHash }, rb.today());
  }
  rb.save();
  if (!correct && confidence === "sure") {
    // In the self-check the solution waits for a second try; on the review page it is shown.
    const p = el("p", "rb-sure-wrong");
    p.appendChild(el("strong", null, inModule ? T.confidence_sure_wrong_retry : fill(T.confidence_sure_wrong, { answer: rb.question.right(q) })));
    $(".rb-result", q).appendChild(p);
  }
}
document.addEventListener("rufbereit:answer", (e) => {
  const d = e.detail || {};
  const q = $('.rb-quiz[data-rb-module="' + CSS.escape(d.module) + '"] .rb-question[data-rb-question="' + CSS.escape(d.question) + '"]');
  if (q) keep(d.module, q, !!d.correct, true);
});

function initQuizzes() {
  const data = api.data();
  $$(".rb-quiz[data-rb-module] .rb-question").forEach((q) => {
    const m = data.modules[q.closest(".rb-quiz").dataset.rbModule] || {}, s = (m.questions || {})[q.dataset.rbQuestion];
    addConfidence(q, isObj(s) ? s.confidence : undefined);
  });
}

// Home page: "5 Fragen fällig · etwa 3 Min.", or when the next one is due.
function initDue(box) {
  const data = api.data(), due = dueList(data, moduleIds(), api.today()), next = nextDue(data, moduleIds());
  if (!next) return;
  const link = $("a", box);
  if (due.length) link.textContent = fill(due.length === 1 ? T.review_due_one : T.review_due_many, { count: due.length, minutes: minutes(due.length) });
  else { box.textContent = fill(T.review_next_date, { date: showDate(next) }); }
  box.hidden = false;
}

function fillKnown(page) {
  const data = api.data();
  $$("tr[data-rb-known-module]", page).forEach((row) => {
    $("[data-rb-known]", row).textContent = fill(T.review_known_count, { known: known(data, row.dataset.rbKnownModule), total: row.dataset.rbQuestions });
  });
  $("[data-rb-review-known]", page).hidden = !nextDue(data, moduleIds());
}

// The review page: today's due questions, one at a time, in the self-check's markup.
function initReview(page) {
  const rb = api, data = rb.data(), status = $("[data-rb-review-status]", page), session = $("[data-rb-review-session]", page);
  const next = $("[data-rb-review-next]", page), bank = $(".rb-review-bank", page);
  const items = {};
  $$(".rb-review-item", bank).forEach((item) => { const q = $(".rb-question", item); items[item.dataset.rbModule + "/" + q.dataset.rbQuestion] = item; });
  // A schedule whose question is gone or whose answer key changed starts anew in its module.
  let dropped = false;
  const due = dueList(data, moduleIds(), rb.today()).filter((d) => {
    const item = items[d.module + "/" + d.question];
    if (item && $(".rb-question", item).dataset.rbHash === data.modules[d.module].review[d.question].hash) return true;
    delete data.modules[d.module].review[d.question];
    dropped = true;
    return false;
  });
  if (dropped) rb.save();
  let index = -1, right = 0;
  const finish = () => {
    const when = nextDue(rb.data(), moduleIds());
    const after = when ? fill(T.review_next_date, { date: showDate(when) }) : "";
    status.textContent = index < 0 ? (when ? after : T.review_nothing_yet) : fill(T.review_done, { right: right, total: due.length, next: after });
    next.hidden = true;
    fillKnown(page);
  };
  const show = () => {
    $$(".rb-review-item", session).forEach((item) => bank.appendChild(item));   // back, ids stay unique
    index += 1;
    if (index >= due.length) return finish();
    const d = due[index], item = items[d.module + "/" + d.question], q = $(".rb-question", item);
    rb.question.lock(q, null);
    rb.question.set(q, null);
    rb.question.shuffle(q, true);
    $(".rb-solution", q).hidden = true;
    $(".rb-question-number", q).textContent = fill(T.review_progress, { number: index + 1, total: due.length });
    const confidence = $(".rb-confidence", q);
    if (confidence) { confidence.hidden = true; $$("input", confidence).forEach((i) => { i.checked = false; }); }
    session.appendChild(item);
    wire(d, q);
    status.textContent = "";
    next.hidden = true;
    const legend = $("legend", q);
    legend.tabIndex = -1;
    legend.focus();
  };
  const wire = (d, q) => {
    addConfidence(q);
    const btn = $(".rb-check", q);
    btn.hidden = false;
    btn.addEventListener("click", () => {
      const gap = rb.question.missing(q);
      if (gap) return rb.question.hint(q, gap);
      const a = rb.question.answer(q), ok = rb.question.correct(q, a);
      rb.question.show(q, a, ok, true);
      rb.question.lock(q, ok ? "right" : "wrong");
      if (ok) right += 1;
      keep(d.module, q, ok, false);
      next.hidden = false;
      next.focus();
    });
  };
  next.addEventListener("click", show);
  if (due.length) show(); else finish();
}

export function init() {
  if (!R.course || !S.enabled && !S.confidence) return;
  initQuizzes();
  $$("[data-rb-review-due]").forEach(initDue);
  $$("[data-rb-review]").forEach(initReview);
}
