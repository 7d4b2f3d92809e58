/* Rufbereit: self-checks, progress and status. Plain script, no library.
   Reads the data-rb-* markup written by generator/templates and keeps progress in
   localStorage under one versioned key per course. */
(() => {
  "use strict";
  const R = window.RUFBEREIT || {}, T = R.texts || {}, KEY = "rufbereit:v1:" + R.course;
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  let data = null, storageOk = true;

  const fresh = () => ({ course: R.course, version: 1, modules: {} });
  const isObj = (o) => !!o && typeof o === "object" && !Array.isArray(o);
  const valid = (d) => isObj(d) && d.course === R.course && isObj(d.modules);
  // Keep only well-formed module entries (files may come from elsewhere).
  const clean = (d) => {
    Object.keys(d.modules).forEach((id) => {
      const m = d.modules[id];
      if (!isObj(m)) delete d.modules[id];
      else ["questions", "checklists", "notes", "calls"].forEach((k) => { if (!isObj(m[k])) delete m[k]; });
    });
    return d;
  };
  const today = () => { const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); };
  const showDate = (iso) => { const p = String(iso).split("-"); const d = new Date(+p[0], p[1] - 1, +p[2]); return isNaN(d) ? "–" : d.toLocaleDateString(R.language); };

  function read() {
    let raw;
    try {
      raw = localStorage.getItem(KEY);
      localStorage.setItem(KEY + ":test", "1");
      localStorage.removeItem(KEY + ":test");
      storageOk = true;
    } catch (e) {
      storageOk = false;
      data = data || fresh();   // keep what we have in memory (instant navigation)
      return;
    }
    let d;
    try { d = JSON.parse(raw); } catch (e) { d = null; }
    data = valid(d) ? clean(d) : fresh();
  }
  function write() {
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { storageOk = false; notice(); }
    // Other scripts (practice calls, the LMS bridge) follow every change through this event.
    document.dispatchEvent(new CustomEvent("rufbereit:saved", { detail: data }));
  }
  const notice = () => { if (!storageOk) $$(".rb-storage-notice").forEach((n) => { n.hidden = false; }); };
  const mod = (id) => { const m = data.modules[id] || (data.modules[id] = {}); m.questions = m.questions || {}; return m; };

  /* ---- question types: one entry each; the markup comes from question_TYPE.html ----
     answer(q): the reader's answer or null; set(q, a): show a stored answer;
     correct(q, a): is it right; feedback: answers name .rb-feedback[data-rb-for] entries;
     shuffle(q, box, all): reorder the answers on load; enter: Enter checks the answer. */
  const type = (q) => q.dataset.rbType;
  const rows = (q) => $$(".rb-item, .rb-pair", q);
  const key = (el) => el.dataset.rbPosition || el.dataset.rbRight;
  const norm = (s, cs) => { s = String(s).trim().replace(/\s+/g, " "); return cs ? s : s.toLocaleLowerCase(); };
  const picked = (q) => { const c = $("input:checked", q); return c ? c.value : null; };
  const setInputs = (q, a) => { $$("input", q).forEach((i) => { i.checked = a != null && [].concat(a).indexOf(i.value) >= 0; }); };
  const rowAnswer = (q) => {
    const a = {}; let any = false;
    rows(q).forEach((el) => { const v = $("select", el).value; a[key(el)] = v; any = any || !!v; });
    return any ? a : null;
  };
  const setRows = (q, a) => { rows(q).forEach((el) => { $("select", el).value = (a && a[key(el)]) || ""; }); };
  const rowsRight = (q, a) => rows(q).every((el) => a[key(el)] === key(el));
  const shuffleOptions = (q, box, all) => { if (all) reorder(box, $$(".rb-option", q)); };
  const TYPES = {
    single: { answer: picked, set: setInputs, feedback: true, shuffle: shuffleOptions,
      correct: (q, a) => !!$('.rb-option[data-rb-option="' + CSS.escape(a) + '"][data-rb-correct]', q) },
    multiple: { set: setInputs, feedback: true, shuffle: shuffleOptions,
      answer: (q) => { const a = $$("input:checked", q).map((i) => i.value).sort(); return a.length ? a : null; },
      correct: (q, a) => $$(".rb-option[data-rb-correct]", q).map((o) => o.dataset.rbOption).sort().join() === [].concat(a).join() },
    true_false: { answer: picked, set: setInputs, feedback: true, correct: (q, a) => a === q.dataset.rbAnswer },
    order: { answer: rowAnswer, set: setRows, correct: rowsRight,
      shuffle: (q, box) => reorder(box, $$(".rb-item", q), (el) => el.dataset.rbPosition - 1) },
    match: { answer: rowAnswer, set: setRows, correct: rowsRight, shuffle: (q) => shuffleChoices(q) },
    text: { enter: true,
      answer: (q) => { const v = $("input", q).value; return v.trim() ? v : null; },
      set: (q, a) => { $("input", q).value = a || ""; },
      correct: (q, a) => {
        const i = $("input", q), cs = i.dataset.rbCaseSensitive === "true";
        let accept = [];
        try { accept = JSON.parse(i.dataset.rbAccept); } catch (e) { /* no answers */ }
        return accept.some((x) => norm(x, cs) === norm(a, cs));
      } },
  };
  const kind = (q) => TYPES[type(q)] || TYPES.text;

  const answerOf = (q) => kind(q).answer(q);
  const setAnswer = (q, a) => kind(q).set(q, a);
  const isCorrect = (q, a) => a != null && kind(q).correct(q, a);
  function showResult(q, a, ok) {
    const res = $(".rb-result", q);
    res.textContent = "";
    res.className = "rb-result " + (ok ? "rb-correct" : "rb-incorrect");
    q.classList.toggle("rb-is-correct", ok);
    q.classList.toggle("rb-is-incorrect", !ok);
    const p = document.createElement("p");
    p.className = "rb-verdict";
    p.textContent = ok ? T.correct : T.incorrect;
    res.appendChild(p);
    const chosen = a != null && kind(q).feedback ? [].concat(a) : [];
    chosen.forEach((v) => {
      const f = $('.rb-feedback[data-rb-for="' + CSS.escape(v) + '"]', q);
      if (f) { const c = f.cloneNode(true); c.hidden = false; res.appendChild(c); }
    });
    const ex = $(".rb-explanation", q);
    if (ex) res.appendChild(ex.cloneNode(true));
  }
  function lock(q, state) {
    if (state) q.dataset.rbChecked = state; else delete q.dataset.rbChecked;
    $$("input, select", q).forEach((i) => { i.disabled = !!state; });
    $(".rb-check", q).hidden = !!state;
    if (!state) {
      const res = $(".rb-result", q);
      res.textContent = ""; res.className = "rb-result";
      q.classList.remove("rb-is-correct", "rb-is-incorrect");
    }
  }

  /* ---- ordering ---- */
  function shuffled(list) {
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  }
  function reorder(parent, els, rank) {
    if (els.length < 2) return;
    let order;
    do { order = shuffled(els); } while (rank && order.every((el, i) => rank(el) === i));
    order.forEach((el) => parent.appendChild(el));
  }
  function shuffle(quiz) {
    const all = quiz.dataset.rbShuffle === "true";
    $$(".rb-question", quiz).forEach((q) => {
      const shuffleOne = kind(q).shuffle;
      if (shuffleOne) shuffleOne(q, $(".rb-answers", q), all);
    });
  }
  // Match: the same new order of the right-hand values in every row's list.
  function shuffleChoices(q) {
    const first = $$(".rb-pair select", q)[0];
    if (!first) return;
    let values = $$("option", first).map((o) => o.value).filter((v) => v !== "");
    if (values.length < 2) return;
    do { values = shuffled(values); } while (values.every((v, i) => +v === i));
    $$(".rb-pair select", q).forEach((s) => {
      values.forEach((v) => { const o = $('option[value="' + CSS.escape(v) + '"]', s); if (o) s.appendChild(o); });
    });
  }

  /* ---- quiz ---- */
  function summary(quiz, live) {
    const qs = $$(".rb-question", quiz), out = $(".rb-summary", quiz), retry = $(".rb-retry", quiz);
    out.textContent = ""; out.className = "rb-summary";
    if (!qs.length || qs.some((q) => !q.dataset.rbChecked)) { retry.hidden = true; return; }
    const right = qs.filter((q) => q.dataset.rbChecked === "right").length;
    const pct = Math.round((right * 100) / qs.length), pass = pct >= +quiz.dataset.rbPassMark;
    const line = document.createElement("p"), verdict = document.createElement("strong");
    line.textContent = T.summary.replace("{right}", right).replace("{total}", qs.length).replace("{percent}", pct) + " – ";
    verdict.textContent = pass ? T.passed : T.failed;
    line.appendChild(verdict);
    out.appendChild(line);
    out.classList.add(pass ? "rb-passed" : "rb-failed");
    retry.hidden = false;
    if (live) {
      const m = mod(quiz.dataset.rbModule);
      m.best = Math.max(m.best || 0, pct);
      m.passed = !!m.passed || pass;
      m.date = today();
      if (pass) m.passedDate = m.date;
      write();
    }
  }
  function check(quiz, q) {
    const a = answerOf(q), ok = isCorrect(q, a), m = mod(quiz.dataset.rbModule);
    showResult(q, a, ok);
    lock(q, ok ? "right" : "wrong");
    m.questions[q.dataset.rbQuestion] = { hash: q.dataset.rbHash, answer: a, correct: ok };
    m.date = today();
    write();
    const res = $(".rb-result", q);
    res.tabIndex = -1;
    res.focus();   // the button is gone; keep keyboard users at the result
    summary(quiz, true);
    status();
  }
  function retry(quiz) {
    const m = mod(quiz.dataset.rbModule);
    m.questions = {};
    write();
    $$(".rb-question", quiz).forEach((q) => { lock(q, null); setAnswer(q, null); });
    shuffle(quiz);
    summary(quiz, false);
    status();
    const first = $(".rb-question input, .rb-question select", quiz);
    if (first) first.focus();
  }
  function initQuiz(quiz) {
    if (quiz.dataset.rbReady) return;
    quiz.dataset.rbReady = "1";
    const m = data.modules[quiz.dataset.rbModule];
    let dirty = false;
    $$(".rb-question", quiz).forEach((q) => {
      $(".rb-solution", q).hidden = true;
      const btn = $(".rb-check", q);
      btn.hidden = false;
      btn.addEventListener("click", () => check(quiz, q));
      if (kind(q).enter) $("input", q).addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); check(quiz, q); } });
    });
    $(".rb-retry", quiz).addEventListener("click", () => retry(quiz));
    shuffle(quiz);
    $$(".rb-question", quiz).forEach((q) => {
      const id = q.dataset.rbQuestion, s = m && m.questions && m.questions[id];
      if (!s) return;
      if (s.hash !== q.dataset.rbHash) { delete m.questions[id]; dirty = true; return; }
      setAnswer(q, s.answer);
      const ok = isCorrect(q, s.answer);
      showResult(q, s.answer, ok);
      lock(q, ok ? "right" : "wrong");
    });
    if (dirty) write();
    summary(quiz, false);
  }

  /* ---- checklists and notes ---- */
  function initNotes(id) {
    const m = data.modules[id] || {};
    $$("[data-rb-checklist]").forEach((list) => {
      if (list.dataset.rbReady) return;
      list.dataset.rbReady = "1";
      const k = list.dataset.rbChecklist, ticks = (m.checklists || {})[k] || [];
      $$("input[data-rb-item]", list).forEach((cb) => {
        cb.checked = ticks.indexOf(cb.dataset.rbItem) >= 0;
        cb.addEventListener("change", () => {
          const mm = mod(id);
          (mm.checklists = mm.checklists || {})[k] = $$("input[data-rb-item]:checked", list).map((c) => c.dataset.rbItem);
          write(); status();
        });
      });
    });
    $$("textarea[data-rb-note]").forEach((area) => {
      if (area.dataset.rbReady) return;
      area.dataset.rbReady = "1";
      const k = area.dataset.rbNote;
      area.value = (m.notes || {})[k] || "";
      area.addEventListener("input", () => { const mm = mod(id); (mm.notes = mm.notes || {})[k] = area.value; write(); });
    });
  }

  /* ---- status ---- */
  const INFO = {};
  (R.modules || []).forEach((m) => { INFO[m.id] = m; });
  // A module is passed when its quiz (m.passed) and every practice call are passed; one
  // with neither counts once the reader marked it read.
  function passed(id) {
    const m = data.modules[id], info = INFO[id] || {}, calls = info.calls || [];
    if (!m) return false;
    if (!info.quiz && !calls.length) return !!m.read;
    return (!info.quiz || !!m.passed) && calls.every((c) => !!(m.calls && isObj(m.calls[c]) && m.calls[c].passed));
  }
  function state(id) {
    const m = data.modules[id];
    if (!m) return ["not-started", T.status_not_started];
    if (passed(id)) return ["passed", (INFO[id] || {}).quiz === false ? T.status_passed : T.status_passed + " (" + (m.best || 0) + " %)"];
    const some = (o) => !!o && Object.keys(o).some((k) => { const v = o[k]; return Array.isArray(v) ? v.length : !!v; });
    if (some(m.questions) || m.best != null || some(m.checklists) || some(m.notes) || some(m.calls)) return ["started", T.status_started];
    return ["not-started", T.status_not_started];
  }
  function status() {
    $$("[data-rb-status]").forEach((el) => {
      const s = state(el.dataset.rbStatus);
      el.textContent = (el.tagName === "TD" ? "" : T.status_label + ": ") + s[1];
      el.dataset.rbState = s[0];
      el.hidden = false;
    });
    $$("a.md-nav__link").forEach((a) => {
      const hit = /module\/([^/]+)\/$/.exec(a.pathname || "");
      if (!hit || a.hash || a.origin !== location.origin) return;   // not table-of-contents links
      const s = state(decodeURIComponent(hit[1]));
      let badge = $(".rb-nav-status", a);
      if (s[0] === "not-started") { if (badge) badge.remove(); return; }
      if (!badge) { badge = document.createElement("span"); badge.className = "rb-nav-status"; a.appendChild(badge); }
      badge.textContent = s[0] === "passed" ? T.status_passed : T.status_started;
      badge.dataset.rbState = s[0];
    });
    $$("tr[data-rb-module]").forEach((tr) => {
      const m = data.modules[tr.dataset.rbModule] || {};
      $("[data-rb-best]", tr).textContent = m.best != null ? m.best + " %" : "–";
      $("[data-rb-date]", tr).textContent = m.date ? showDate(m.date) : "–";
    });
  }

  /* ---- progress page ---- */
  function initProgress(box) {
    if (box.dataset.rbReady) return;
    box.dataset.rbReady = "1";
    const say = (text) => { $(".rb-progress-message", box).textContent = text; };
    $(".rb-progress-actions", box).hidden = false;
    $('[data-rb-action="save"]', box).addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      a.download = "rufbereit-" + R.course + ".json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    });
    const input = $('[data-rb-action="load"]', box);
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then((text) => {
        let d;
        try { d = JSON.parse(text); } catch (e) { d = null; }
        if (valid(d)) { data = clean(d); write(); say(T.load_done); } else say(T.load_failed);
      }, () => say(T.load_failed)).then(() => { input.value = ""; status(); });
    });
    $('[data-rb-action="reset"]', box).addEventListener("click", () => {
      if (!window.confirm(T.reset_confirm)) return;
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      data = fresh();
      say(T.reset_done);
      status();
    });
  }

  /* The one seam for other scripts (practice calls, the LMS bridge): they read and change
     a module's stored entry, then save; status and listeners follow. */
  window.Rufbereit = {
    module: (id) => mod(id),
    passed: (id) => passed(id),
    data: () => data,
    replace: (d) => { if (valid(d)) { data = clean(d); write(); status(); } },
    save: () => { write(); status(); },
  };

  function init() {
    if (!R.course) return;
    read();
    notice();
    $$("[data-rb-quiz]").forEach(initQuiz);
    const page = $(".rb-module[data-rb-module]");
    if (page) initNotes(page.dataset.rbModule);
    $$("[data-rb-progress]").forEach(initProgress);
    status();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
