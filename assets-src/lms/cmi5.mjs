/* Rufbereit cmi5 package: the AU's launcher. Bundled by `npm run build:lms` into
   rufbereit-cmi5.js with the shared bridge; its state for the tests is window.Rufbereit.cmi5 (the
   one global, assets-src/global.mjs).
   The launch as the cmi5 specification describes it: the LMS opens this page with endpoint,
   fetch, actor, registration and activityId in the URL; the page POSTs to the fetch URL once
   for the auth token, reads the LMS.LaunchData state document (context template, launch mode,
   moveOn) and sends its statements to the LMS's LRS: `initialized` first, `answered` for each
   checked question and `interacted` for each practice-call choice (cmi5 allowed statements),
   `completed` and `passed` once every module is passed, `terminated` last. It follows the
   course in the frame only through the site's browser events (CONTRACTS.md). Without a launch
   URL the frame is the plain site. */
import { ours, siteOf } from "../global.mjs";
import { isObj } from "../site/util.mjs";
import * as B from "./bridge.mjs";   // what both LMS bridges share

const M = ours().lms || {}, frame = document.getElementById("rb-course");
const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const VERB = (name) => ({ id: "http://adlnet.gov/expapi/verbs/" + name, display: { "en-US": name } });
const params = new URLSearchParams(location.search);
const launch = ["endpoint", "fetch", "actor", "registration", "activityId"].every((k) => params.get(k))
  ? { endpoint: params.get("endpoint").replace(/\/?$/, "/"), fetch: params.get("fetch"), registration: params.get("registration"),
      activityId: params.get("activityId"), actor: JSON.parse(params.get("actor")) }
  : null;
const started = Date.now();
const STATUS = "https://rufbereit.de/xapi/state/status", RECORD = "https://rufbereit.de/xapi/state/record";
let token = null, launchData = null, ready = null, terminated = false, done = { completed: false, passed: false };
let restored = null;
const passed = new Set();
const state = (ours().cmi5 = { launched: () => !!launch, page: "", ready: () => ready });

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}
function duration(ms) {
  const cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
  return "PT" + h + "H" + m + "M" + ((cs % 6000) / 100).toFixed(2) + "S";
}
function headers(json) {
  const h = { Authorization: "Basic " + token, "X-Experience-API-Version": "1.0.3" };
  if (json) h["Content-Type"] = "application/json";
  return h;
}
function stateUrl(stateId) {
  return launch.endpoint + "activities/state?" + new URLSearchParams({ stateId: stateId, activityId: launch.activityId,
    agent: JSON.stringify(launch.actor), registration: launch.registration });
}

/* ---- the launch: token, launch data, own state, initialized ---- */
async function start() {
  const answer = await fetch(launch.fetch, { method: "POST" });
  token = (await answer.json())["auth-token"];
  launchData = await (await fetch(stateUrl("LMS.LaunchData"), { headers: headers(false) })).json();
  const own = await fetch(stateUrl(STATUS), { headers: headers(false) });
  if (own.ok) { const s = await own.json(); if (isObj(s)) done = { completed: !!s.completed, passed: !!s.passed }; }
  // The learner record of this registration, for a browser that has never seen the course.
  const kept = await fetch(stateUrl(RECORD), { headers: headers(false) });
  if (kept.ok) { const r = await kept.json(); if (isObj(r) && isObj(r.modules)) restored = r; }
  await perform([{ make: () => statement("initialized", launch.activityId, null, true) }]);
}

function context(defined, moveOn) {
  const c = JSON.parse(JSON.stringify((launchData && launchData.contextTemplate) || {}));
  c.registration = launch.registration;
  c.contextActivities = c.contextActivities || {};
  if (defined) {
    const category = (c.contextActivities.category || []).filter((a) => a.id !== CMI5 && a.id !== MOVEON);
    category.push({ id: CMI5, objectType: "Activity" });
    if (moveOn) category.push({ id: MOVEON, objectType: "Activity" });
    c.contextActivities.category = category;
  } else if (c.contextActivities.category) {   // allowed statements carry no cmi5 category
    c.contextActivities.category = c.contextActivities.category.filter((a) => a.id !== CMI5 && a.id !== MOVEON);
    if (!c.contextActivities.category.length) delete c.contextActivities.category;
  }
  return c;
}
function statement(verb, objectId, result, defined, definition, moveOn) {
  const object = { id: objectId, objectType: "Activity" };
  if (definition) object.definition = definition;
  const s = { id: uuid(), actor: launch.actor, verb: VERB(verb), object: object, context: context(defined, moveOn),
    timestamp: new Date().toISOString() };
  if (result) s.result = result;
  return s;
}
/* Requests leave one after the other, in the order they were made. A job is a statement
   ({make}), a state document ({state, body}) or a step to run in turn ({run}). Statements
   and small states are sent with keepalive, so one on its way survives the page going away. */
