/* Rufbereit LMS packages: how a checked answer becomes an interaction. The one table for both
   LMS bridges (rufbereit-lms.js for SCORM 1.2/2004, rufbereit-cmi5.js for cmi5, whose xAPI
   cmi.interaction responses use the SCORM 2004 format). Input: the detail of the site's
   `rufbereit:answer` event (README "Browser events"). */
(() => {
  "use strict";
  const TYPES = { single: "choice", multiple: "choice", true_false: "true-false", text: "fill-in", order: "sequencing", match: "matching" };
  // The reader's answer as a response: `v12` for SCORM 1.2's delimiters, else SCORM 2004 / xAPI.
  function response(type, a, v12) {
    const sep = v12 ? "," : "[,]", pair = v12 ? "." : "[.]";
    if (a == null) return "";
    if (type === "single") return String(a);
    if (type === "multiple") return [].concat(a).join(sep);
    if (type === "true_false") return v12 ? (String(a) === "true" ? "t" : "f") : String(a);
    if (typeof a !== "object") {   // typed text: one line, no delimiter of the format
      const t = String(a).replace(/[\r\n]+/g, " ").replace(/\[[,.]\]/g, " ").replace(/^\{/, "(");
      return t.slice(0, v12 ? 255 : 250);
    }
    const keys = Object.keys(a).filter((k) => a[k] !== "" && a[k] != null);
    if (type === "order") return keys.sort((x, y) => a[x] - a[y]).join(sep);   // the items in the order chosen
    return keys.map((k) => k + pair + a[k]).join(sep);
  }
  window.RufbereitInteraction = { type: (t) => TYPES[t] || "other", response: response };
})();
