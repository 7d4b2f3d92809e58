/* Rufbereit: self-checks, progress and status. Plain script, no library.
   Reads the data-rb-* markup written by generator/templates and keeps progress in
   localStorage under one versioned key per course. */
(() => {
  "use strict";
  const R = window.RUFBEREIT || {}, T = R.texts || {}, KEY = "rufbereit:v1:" + R.course;
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  let data = null, storageOk = true;

  const VERSION = 2;
  const fresh = () => ({ course: R.course, version: VERSION, modules: {} });
  const isObj = (o) => !!o && typeof o === "object" && !Array.isArray(o);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);   // never a key of Object.prototype
  const valid = (d) => isObj(d) && d.course === R.course && isObj(d.modules);
  const fill = (s, p) => String(s || "").replace(/\{(\w+)\}/g, (m, k) => (p && k in p ? p[k] : m));
  // "Today" for every script of the site: the reader's local date, YYYY-MM-DD.
  const today = () => { const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); };

  /* ---- reading the record: the JSON Schema of generator/rufbereit/content/record.py (shipped
     in course.js as recordSchema, and as assets/record.schema.json) walked as `salvage` in
     record.py walks it. A value that breaks the schema is dropped alone (its path noted), a
     key nobody knows is kept, a record of a newer version is kept as it is. */
  const SCHEMA = R.recordSchema || {}, DEFS = SCHEMA.$defs || {}, DAY = /^\d{4}-\d{2}-\d{2}$/;
  const SCALAR = {
    string: (v) => typeof v === "string", boolean: (v) => typeof v === "boolean", null: (v) => v === null,
    integer: (v) => Number.isInteger(v), number: (v) => typeof v === "number" && isFinite(v), undefined: () => true,
  };
  const PATTERNS = new Map();   // compiled once: a record is read on every save
  const pattern = (p) => PATTERNS.get(p) || PATTERNS.set(p, new RegExp(p)).get(p);
  function scalarOk(n, v) {
    if (!SCALAR[n.type] || !SCALAR[n.type](v)) return false;
    if ("const" in n && v !== n.const) return false;
    if (n.enum && n.enum.indexOf(v) < 0) return false;
    if (typeof v === "string" && (v.length > (n.maxLength ?? Infinity) || v.length < (n.minLength || 0) ||
        (n.pattern && !pattern(n.pattern).test(v)))) return false;
    return typeof v !== "number" || (v >= (n.minimum ?? -Infinity) && v <= (n.maximum ?? Infinity));
  }
  // [fits, value kept]; `dropped` collects the path of every value left out.
  function salvage(n, v, where, dropped) {
    if (n.$ref) n = DEFS[n.$ref.split("/").pop()] || {};
    const drop = () => { dropped.push(where || "/"); return [false, null]; };
    if (n.anyOf) return n.anyOf.some((b) => { const inner = []; return salvage(b, v, where, inner)[0] && !inner.length; }) ? [true, v] : drop();
    if (n.type === "array") {
      if (!Array.isArray(v) || v.length > (n.maxItems ?? Infinity)) return drop();
      return [true, v.map((x, i) => salvage(n.items || {}, x, where + "/" + i, dropped)).filter((r) => r[0]).map((r) => r[1])];
    }
    if (n.type !== "object") return scalarOk(n, v) ? [true, v] : drop();
    if (!isObj(v) || Object.keys(v).length > (n.maxProperties ?? Infinity)) return drop();
    const known = n.properties || {}, extra = n.additionalProperties, out = {};
    Object.keys(v).forEach((k) => {
      // "__proto__" would become the object's prototype when copied: never a key of ours.
      const r = k === "__proto__" ? (dropped.push(where + "/" + k), [false]) : own(known, k) ? salvage(known[k], v[k], where + "/" + k, dropped)
        : !isObj(extra) ? [true, v[k]]   // unknown: kept as it is
        : scalarOk(n.propertyNames || {}, k) ? salvage(extra, v[k], where + "/" + k, dropped)
        : (dropped.push(where + "/" + k), [false]);
      if (r[0]) out[k] = r[1];
    });
    return (n.required || []).every((k) => k in out) ? [true, out] : drop();
  }
  // Version 1 stored ticks by position: the course names each checklist's item ids in order.
  function migrate(d) {
    // Object.fromEntries and spread, never plain assignment: a "__proto__" key stays a plain
    // key (which salvage then drops) instead of becoming a prototype.
    const ticks = (info, k, list) => {
      const ids = own(info.checklists || {}, k) ? info.checklists[k] : null;
      return ids && Array.isArray(list) ? list.filter((t) => typeof t === "string" && /^[0-9]+$/.test(t) && +t < ids.length).map((t) => ids[+t]) : list;
    };
    const modules = Object.fromEntries(Object.keys(d.modules).map((id) => {
      const m = d.modules[id], info = (R.modules || []).find((x) => x.id === id) || {};
      if (!isObj(m) || !isObj(m.checklists)) return [id, m];
      const lists = Object.fromEntries(Object.keys(m.checklists).map((k) => [k, ticks(info, k, m.checklists[k])]));
      return [id, { ...m, checklists: lists }];
    }));
    return { ...d, version: VERSION, modules: modules };
  }
  /* A stored answer to a choice question matched to the question as it is now (course.js
     `modules[i].choices`; the same algorithm as `resolve` in content/record.py): rewording,
     reordering or adding options keeps it, its keys become today's; when the right answer
     changed it stays as it was, and its old hash marks the question as updated. */
  const choicesOf = (id) => ((R.modules || []).find((x) => x.id === id) || {}).choices || {};
  const keyList = (v, single) => (single && typeof v === "string" ? [v] : Array.isArray(v) && v.every((k) => typeof k === "string") ? v.slice() : null);
  function matchOptions(s, chosen, now, right) {
    const old = keyList(s.options), was = keyList(s.right);
    if (!old || !was || !was.every((k) => old.includes(k)) || !chosen.every((k) => old.includes(k))) return null;
    const map = new Map(old.filter((k) => now.includes(k)).map((k) => [k, k]));
    if (Array.from(map.keys()).some((k) => was.includes(k) !== right.includes(k))) return null;   // an option that stayed changed its correctness
    const lostRight = old.filter((k) => was.includes(k) && !now.includes(k)), newRight = right.filter((k) => !old.includes(k));
    if (lostRight.length !== newRight.length) return null;
    const lostWrong = old.filter((k) => !was.includes(k) && !now.includes(k)), newWrong = now.filter((k) => !right.includes(k) && !old.includes(k));
    lostRight.forEach((k, i) => map.set(k, newRight[i]));
    lostWrong.slice(0, newWrong.length).forEach((k, i) => map.set(k, newWrong[i]));
    return chosen.every((k) => map.has(k)) ? map : null;
  }
  function resolve(current, s) {
    const chosen = keyList(isObj(s) ? s.answer : null, true);
    if (!chosen || !chosen.length) return s;
    const now = current.options, right = current.right;
    if (s.hash === current.hash && chosen.every((k) => now.includes(k))) return { ...s, options: now, right: right };
    const map = matchOptions(s, chosen, now, right);
    if (!map) return s;
    const answer = chosen.map((k) => map.get(k)), single = typeof s.answer === "string";
    // The reading of the answer must stay what it was: right stays right, wrong stays wrong.
    if (s.correct !== (single ? right.includes(answer[0]) : answer.slice().sort().join() === right.slice().sort().join())) return s;
    return { ...s, hash: current.hash, answer: single ? answer[0] : answer.sort(), options: now, right: right };
  }
  function resolveModule(id, m) {
    const info = choicesOf(id);
    if (!isObj(m) || !isObj(m.questions)) return m;
    const review = isObj(m.review) ? m.review : {}, cards = { ...review };
    const questions = Object.fromEntries(Object.keys(m.questions).map((q) => {
      const s = m.questions[q], r = own(info, q) ? resolve(info[q], s) : s, card = cards[q];
      if (r !== s && isObj(card) && card.hash === s.hash) cards[q] = { ...card, hash: r.hash };   // the review card follows its answer
      return [q, r];
    }));
    return { ...m, questions: questions, ...("review" in m ? { review: cards } : {}) };
  }
  // {record, dropped}: record null when `raw` is not a record of this course.
  function readRecord(raw) {
    if (!valid(raw)) return { record: null, dropped: ["/"] };
    const version = raw.version === undefined ? 1 : raw.version;
    if (Number.isInteger(version) && version > VERSION) return { record: raw, dropped: [] };
    const dropped = [], r = salvage(SCHEMA, version === 1 ? migrate(raw) : raw, "", dropped);
    if (!r[0] || !valid(r[1])) return { record: null, dropped: dropped };
    const modules = Object.fromEntries(Object.keys(r[1].modules).map((id) => [id, resolveModule(id, r[1].modules[id])]));
    return { record: { ...r[1], modules: modules }, dropped: dropped };
  }
  const clean = (d) => readRecord(d).record;

  /* ---- two tabs: merge what another tab stored into ours, so that nobody's answers get lost */
  let clearedQuestions = new Set();   // modules whose questions this tab deliberately cleared
  // A passed run beats any failed one; among equals the higher score (negative scores count).
  const points = (c) => (isObj(c) && typeof c.best === "number" ? c.best : -Infinity);
  const betterCall = (a, b) => !isObj(b) || (!!a.passed && !b.passed) || (!!a.passed === !!b.passed && points(a) >= points(b));
  function merge(ours, theirs, theirsWin) {
    const out = ours;
    if (!("name" in out) && "name" in theirs) out.name = theirs.name;
    Object.keys(theirs.modules).forEach((id) => {
      const t = theirs.modules[id], o = out.modules[id];
      if (!o) { out.modules[id] = t; return; }
      const pick = (a, b) => Object.assign({}, theirsWin ? a : b, theirsWin ? b : a);
      if ((t.questions || o.questions) && !(clearedQuestions.has(id) && !theirsWin)) o.questions = pick(o.questions || {}, t.questions || {});
      ["checklists", "notes"].forEach((k) => { if (t[k] || o[k]) o[k] = pick(o[k] || {}, t[k] || {}); });
      if (t.calls || o.calls) {
        const calls = Object.assign({}, t.calls || {});
        Object.keys(o.calls || {}).forEach((c) => {
          const a = o.calls[c], b = calls[c];
          calls[c] = b ? Object.assign({}, theirsWin ? a : b, theirsWin ? b : a, betterCall(a, b) ? a : b) : a;
        });
        o.calls = calls;
      }
      if (t.best != null) o.best = Math.max(o.best || 0, t.best);
      if (t.passed) o.passed = true;
      if (t.version && !o.version) o.version = t.version;
      if ("read" in t && (theirsWin || !("read" in o))) o.read = t.read;
      ["date", "passedDate"].forEach((k) => { if (t[k] && (!o[k] || t[k] > o[k])) o[k] = t[k]; });
      Object.keys(t).forEach((k) => { if (!(k in o)) o[k] = t[k]; });   // fields of a newer page stay
    });
    Object.keys(theirs).forEach((k) => { if (!(k in out)) out[k] = theirs[k]; });
    return out;
  }
  // What another tab stored since our last write (null when it is what we wrote: typing a
  // note saves on every key, and reading a record is not free).
  let lastWritten = null;
  function stored() {
    let raw, d;
    try { raw = localStorage.getItem(KEY); d = raw === lastWritten ? null : JSON.parse(raw); } catch (e) { d = null; }
    return clean(d);
  }
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
    data = clean(d) || fresh();
  }
  // Returns whether the data could be kept. `replace` skips the merge (import, reset).
  function write(replace) {
    try {
      if (!replace) { const s = stored(); if (s) data = merge(data, s, false); }
      stampVersions();
      const text = JSON.stringify(data);
      localStorage.setItem(KEY, text);
      lastWritten = text;
      storageOk = true;
      clearedQuestions = new Set();
    } catch (e) { storageOk = false; }
    notice();
    // Other scripts (practice calls, the LMS bridge) follow every change through this event.
    document.dispatchEvent(new CustomEvent("rufbereit:saved", { detail: data }));
    return storageOk;
  }
  // The content version a module had when it was passed (CONTRACTS.md, modules[m].version).
  function stampVersions() {
    ORDER.forEach((info) => {
      const m = data.modules[info.id];
      if (m && !m.version && info.version && passed(info.id)) m.version = info.version;
    });
  }
  // The documented events (README "Browser events"): listeners such as the LMS bridge follow
  // the reader through them, never through snapshots of the record.
  const announce = (name, detail) => document.dispatchEvent(new CustomEvent("rufbereit:" + name, { detail: detail }));
  const notice = () => { $$(".rb-storage-notice").forEach((n) => { n.hidden = storageOk; }); };
  const mod = (id) => { const m = data.modules[id] || (data.modules[id] = {}); m.questions = m.questions || {}; return m; };

  /* ---- question types: one entry each; the markup comes from question_TYPE.html ----
     answer(q): the reader's answer or null; set(q, a): show a stored answer;
     correct(q, a): is it right; feedback: answers name .rb-feedback[data-rb-for] entries;
     shuffle(q, box, all): reorder the answers on load; enter: Enter checks the answer;
     right(q): the right answer in words; mark(q, a, ok): mark every option or row right or
     wrong in place; missing(q, a): what is still to be answered, or null. */
  const type = (q) => q.dataset.rbType;
  const rows = (q) => $$(".rb-item, .rb-pair", q);
  const key = (el) => el.dataset.rbPosition || el.dataset.rbRight;
  const norm = (s, cs) => { s = String(s).trim().replace(/\s+/g, " "); return cs ? s : s.toLocaleLowerCase(); };
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
  const rowsRight = (q, a) => rows(q).every((el) => a[key(el)] === key(el));
  const shuffleOptions = (q, box, all) => { if (all) reorder(box, $$(".rb-option", q)); };
  /* ---- feedback that teaches ---- */
  const textOf = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
  const labelOf = (el) => textOf($("label", el));
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  const optionText = (row, value) => textOf($('option[value="' + CSS.escape(value) + '"]', row));
  // Every option, item or row gets a word (not colour alone) saying right or wrong.
  function mark(target, right, extra) {
    let m = $(":scope > .rb-mark", target);
    if (!m) { m = el("span", "rb-mark"); target.appendChild(m); }
    m.textContent = (right ? "✓ " + T.mark_right : "✗ " + T.mark_wrong) + (extra ? " – " + extra : "");
    m.dataset.rbMark = right ? "right" : "wrong";
    target.classList.toggle("rb-marked-right", right);
    target.classList.toggle("rb-marked-wrong", !right);
  }
  function unmark(q) {
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
  const isCorrectOption = (q, o) => o.hasAttribute("data-rb-correct");
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
      correct: (q, a) => !!$('.rb-option[data-rb-option="' + CSS.escape(a) + '"][data-rb-correct]', q),
      right: optionsRight, mark: markOptions(isCorrectOption), missing: unless(T.missing_choice) },
    multiple: { set: setInputs, feedback: true, shuffle: shuffleOptions,
      answer: (q) => { const a = $$("input:checked", fields(q)).map((i) => i.value).sort(); return a.length ? a : null; },
      correct: (q, a) => $$(".rb-option[data-rb-correct]", q).map((o) => o.dataset.rbOption).sort().join() === [].concat(a).join(),
      right: optionsRight, mark: markOptions(isCorrectOption), missing: unless(T.missing_multiple) },
    true_false: { answer: picked, set: setInputs, feedback: true, correct: (q, a) => a === q.dataset.rbAnswer,
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
        const i = $("input", q), cs = i.dataset.rbCaseSensitive === "true";
        let accept = [];
        try { accept = JSON.parse(i.dataset.rbAccept); } catch (e) { /* no answers */ }
        return accept.some((x) => norm(x, cs) === norm(a, cs));
      },
      right: (q) => { try { return [].concat(JSON.parse($("input", q).dataset.rbAccept))[0] || ""; } catch (e) { return ""; } },
      mark: (q, a, ok) => mark($(".rb-answers", q), ok), missing: unless(T.missing_text) },
  };
  const kind = (q) => TYPES[type(q)] || TYPES.text;

  const answerOf = (q) => kind(q).answer(q);
  const setAnswer = (q, a) => kind(q).set(q, a);
  const isCorrect = (q, a) => a != null && kind(q).correct(q, a);
  const rightAnswer = (q) => kind(q).right(q);
  const markAll = (q, a, ok) => kind(q).mark(q, a, ok);
  /* After a wrong answer only the reader's own choices are judged, each labelled as theirs
     with its comment; the right answer, every mark and the explanation come with the full
     solution: on request ("Lösung zeigen") or after the second wrong try. */
  const REVEAL_AFTER = 2;
  const optionRight = (q, o) => (type(q) === "true_false" ? o.dataset.rbOption === q.dataset.rbAnswer : isCorrectOption(q, o));
  const isOptions = (q) => !!kind(q).feedback;
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
  const tryButtons = (q, shown) => { const box = $(".rb-try", q); if (box) box.hidden = !shown; };
  function showResult(q, a, ok, reveal) {
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
  function keepRight(q) {
    const a = answerOf(q);
    if (isOptions(q)) $$(".rb-option", q).forEach((o) => { if (!optionRight(q, o)) $("input", o).checked = false; });
    else if (rows(q).length) rows(q).forEach((r) => { if (a && a[key(r)] !== key(r)) $("select", r).value = ""; });
  }
  // What is still missing before an answer can be checked; null when it is complete.
  const missing = (q) => kind(q).missing(q, answerOf(q));
  function hint(q, text) {
    const res = $(".rb-result", q);
    res.textContent = "";
    res.className = "rb-result rb-hint";
    res.appendChild(el("p", "rb-hint-text", text));
  }
  function lock(q, state) {
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
  function shuffle(quiz, only) {
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
    if (!pass) {
      const needed = Math.ceil((+quiz.dataset.rbPassMark * qs.length) / 100 - 1e-9);
      out.appendChild(el("p", "rb-pass-needs", fill(T.pass_needs, { needed: needed, total: qs.length })));
    }
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
    const gap = missing(q);
    if (gap) { hint(q, gap); return; }   // nothing is locked or counted
    const a = answerOf(q), ok = isCorrect(q, a), m = mod(quiz.dataset.rbModule);
    const tries = ok ? 0 : (+q.dataset.rbTries || 0) + 1;
    q.dataset.rbTries = tries;
    showResult(q, a, ok, tries >= REVEAL_AFTER);
    lock(q, ok ? "right" : "wrong");
    const old = m.questions[q.dataset.rbQuestion];
    // Fields a newer page stored with the answer (a confidence rating) stay until it writes them.
    // A choice answer keeps the question's option keys, so that a reworded option is matched later.
    const choice = choicesOf(quiz.dataset.rbModule)[q.dataset.rbQuestion], keys = choice ? { options: choice.options, right: choice.right } : {};
    m.questions[q.dataset.rbQuestion] = Object.assign(isObj(old) ? old : {}, { hash: q.dataset.rbHash, answer: a, correct: ok }, keys);
    m.date = today();
    write();
    announce("answer", { module: quiz.dataset.rbModule, question: q.dataset.rbQuestion, type: type(q), answer: a, correct: ok });
    const res = $(".rb-result", q);
    res.tabIndex = -1;
    res.focus();   // the button is gone; keep keyboard users at the result
    summary(quiz, true);
    status();
  }
  // The whole quiz again: the questions answered wrong start fresh, the right ones stay
  // (all start fresh once every answer was right).
  function retry(quiz) {
    const m = mod(quiz.dataset.rbModule), qs = $$(".rb-question", quiz);
    const wrong = qs.filter((q) => q.dataset.rbChecked !== "right"), again = wrong.length ? wrong : qs;
    again.forEach((q) => { delete m.questions[q.dataset.rbQuestion]; delete q.dataset.rbTries; });
    clearedQuestions.add(quiz.dataset.rbModule);
    write();
    again.forEach((q) => { lock(q, null); setAnswer(q, null); });
    shuffle(quiz, again);
    summary(quiz, false);
    status();
    const first = $("input:enabled, select:enabled", again[0]);
    if (first) first.focus();
  }
  // One question's own "Nochmal versuchen" and "Lösung zeigen", under its result.
  function tryBox(quiz, q) {
    const box = el("div", "rb-try"), again = el("button", "md-button rb-try-again", T.retry), show = el("button", "md-button rb-show", T.reveal);
    again.type = show.type = "button";
    box.hidden = true;
    box.setAttribute("data-search-exclude", "");
    box.append(again, show);
    $(".rb-result", q).after(box);
    again.addEventListener("click", () => {
      keepRight(q);
      lock(q, null);
      summary(quiz, false);
      const first = $("input:not(:checked), select", q) || $("input", q);
      if (first) first.focus();
    });
    show.addEventListener("click", () => {
      showResult(q, answerOf(q), false, true);
      const res = $(".rb-result", q);
      res.tabIndex = -1;
      res.focus();
    });
  }
  // An answer stored by record version 1 to the unchanged question: option positions become
  // option keys (an order, match, true/false or text answer keeps its form).
  function fromVersion1(q, s) {
    const keys = $$(".rb-option", q).map((o) => o.dataset.rbOption), pick = (i) => keys[+i];
    if (type(q) === "single") s.answer = pick(s.answer) || null;
    if (type(q) === "multiple") s.answer = [].concat(s.answer || []).map(pick).filter(Boolean).sort();
    s.hash = q.dataset.rbHash;
  }
  function initQuiz(quiz) {
    if (quiz.dataset.rbReady) return;
    quiz.dataset.rbReady = "1";
    const m = data.modules[quiz.dataset.rbModule];
    let dirty = false;
    $$(".rb-question", quiz).forEach((q) => {
      $(".rb-solution", q).hidden = true;   // the result names the right answer; print shows the key
      const btn = $(".rb-check", q);
      btn.hidden = false;
      tryBox(quiz, q);
      btn.addEventListener("click", () => check(quiz, q));
      if (kind(q).enter) $("input", q).addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); check(quiz, q); } });
    });
    $(".rb-retry", quiz).addEventListener("click", () => retry(quiz));
    $$(".rb-question", quiz).forEach((q) => {   // before the shuffle: options in source order
      const s = m && m.questions && m.questions[q.dataset.rbQuestion];
      if (isObj(s) && s.hash !== q.dataset.rbHash && s.hash === q.dataset.rbHashV1) { fromVersion1(q, s); dirty = true; }
    });
    shuffle(quiz);
    $$(".rb-question", quiz).forEach((q) => {
      const id = q.dataset.rbQuestion, s = m && m.questions && m.questions[id];
      if (!s) return;
      if (s.hash !== q.dataset.rbHash) { delete m.questions[id]; dirty = true; hint(q, T.question_updated); q.dataset.rbUpdated = ""; return; }
      setAnswer(q, s.answer);
      const ok = isCorrect(q, s.answer);
      if (!ok) q.dataset.rbTries = 1;   // a stored wrong answer was a try
      showResult(q, s.answer, ok);
      lock(q, ok ? "right" : "wrong");
    });
    if (dirty) write(true);   // just read: nothing of another tab to merge
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
          // Ticks by item id; ids of items this page no longer shows stay.
          const shown = $$("input[data-rb-item]", list).map((c) => c.dataset.rbItem);
          const before = ((mm.checklists = mm.checklists || {})[k] || []).filter((t) => shown.indexOf(t) < 0);
          mm.checklists[k] = before.concat($$("input[data-rb-item]:checked", list).map((c) => c.dataset.rbItem));
          write();
          announce("tick", { module: id, section: k, item: cb.dataset.rbItem, checked: cb.checked });
          status();
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
  const INFO = {}, ORDER = R.modules || [];
  ORDER.forEach((m) => { INFO[m.id] = m; });
  // The pass rule comes as data from record.pass_rule (course.js `requires`): each requirement
  // is a path into the module's record that must hold `true`. What is not met is what is missing.
  const needsRead = (info) => (info.requires || []).some((r) => r.what === "read");
  const holds = (m, path) => path.reduce((node, step) => (isObj(node) ? node[step] : undefined), m) === true;
  const missingOf = (id) => ((INFO[id] || {}).requires || []).filter((r) => !holds(data.modules[id], r.path));
  const passed = (id) => isObj(data.modules[id]) && !missingOf(id).length;
  const missingText = (id) => missingOf(id).map((r) => T["status_missing_" + r.what]).filter(Boolean).join(", ");
  const scoreText = (id) => { const m = data.modules[id] || {}; return m.best != null ? Math.round(m.best) + " %" : (m.read ? T.marked_read : "–"); };
  function state(id) {
    const m = data.modules[id];
    if (!m) return ["not-started", T.status_not_started];
    if (passed(id)) return ["passed", T.status_passed + (m.best != null ? " (" + Math.round(m.best) + " %)" : "")];
    const some = (o) => !!o && Object.keys(o).some((k) => { const v = o[k]; return Array.isArray(v) ? v.length : !!v; });
    if (some(m.questions) || m.best != null || some(m.checklists) || some(m.notes) || some(m.calls)) {
      const open = missingText(id);
      return ["started", T.status_started + (open ? " – " + open : "")];
    }
    return ["not-started", T.status_not_started];
  }
  // A track counts passed only when every one of its modules is.
  function trackState(track) {
    const ids = ORDER.filter((m) => m.track === track).map((m) => m.id), states = ids.map((id) => state(id)[0]);
    if (states.length && states.every((s) => s === "passed")) return "passed";
    return states.some((s) => s !== "not-started") ? "started" : "not-started";
  }
  function badge(link, s) {
    let b = $(":scope > .rb-nav-status", link);
    if (s === "not-started") { if (b) b.remove(); return; }
    if (!b) { b = el("span", "rb-nav-status"); link.appendChild(b); }
    b.textContent = s === "passed" ? T.status_passed : T.status_started;
    b.dataset.rbState = s;
  }
  const moduleOf = (a) => {
    const hit = /module\/([^/]+)\/$/.exec(a.pathname || "");
    return hit && !a.hash && a.origin === location.origin ? decodeURIComponent(hit[1]) : null;
  };
  function navStatus() {
    $$(".md-nav__item--nested").forEach((li) => {
      const label = $(":scope > .md-nav__link, :scope > .md-nav__container > .md-nav__link", li);
      const a = $(":scope > a.md-nav__link", li) || $("a.md-nav__link", li);
      const id = a && moduleOf(a);
      if (label && id && INFO[id]) { label.dataset.rbTrack = INFO[id].track; badge(label, trackState(INFO[id].track)); }
    });
    $$("a.md-nav__link").forEach((a) => {
      const id = moduleOf(a);
      if (!id || a.dataset.rbTrack != null || a.closest(".md-nav--secondary")) return;   // tracks and table-of-contents links
      badge(a, state(id)[0]);
    });
  }
  let wasPassed = null;   // module id -> passed, as last shown: a change is announced
  function status() {
    const now = {};
    ORDER.forEach((m) => { now[m.id] = passed(m.id); });
    if (wasPassed) ORDER.forEach((m) => {
      if (now[m.id] !== wasPassed[m.id]) announce("status", { module: m.id, passed: now[m.id], status: state(m.id)[0] });
    });
    wasPassed = now;
    $$("[data-rb-status]").forEach((e) => {
      const s = state(e.dataset.rbStatus);
      e.textContent = (e.tagName === "TD" ? "" : T.status_label + ": ") + s[1];
      e.dataset.rbState = s[0];
      e.hidden = false;
    });
    navStatus();
    $$("tr[data-rb-module]").forEach((tr) => {
      const m = data.modules[tr.dataset.rbModule] || {};
      $("[data-rb-best]", tr).textContent = scoreText(tr.dataset.rbModule);
      $("[data-rb-date]", tr).textContent = m.date ? showDate(m.date) : "–";
    });
    $$("[data-rb-continue]").forEach(home);
    $$("[data-rb-read]").forEach(readButton);
    $$("[data-rb-finish]").forEach(finish);
  }

  /* ---- where you stand, where to go ---- */
  const durationText = (min) => {
    const h = Math.floor(min / 60), r = min % 60;
    return !h ? min + " " + T.minutes : r ? h + " " + T.hours + " " + r + " " + T.minutes : h + " " + T.hours;
  };
  function home(box) {
    const open = ORDER.filter((m) => !passed(m.id)), next = open[0];
    const link = $("a", box), line = $("[data-rb-overall]");
    const begun = Object.keys(data.modules).length > 0;
    if (next) {
      const card = $('.rb-card[data-rb-module="' + CSS.escape(next.id) + '"] a');
      if (card) link.href = card.href;
      link.textContent = (begun ? T.continue_learning : T.start_course) + ": " + next.title;
    } else {
      link.href = box.dataset.rbFinishUrl;
      link.textContent = T.to_finish;
    }
    const elsewhere = $("[data-rb-elsewhere]");
    if (elsewhere) elsewhere.hidden = begun;
    if (line) {
      const minutes = open.reduce((sum, m) => sum + (+m.minutes || 0), 0);
      line.textContent = next
        ? fill(T.overall, { passed: ORDER.length - open.length, total: ORDER.length, remaining: durationText(minutes) })
        : fill(T.overall_done, { total: ORDER.length });
      line.hidden = false;
    }
  }
  function readButton(box) {
    const id = box.dataset.rbRead, info = INFO[id] || {};
    box.hidden = !needsRead(info);
    const btn = $("button", box), on = !!(data.modules[id] && data.modules[id].read);
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    btn.textContent = on ? "✓ " + T.marked_read : T.mark_read;
    if (box.dataset.rbReady) return;
    box.dataset.rbReady = "1";
    btn.addEventListener("click", () => {
      const m = mod(id);
      m.read = !m.read;
      m.date = today();
      if (m.read) m.passedDate = m.date;
      write();
      announce("read", { module: id, read: m.read });
      status();
    });
  }
  function finish(box) {
    const open = ORDER.filter((m) => !passed(m.id)), done = !open.length;
    $(".rb-finish-locked", box).hidden = done;
    $(".rb-finish-done", box).hidden = !done;
    const list = $(".rb-finish-open", box);
    list.textContent = "";
    open.forEach((m) => {
      const li = el("li"), a = el("a", null, m.title);
      a.href = box.dataset.rbRoot + "module/" + encodeURIComponent(m.id) + "/";
      li.appendChild(a); list.appendChild(li);
    });
    if (!done) return;
    const name = $("#rb-certificate-name", box), shown = $(".rb-certificate-name", box);
    if (!box.dataset.rbReady) {
      box.dataset.rbReady = "1";
      name.value = data.name || "";
      name.addEventListener("input", () => { data.name = name.value.slice(0, 200); write(); shown.textContent = data.name || "…"; });
      $('[data-rb-action="print"]', box).addEventListener("click", () => window.print());
    }
    shown.textContent = data.name || "…";
    const dates = ORDER.map((m) => (data.modules[m.id] || {}).passedDate || (data.modules[m.id] || {}).date).filter(Boolean).sort();
    $(".rb-certificate-date", box).textContent = fill(T.certificate_date, { date: showDate(dates[dates.length - 1] || today()) });
    const body = $(".rb-certificate-modules tbody", box);
    body.textContent = "";
    ORDER.forEach((m, i) => {
      const tr = el("tr"), stored = data.modules[m.id] || {}, day = stored.passedDate || stored.date;
      tr.appendChild(el("td", null, (i + 1) + ". " + m.title));
      tr.appendChild(el("td", null, scoreText(m.id)));
      tr.appendChild(el("td", null, day ? showDate(day) : "–"));
      body.appendChild(tr);
    });
  }

  /* ---- progress page ---- */
  const LIMIT = 1024 * 1024;   // a progress file is a few KB; anything this large is not one
  // rufbereit-<course>-<name>-<date>.json: a team lead's downloads of several readers don't collide.
  const fileName = () => {
    const spelled = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };   // as content.model.slugify
    const name = String(data.name || "").toLowerCase().replace(/[äöüß]/g, (c) => spelled[c]).normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    return ["rufbereit", R.course, name, today()].filter(Boolean).join("-") + ".json";
  };
  function exportFile(say) {
    const out = Object.assign({ format: "rufbereit-progress", exported: new Date().toISOString(), course_version: R.version }, data);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(out, null, 2)], { type: "application/json" }));
    a.download = fileName();
    say(fill(T.save_done, { file: a.download }));
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  // What an import left out, in the reader's words: modules and questions, never field paths.
  function droppedText(paths) {
    const byModule = {};
    let other = false;
    paths.forEach((p) => {
      const hit = /^\/modules\/([^/]+)(?:\/(questions)\/([^/]+))?/.exec(p);
      if (!hit) { other = true; return; }
      const m = byModule[hit[1]] = byModule[hit[1]] || new Set();
      if (hit[3]) m.add(hit[3]);
    });
    const parts = Object.keys(byModule).map((id) => {
      const title = (INFO[id] || {}).title || id, n = byModule[id].size;
      return n ? fill(T.load_dropped_questions, { module: title, count: n }) : fill(T.load_dropped_module, { module: title });
    });
    if (other) parts.push(T.load_dropped_other);
    return fill(T.load_dropped, { what: parts.join("; ") });
  }
  // Every value is checked before anything is kept; the reader confirms the replacement.
  function importText(text, fileName, say) {
    let d;
    try { d = JSON.parse(text); } catch (e) { d = null; }
    const got = readRecord(d);
    if (!got.record) return say(T.load_failed);
    d = got.record;
    const date = typeof d.exported === "string" && DAY.test(d.exported.slice(0, 10)) ? showDate(d.exported.slice(0, 10)) : "–";
    if (!window.confirm(fill(T.load_confirm, { file: fileName, modules: Object.keys(d.modules).length, date: date }))) return say(T.load_cancelled);
    const before = data;
    data = d;
    if (write(true)) say(got.dropped.length ? T.load_done + " " + droppedText(got.dropped) : T.load_done);
    else { data = before; say(T.load_storage_failed); }
  }
  function initProgress(box) {
    if (box.dataset.rbReady) return;
    box.dataset.rbReady = "1";
    const say = (text) => { $(".rb-progress-message", box).textContent = text; };
    $(".rb-progress-actions", box).hidden = false;
    $('[data-rb-action="save"]', box).addEventListener("click", () => exportFile(say));
    const nameBox = $("[data-rb-name-box]", box);
    if (nameBox) {
      const name = $("input", nameBox);
      nameBox.hidden = false;
      name.value = data.name || "";
      name.addEventListener("input", () => { data.name = name.value.slice(0, 200); write(); });
    }
    const input = $('[data-rb-action="load"]', box);
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      if (file.size > LIMIT) {
        say(fill(T.load_too_large, { size: Math.ceil(file.size / 1024), limit: LIMIT / 1024 }));
        input.value = "";
        return;
      }
      file.text().then((text) => importText(text, file.name, say), () => say(T.load_failed))
        .then(() => { input.value = ""; status(); });
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
    replace: (d) => { const r = clean(d); if (r) { data = r; write(true); status(); } },
    read: (raw) => readRecord(raw),
    today: () => today(),
    save: () => { write(); status(); },
    // One question's behaviour, for the review page: the same reading, checking and feedback.
    question: {
      answer: answerOf, correct: isCorrect, right: rightAnswer, missing: missing, hint: hint, show: showResult,
      lock: lock, set: setAnswer,
      shuffle: (q, all) => { const one = kind(q).shuffle; if (one) one(q, $(".rb-answers", q), all); },
    },
  };

  // Another tab saved: take its answers in, so that neither tab's next save drops them.
  window.addEventListener("storage", (e) => {
    if (e.key !== KEY || !data) return;
    if (e.newValue === null) { data = fresh(); status(); return; }
    const s = stored();
    if (s) { data = merge(data, s, true); status(); }
  });
  // Print shows the solutions of every question the reader has checked.
  window.addEventListener("beforeprint", () => {
    $$(".rb-question[data-rb-checked] details.rb-solution").forEach((d) => { d.dataset.rbWasOpen = d.open ? "1" : ""; d.open = true; });
  });
  window.addEventListener("afterprint", () => {
    $$("details.rb-solution[data-rb-was-open]").forEach((d) => { d.open = !!d.dataset.rbWasOpen; delete d.dataset.rbWasOpen; });
  });

  // Material's search dialog has no name of its own (axe: aria-dialog-name): give it the input's.
  function nameSearch() {
    const dialog = $('.md-search[role="dialog"]'), input = $(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label") && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "");
  }

  // A table wider than its box scrolls sideways: a line above it says so (checked on resize).
  function scrollHints() {
    $$(".md-content .md-typeset table").forEach((table) => {
      const box = table.closest(".md-typeset__scrollwrap, .rb-table-scroll") || table.parentElement;
      const hint = box.previousElementSibling && box.previousElementSibling.classList.contains("rb-scroll-hint") ? box.previousElementSibling : null;
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !hint) box.before(el("p", "rb-scroll-hint", T.table_scroll));
      if (!wide && hint) hint.remove();
    });
  }
  let resizing = 0;
  window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(scrollHints, 150); });

  // The glossary entry a link led to offers the way back to the page the reader came from.
  const BACK = "rufbereit:back";
  function glossaryBack() {
    const dt = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const entry = dt && dt.matches(".rb-glossary dt") ? dt : null;
    let from;
    try { from = JSON.parse(sessionStorage.getItem(BACK)); } catch (e) { from = null; }
    if (!entry) {
      const h1 = $(".md-content h1") ? $(".md-content h1").cloneNode(true) : null;
      if (h1) $$(".headerlink", h1).forEach((a) => a.remove());   // the permalink's "¶"
      if (!$(".rb-glossary")) { try { sessionStorage.setItem(BACK, JSON.stringify({ url: location.href.split("#")[0], title: h1 ? textOf(h1) : document.title })); } catch (e) { /* no way back then */ } }
      return;
    }
    $$(".rb-glossary-back").forEach((a) => a.remove());
    if (!isObj(from) || typeof from.url !== "string" || typeof from.title !== "string") return;
    let url;
    try { url = new URL(from.url); } catch (e) { return; }
    if (url.origin !== location.origin) return;
    const a = el("a", "rb-glossary-back", "← " + fill(T.glossary_back, { title: from.title }));
    a.href = url.href;
    const dd = entry.nextElementSibling;
    (dd && dd.tagName === "DD" ? dd : entry).appendChild(a);
  }
  window.addEventListener("hashchange", () => { if ($(".rb-glossary")) glossaryBack(); });

  // The themes escape the site name, which is escaped text already, once more in the logo's
  // title: "Vertrieb &amp; Service". Its aria-label holds the name escaped once.
  function logoTitle() {
    $$("a.md-logo[title][aria-label]").forEach(a => { a.title = a.getAttribute("aria-label"); });
  }

  function init() {
    logoTitle();
    nameSearch();
    scrollHints();
    glossaryBack();
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
