// The course's data, written by the generator into course.js (window.RUFBEREIT, loaded before
// the site's script): the only place that reads it.
export const R = window.RUFBEREIT || {};
export const T = R.texts || {};
