// The one name our browser code defines on window (assets-src/global.mjs): how the generator's
// data is read back, and ESLint's rule that keeps every other module from adding a global.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ESLint } from "eslint";
import { NAME, dataIn, ours, siteOf } from "../../assets-src/global.mjs";

const ROOT = new URL("../../", import.meta.url);

test("the data a generated script hands over is read back as JSON, whatever the course text", () => {
  const hostile = { title: "\"); alert(1); (\"\n</script><!--", line: "a\u2028b" };
  const script = "(window.Rufbereit = window.Rufbereit || {}).course = " + JSON.stringify(hostile) + ";\n" +
    "(window.Rufbereit = window.Rufbereit || {}).preview = {\"stamp\": \"abc\"};\n";
  assert.deepEqual(dataIn(script, "course"), hostile);
  assert.deepEqual(dataIn(script, "preview"), { stamp: "abc" });
  assert.equal(dataIn(script, "lms"), null);
  assert.equal(dataIn("window.RUFBEREIT = {};\n", "course"), null);   // before round 6
  assert.equal(dataIn("(window.Rufbereit = window.Rufbereit || {}).course = {broken;\n", "course"), null);
});

test("ours() makes the one name once and keeps what the data scripts put there", () => {
  globalThis.window = { [NAME]: { course: { id: 1 } } };
  try {
    ours().site = { passed: () => true };
    assert.deepEqual(Object.keys(globalThis.window), [NAME]);
    assert.deepEqual(Object.keys(globalThis.window[NAME]), ["course", "site"]);
    assert.equal(siteOf(globalThis.window), globalThis.window[NAME].site);
    assert.equal(siteOf({ [NAME]: { course: {} } }), null);   // course.js ran, the site's script not yet
    assert.equal(siteOf(null), null);
    globalThis.window = {};
    assert.equal(ours(), globalThis.window[NAME]);
  } finally {
    delete globalThis.window;
  }
});

test("ESLint refuses a second global in any browser module, and lets global.mjs make ours", async () => {
  const eslint = new ESLint({ cwd: ROOT.pathname });
  const lint = async (text, file) => (await eslint.lintText(text, { filePath: file }))[0].messages.map((m) => m.ruleId);
  for (const stray of ["window.Extra = 1;", "self.extra = 1;", "globalThis[\"x\"] = 2;",
                       "Object.assign(window, { a: 1 });", "Object.defineProperty(globalThis, \"b\", { value: 1 });"]) {
    for (const file of ["assets-src/site/extra.mjs", "assets-src/lms/extra.mjs", "assets-src/preview/extra.mjs"]) {
      assert.deepEqual(await lint(stray + "\n", file), ["no-restricted-syntax"], `${stray} in ${file}`);
    }
  }
  assert.deepEqual(await lint("window.x = 1;\n", "assets-src/global.mjs"), []);
  assert.deepEqual(await lint("import { ours } from \"../global.mjs\";\nours().extra = 1;\n", "assets-src/site/extra.mjs"), []);
});
