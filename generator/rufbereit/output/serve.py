"""Live preview: regenerate when a YAML file changes; the engine's server reloads the page.

A broken save (or a course that is broken from the start) is shown in the browser: every
page gets a box listing each problem with file, line, column and message, in the course's
language. It is written into course.js, which every page loads, so the engine's own live
reload brings it up, and the next good save, which rewrites course.js, takes it away.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..content.load import load_content
from ..content.problems import Problem, report
from ..content.tree import ParseCache
from ..render.pages import CONFIG_FILE, GENERATED_DIR, HOME_FILE
from ..texts import course_language, section, text
from .cache import load_cache, save_cache
from .engines import ENGINES
from .files import CONTENT_ERROR, OK, USAGE_ERROR, blocking, generated_files, output_is_linked, write_generated

# Editors save in bursts (temp file, rename, chmod): wait this long for quiet.
DEBOUNCE_SECONDS = 0.1
CHANGES = {"created", "modified", "moved", "deleted", "closed"}


class _Regenerate(FileSystemEventHandler):
    """Collects change events; one worker thread regenerates after a quiet moment, so two
    regenerations never run at once and a burst of saves leads to one run."""

    def __init__(self, folder: Path, strict: bool, cache: ParseCache, on_config_change=None):
        self.folder, self.strict, self.cache = folder, strict, cache
        self.on_config_change = on_config_change
        self.changed = threading.Event()
        self.stopped = False
        self.worker = threading.Thread(target=self._work, name="rufbereit-regenerate", daemon=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading the files ourselves raises "opened"/"closed" events: react to changes only.
        if event.is_directory or event.event_type not in CHANGES:
            return
        self.changed.set()

    def _work(self) -> None:
        while not self.stopped:
            self.changed.wait()
            if self.stopped:
                return
            self.changed.clear()
            while self.changed.wait(DEBOUNCE_SECONDS):  # wait until the saves stop
                self.changed.clear()
            self.run()

    def stop(self) -> None:
        self.stopped = True
        self.changed.set()
        self.worker.join(timeout=5)

    def run(self) -> None:
        started = time.perf_counter()
        config = Path.cwd() / CONFIG_FILE
        before = config.read_bytes() if config.is_file() else b""
        status, language = regenerate(self.folder, self.strict, self.cache)
        if status == OK:
            # A broken save renders no page: pruning after it would drop every rendered page, and
            # the fix would regenerate the whole course cold (30 s instead of 0.4 s at 300 modules).
            self.cache.prune()
        key = "cli.serve_regenerated" if status == OK else "cli.serve_regenerated_errors"
        print(text(language, key, seconds=f"{time.perf_counter() - started:.2f}"), flush=True)
        if self.on_config_change and config.is_file() and config.read_bytes() != before:
            self.on_config_change()


def regenerate(folder: Path, strict: bool, cache: ParseCache) -> tuple[int, str]:
    """Write the preview (drafts included), or, if the content is broken, show its problems."""
    content = load_content(folder, cache, drafts=True)
    report(content.problems, content.language, sys.stderr)
    problems = blocking(content, strict)
    if problems:
        show_problems(Path.cwd(), problems, content.language)
        return CONTENT_ERROR, content.language
    if output_is_linked(Path.cwd(), content.language):
        return USAGE_ERROR, content.language
    files = generated_files(content)
    # course.js with the reload signal in the tree itself: unchanged, it is not written again (a
    # written course.js makes the engine reload every open page and do more work).
    script = f"{GENERATED_DIR}/course.js"
    files[script] = _preview_script(files[script].decode("utf-8")).encode("utf-8")
    write_generated(Path.cwd(), files)
    return OK, content.language


def show_problems(project: Path, problems: list[Problem], language: str) -> None:
    """Put the problem box on every page: appended to course.js (the last good pages stay
    underneath); with no pages yet, a minimal site whose home page is just the box."""
    docs = project / "docs"
    script = docs / GENERATED_DIR / "course.js"
    base = _course_data(script) if script.is_file() else ""
    if not base or not (project / CONFIG_FILE).is_file():
        texts = section(language, "site")
        base = "window.RUFBEREIT = " + json.dumps({"course": "vorschau", "language": language, "texts": texts}) + ";\n"
        (project / CONFIG_FILE).write_text(
            f"site_name: Rufbereit\ntheme:\n  language: {language}\nnav:\n  - {json.dumps(texts['start'])}: index.md\n",
            encoding="utf-8",
        )
        home = docs / HOME_FILE
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text("# Rufbereit\n", encoding="utf-8")
    script.parent.mkdir(parents=True, exist_ok=True)
    _write_preview_script(script, base + _MARK + _problem_box(problems, language))


_MARK = "\n/* rufbereit serve: problems */\n"
_WATCH_MARK = "\n/* rufbereit serve: reload when this file changes */\n"


def _course_data(script: Path) -> str:
    """course.js without what the preview appended to it."""
    return script.read_text("utf-8").split(_MARK)[0].split(_WATCH_MARK)[0]


def _write_preview_script(script: Path, body: str) -> None:
    """course.js as the preview serves it, with the preview's own reload signal: the page
    reloads once the engine serves a different version of it or of course.js (a problem box
    comes or goes). The engines' own live reload misses saves (Zensical restarts when the
    generated configuration changes; a reload can come before the page is rebuilt), so the
    preview does not rely on it: what the engine serves is the signal."""
    wanted = _preview_script(body or _course_data(script))
    # Unchanged, it is not written: a new course.js makes the engine reload every open page.
    if not script.is_file() or script.read_text(encoding="utf-8") != wanted:
        script.write_text(wanted, encoding="utf-8")


def _preview_script(body: str) -> str:
    return body + _WATCH_MARK + _WATCH_SCRIPT


# Every WATCH_INTERVAL ms the page asks the engine for itself and course.js and compares them
# with their first answer (by URL: instant navigation changes the page without a reload).
WATCH_INTERVAL = 250
_WATCH_SCRIPT = """(function () {
  var script = document.currentScript && document.currentScript.src, first = {};
  if (!script || window.rbPreviewWatch) return;
  window.rbPreviewWatch = true;
  var loaded = Date.parse(document.lastModified);
  function sizeLoaded(i) {  // bytes of the page (0) or of course.js (1) as this page loaded them
    var entry = i === 0 ? performance.getEntriesByType("navigation")[0] : performance.getEntriesByName(script)[0];
    return entry ? entry.decodedBodySize : 0;
  }
  function ask(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) return null;
      var modified = Date.parse(r.headers.get("Last-Modified") || "");
      return r.text().then(function (body) { return { body: body, modified: modified }; });
    }, function () { return null; /* the server is restarting: ask again */ });
  }
  function look() {
    var urls = [location.href.split("#")[0], script];
    Promise.all(urls.map(ask)).then(function (now) {
      var changed = urls.some(function (url, i) {
        if (now[i] === null) return false;
        if (!(url in first)) {
          first[url] = now[i].body;
          // Rebuilt between this page's load and the first question: newer (Last-Modified has
          // whole seconds only) or of another size than what is shown (page or course.js).
          var size = sizeLoaded(i);
          return (i === 0 && now[i].modified > loaded) || (size > 0 && new TextEncoder().encode(now[i].body).length !== size);
        }
        return now[i].body !== first[url];
      });
      if (changed) location.reload(); else setTimeout(look, INTERVAL);
    });
  }
  look();
})();
""".replace("INTERVAL", str(WATCH_INTERVAL))


def _problem_box(problems: list[Problem], language: str) -> str:
    """A script that shows the problems. They go in as JSON data and out as textContent:
    no course text ever becomes markup or script."""
    ordered = sorted(set(problems), key=lambda problem: problem.sort_key)
    data = {
        "title": text(language, "cli.serve_problems_title", count=len(ordered)),
        "hint": text(language, "cli.serve_problems_hint"),
        "items": [
            [f"{p.file}:{p.line}:{p.column}", text(language, f"severity.{p.severity}"), p.message(language)] for p in ordered
        ],
    }
    return _BOX_SCRIPT.replace("DATA", json.dumps(data, ensure_ascii=True))


_BOX_SCRIPT = """(function () {
  var data = DATA;
  function show() {
    var box = document.createElement("section");
    box.className = "rb-serve-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = data.title;
    var hint = document.createElement("p");
    hint.textContent = data.hint;
    var list = document.createElement("ul");
    data.items.forEach(function (item) {
      var entry = document.createElement("li"), place = document.createElement("code");
      place.textContent = item[0];
      entry.appendChild(place);
      entry.appendChild(document.createTextNode(" " + item[1] + ": " + item[2]));
      list.appendChild(entry);
    });
    box.appendChild(title); box.appendChild(hint); box.appendChild(list);
    var main = document.querySelector("main") || document.body;
    main.insertBefore(box, main.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show); else show();
})();
"""


def free_port(host: str, port: int) -> int | None:
    """`port` if nothing listens there, else the next free one (None if `port` is free)."""
    for candidate in range(port, port + 50):
        with socket.socket() as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
        return None if candidate == port else candidate
    return None


class _EngineServer:
    """The engine's dev server. Zensical does not reread the generated config (nav, site name)
    while it serves, so a new module or a first valid save after a broken start restarts it."""

    def __init__(self, command: list[str], env: dict[str, str]):
        self.command, self.env = command, env
        self.lock = threading.Lock()
        self.restarting = False
        self.process = subprocess.Popen(command, env=env)

    def restart(self) -> None:
        with self.lock:
            self.restarting = True
            self.process.terminate()
            self.process.wait()
            self.process = subprocess.Popen(self.command, env=self.env)
            self.restarting = False

    def wait(self) -> int:
        while True:
            status = self.process.wait()
            with self.lock:
                if not self.restarting and self.process.poll() is not None:
                    return status

    def terminate(self) -> None:
        with self.lock:
            self.process.terminate()


def serve(folder: Path, strict: bool, engine: str, dev_addr: str) -> int:
    host, _, port = dev_addr.rpartition(":")
    free = free_port(host or "127.0.0.1", int(port))
    if free is not None:  # before any work: the one line must not drown in the course's warnings
        print(text(course_language(folder), "cli.port_busy", port=port, free=free), file=sys.stderr)
        return 2
    handler = _Regenerate(folder, strict, load_cache(Path.cwd()))
    # A broken course still starts the preview: the browser shows what to fix.
    regenerate(folder, strict, handler.cache)
    observer = Observer()
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    handler.worker.start()
    adapter = ENGINES[engine]
    engine_server = _EngineServer(adapter.serve_command(dev_addr), adapter.environment())
    if not adapter.rereads_config:
        handler.on_config_change = engine_server.restart
    # Stop the engine's server with us, whether by Ctrl+C or by a terminating parent.
    signal.signal(signal.SIGTERM, lambda *_: engine_server.terminate())
    try:
        return engine_server.wait()
    except KeyboardInterrupt:
        engine_server.terminate()
        return 0
    finally:
        engine_server.wait()
        observer.stop()
        observer.join()
        handler.stop()
        save_cache(Path.cwd(), handler.cache)
