/* Rufbereit LMS package: reader progress <-> cmi.suspend_data. Plain script, no library.
   SCORM 1.2 allows 4,096 characters of suspend data, so the state of every module takes two
   characters (quiz passed, read, best score), and the answers of single questions fill the
   rest, the current and unfinished modules first. Notes and checklist ticks stay in the
   browser: they are free text of any length. Runs in the launcher and under node (tests). */
(function (root) {
  "use strict";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const isObj = (o) => !!o && typeof o === "object" && !Array.isArray(o);

  // Two characters = 12 bits: bit 0 quiz passed, bit 1 read, bit 2 has a best score, 3-9 best.
  function moduleBits(m) {
    if (!isObj(m)) return 0;
    const best = typeof m.best === "number" && m.best >= 0 && m.best <= 100 ? Math.round(m.best) : null;
    return (m.passed ? 1 : 0) | (m.read ? 2 : 0) | (best != null ? 4 | (best << 3) : 0);
  }
  function fromBits(v) {
    const m = {};
    if (v & 1) m.passed = true;
    if (v & 2) m.read = true;
    if (v & 4) m.best = (v >> 3) & 127;
    return m;
  }

  // One answer as a short string; the question's type (from the map) tells how to read it.
  function packAnswer(type, a) {
    if (a == null) return "";
    if (type === "single") return String(a);
    if (type === "multiple") return [].concat(a).join(",");   // option keys (record v2), not digits
    if (type === "true_false") return a === "true" ? "t" : "f";
    if (type === "text") return String(a).slice(0, 200);
    const keys = Object.keys(a).sort((x, y) => x - y);
    return keys.map((k) => (a[k] === "" || a[k] == null ? "-" : String(a[k]).slice(0, 1))).join("") +
      "@" + (keys.length ? keys[0] : "0");
  }
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

  function answerBlock(map, index, m) {
    const questions = (map.modules[index] || {}).q || [], out = [];
    if (!isObj(m) || !isObj(m.questions)) return out;
    questions.forEach((q, qi) => {
      const s = m.questions[q[0]];
      if (!isObj(s) || s.hash !== q[1]) return;
      out.push([qi, (s.correct ? "+" : "-") + packAnswer(q[2], s.answer)]);
    });
    return out;
  }

  /* data: the stored progress object; current: the module being read; limit: characters. */
  function encode(data, map, current, limit) {
    const mods = isObj(data) && isObj(data.modules) ? data.modules : {};
    let core = "";
    map.modules.forEach((info) => { const v = moduleBits(mods[info.id]); core += B64[v >> 6] + B64[v & 63]; });
    core = core.replace(/(AA)+$/, "");
    const out = { v: 1, m: core, a: {}, k: {} };
    let last = "";
    map.modules.forEach((info, i) => {
      const m = mods[info.id];
      if (!isObj(m)) return;
      if (m.date && String(m.date) > last) last = String(m.date);
      if (isObj(m.calls)) {
        const calls = {};
        Object.keys(m.calls).forEach((c) => {
          const e = m.calls[c];
          if (isObj(e)) calls[c] = [typeof e.best === "number" ? e.best : null, e.passed ? 1 : 0, e.ending == null ? null : String(e.ending).slice(0, 40)];
        });
        if (Object.keys(calls).length) out.k[i] = calls;
      }
    });
    if (last) out.d = last.slice(0, 10);
    let size = JSON.stringify(out).length;
    // Answers by priority: the current module, unfinished ones, then the rest, newest first.
    const order = map.modules.map((info, i) => i).filter((i) => isObj(mods[map.modules[i].id]));
    const rank = (i) => { const m = mods[map.modules[i].id]; return (map.modules[i].id === current ? 0 : m.passed ? 2 : 1); };
    order.sort((x, y) => rank(x) - rank(y) || String(mods[map.modules[y].id].date || "").localeCompare(String(mods[map.modules[x].id].date || "")) || x - y);
    order.forEach((i) => {
      const block = answerBlock(map, i, mods[map.modules[i].id]);
      if (!block.length) return;
      const cost = JSON.stringify(block).length + String(i).length + 4;
      if (size + cost > limit) return;
      out.a[i] = block;
      size += cost;
    });
    const text = JSON.stringify(out);
    return text.length <= limit ? text : JSON.stringify({ v: 1, m: core });
  }

  /* The progress object from suspend data; null when it is not ours or broken. */
  function decode(text, map, course) {
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

  const api = { encode: encode, decode: decode, packAnswer: packAnswer, unpackAnswer: unpackAnswer };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.RufbereitSuspend = api;
})(this);