const waiting = [];
let launched = false, running = false;
function perform(jobs) {
  const statements = jobs.filter((j) => j.make).map((j) => j.make()), sent = [];
  if (statements.length) sent.push(fetch(launch.endpoint + "statements", { method: "POST", headers: headers(true),
    body: JSON.stringify(statements.length === 1 ? statements[0] : statements), keepalive: true }));
  jobs.filter((j) => j.state).forEach((j) => sent.push(fetch(stateUrl(j.state), { method: "PUT", headers: headers(true),
    body: j.body, keepalive: j.body.length < 32768 })));   // keepalive bodies share a 64 KB budget
  jobs.filter((j) => j.run).forEach((j) => j.run());
  return Promise.all(sent);
}
function pump() {
  if (!launched || running || !waiting.length) return;
  running = true;
  Promise.resolve().then(() => perform([waiting.shift()])).catch(() => null)
    .finally(() => { running = false; pump(); });
}
function later(job) {
  if (!ready || terminated) return;
  waiting.push(job);
  pump();
}
const queue = (make) => later({ make: make });

/* ---- the course's events ---- */
const normal = () => launchData && (launchData.launchMode || "Normal") === "Normal";
const iri = (...parts) => launch.activityId + "/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
function onAnswer(d) {
  if (!isObj(d) || !normal()) return;
  const type = B.interactionType(d.type), result = { success: !!d.correct, response: B.response(d.type, d.answer, false) };
  if (d.confidence) result.extensions = { "https://rufbereit.de/xapi/extensions/confidence": String(d.confidence) };
  queue(() => statement("answered", iri("module", d.module, "question", d.question), result, false,
    { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: type }));
}
function onCallChoice(d) {
  if (!isObj(d) || !normal()) return;
  const result = { response: String(d.choice) };
  if (typeof d.points === "number" && isFinite(d.points)) result.score = { raw: d.points };
  queue(() => statement("interacted", iri("module", d.module, "call", d.call, "step", d.step), result, false,
    { type: "http://adlnet.gov/expapi/activities/interaction" }));
}
function onStatus(d, w) {
  if (isObj(d) && d.module) { if (d.passed) passed.add(String(d.module)); else passed.delete(String(d.module)); }
  const site = siteOf(w);
  if (site) M.modules.forEach((m) => { if (site.passed(m.id)) passed.add(m.id); });
  if (!normal() || !M.modules.every((m) => passed.has(m.id)) || (done.completed && done.passed)) return;
  const result = (extra) => Object.assign({ duration: duration(Date.now() - started) }, extra);
  const score = courseScore(w);
  if (!done.completed) { done.completed = true; queue(() => statement("completed", launch.activityId, result({ completion: true }), true, null, true)); }
  if (!done.passed) {
    done.passed = true;
    queue(() => statement("passed", launch.activityId, result(score ? { success: true, score: score } : { success: true }), true, null, true));
  }
  later({ state: STATUS, body: JSON.stringify(done) });
}
/* The learner record into the registration's state: resume in any browser (no size limit
   here, unlike SCORM 1.2's suspend data). */
function keep(w) {
  const site = siteOf(w);
  if (!site || !normal()) return;
  const record = JSON.stringify(site.data());
  later({ state: RECORD, body: record });
}
/* The course's result as in the SCORM packages: the mean of the best self-check scores. */
function courseScore(w) {
  const site = siteOf(w), d = site ? site.data() : null, quizzes = M.modules.filter((m) => m.quiz);
  if (!isObj(d) || !isObj(d.modules) || !quizzes.length) return null;
  const sum = quizzes.reduce((s, m) => s + ((isObj(d.modules[m.id]) && +d.modules[m.id].best) || 0), 0);
  const raw = Math.round(sum / quizzes.length);
  return { scaled: raw / 100, raw: raw, min: 0, max: 100 };
}

function attach() {
  let w = null;
  try { w = frame.contentWindow; if (!w.document) return; } catch (e) { return; }
  B.fileLinks(w);
  const on = (name, f) => w.document.addEventListener(name, (e) => f(e.detail, w));
  on("rufbereit:answer", onAnswer);
  on("rufbereit:call-choice", onCallChoice);
  on("rufbereit:status", onStatus);
  on("rufbereit:saved", () => { onStatus(null, w); keep(w); });
  later({ run: () => {
    const site = siteOf(w), d = site ? site.data() : null;
    // No record in this browser: hand the LRS's to the page once.
    if (restored && d && !Object.keys(d.modules || {}).length && Object.keys(restored.modules).length) site.replace(restored);
    restored = null;
    onStatus(null, w);
  } });
  state.page = w.location.href;
}

/* terminated, last. The page is going away and runs no more promise callbacks, so what
   still waits leaves now: its statements and terminated in one batch, in order. */
function finish() {
  if (!ready || terminated) return;
  terminated = true;
  const last = { make: () => statement("terminated", launch.activityId, { duration: duration(Date.now() - started) }, true) };
  if (launched) perform(waiting.splice(0).filter((j) => !j.run).concat([last])).catch(() => null);
  else ready.then(() => perform([last])).catch(() => null);
}

frame.addEventListener("load", attach);
window.addEventListener("pagehide", finish);
if (launch) ready = start().then(() => { launched = true; pump(); }, () => { ready = null; waiting.length = 0; });
frame.src = "index.html";
