// ESLint for the reader's script (docs/assets/*.js), run by tests/test_lint.py in `make test`.
// A plain browser script, no modules: the recommended rules plus a few that catch real slips.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Bundled third-party code (npm run build:fsrs), checked against its pinned source by tests.
  { ignores: ["docs/assets/vendor/**"] },
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js"],
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
];
