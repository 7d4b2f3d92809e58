/* Rufbereit LMS package: the launcher. Bundled by `npm run build:lms` into
   rufbereit-lms.js with the codec, the shared bridge and lz-string; its state for the tests is
   window.Rufbereit.scorm (the one global, assets-src/global.mjs).
   It finds the LMS's SCORM API the standard way (the parent-window chain, then the opener's),
   opens one session and keeps it while the course's pages load one after another in the frame
   below; it follows the course only through the seam rufbereit.js offers (window.Rufbereit.site,
   the rufbereit:saved, rufbereit:answer and rufbereit:call-choice events; CONTRACTS.md). Without
   an LMS the frame is the plain site, with progress in the browser. */
import { ours, siteOf } from "../global.mjs";
import { isObj } from "../site/util.mjs";
import * as B from "./bridge.mjs";
import * as S from "./codec.mjs";

const R = ours().course || {}, M = ours().lms || {};
const state = (ours().scorm = { connected: () => open, finish: finish, restored: null, suspendLength: 0, page: "" });
const V12 = M.standard === "1.2", KEY = "rufbereit:v1:" + R.course;
const LIMIT = V12 ? 4000 : 64000;   // 1.2: CMIString4096, with room to spare
const frame = document.getElementById("rb-course");
const K = V12
  ? { location: "cmi.core.lesson_location", exit: "cmi.core.exit", entry: "cmi.core.entry" }
  : { location: "cmi.location", exit: "cmi.exit", entry: "cmi.entry" };

function scan(win, name) {
  for (let tries = 0; win && tries < 500; tries++) {
    try { if (win[name]) return win[name]; } catch (e) { return null; }   // another origin
    if (!win.parent || win.parent === win) return null;
    win = win.parent;
  }
  return null;
}
function findApi(name) {
  let api = scan(window, name);
  try { if (!api && window.opener) api = scan(window.opener, name); } catch (e) { api = null; }
  return api;
}
const api = findApi(V12 ? "API" : "API_1484_11");
const lms = !api ? null : V12
  ? { init: () => api.LMSInitialize(""), get: (k) => api.LMSGetValue(k), set: (k, v) => api.LMSSetValue(k, String(v)),
      commit: () => api.LMSCommit(""), finish: () => api.LMSFinish("") }
  : { init: () => api.Initialize(""), get: (k) => api.GetValue(k), set: (k, v) => api.SetValue(k, String(v)),
      commit: () => api.Commit(""), finish: () => api.Terminate("") };
let open = false, current = "", finished = false;
const started = Date.now();

/* ---- start: the LMS's record replaces the browser's (it may be another person's browser) ---- */
function start() {
  open = !!lms && String(lms.init()) === "true";
  if (!open) { frame.src = "index.html"; return; }
  const restored = S.decode(String(lms.get("cmi.suspend_data") || ""), M, R.course);
  let local = null;
  try { local = JSON.parse(localStorage.getItem(KEY)); } catch (e) { local = null; }
  const data = restored || { course: R.course, version: 1, modules: {} };
  if (restored && isObj(local) && local.course === R.course && isObj(local.modules)) {
    Object.keys(data.modules).forEach((id) => {   // notes and ticks never travel to the LMS
      const l = local.modules[id];
      if (isObj(l)) ["notes", "checklists"].forEach((k) => { if (isObj(l[k])) data.modules[id][k] = l[k]; });
    });
  }
  try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* the frame keeps it in memory */ }
  state.restored = data;
  if (V12) { if (lms.get("cmi.core.lesson_status") === "not attempted") lms.set("cmi.core.lesson_status", "incomplete"); }
  else if (lms.get("cmi.completion_status") !== "completed") lms.set("cmi.completion_status", "incomplete");
  lms.set(K.exit, "suspend");   // set now: a closed tab must still resume
  lms.commit();
  current = String(lms.get(K.location) || "");
  const page = (M.modules.find((m) => m.id === current) || {}).page;
  frame.src = page || "index.html";
}

/* ---- following the course in the frame ---- */
function attach() {
  let w = null;
  try { w = frame.contentWindow; if (!w.document) return; } catch (e) { return; }
  const hit = /\/module\/([^/]+)\/(index\.html)?$/.exec(w.location.pathname);
  if (hit) current = decodeURIComponent(hit[1]);
  B.fileLinks(w);
  state.page = w.location.href;
  w.document.addEventListener("rufbereit:saved", (e) => report(e.detail, w));
  w.document.addEventListener("rufbereit:answer", (e) => answered(e.detail));
  w.document.addEventListener("rufbereit:call-choice", (e) => callChoice(e.detail));
  const site = siteOf(w);
  if (site) {
    const restored = state.restored, d = site.data();
    // No storage in this browser: hand the LMS's record to the page once.
    if (restored && d && !Object.keys(d.modules || {}).length && Object.keys(restored.modules).length) site.replace(restored);
    report(site.data(), w);
  }
}

