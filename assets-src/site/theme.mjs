/* The engine adapter of the browser side: the only module that knows the theme's markup
   (Material for MkDocs, which Zensical renders alike): its class names, its button class and
   its page observable for instant navigation. Every other module asks here (tests/js/
   theme.test.mjs fails when another source names an `md-` class or `document$`). */
import { $, $$ } from "./dom.mjs";

// The class a button takes to look like the theme's buttons.
export const BUTTON = "md-button";
export const SELECTORS = {
  content: ".md-content",
  // tables of the page's text, and the box the theme wraps a table in to scroll it
  tables: ".md-content .md-typeset table",
  tableBox: ".md-typeset__scrollwrap",
  // the navigation: a section (track) with its label, and a page's link
  navSection: ".md-nav__item--nested",
  navSectionLabel: ":scope > .md-nav__link, :scope > .md-nav__container > .md-nav__link",
  navSectionLink: ":scope > a.md-nav__link",
  navLink: "a.md-nav__link",
  navToc: ".md-nav--secondary",
  // r6-globals: the page's article, and the footer's highlighted line (the content version)
  article: ".md-content article",
  footerVersion: ".md-copyright__highlight",
};

// `init` on every page: once the theme's instant navigation has swapped a page in, or once on load.
export function onEveryPage(init) {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}

// What instant navigation does with a new page: every script sets up the swapped-in content.
export function renewPage() {
  if (window.document$ && typeof window.document$.next === "function") window.document$.next(document);
}

// Material's search dialog has no name of its own (axe: aria-dialog-name): give it the input's.
function nameSearch() {
  const dialog = $('.md-search[role="dialog"]'), input = $(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label") && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "");
}
// The themes escape the site name, which is escaped text already, once more in the logo's
// title: "Vertrieb &amp; Service". Its aria-label holds the name escaped once.
function logoTitle() {
  $$("a.md-logo[title][aria-label]").forEach((a) => { a.title = a.getAttribute("aria-label"); });
}
// What the theme's markup lacks, mended on every page.
export function mend() {
  logoTitle();
  nameSearch();
}
