/* The preview's watch (`rufbereit serve`): bundled by `npm run build:preview` into
   generator/rufbereit/output/assets/rufbereit-preview.js, which the preview appends to the
   course.js it writes, after its data (window.Rufbereit.preview, output/serve.py):
   `stamp` the version of this course.js, `footer` the content version to show, `problems` the
   box's data (or null), `root` the site root from course.js, `state` the preview's state file
   from the root, `interval` ms between two looks, `engineEvery` how often a look asks the
   engine itself, `pageStamp` the marker of the pages' version comments.

   Every `interval` ms the page asks for the preview's state (output/preview.py), if the engine
   serves it: the problems to show, and the pages shown the quick way, whose article it swaps
   in. Every `engineEvery`-th time (and without a state every time) it asks the engine for
   itself and, without a state, for course.js. A generated page and course.js carry their
   version: the page reloads once the engine serves another version than the one it shows. A
   hand-written page has none: it reloads once the engine serves it differently from its first
   answer. */
import { ours } from "../global.mjs";
import { SELECTORS, renewPage } from "../site/theme.mjs";
import { commentStamp, pageChanged, pageStamp, scriptStamp } from "./look.mjs";

const P = ours().preview || {};
const script = document.currentScript && document.currentScript.src;

/* The content version, as the built site's footer names it. */
function showFooter(footer) {
  const shown = document.querySelector(SELECTORS.footerVersion);
  if (footer && shown && shown.textContent.trim() !== footer) shown.textContent = footer;
}

/* Zensical's socket reloads a page once the engine has rebuilt it or course.js: after a swap
   that is a second reload, and while the engine is behind, one to an older page. Here the
   preview alone decides (look); the socket still connects, and a server that is back reloads. */
function quietSocket() {
  const Socket = window.WebSocket;
  if (!Socket) return;
  const Quiet = function (url, protocols) {
    const socket = protocols === undefined ? new Socket(url) : new Socket(url, protocols), add = socket.addEventListener;
    socket.addEventListener = function (type) {
      if (type !== "message") add.apply(socket, arguments);
    };
    return socket;
  };
  Quiet.prototype = Socket.prototype;
  // eslint-disable-next-line no-restricted-syntax -- replaces the browser's own WebSocket: no new name
  window.WebSocket = Quiet;
}

let boxShown;
/* The box, from data, as text only: no course text ever becomes markup or script. */
function showProblems(data) {
  const key = JSON.stringify(data || null);
  if (key === boxShown) return;
  boxShown = key;
  document.querySelectorAll(".rb-serve-problems").forEach((old) => old.remove());
  if (!data) return;
  const box = document.createElement("section");
  box.className = "rb-serve-problems";
  box.setAttribute("role", "alert");
  const title = document.createElement("h2");
  title.textContent = data.title;
  const hint = document.createElement("p");
  hint.textContent = data.hint;
  const list = document.createElement("ul");
  data.items.forEach((item) => {
    const entry = document.createElement("li"), place = document.createElement("code");
    place.textContent = item[0];
    entry.appendChild(place);
    entry.appendChild(document.createTextNode(" " + item[1] + ": " + item[2]));
    list.appendChild(entry);
  });
  box.appendChild(title); box.appendChild(hint); box.appendChild(list);
  const main = document.querySelector("main") || document.body;
  main.insertBefore(box, main.firstChild);
}

/* The version the page shows, read each time: instant navigation changes the page without a reload. */
function shownStamp() {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  let node;
  while ((node = walker.nextNode())) {
    const found = commentStamp(node.data, P.pageStamp);
    if (found) return found;
  }
  return null;
}

/* "reload": past the HTTP cache, and into it: a reload that follows gets this answer even when
   the engine answers "304 Not Modified" (its Last-Modified has whole seconds only). */
function ask(url) {
  return fetch(url, { cache: "reload" }).then((r) => {
    if (!r.ok) return null;
    const modified = Date.parse(r.headers.get("Last-Modified") || "");
    return r.text().then((body) => ({ body: body, modified: modified }));
  }).catch(() => null /* no answer (the engine is busy): ask again */);
}

/* Bytes of the page as this page loaded it. */
function sizeLoaded() {
  const entry = performance.getEntriesByType("navigation")[0];
  return entry ? entry.decodedBodySize : 0;
}

function headingsIn(article) {
  return Array.prototype.map.call(article.querySelectorAll("h2, h3"), (h) => h.id + " " + h.textContent).join("\n");
}

function start() {
  if (!script || ours().watch) return;
  ours().watch = { started: true };
  const root = new URL(P.root, script), state = new URL(P.state, root).href;
  const loaded = Date.parse(document.lastModified), first = {}, swaps = {};
  let looks = 0, tocStale = false;

  function changedPage(url, now) {
    const shown = shownStamp(), had = url in first ? first[url] : null;
    if (!shown && had === null) first[url] = now.body;
    return pageChanged(now, { shown: shown, marker: P.pageStamp, first: had, loaded: loaded, size: sizeLoaded() });
  }
  /* True: the engine serves a newer page (or course.js). */
  function engineChanged(url, withScript) {
    return Promise.all([ask(url), withScript ? ask(script) : null]).then((now) =>
      // Only while the engine serves this page: a reload meanwhile would land on "not found".
      now[0] !== null && (changedPage(url, now[0]) || (now[1] !== null && scriptStamp(now[1].body) !== P.stamp)));
  }
  /* The article the preview rendered (and checked) in place of the shown one. */
  function swap(file) {
    return fetch(new URL(file, state).href, { cache: "no-store" }).then((r) => (r.ok ? r.text() : null)).then((html) => {
      const article = document.querySelector(SELECTORS.article) || document.querySelector("article");
      if (html === null || !article) return html !== null;  // no article here: reload
      const skip = article.querySelector("#__skip"), headings = headingsIn(article);
      article.innerHTML = html;
      // The table of contents beside the article is the engine's: with other headings, the page
      // reloads once the engine serves this version.
      tocStale = tocStale || headingsIn(article) !== headings;
      if (skip) article.insertBefore(skip, article.firstChild);
      renewPage();
      return false;
    });
  }
  function look() {
    const url = location.href.split("#")[0], engineTurn = looks++ % P.engineEvery === 0;
    ask(state).then((now) => {
      let data;
      try { data = now && JSON.parse(now.body); } catch (error) { data = null; }
      if (!data) return engineTurn && engineChanged(url, true);  // no state (MkDocs): the page and course.js as served
      showProblems(data.problems);
      showFooter(data.footer);
      const page = data.pages[location.pathname.slice(root.pathname.length)];
      if (page && page.stamp !== shownStamp() && (swaps[page.file] = (swaps[page.file] || 0) + 1) <= 2) return swap(page.file);
      if (page && tocStale && engineTurn) {
        return ask(url).then((served) => served !== null && pageStamp(served.body, P.pageStamp) === shownStamp());
      }
      if (page) return false;
      return engineTurn ? engineChanged(url, false) : false;
    }).catch(() => false).then((changed) => {
      // Never stop asking: a missed answer only delays the next question.
      if (changed) location.reload(); else setTimeout(look, P.interval);
    });
  }

  showFooter(P.footer);
  quietSocket();
  showProblems(P.problems);
  look();
}

start();
