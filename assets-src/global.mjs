/* The one name our browser code defines on `window`: `Rufbereit`, on every kind of page (the
   site, the trainer edition, the SCORM and cmi5 launchers, the preview). Each part has its key:
   - the generator's data, each in the script it writes before ours (render/browser_data.py):
     `course` (course.js), `lms` (a package's map), `preview` (rufbereit serve);
   - each script's seam: `site` (rufbereit.js: the learner record, for the LMS bridges and the
     tests), `scorm` and `cmi5` (the launchers' state, for the tests), `watch` (the preview's).
   ESLint lets only this module write on window (eslint.config.mjs); tests/browser/test_globals.py
   checks in Chromium that the pages gain this one name and no other. */
export const NAME = "Rufbereit";

/* Our name on this window, made on first use: the data scripts may have made it already. */
export function ours() {
  return window[NAME] || (window[NAME] = {});
}

/* The site's seam in another window (the course page in a launcher's frame), once its script
   runs; null before that. */
export function siteOf(w) {
  return (w && w[NAME] && w[NAME].site) || null;
}

/* The data a generated script hands over under `key` (the format of render/browser_data.py), read
   from the script's text: the preview compares the version of course.js it serves. */
export function dataIn(script, key) {
  const start = "(window." + NAME + " = window." + NAME + " || {})." + key + " = ";
  const line = String(script).split("\n").find((l) => l.startsWith(start));
  if (!line) return null;
  try { return JSON.parse(line.slice(start.length).replace(/;\s*$/, "")); } catch (e) { return null; }
}
