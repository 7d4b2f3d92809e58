// DOM helpers shared by the parts of the site's script.
export const $ = (s, r) => (r || document).querySelector(s);
export const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
export const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
export const textOf = (e) => (e ? e.textContent.replace(/\s+/g, " ").trim() : "");
// The documented events (README "Browser events"): listeners such as the LMS bridge follow
// the reader through them, never through snapshots of the record.
export const announce = (name, detail) => document.dispatchEvent(new CustomEvent("rufbereit:" + name, { detail: detail }));
