// Small pure helpers every part of the site's script shares (no DOM, no page data: they also
// run under node in tests/js).
export const isObj = (o) => !!o && typeof o === "object" && !Array.isArray(o);
export const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);   // never a key of Object.prototype
// An interface text with its {placeholders} filled; an unknown placeholder stays as it is.
export const fill = (s, p) => String(s || "").replace(/\{(\w+)\}/g, (m, k) => (p && k in p ? p[k] : m));
const two = (n) => String(n).padStart(2, "0");
// "Today" for every part of the site: the reader's local date, YYYY-MM-DD.
export const today = (d = new Date()) => d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
// The day of an ISO date or time stamp (YYYY-MM-DD).
export const dayOf = (iso) => String(iso).slice(0, 10);
