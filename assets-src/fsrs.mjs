// The FSRS scheduler for spaced review (ts-fsrs, pinned in package.json), bundled by
// `npm run build:fsrs` into docs/assets/vendor/fsrs.min.js: the site loads nothing from
// another host and builds without Node. tests/test_review_schedule.py re-bundles and compares.
export { fsrs, generatorParameters, createEmptyCard, Rating, State } from "ts-fsrs";
