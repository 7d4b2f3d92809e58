/* The site's script, bundled by esbuild (`npm run build:site`) into docs/assets/rufbereit.js,
   which every page loads after assets/course.js. Its seam is window.Rufbereit.site (the one
   global, assets-src/global.mjs), for the LMS bridges (generator/rufbereit/tools/export/assets). The parts start on every page in
   this order: the progress first, so that calls and review find it read. */
import { init as initCalls } from "./call.mjs";
import { init as initReview } from "./review.mjs";
import { api, init as initProgress } from "./site.mjs";
import { mend, onEveryPage } from "./theme.mjs";
import { ours } from "../global.mjs";

ours().site = api;
onEveryPage(() => {
  mend();
  initProgress();
  initCalls();
  initReview();
});
