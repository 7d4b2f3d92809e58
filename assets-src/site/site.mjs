/* Rufbereit: self-checks, progress and status. Reads the data-rb-* markup written by
   generator/rufbereit/render/templates and keeps progress in localStorage under one versioned
   key per course. `api` is the one seam for the other parts (practice calls, review) and,
   as window.Rufbereit.site, for the LMS bridges. */
import { R, T } from "./course.mjs";
import { $, $$, announce, el, textOf } from "./dom.mjs";
import {
  REVEAL_AFTER, answerOf, hint, isCorrect, keepRight, kind, lock, missing, rightAnswer, setAnswer, showResult, shuffle, type,
} from "./questions.mjs";
import { modulePage, moduleOfPath } from "./paths.mjs";
import { DAY, merge, recordReader } from "./record.mjs";
import { quizResult } from "./scoring.mjs";
import { BUTTON, SELECTORS } from "./theme.mjs";
import { fill, isObj, today } from "./util.mjs";

const KEY = "rufbereit:v1:" + R.course;
const records = recordReader(R), fresh = records.fresh, readRecord = records.read, choicesOf = records.choicesOf;
const clean = (d) => readRecord(d).record;
let data = null, storageOk = true;

/* ---- two tabs: what another tab stored is merged into ours (record.mjs `merge`) */
let clearedQuestions = new Set();   // modules whose questions this tab deliberately cleared
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
    if (!replace) { const s = stored(); if (s) data = merge(data, s, false, clearedQuestions); }
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
const notice = () => { $$(".rb-storage-notice").forEach((n) => { n.hidden = storageOk; }); };
const mod = (id) => { const m = data.modules[id] || (data.modules[id] = {}); m.questions = m.questions || {}; return m; };

/* ---- quiz ---- */
function summary(quiz, live) {
  const qs = $$(".rb-question", quiz), out = $(".rb-summary", quiz), retry = $(".rb-retry", quiz);
  out.textContent = ""; out.className = "rb-summary";
  if (!qs.length || qs.some((q) => !q.dataset.rbChecked)) { retry.hidden = true; return; }
  const right = qs.filter((q) => q.dataset.rbChecked === "right").length;
  const result = quizResult(right, qs.length, +quiz.dataset.rbPassMark), pct = result.percent, pass = result.passed;
  const line = document.createElement("p"), verdict = document.createElement("strong");
  line.textContent = T.summary.replace("{right}", right).replace("{total}", qs.length).replace("{percent}", pct) + " – ";
  verdict.textContent = pass ? T.passed : T.failed;
  line.appendChild(verdict);
  out.appendChild(line);
  if (!pass) {
    out.appendChild(el("p", "rb-pass-needs", fill(T.pass_needs, { needed: result.needed, total: qs.length })));
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
  const box = el("div", "rb-try"), again = el("button", BUTTON + " rb-try-again", T.retry), show = el("button", BUTTON + " rb-show", T.reveal);
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
  const id = moduleOfPath(a.pathname);
  return id && !a.hash && a.origin === location.origin ? id : null;
};
function navStatus() {
  $$(SELECTORS.navSection).forEach((li) => {
    const label = $(SELECTORS.navSectionLabel, li);
    const a = $(SELECTORS.navSectionLink, li) || $(SELECTORS.navLink, li);
    const id = a && moduleOf(a);
    if (label && id && INFO[id]) { label.dataset.rbTrack = INFO[id].track; badge(label, trackState(INFO[id].track)); }
  });
  $$(SELECTORS.navLink).forEach((a) => {
    const id = moduleOf(a);
    if (!id || a.dataset.rbTrack != null || a.closest(SELECTORS.navToc)) return;   // tracks and table-of-contents links
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
    a.href = modulePage(box.dataset.rbRoot, m.id);
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

/* The one seam for the other parts (practice calls, review) and the LMS bridge: they read and
   change a module's stored entry, then save; status and listeners follow. */
export const api = {
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
  if (s) { data = merge(data, s, true, clearedQuestions); status(); }
});
// Print shows the solutions of every question the reader has checked.
window.addEventListener("beforeprint", () => {
  $$(".rb-question[data-rb-checked] details.rb-solution").forEach((d) => { d.dataset.rbWasOpen = d.open ? "1" : ""; d.open = true; });
});
window.addEventListener("afterprint", () => {
  $$("details.rb-solution[data-rb-was-open]").forEach((d) => { d.open = !!d.dataset.rbWasOpen; delete d.dataset.rbWasOpen; });
});

// A table wider than its box scrolls sideways: a line above it says so (checked on resize).
function scrollHints() {
  $$(SELECTORS.tables).forEach((table) => {
    const box = table.closest(SELECTORS.tableBox + ", .rb-table-scroll") || table.parentElement;
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
    const heading = $(SELECTORS.content + " h1"), h1 = heading ? heading.cloneNode(true) : null;
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

export function init() {
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
