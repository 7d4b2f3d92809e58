// The theme's internals (Material's `md-` classes, its `document$`) are known to one module
// only: assets-src/site/theme.mjs, the engine adapter of the browser side (the preview's watch too).
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";

const SOURCES = new URL("../../assets-src/", import.meta.url);

test("no module but theme.mjs names the theme's classes or its page observable", () => {
  const sources = fs.readdirSync(SOURCES, { recursive: true })
    .filter((f) => f.endsWith(".mjs") && f !== "site/theme.mjs");
  assert.ok(sources.length > 5 && sources.includes("preview/watch.mjs"));
  for (const file of sources) {
    const text = fs.readFileSync(new URL(file, SOURCES), "utf8");
    assert.doesNotMatch(text, /["'.\s]md-[a-z]|document\$/, `${file} names a theme internal: ask theme.mjs`);
  }
});
