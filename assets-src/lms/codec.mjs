/* Rufbereit LMS package: the learner record <-> cmi.suspend_data. An ES module (bundled into rufbereit-lms.js).
   The whole record (CONTRACTS.md: the site's localStorage object, unknown keys included) is
   stored as JSON compressed with lz-string (npm, pinned in package.json, shipped in the
   package), so it follows the record's schema without per-field packing. SCORM 1.2 allows
   4,096 characters: when the record does not fit, the least important parts go first (DROPS),
   down to each module's pass state and best score. Runs in the launcher and under node (tests). */
import LZ from "lz-string";
import { isObj } from "../site/util.mjs";

const PREFIX = "z2:";
const eachModule = (r, f) => Object.keys(r.modules).forEach((id) => { if (isObj(r.modules[id])) f(r.modules[id], id); });
const without = (m, keys) => keys.forEach((k) => { delete m[k]; });

/* What is dropped, step by step, until the record fits; each step keeps the ones before.
   Notes and ticks stay in the learner's browser in any case (the launcher merges them back). */
const DROPS = [
  ["notes", (r) => eachModule(r, (m) => without(m, ["notes"]))],
  ["checklists", (r) => eachModule(r, (m) => without(m, ["checklists"]))],
  ["answers of passed modules", (r, current) => eachModule(r, (m, id) => { if (m.passed && id !== current) delete m.questions; })],
  ["review cards", (r) => eachModule(r, (m) => without(m, ["review"]))],
  ["all other answers", (r, current) => eachModule(r, (m, id) => { if (id !== current) delete m.questions; })],
  ["call endings, dates and versions", (r) => eachModule(r, (m) => {
    without(m, ["date", "version"]);
    if (isObj(m.calls)) Object.keys(m.calls).forEach((c) => { if (isObj(m.calls[c])) delete m.calls[c].ending; });
  })],
  ["every other module's details: only its pass state, best score and passed calls, by position", (r, current, map) => positional(r, current, map)],
];

/* The last resort: each module of the map as one flag number (bit 0 quiz passed, bit 1 read,
   bit 2 + k its k-th call passed) and its best score, in course order; the current module
   keeps its entry. Module ids are long and the map knows them. */
function positional(r, current, map) {
  const flags = [], best = [];
  map.modules.forEach((info) => {
    const m = isObj(r.modules[info.id]) ? r.modules[info.id] : {};
    let f = (m.passed ? 1 : 0) | (m.read ? 2 : 0);
    (info.calls || []).forEach((c, k) => { if (isObj(m.calls) && isObj(m.calls[c]) && m.calls[c].passed) f |= 4 << k; });
    flags.push(f);
    best.push(typeof m.best === "number" ? m.best : null);
  });
  while (flags.length && !flags[flags.length - 1] && best[best.length - 1] == null) { flags.pop(); best.pop(); }
  r["~positional"] = { f: flags, b: best };
  r.modules = isObj(r.modules[current]) ? { [current]: r.modules[current] } : {};
}
function fromPositional(r, map) {
  const p = r["~positional"], modules = {};
  delete r["~positional"];
  if (!isObj(p) || !Array.isArray(p.f) || !Array.isArray(p.b)) return;
  map.modules.forEach((info, i) => {
    const f = +p.f[i] || 0, m = {};
    if (f & 1) m.passed = true;
    if (f & 2) m.read = true;
    if (typeof p.b[i] === "number") m.best = p.b[i];
    (info.calls || []).forEach((c, k) => { if (f & (4 << k)) { m.calls = m.calls || {}; m.calls[c] = { passed: true }; } });
    if (Object.keys(m).length) modules[info.id] = m;
  });
  Object.keys(r.modules).forEach((id) => { modules[id] = Object.assign(modules[id] || {}, r.modules[id]); });
  r.modules = modules;
}

