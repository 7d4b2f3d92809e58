// ESLint for every script a reader's browser runs, as the ES modules it is built from
// (assets-src: the site's, the LMS launchers' and the preview's), and for the unit tests of their pure parts
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

// The one name our code defines on window (assets-src/global.mjs, the only module that may write
// there): no other module assigns a property of window (or of self, globalThis, a parent) or hands
// window to Object.assign/defineProperty. tests/test_lint.py checks that this rule catches a
// stray global; tests/browser/test_globals.py checks the pages themselves.
const WINDOWS = "/^(window|self|globalThis|top|parent|frames)$/";
const ONE_GLOBAL = ["error",
  { selector: `AssignmentExpression > MemberExpression.left[object.name=${WINDOWS}]`,
    message: "One global only: put it under window.Rufbereit (ours() in assets-src/global.mjs)." },
  { selector: `CallExpression[callee.object.name='Object'][callee.property.name=/^(assign|defineProperty|defineProperties)$/][arguments.0.name=${WINDOWS}]`,
    message: "One global only: put it under window.Rufbereit (ours() in assets-src/global.mjs)." },
];

export default [
  // Bundles, made by esbuild from assets-src (npm run build:site, build:lms, build:preview) and
  // compared with their sources by tests/test_site_script.py.
  { ignores: ["docs/assets/rufbereit.js", "generator/rufbereit/tools/export/assets/*.js", "generator/rufbereit/output/assets/*.js"] },
  js.configs.recommended,
  {
    files: ["assets-src/**/*.mjs"],
    languageOptions: { ecmaVersion: 2020, sourceType: "module", globals: { ...globals.browser } },
    rules: { ...RULES, "no-restricted-syntax": ONE_GLOBAL },
  },
  { files: ["assets-src/global.mjs"], rules: { "no-restricted-syntax": "off" } },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: RULES,
  },
];
