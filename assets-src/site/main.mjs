/* The site's script, bundled by esbuild (`npm run build:site`) into docs/assets/rufbereit.js,
   which every page loads after assets/course.js. One global: window.Rufbereit, the seam of the
   LMS bridges (generator/rufbereit/tools/export/assets). The parts start on every page in
   this order: the progress first, so that calls and review find it read. */
import { init as initCalls } from "./call.mjs";
import { init as initReview } from "./review.mjs";
import { api, init as initProgress } from "./site.mjs";
import { mend, onEveryPage } from "./theme.mjs";

window.Rufbereit = api;
onEveryPage(() => {
  mend();
  initProgress();
  initCalls();
  initReview();
});
