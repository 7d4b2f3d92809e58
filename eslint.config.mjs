// ESLint for every script a reader's browser runs: the site's ES modules (assets-src/site,
// bundled into docs/assets/rufbereit.js, which is checked against them instead), the LMS
// bridges of the exports (tools/export/assets/*.js) and the unit tests of the pure parts
// (tests/js), run by tests/test_lint.py in `make test`. The recommended rules plus a few that
// catch real slips.
import js from "@eslint/js";
import globals from "globals";

const RULES = {
  "no-unused-vars": ["error", { caughtErrors: "none" }],
  eqeqeq: ["error", "smart"],
  "no-var": "error",
  "prefer-const": "error",
};

export default [
  // Bundles: made by esbuild from the sources below (npm run build:site), compared by tests.
  { ignores: ["docs/assets/rufbereit.js", "generator/rufbereit/tools/export/assets/lz-string.min.js"] },
  js.configs.recommended,
  {
    files: ["assets-src/**/*.mjs"],
    languageOptions: { ecmaVersion: 2020, sourceType: "module", globals: { ...globals.browser } },
    rules: RULES,
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: RULES,
  },
  // Plain browser scripts, no modules.
  {
    files: ["generator/rufbereit/tools/export/assets/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...globals.browser } },
    rules: RULES,
  },
  // The suspend-data codec also runs under node in the tests: CommonJS there.
  {
    files: ["generator/rufbereit/tools/export/assets/rufbereit-lms-codec.js"],
    languageOptions: { globals: { module: "readonly", require: "readonly" } },
  },
];
