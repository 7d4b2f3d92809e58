/* Rufbereit LMS packages: what both LMS bridges share (rufbereit-lms.js for SCORM 1.2/2004,
   rufbereit-cmi5.js for cmi5, whose xAPI cmi.interaction responses use the SCORM 2004 format):
   how a checked answer becomes an interaction, from the detail of the site's `rufbereit:answer`
   event (README "Browser events"), and the file links an LMS's server needs. */
const TYPES = { single: "choice", multiple: "choice", true_false: "true-false", text: "fill-in", order: "sequencing", match: "matching" };
// The reader's answer as a response: `v12` for SCORM 1.2's delimiters, else SCORM 2004 / xAPI.
export function response(type, a, v12) {
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

/* An LMS's file server serves no index.html for a folder: links the site's script builds at
   run time (the next module, the finish page's list) get theirs here, as the export did for
   the pages' own links. */
export function fileLinks(w) {
  const fix = (a) => {
    if (!a.href || !/^https?:$/.test(a.protocol) || a.origin !== w.location.origin) return;
    if (a.pathname.endsWith("/")) a.pathname += "index.html";
  };
  const all = (root) => { if (root.querySelectorAll) root.querySelectorAll("a[href], area[href]").forEach(fix); };
  all(w.document);
  new w.MutationObserver((changes) => changes.forEach((c) => {
    if (c.type === "attributes") { if (c.target.href !== undefined) fix(c.target); }
    else c.addedNodes.forEach((n) => { if (n.nodeType === 1) { if (n.matches("a[href], area[href]")) fix(n); all(n); } });
  })).observe(w.document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["href"] });
}

export const interactionType = (t) => TYPES[t] || "other";