function score(d, w) {
  const quizzes = M.modules.filter((m) => m.quiz);
  const passed = M.modules.filter((m) => siteOf(w).passed(m.id)).length;
  if (!quizzes.length) return [Math.round((passed * 100) / (M.modules.length || 1)), passed];
  const sum = quizzes.reduce((s, m) => s + ((isObj(d.modules[m.id]) && +d.modules[m.id].best) || 0), 0);
  return [Math.round(sum / quizzes.length), passed];
}

function report(d, w) {
  if (!open || finished || !isObj(d) || !isObj(d.modules) || !siteOf(w)) return;
  const [pct, passed] = score(d, w), all = passed === M.modules.length;
  // The score is the course's result: the mean of the best self-check scores, sent once every
  // module is passed. A running score (13 after one module) reads as a poor grade, and an
  // LMS may compare it with a pass mark and record "failed" while the learner is still working.
  if (V12) {
    lms.set("cmi.core.lesson_status", all ? "passed" : "incomplete");   // never "failed": attempts remain
    if (all) { lms.set("cmi.core.score.min", 0); lms.set("cmi.core.score.max", 100); lms.set("cmi.core.score.raw", pct); }
  } else {
    lms.set("cmi.completion_status", all ? "completed" : "incomplete");
    lms.set("cmi.success_status", all ? "passed" : "unknown");
    lms.set("cmi.progress_measure", (passed / (M.modules.length || 1)).toFixed(4));
    if (all) {
      lms.set("cmi.score.min", 0); lms.set("cmi.score.max", 100); lms.set("cmi.score.raw", pct);
      lms.set("cmi.score.scaled", (pct / 100).toFixed(4));
    }
  }
  if (current) lms.set(K.location, current.slice(0, 255));
  const text = S.encode(d, M, current, LIMIT);
  state.suspendLength = text.length;
  if (text) lms.set("cmi.suspend_data", text);   // "" only if not even the pass states fit
  lms.set(K.exit, "suspend");
  lms.commit();
}

/* ---- cmi.interactions: one per checked question and per call choice ---- */
const ident = (s) => String(s).replace(/[^A-Za-z0-9_.:-]/g, "_").slice(0, 250);
const stamp = () => new Date().toISOString().slice(0, 19);
function interaction(id, type, response, result) {
  const n = +lms.get("cmi.interactions._count") || 0, p = "cmi.interactions." + n + ".";
  lms.set(p + "id", ident(id));
  lms.set(p + "type", type);
  if (V12) lms.set(p + "time", new Date().toTimeString().slice(0, 8));
  else lms.set(p + "timestamp", stamp());
  lms.set(p + (V12 ? "student_response" : "learner_response"), response);
  lms.set(p + "result", result);
}
// One interaction per checked question, as the site announces it (the same table as cmi5).
function answered(d) {
  if (!open || finished || !M.interactions || !isObj(d) || !d.module || !d.question) return;
  const r = B.response(d.type, d.answer, V12);
  if (r === "") return;
  interaction(d.module + "." + d.question, B.interactionType(d.type), r, d.correct ? "correct" : V12 ? "wrong" : "incorrect");
  lms.commit();
}
function callChoice(detail) {
  if (!open || finished || !M.interactions || !isObj(detail)) return;
  const id = [detail.module, detail.call, detail.step].map(String).join(".");
  const points = typeof detail.points === "number" && isFinite(detail.points) ? String(detail.points) : "neutral";
  interaction(id, "choice", ident(detail.choice || "-"), points);
  lms.commit();
}

/* The time of this session: 1.2 CMITimeSpan HHHH:MM:SS.SS, 2004 an ISO 8601 duration. */
function sessionTime() {
  const cs = Math.max(0, Math.round((Date.now() - started) / 10));
  const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, sec = (cs % 6000) / 100;
  if (!V12) return "PT" + h + "H" + m + "M" + sec.toFixed(2) + "S";
  const two = (n) => String(n).padStart(2, "0");
  return two(Math.min(h, 9999)) + ":" + two(m) + ":" + sec.toFixed(2).padStart(5, "0");
}

function finish() {
  if (!open || finished) return;
  try { const w = frame.contentWindow, site = siteOf(w); if (site) report(site.data(), w); } catch (e) { /* gone */ }
  lms.set(V12 ? "cmi.core.session_time" : "cmi.session_time", sessionTime());
  lms.set(K.exit, "suspend");
  lms.commit();
  lms.finish();
  finished = true;
}

frame.addEventListener("load", attach);
window.addEventListener("pagehide", finish);
window.addEventListener("beforeunload", finish);
start();
