/* Rufbereit: spaced review and "how sure are you?". Plain script; the scheduler is FSRS
   (ts-fsrs with its default weights, bundled into assets/vendor/fsrs.min.js).

   Every question a reader checks gets a schedule in the learner record:
   modules[<module>].review[<question>] = the FSRS card (due, stability, difficulty, …) plus
   hash (the question's answer key when it was scheduled), correct, confidence and streak.
   Ratings: wrong → Again; right but guessed → Hard; right, or fairly sure → Good; right and
   sure → Easy. No same-day learning steps: a course is read over days, so the shortest
   interval is one day, except for a confident error (sure but wrong), which comes back the
   same day. Days are the reader's calendar days, kept as noon UTC of that day so that FSRS
   counts whole days. Reviews never touch a module's answers or pass result.
   The pure part (rating, schedule, dueList, nextDue, known) also runs under Node for tests. */
(() => {
  "use strict";
  const root = typeof window === "object" ? window : globalThis;
  const F = root.RufbereitFSRS;
  const scheduler = F ? F.fsrs(F.generatorParameters({ enable_fuzz: false, learning_steps: [], relearning_steps: [] })) : null;
  const CARD = ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state", "last_review"];
  const isObj = (o) => !!o && typeof o === "object" && !Array.isArray(o);
  // A calendar day (YYYY-MM-DD, the reader's local day as rufbereit.js's `today`) as FSRS's clock.
  const noon = (day) => new Date(day + "T12:00:00Z");
  const dayOf = (iso) => String(iso).slice(0, 10);

  /* ---- the pure part ---- */
  const rating = (correct, confidence) => (!correct ? 1 : confidence === "guess" ? 2 : confidence === "sure" ? 4 : 3);
  function toCard(entry, now) {
    if (!isObj(entry) || typeof entry.due !== "string") return F.createEmptyCard(now);
    const card = {};
    CARD.forEach((k) => { card[k] = entry[k]; });
    card.due = new Date(entry.due);
    card.last_review = entry.last_review ? new Date(entry.last_review) : undefined;
    card.learning_steps = entry.learning_steps || 0;
    return card;
  }
  // The entry after one answer on `day`. A changed answer key (hash) starts a new schedule.
  function schedule(entry, answer, day) {
    const now = noon(day);
    const fresh = !isObj(entry) || entry.hash !== answer.hash;
    const card = scheduler.next(toCard(fresh ? null : entry, now), now, rating(answer.correct, answer.confidence)).card;
    const out = {};
    CARD.forEach((k) => { const v = card[k]; if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : v; });
    if (!answer.correct && answer.confidence === "sure") out.due = now.toISOString();
    out.hash = answer.hash;
    out.correct = !!answer.correct;
    if (answer.confidence) out.confidence = answer.confidence;
    out.streak = answer.correct ? (fresh ? 0 : entry.streak || 0) + 1 : 0;
    return out;
  }
  const STAMP = /^\d{4}-\d{2}-\d{2}T/;
  const readable = (e) => isObj(e) && typeof e.due === "string" && STAMP.test(e.due) && Object.keys(e).every((k) => KNOWN.indexOf(k) >= 0);
  const KNOWN = CARD.concat(["hash", "correct", "confidence", "streak"]);
  const entries = (record, id) => {
    const m = isObj(record) && isObj(record.modules) ? record.modules[id] : null;
    const r = isObj(m) && isObj(m.review) ? m.review : {};
    return Object.keys(r).filter((q) => isObj(r[q]) && STAMP.test(r[q].due)).map((q) => [q, r[q]]);
  };
  // Due on or before `today` (YYYY-MM-DD), interleaved: one question of each module in turn,
  // oldest first within a module, so that similar questions do not come in a block.
  function dueList(record, moduleIds, today) {
    const lists = moduleIds.map((id) => entries(record, id).filter(([, e]) => dayOf(e.due) <= today)
      .sort((a, b) => (a[1].due < b[1].due ? -1 : a[1].due > b[1].due ? 1 : 0)).map(([q, e]) => ({ module: id, question: q, due: e.due })));
    const out = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) lists.forEach((l) => { if (i < l.length) out.push(l[i]); });
    return out;
  }
  // The earliest due date of all schedules, or null when nothing is scheduled.
  const nextDue = (record, moduleIds) => moduleIds.flatMap((id) => entries(record, id).map(([, e]) => e.due)).sort()[0] || null;
  // "Sicher gewusst": right twice in a row, the last time not guessed.
  const known = (record, id) => entries(record, id).filter(([, e]) => e.streak >= 2 && e.confidence !== "guess").length;

  const core = { rating, schedule, dueList, nextDue, known };
  if (typeof document === "undefined") { root.RufbereitReview = core; return; }

  /* ---- the page ---- */
  const R = root.RUFBEREIT || {}, T = R.texts || {}, S = R.review || {};
  const RB = () => root.Rufbereit;
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  const fill = (s, p) => String(s || "").replace(/\{(\w+)\}/g, (m, k) => (p && k in p ? p[k] : m));
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
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
    const rb = RB(), m = rb.module(moduleId), id = q.dataset.rbQuestion, confidence = confidenceOf(q);
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
    const data = RB().data();
    $$(".rb-quiz[data-rb-module] .rb-question").forEach((q) => {
      const m = data.modules[q.closest(".rb-quiz").dataset.rbModule] || {}, s = (m.questions || {})[q.dataset.rbQuestion];
      addConfidence(q, isObj(s) ? s.confidence : undefined);
    });
  }

  // Home page: "5 Fragen fällig · etwa 3 Min.", or when the next one is due.
  function initDue(box) {
    const data = RB().data(), due = dueList(data, moduleIds(), RB().today()), next = nextDue(data, moduleIds());
    if (!next) return;
    const link = $("a", box);
    if (due.length) link.textContent = fill(due.length === 1 ? T.review_due_one : T.review_due_many, { count: due.length, minutes: minutes(due.length) });
    else { box.textContent = fill(T.review_next_date, { date: showDate(next) }); }
    box.hidden = false;
  }

  function fillKnown(page) {
    const data = RB().data();
    $$("tr[data-rb-known-module]", page).forEach((row) => {
      $("[data-rb-known]", row).textContent = fill(T.review_known_count, { known: known(data, row.dataset.rbKnownModule), total: row.dataset.rbQuestions });
    });
    $("[data-rb-review-known]", page).hidden = !nextDue(data, moduleIds());
  }

  // The review page: today's due questions, one at a time, in the self-check's markup.
  function initReview(page) {
    const rb = RB(), data = rb.data(), status = $("[data-rb-review-status]", page), session = $("[data-rb-review-session]", page);
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

  function init() {
    const rb = RB();
    if (!rb || !R.course || !scheduler || !S.enabled && !S.confidence) return;
    rb.review = core;
    initQuizzes();
    $$("[data-rb-review-due]").forEach(initDue);
    $$("[data-rb-review]").forEach(initReview);
  }
  if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
