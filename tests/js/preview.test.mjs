// The preview's pure part (assets-src/preview/look.mjs): which version a page or course.js
// names, and when the open page is out of date.
import assert from "node:assert/strict";
import { test } from "node:test";
import { commentStamp, pageChanged, pageStamp, scriptStamp } from "../../assets-src/preview/look.mjs";

const MARKER = "rufbereit-preview";

test("the version of a page, of its stamp comment and of the preview's course.js", () => {
  assert.equal(pageStamp("<p>x</p>\n<!-- rufbereit-preview 1a2b3c -->\n", MARKER), "1a2b3c");
  assert.equal(pageStamp("<p>no stamp</p>", MARKER), null);
  assert.equal(commentStamp(" rufbereit-preview 1a2b3c ", MARKER), "1a2b3c");
  assert.equal(commentStamp(" something else ", MARKER), null);
  const script = "(window.Rufbereit = window.Rufbereit || {}).course = {\"texts\": {\"x\": \"\\\"stamp\\\": \\\"fake\\\"\"}};\n" +
    "\n/* rufbereit serve: reload when this file changes */\n" +
    "(window.Rufbereit = window.Rufbereit || {}).preview = {\"footer\": \"\", \"stamp\": \"d00d\"};\n(()=>{})();\n";
  assert.equal(scriptStamp(script), "d00d");
  assert.equal(scriptStamp("window.RUFBEREIT = {};\n"), null);   // not the preview's: reload
});

test("a generated page is out of date once the engine serves another version than the one shown", () => {
  const served = { body: "<!-- rufbereit-preview new -->", modified: 0 };
  const seen = { marker: MARKER, first: null, loaded: 0, size: 0 };
  assert.equal(pageChanged(served, { ...seen, shown: "old" }), true);
  assert.equal(pageChanged(served, { ...seen, shown: "new" }), false);
});

test("a hand-written page: rebuilt since the load (newer or of another size), or unlike the first answer", () => {
  const page = { body: "<p>ä</p>", modified: 2000 };   // 9 bytes in UTF-8
  const seen = { shown: null, marker: MARKER, first: null, loaded: 2000, size: 9 };
  assert.equal(pageChanged(page, seen), false);
  assert.equal(pageChanged({ ...page, modified: 3000 }, seen), true);
  assert.equal(pageChanged(page, { ...seen, size: 8 }), true);
  assert.equal(pageChanged(page, { ...seen, size: 0 }), false);   // size not known: the date alone
  assert.equal(pageChanged(page, { ...seen, first: "<p>ä</p>" }), false);
  assert.equal(pageChanged(page, { ...seen, first: "<p>a</p>" }), true);
});
