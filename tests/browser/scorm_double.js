/* A SCORM runtime test double that enforces the data model: SCORM 1.2 (window.API) and
   SCORM 2004 4th Edition (window.API_1484_11). It reads the package's manifest as an LMS does
   (adlcp:masteryscore, imsss:minNormalizedMeasure) and judges the status with it the way the
   standards let an LMS do (Moodle's "mastery score overrides status"), refuses read-only,
   write-only and malformed values with the standard's error codes, and records every such
   refusal in `violations` and the reported state at each exit in `exits`. */
(function (root) {
  "use strict";
  const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const ISO_DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
  const decimal = (lo, hi) => (v) => v !== "" && isFinite(+v) && (lo == null || +v >= lo) && (hi == null || +v <= hi);
  const string = (max) => (v) => v.length <= max;
  const oneOf = (...words) => (v) => words.includes(v);

  // element -> [access, check]; access: r, w, rw. `n` stands for an interaction's index.
  const MODEL = {
    "1.2": {
      "cmi.core.student_id": ["r"], "cmi.core.student_name": ["r"], "cmi.core.credit": ["r"],
      "cmi.core.entry": ["r"], "cmi.core.total_time": ["r"], "cmi.core.lesson_mode": ["r"],
      "cmi.core.lesson_location": ["rw", string(255)],
      "cmi.core.lesson_status": ["rw", oneOf("passed", "completed", "failed", "incomplete", "browsed")],
      "cmi.core.score.raw": ["rw", decimal(0, 100)], "cmi.core.score.min": ["rw", decimal(0, 100)],
      "cmi.core.score.max": ["rw", decimal(0, 100)],
      "cmi.core.exit": ["w", oneOf("time-out", "suspend", "logout", "")],
      "cmi.core.session_time": ["w", (v) => CMI_TIMESPAN.test(v)],
      "cmi.suspend_data": ["rw", string(4096)], "cmi.launch_data": ["r"],
      "cmi.student_data.mastery_score": ["r"], "cmi.interactions._count": ["r"],
      "cmi.interactions.n.id": ["w", (v) => /^[^\s]{1,255}$/.test(v)],
      "cmi.interactions.n.type": ["w", oneOf("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric")],
      "cmi.interactions.n.time": ["w", (v) => /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/.test(v)],
      "cmi.interactions.n.student_response": ["w", string(255)],
      "cmi.interactions.n.result": ["w", (v) => /^(correct|wrong|unanticipated|neutral|-?\d+(\.\d+)?)$/.test(v)],
    },
    "2004": {
      "cmi.learner_id": ["r"], "cmi.learner_name": ["r"], "cmi.credit": ["r"], "cmi.mode": ["r"],
      "cmi.entry": ["r"], "cmi.total_time": ["r"], "cmi.scaled_passing_score": ["r"], "cmi.launch_data": ["r"],
      "cmi.location": ["rw", string(1000)],
      "cmi.completion_status": ["rw", oneOf("completed", "incomplete", "not attempted", "unknown")],
      "cmi.success_status": ["rw", oneOf("passed", "failed", "unknown")],
      "cmi.progress_measure": ["rw", decimal(0, 1)],
      "cmi.score.scaled": ["rw", decimal(-1, 1)], "cmi.score.raw": ["rw", decimal()],
      "cmi.score.min": ["rw", decimal()], "cmi.score.max": ["rw", decimal()],
      "cmi.exit": ["w", oneOf("time-out", "suspend", "logout", "normal", "")],
      "cmi.session_time": ["w", (v) => ISO_DURATION.test(v)],
      "cmi.suspend_data": ["rw", string(64000)], "cmi.interactions._count": ["r"],
      "cmi.interactions.n.id": ["rw", (v) => /^\S{1,4000}$/.test(v)],
      "cmi.interactions.n.type": ["rw", oneOf("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other")],
      "cmi.interactions.n.timestamp": ["rw", (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v)],
      "cmi.interactions.n.learner_response": ["rw", string(4000)],
      "cmi.interactions.n.result": ["rw", (v) => /^(correct|incorrect|unanticipated|neutral|-?\d+(\.\d+)?)$/.test(v)],
    },
  };

  function ScormDouble(standard, saved, manifest) {
    const v12 = standard === "1.2", model = MODEL[standard];
    const self = { violations: [], exits: [], calls: [], state: "new", error: "0" };
    const cmi = {}, interactions = [];
    const entry = saved && saved.exit === "suspend" ? "resume" : "";
    if (v12) {
      Object.assign(cmi, { "cmi.core.student_id": "s1", "cmi.core.student_name": "Test, Lena", "cmi.core.credit": "credit",
        "cmi.core.entry": saved ? entry : "ab-initio", "cmi.core.total_time": "0000:00:00.00", "cmi.core.lesson_mode": "normal",
        "cmi.core.lesson_location": "", "cmi.core.lesson_status": "not attempted", "cmi.core.score.raw": "",
        "cmi.core.score.min": "", "cmi.core.score.max": "", "cmi.suspend_data": "", "cmi.launch_data": "",
        "cmi.student_data.mastery_score": manifest.masteryscore || "" });
    } else {
      Object.assign(cmi, { "cmi.learner_id": "s1", "cmi.learner_name": "Test, Lena", "cmi.credit": "credit", "cmi.mode": "normal",
        "cmi.entry": saved ? entry : "ab-initio", "cmi.total_time": "PT0S", "cmi.location": "",
        "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.progress_measure": "",
        "cmi.score.scaled": "", "cmi.score.raw": "", "cmi.score.min": "", "cmi.score.max": "", "cmi.suspend_data": "",
        "cmi.launch_data": "", "cmi.scaled_passing_score": manifest.minNormalizedMeasure || "" });
    }
    if (saved) Object.keys(saved.cmi || {}).forEach((k) => { cmi[k] = saved.cmi[k]; });

    function rule(element) {
      const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
      if (m) return [model["cmi.interactions.n." + m[2]], +m[1], m[2]];
      return [model[element], -1, null];
    }
    function fail(call, element, value, code) {
      self.violations.push({ call: call, element: element, value: value, code: code });
      self.error = code;
      return v12 && call === "get" ? "" : call === "get" ? "" : "false";
    }
    // What the LMS reports for the status: judged by the manifest's pass mark where one is set.
    function judged() {
      if (v12) {
        const mastery = cmi["cmi.student_data.mastery_score"], raw = cmi["cmi.core.score.raw"];
        if (mastery !== "" && raw !== "" && cmi["cmi.core.credit"] === "credit") return +raw >= +mastery ? "passed" : "failed";
        return cmi["cmi.core.lesson_status"];
      }
      const pass = cmi["cmi.scaled_passing_score"], scaled = cmi["cmi.score.scaled"];
      if (pass !== "") return scaled === "" ? "unknown" : +scaled >= +pass ? "passed" : "failed";
      return cmi["cmi.success_status"];
    }

    function init() {
      if (self.state !== "new") return fail("init", "", "", v12 ? "101" : self.state === "running" ? "103" : "104");
      self.state = "running"; self.error = "0";
      return "true";
    }
    function get(element) {
      if (self.state !== "running") return fail("get", element, "", v12 ? "301" : self.state === "new" ? "122" : "123");
      if (element === "cmi.interactions._count") { self.error = "0"; return String(interactions.length); }
      const [r, n, field] = rule(element);
      if (!r) return fail("get", element, "", v12 ? "201" : "401");
      if (r[0] === "w") return fail("get", element, "", v12 ? "404" : "405");
      self.error = "0";
      if (n >= 0) return (interactions[n] || {})[field] || "";
      if (!v12 && element === "cmi.success_status") return judged();
      return cmi[element] === undefined ? "" : cmi[element];
    }
    function set(element, value) {
      self.calls.push([element, value]);
      if (self.state !== "running") return fail("set", element, value, v12 ? "301" : self.state === "new" ? "132" : "133");
      if (typeof value !== "string") return fail("set", element, value, v12 ? "405" : "406");
      const [r, n, field] = rule(element);
      if (!r) return fail("set", element, value, v12 ? "201" : "401");
      if (r[0] === "r") return fail("set", element, value, v12 ? "403" : "404");
      if (r[1] && !r[1](value)) return fail("set", element, value, v12 ? "405" : "406");
      if (n >= 0) {
        if (n > interactions.length) return fail("set", element, value, v12 ? "201" : "351");
        if (!interactions[n]) {
          if (field !== "id") return fail("set", element, value, v12 ? "201" : "408");   // id first
          interactions[n] = {};
        }
        interactions[n][field] = value;
      } else cmi[element] = value;
      self.error = "0";
      return "true";
    }
    function commit() {
      if (self.state !== "running") return fail("commit", "", "", v12 ? "301" : self.state === "new" ? "142" : "143");
      self.error = "0";
      return "true";
    }
    function finish() {
      if (self.state !== "running") return fail("finish", "", "", v12 ? "301" : self.state === "new" ? "112" : "113");
      self.state = "done"; self.error = "0";
      const exit = cmi[v12 ? "cmi.core.exit" : "cmi.exit"] || "";
      const status = v12
        ? { lesson_status: judged(), score: cmi["cmi.core.score.raw"], entry: cmi["cmi.core.entry"] }
        : { completion_status: cmi["cmi.completion_status"], success_status: judged(), score: cmi["cmi.score.scaled"],
            entry: cmi["cmi.entry"] };
      status.session_time = cmi[v12 ? "cmi.core.session_time" : "cmi.session_time"] || "";
      status.exit = exit;
      status.interactions = interactions.length;
      self.exits.push(status);
      // What the LMS keeps for the next launch of this attempt.
      const keep = v12 ? ["cmi.core.lesson_location", "cmi.core.lesson_status", "cmi.suspend_data"]
        : ["cmi.location", "cmi.completion_status", "cmi.success_status", "cmi.suspend_data"];
      self.saved = { exit: exit, cmi: {} };
      keep.forEach((k) => { self.saved.cmi[k] = cmi[k]; });
      if (v12) self.saved.cmi["cmi.core.lesson_status"] = judged();
      return "true";
    }
    const error = () => self.error;
    const api = v12
      ? { LMSInitialize: init, LMSGetValue: get, LMSSetValue: set, LMSCommit: commit, LMSFinish: finish,
          LMSGetLastError: error, LMSGetErrorString: () => "", LMSGetDiagnostic: () => "" }
      : { Initialize: init, GetValue: get, SetValue: set, Commit: commit, Terminate: finish,
          GetLastError: error, GetErrorString: () => "", GetDiagnostic: () => "" };
    self.api = api;
    return self;
  }

  /* The pass marks an LMS reads from the package's manifest. */
  ScormDouble.readManifest = function (xml) {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const first = (local) => { const e = doc.getElementsByTagNameNS("*", local)[0]; return e ? e.textContent.trim() : ""; };
    return { masteryscore: first("masteryscore"), minNormalizedMeasure: first("minNormalizedMeasure") };
  };
  root.ScormDouble = ScormDouble;
})(window);
