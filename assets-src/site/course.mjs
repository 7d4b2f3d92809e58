// The course's data, written by the generator into course.js (window.Rufbereit.course, loaded
// before the site's script): the only place that reads it.
import { ours } from "../global.mjs";

export const R = ours().course || {};
export const T = R.texts || {};
