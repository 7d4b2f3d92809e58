/* The learner record, pure: reading (the JSON Schema of generator/rufbereit/content/record.py,
   shipped in course.js as recordSchema and as assets/record.schema.json, walked as `salvage`
   in record.py walks it), migrating version 1, matching stored choice answers to reworded
   questions, and merging what two tabs stored. No DOM, no storage: it runs under node in
   tests/js and tests/test_record.py. */
import { isObj, own } from "./util.mjs";

export const VERSION = 2;
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
/* A value that breaks the schema is dropped alone (its path noted), a key nobody knows is
   kept. Returns [fits, value kept]; `dropped` collects the path of every value left out. */
export function salvage(defs, n, v, where, dropped) {
  if (n.$ref) n = defs[n.$ref.split("/").pop()] || {};
  const drop = () => { dropped.push(where || "/"); return [false, null]; };
  if (n.anyOf) return n.anyOf.some((b) => { const inner = []; return salvage(defs, b, v, where, inner)[0] && !inner.length; }) ? [true, v] : drop();
  if (n.type === "array") {
    if (!Array.isArray(v) || v.length > (n.maxItems ?? Infinity)) return drop();
    return [true, v.map((x, i) => salvage(defs, n.items || {}, x, where + "/" + i, dropped)).filter((r) => r[0]).map((r) => r[1])];
  }
  if (n.type !== "object") return scalarOk(n, v) ? [true, v] : drop();
  if (!isObj(v) || Object.keys(v).length > (n.maxProperties ?? Infinity)) return drop();
  const known = n.properties || {}, extra = n.additionalProperties, out = {};
  Object.keys(v).forEach((k) => {
    // "__proto__" would become the object's prototype when copied: never a key of ours.
    const r = k === "__proto__" ? (dropped.push(where + "/" + k), [false]) : own(known, k) ? salvage(defs, known[k], v[k], where + "/" + k, dropped)
      : !isObj(extra) ? [true, v[k]]   // unknown: kept as it is
      : scalarOk(n.propertyNames || {}, k) ? salvage(defs, extra, v[k], where + "/" + k, dropped)
      : (dropped.push(where + "/" + k), [false]);
    if (r[0]) out[k] = r[1];
  });
  return (n.required || []).every((k) => k in out) ? [true, out] : drop();
}

/* A stored answer to a choice question matched to the question as it is now (course.js
   `modules[i].choices`; the same algorithm as `resolve` in content/record.py): rewording,
   reordering or adding options keeps it, its keys become today's; when the right answer
   changed it stays as it was, and its old hash marks the question as updated. */
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
export function resolve(current, s) {
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

/* How this course reads a record. `course` is course.js's data: its id (`course`), its
   `modules` (checklist item ids, choices) and `recordSchema`. */
export function recordReader(course) {
  const SCHEMA = course.recordSchema || {}, DEFS = SCHEMA.$defs || {}, MODULES = course.modules || [];
  const info = (id) => MODULES.find((x) => x.id === id) || {};
  const valid = (d) => isObj(d) && d.course === course.course && isObj(d.modules);
  // Version 1 stored ticks by position: the course names each checklist's item ids in order.
  function migrate(d) {
    // Object.fromEntries and spread, never plain assignment: a "__proto__" key stays a plain
    // key (which salvage then drops) instead of becoming a prototype.
    const ticks = (m, k, list) => {
      const ids = own(m.checklists || {}, k) ? m.checklists[k] : null;
      return ids && Array.isArray(list) ? list.filter((t) => typeof t === "string" && /^[0-9]+$/.test(t) && +t < ids.length).map((t) => ids[+t]) : list;
    };
    const modules = Object.fromEntries(Object.keys(d.modules).map((id) => {
      const m = d.modules[id];
      if (!isObj(m) || !isObj(m.checklists)) return [id, m];
      const lists = Object.fromEntries(Object.keys(m.checklists).map((k) => [k, ticks(info(id), k, m.checklists[k])]));
      return [id, { ...m, checklists: lists }];
    }));
    return { ...d, version: VERSION, modules: modules };
  }
  const choicesOf = (id) => info(id).choices || {};
  function resolveModule(id, m) {
    const choices = choicesOf(id);
    if (!isObj(m) || !isObj(m.questions)) return m;
    const review = isObj(m.review) ? m.review : {}, cards = { ...review };
    const questions = Object.fromEntries(Object.keys(m.questions).map((q) => {
      const s = m.questions[q], r = own(choices, q) ? resolve(choices[q], s) : s, card = cards[q];
      if (r !== s && isObj(card) && card.hash === s.hash) cards[q] = { ...card, hash: r.hash };   // the review card follows its answer
      return [q, r];
    }));
    return { ...m, questions: questions, ...("review" in m ? { review: cards } : {}) };
  }
  // {record, dropped}: record null when `raw` is not a record of this course; a record of a
  // newer version is kept as it is.
  function read(raw) {
    if (!valid(raw)) return { record: null, dropped: ["/"] };
    const version = raw.version === undefined ? 1 : raw.version;
    if (Number.isInteger(version) && version > VERSION) return { record: raw, dropped: [] };
    const dropped = [], r = salvage(DEFS, SCHEMA, version === 1 ? migrate(raw) : raw, "", dropped);
    if (!r[0] || !valid(r[1])) return { record: null, dropped: dropped };
    const modules = Object.fromEntries(Object.keys(r[1].modules).map((id) => [id, resolveModule(id, r[1].modules[id])]));
    return { record: { ...r[1], modules: modules }, dropped: dropped };
  }
  return { read, choicesOf, fresh: () => ({ course: course.course, version: VERSION, modules: {} }) };
}

/* ---- two tabs: merge what another tab stored into ours, so that nobody's answers get lost.
   `cleared`: modules whose questions our tab deliberately cleared (their answers stay gone
   unless theirs win). Changes and returns `ours`. */
// A passed run beats any failed one; among equals the higher score (negative scores count).
const points = (c) => (isObj(c) && typeof c.best === "number" ? c.best : -Infinity);
const betterCall = (a, b) => !isObj(b) || (!!a.passed && !b.passed) || (!!a.passed === !!b.passed && points(a) >= points(b));
export function merge(ours, theirs, theirsWin, cleared) {
  const out = ours;
  if (!("name" in out) && "name" in theirs) out.name = theirs.name;
  Object.keys(theirs.modules).forEach((id) => {
    const t = theirs.modules[id], o = out.modules[id];
    if (!o) { out.modules[id] = t; return; }
    const pick = (a, b) => Object.assign({}, theirsWin ? a : b, theirsWin ? b : a);
    if ((t.questions || o.questions) && !(cleared.has(id) && !theirsWin)) o.questions = pick(o.questions || {}, t.questions || {});
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