// lz-string shrinks a record's JSON at most about twentyfold: longer ones are not tried.
const MOST = 20;
function pack(r, limit) {
  const json = JSON.stringify(r);
  return json.length > limit * MOST ? null : PREFIX + LZ.compressToEncodedURIComponent(json);
}

/* record: the learner record; current: the module being read; limit: characters.
   Returns the text; `encode.dropped` names what had to go (empty when all of it fits). */
function encode(record, map, current, limit) {
  const r = isObj(record) ? JSON.parse(JSON.stringify(record)) : {};
  if (!isObj(r.modules)) r.modules = {};
  let text = pack(r, limit);
  encode.dropped = [];
  for (let i = 0; i < DROPS.length && (text === null || text.length > limit); i++) {
    DROPS[i][1](r, current, map);
    encode.dropped.push(DROPS[i][0]);
    text = pack(r, limit);
  }
  return text !== null && text.length <= limit ? text : "";
}
encode.dropped = [];

/* The learner record from suspend data; null when it is not ours or broken. */
function decode(text, map, course) {
  if (typeof text !== "string") return null;
  if (!text.startsWith(PREFIX)) return decodeV1(text, map, course);
  let r;
  try { r = JSON.parse(LZ.decompressFromEncodedURIComponent(text.slice(PREFIX.length)) || "null"); } catch (e) { return null; }
  if (!isObj(r) || !isObj(r.modules) || (r.course != null && r.course !== course)) return null;
  if ("~positional" in r) fromPositional(r, map);
  r.course = course;
  return r;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Version 1 packed a module in two characters = 12 bits: bit 0 quiz passed, bit 1 read,
// bit 2 has a best score, 3-9 best.
function fromBits(v) {
  const m = {};
  if (v & 1) m.passed = true;
  if (v & 2) m.read = true;
  if (v & 4) m.best = (v >> 3) & 127;
  return m;
}

// A version 1 answer; the question's type (from the map) tells how to read it.
function unpackAnswer(type, s) {
  if (s === "") return null;
  if (type === "single") return s;
  if (type === "multiple") return s.split(",");
  if (type === "true_false") return s === "t" ? "true" : "false";
  if (type === "text") return s;
  const at = s.lastIndexOf("@"), first = +s.slice(at + 1), a = {};
  s.slice(0, at).split("").forEach((c, i) => { a[String(first + i)] = c === "-" ? "" : c; });
  return a;
}

/* Suspend data an earlier package wrote (version 1: per-field packing). */
function decodeV1(text, map, course) {
  let s = null;
  try { s = JSON.parse(text); } catch (e) { return null; }
  if (!isObj(s) || s.v !== 1 || typeof s.m !== "string") return null;
  const data = { course: course, version: 1, modules: {} };
  map.modules.forEach((info, i) => {
    const a = B64.indexOf(s.m.charAt(2 * i)), b = B64.indexOf(s.m.charAt(2 * i + 1));
    const v = a < 0 || b < 0 ? 0 : (a << 6) | b;
    const m = fromBits(v), block = isObj(s.a) && Array.isArray(s.a[i]) ? s.a[i] : [];
    const calls = isObj(s.k) && isObj(s.k[i]) ? s.k[i] : null;
    m.questions = {};
    block.forEach((entry) => {
      const q = Array.isArray(entry) && (info.q || [])[entry[0]];
      if (!q || typeof entry[1] !== "string") return;
      m.questions[q[0]] = { hash: q[1], answer: unpackAnswer(q[2], entry[1].slice(1)), correct: entry[1].charAt(0) === "+" };
    });
    if (calls) {
      m.calls = {};
      Object.keys(calls).forEach((c) => {
        const e = calls[c];
        if (Array.isArray(e)) m.calls[c] = { best: e[0], passed: !!e[1], ending: e[2] };
      });
    }
    if (v || Object.keys(m.questions).length || calls) {
      if (typeof s.d === "string") m.date = s.d;
      data.modules[info.id] = m;
    }
  });
  return data;
}

export const drops = DROPS.map((d) => d[0]);
export { decode, encode, unpackAnswer };
