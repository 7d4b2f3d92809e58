/* The preview's pure part (node-tested, tests/js/preview.test.mjs): which version a page, a
   comment or course.js names, and whether the engine serves another version of a page than
   the one shown. */
import { dataIn } from "../global.mjs";

/* The version in a page stamp comment's text (" rufbereit-preview abc123 "), else null. */
export function commentStamp(comment, marker) {
  const found = new RegExp("^ " + marker + " (\\w+) $").exec(comment);
  return found ? found[1] : null;
}

/* The version a served page names in its stamp comment, else null. */
export function pageStamp(html, marker) {
  const found = new RegExp("<!-- " + marker + " (\\w+) -->").exec(html);
  return found ? found[1] : null;
}

/* The version of the preview's course.js, from its text as the engine serves it. */
export function scriptStamp(script) {
  const preview = dataIn(script, "preview");
  return preview && typeof preview.stamp === "string" ? preview.stamp : null;
}

/* Whether `served` ({body, modified}) is another version of the page than the one shown.
   A generated page names its version (`shown`, read from the page); a hand-written page has
   none: it changed if it differs from the first answer (`first`, null before it), or, on the
   first answer, if it was rebuilt between this page's load and the question: newer (the engine
   gives whole seconds) than `loaded`, or of another size than the `size` bytes loaded (0: not known). */
export function pageChanged(served, { shown, marker, first, loaded, size }) {
  if (shown) return pageStamp(served.body, marker) !== shown;
  if (first !== null) return served.body !== first;
  return served.modified > loaded || (size > 0 && new TextEncoder().encode(served.body).length !== size);
}
