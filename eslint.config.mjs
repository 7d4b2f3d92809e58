// ESLint for every script a reader's browser runs, as the ES modules it is built from
// (assets-src: the site's and the LMS launchers'), and for the unit tests of their pure parts
// (tests/js, tests/record_reader.mjs); run by tests/test_lint.py in `make test`. The recommended rules plus a few that
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
  // Bundles, made by esbuild from assets-src (npm run build:site, build:lms) and compared with
  // their sources by tests/test_site_script.py.
  { ignores: ["docs/assets/rufbereit.js", "generator/rufbereit/tools/export/assets/*.js"] },
  js.configs.recommended,
  {
    files: ["assets-src/**/*.mjs"],
    languageOptions: { ecmaVersion: 2020, sourceType: "module", globals: { ...globals.browser } },
    rules: RULES,
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: RULES,
  },
];
