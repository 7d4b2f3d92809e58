// ESLint for every script a reader's browser runs: the site's (docs/assets/*.js) and the LMS
// bridges of the exports (tools/export/assets/*.js), run by tests/test_lint.py in `make test`.
// Plain browser scripts, no modules: the recommended rules plus a few that catch real slips.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Bundled third-party code (npm run build:fsrs), checked against its pinned source by tests.
  { ignores: ["docs/assets/vendor/**", "generator/rufbereit/tools/export/assets/lz-string.min.js"] },
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js", "generator/rufbereit/tools/export/assets/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  // The suspend-data codec also runs under node in the tests: CommonJS there.
  {
    files: ["generator/rufbereit/tools/export/assets/rufbereit-lms-codec.js"],
    languageOptions: { globals: { module: "readonly", require: "readonly" } },
  },
];
