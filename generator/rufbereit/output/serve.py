"""Live preview: regenerate when a YAML file changes; the open page follows by itself.

A saved module text is shown at once, before the full regeneration (output/preview.py): the
open page swaps in the article the preview rendered. Everything else reloads the page once the
engine serves the new version (the preview's watch, assets-src/preview/watch.mjs, appended to
course.js with its data: `_preview_script`).

A broken save (or a course that is broken from the start) is shown in the browser: every
page gets a box listing each problem with file, line, column and message, in the course's
language. Its data is in course.js, which every page loads, and in the preview's state file,
which the open page asks for; the next good save takes it away.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..content.load import load_content
from ..content.problems import Problem, report
from ..content.tree import ParseCache
from ..render.browser_data import data_script
from ..render.pages import CONFIG_FILE, COURSE_SCRIPT, HOME_FILE
from ..texts import course_language, section, text
from .cache import load_cache, save_cache
from .engines import ENGINES
from .preview import PAGE_STAMP as _PAGE_STAMP
from .preview import STATE_DIR, STATE_FILE, QuickPreview, problem_data, stamp_of, stamped
from .preview import layout as _layout
from .preview import stamp as _stamp
from .files import (CONTENT_ERROR, OK, USAGE_ERROR, _atomic_write, blocking, generated_files, output_is_linked,
                    write_generated)

# Editors save in bursts (temp file, rename, chmod): wait this long for quiet.
DEBOUNCE_SECONDS = 0.1
CHANGES = {"created", "modified", "moved", "deleted", "closed"}


class _Regenerate(FileSystemEventHandler):
    """Collects change events; one worker thread regenerates after a quiet moment, so two
    regenerations never run at once and a burst of saves leads to one run."""

    def __init__(self, folder: Path, strict: bool, cache: ParseCache, on_config_change=None):
        self.folder, self.strict, self.cache = folder, strict, cache
        self.on_config_change = on_config_change
        self.quick: QuickPreview | None = None  # with an engine that serves its site folder as it is
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
        # The changed page first (preview.py), then the course-wide rules and the whole site.
        if self.quick and self.quick.show_changes():
            print(text(self.quick.language, "cli.serve_shown", seconds=f"{time.perf_counter() - started:.2f}"), flush=True)
        # A newer save stops the full run of this one (it is shown already, or will be by the next).
        status, language = regenerate(self.folder, self.strict, self.cache, self.quick, newer=self.changed.is_set)
        if status == INTERRUPTED:
            return
        if status == OK:
            # A broken save renders no page: pruning after it would drop every rendered page, and
            # the fix would regenerate the whole course cold (30 s instead of 0.4 s at 300 modules).
            self.cache.prune()
        key = "cli.serve_regenerated" if status == OK else "cli.serve_regenerated_errors"
        print(text(language, key, seconds=f"{time.perf_counter() - started:.2f}"), flush=True)
        if self.on_config_change and config.is_file() and config.read_bytes() != before:
            self.on_config_change()


INTERRUPTED = -1  # `regenerate` stopped for a newer save: nothing written


def regenerate(folder: Path, strict: bool, cache: ParseCache, quick: QuickPreview | None = None,
               newer: Callable[[], bool] = lambda: False) -> tuple[int, str]:
    """Write the preview (drafts included), or, if the content is broken, show its problems.
    Stops without writing anything once `newer()` says that another save came in meanwhile."""
    content = load_content(folder, cache, drafts=True)
    if newer():
        return INTERRUPTED, content.language
    report(content.problems, content.language, sys.stderr)
    problems = blocking(content, strict)
    if problems:
        show_problems(Path.cwd(), problems, content.language)
        if quick:
            quick.settle(content, None, problems)
        return CONTENT_ERROR, content.language
    if output_is_linked(Path.cwd(), content.language):
        return USAGE_ERROR, content.language
    files = generated_files(content)
    if newer():
        return INTERRUPTED, content.language
    _stamp_pages(files)
    # course.js with the reload signal in the tree itself: unchanged, it is not written again (a
    # written course.js makes the engine reload every open page and do more work).
    script = COURSE_SCRIPT
    footer = html.unescape(yaml.safe_load(files[f"../{CONFIG_FILE}"])["copyright"])
    files[script] = _preview_script(files[script].decode("utf-8"), footer).encode("utf-8")
    writing = time.time()
    written = write_generated(Path.cwd(), files).written
    if quick:
        quick.settle(content, files, [], footer)
        _Nudge(Path.cwd(), {path: files[path] for path in written if path.endswith(".md")}, writing).start()
    return OK, content.language


def show_problems(project: Path, problems: list[Problem], language: str) -> None:
    """Put the problem box on every page: appended to course.js (the last good pages stay
    underneath); with no pages yet, a minimal site whose home page is just the box."""
    docs = project / "docs"
    script = docs / COURSE_SCRIPT
    base = _course_data(script) if script.is_file() else ""
    if not base or not (project / CONFIG_FILE).is_file():
        texts = section(language, "site")
        base = data_script("course", {"course": "vorschau", "language": language, "texts": texts})
        (project / CONFIG_FILE).write_text(
            f"site_name: Rufbereit\ntheme:\n  language: {language}\nnav:\n  - {json.dumps(texts['start'])}: index.md\n",
            encoding="utf-8",
        )
        home = docs / HOME_FILE
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text("# Rufbereit\n", encoding="utf-8")
    script.parent.mkdir(parents=True, exist_ok=True)
    # The problems as data: the watch script builds the box from it with textContent only, so no
    # course text ever becomes markup or script.
    _write_preview_script(script, base, problem_data(problems, language))


_WATCH_MARK = "\n/* rufbereit serve: reload when this file changes */\n"


def _course_data(script: Path) -> str:
    """course.js without what the preview appended to it."""
    return script.read_text("utf-8").split(_WATCH_MARK)[0]


def _write_preview_script(script: Path, base: str, problems: dict | None) -> None:
    """course.js as the preview serves it, with the preview's own reload signal: the page
    reloads once the engine serves a different version of it or of course.js (a problem box
    comes or goes). The engines' own live reload misses saves (Zensical rebuilds everything when
    the configuration changes; a reload can come before the page is rebuilt), so the preview
    does not rely on it: what the engine serves is the signal."""
    wanted = _preview_script(base, problems=problems)
    # Unchanged, it is not written: a new course.js makes the engine reload every open page.
    if not script.is_file() or script.read_text(encoding="utf-8") != wanted:
        script.write_text(wanted, encoding="utf-8")


def _preview_script(base: str, footer: str = "", problems: dict | None = None) -> str:
    """course.js (`base`) with the preview's watch and its data: its version (of the course data
    and the problems: the page reloads once the engine serves another), the problems for the box
    (or None), and with `footer`, the text the page's footer shows (see `_layout`)."""
    data = {
        "stamp": _stamp((base + json.dumps(problems, sort_keys=True)).encode("utf-8")),
        "footer": footer,
        "problems": problems,
        "root": "../" * COURSE_SCRIPT.count("/"),  # the site root, from the address of course.js
        "state": f"{STATE_DIR}/{STATE_FILE}",
        "interval": WATCH_INTERVAL,
        "engineEvery": ENGINE_EVERY,
        "pageStamp": _PAGE_STAMP,
    }
    return base + _WATCH_MARK + data_script("preview", data) + _watch_script()


@functools.cache
def _watch_script() -> str:
    """The preview's watch, bundled from assets-src/preview (`npm run build:preview`)."""
    return (resources.files("rufbereit.output") / "assets" / "rufbereit-preview.js").read_text("utf-8")


def _stamp_pages(files: dict[str, bytes]) -> None:
    """Every generated page ends with a comment naming its version (its Markdown and the engine
    configuration, which holds the navigation). The open page compares the version it shows with
    the one the engine serves: no first answer to compare with, so no save between a page's load
    and its first question can go unnoticed. A comment shows nowhere, so the preview still shows
    what the built site shows."""
    config = _layout(files[f"../{CONFIG_FILE}"])
    for path, data in files.items():
        if path.endswith(".md"):
            files[path] = stamped(data, config)


# How often the open page asks for the preview's state (ms), and every how many times it asks the
# engine itself (assets-src/preview/watch.mjs).
WATCH_INTERVAL = 100
ENGINE_EVERY = 3


def free_port(host: str, port: int) -> int | None:
    """`port` if nothing listens there, else the next free one (None if `port` is free)."""
    for candidate in range(port, port + 50):
        with socket.socket() as probe:
            # A port that only waits out closed connections (TIME_WAIT, after the last preview
            # stopped) is free: the engine's server binds it the same way.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
        return None if candidate == port else candidate
    return None


class _EngineServer:
    """The engine's dev server, stopped with us. It is never restarted: Zensical rebuilds in
    place when its own configuration file changes (`_write_serve_config`)."""

    def __init__(self, command: list[str], env: dict[str, str]):
        self.process = subprocess.Popen(command, env=env)

    def wait(self) -> int:
        return self.process.wait()

    def terminate(self) -> None:
        self.process.terminate()


def serve(folder: Path, strict: bool, engine: str, dev_addr: str) -> int:
    host, _, port = dev_addr.rpartition(":")
    free = free_port(host or "127.0.0.1", int(port))
    if free is not None:  # before any work: the one line must not drown in the course's warnings
        print(text(course_language(folder), "cli.port_busy", port=port, free=free), file=sys.stderr)
        return 2
    handler = _Regenerate(folder, strict, load_cache(Path.cwd()))
    adapter = ENGINES[engine]
    if adapter.serves_site_dir:
        handler.quick = QuickPreview(Path.cwd(), _site_dir(Path.cwd()), folder, strict, handler.cache)
    # A broken course still starts the preview: the browser shows what to fix.
    regenerate(folder, strict, handler.cache, handler.quick)
    observer = Observer()
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    handler.worker.start()
    config = Path.cwd() / f".site-{os.getpid()}-serve.yml"  # a leftover is removed by the next build
    _write_serve_config(config)
    engine_server = _EngineServer(adapter.serve_command(dev_addr, config), adapter.environment())
    if not adapter.rereads_config:
        handler.on_config_change = lambda: _new_configuration(config)
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
        config.unlink(missing_ok=True)
        if handler.quick:
            handler.quick.remove()
        save_cache(Path.cwd(), handler.cache)


def _write_serve_config(config: Path) -> bool:
    """The engine's configuration for the preview: ours, plus the version of the generated part
    without its footer, so that the file changes whenever that part does (see
    `Engine.rereads_config`). True if it changed."""
    generated = config.parent / CONFIG_FILE
    version = _stamp(_layout(generated.read_bytes())) if generated.is_file() else ""
    wanted = f"INHERIT: mkdocs.yml\n# {CONFIG_FILE}: {version}\n"
    if config.is_file() and config.read_text(encoding="utf-8") == wanted:
        return False
    config.write_text(wanted, encoding="utf-8")
    return True


def _new_configuration(config: Path) -> None:
    if _write_serve_config(config):
        _Announce(config.parent).start()


class _Announce(threading.Thread):
    """With a new configuration, Zensical builds the whole site again and meanwhile answers
    "not found" with a bare page that holds only its own reload script (no course.js, so not the
    preview's). That page reloads once Zensical announces its path as built; a page that loaded
    just after that announcement would wait forever. So once every page is built, a rewritten
    course.js (a comment after the reload signal: the pages' versions stay the same) makes
    Zensical reload every open page, and no page is left behind."""

    LIMIT = 300.0  # seconds; a build that takes longer is announced anyway
    latest: _Announce | None = None

    def __init__(self, project: Path):
        super().__init__(name="rufbereit-announce", daemon=True)
        self.project, self.since = project, time.time()
        _Announce.latest = self  # an earlier one that still waits gives way to this one

    def run(self) -> None:
        site = self.project / _site_dir(self.project)
        pages = [site / _built_path(page.relative_to(self.project / "docs"))
                 for page in (self.project / "docs").rglob("*.md") if "overrides" not in page.parts]
        while time.time() - self.since < self.LIMIT and _Announce.latest is self:
            if all(page.is_file() and page.stat().st_mtime >= self.since - 1 for page in pages):
                break
            time.sleep(0.1)
        script = self.project / "docs" / COURSE_SCRIPT
        if _Announce.latest is self and script.is_file():
            body = script.read_text(encoding="utf-8").split(_BUILT_MARK)[0]
            script.write_text(body + _BUILT_MARK + f"{time.time():.3f} */\n", encoding="utf-8")


_BUILT_MARK = "\n/* rufbereit serve: site built at "


class _Nudge(threading.Thread):
    """Zensical sometimes misses a page written while it builds (the build that the first file of
    a save started reads the page just before it is replaced, and no build follows for it). Such a
    page is still of the old version, built after the write began or not at all since; once QUIET
    seconds have passed since the write and the engine has not touched the page for as long, the
    page is written again with one more newline at its end (the same page: the engine ignores a
    new time alone), which makes the engine build it again."""

    LIMIT = 120.0  # seconds; the engine may be slow, but not this slow
    QUIET = 2.0
    latest: _Nudge | None = None

    def __init__(self, project: Path, pages: dict[str, bytes], since: float):
        super().__init__(name="rufbereit-nudge", daemon=True)
        earlier: dict[str, bytes] = _Nudge.latest.waiting if _Nudge.latest else {}
        self.waiting: dict[str, bytes] = {**earlier, **pages}
        self.project, self.since = project, since
        _Nudge.latest = self  # this one goes on with what an earlier one still waits for

    def run(self) -> None:
        site, waiting, started = self.project / _site_dir(self.project), self.waiting, time.time()
        while waiting and time.time() - started < self.LIMIT and _Nudge.latest is self:
            for path, data in list(waiting.items()):
                built = site / _built_path(Path(path))
                if not built.is_file():
                    continue
                if f"<!-- {_PAGE_STAMP} {stamp_of(data)} -->" in built.read_text("utf-8"):
                    del waiting[path]
                elif max(self.since, built.stat().st_mtime) < time.time() - self.QUIET:
                    source = self.project / "docs" / path
                    if source.is_file() and source.read_bytes().rstrip(b"\n") == data.rstrip(b"\n"):
                        _atomic_write(source, source.read_bytes() + b"\n")
                        self.since = time.time()
            time.sleep(0.2)


def _site_dir(project: Path) -> str:
    found = re.search(r"^site_dir:\s*['\"]?([^'\"\s#]+)", (project / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    return found.group(1) if found else "site"


def _built_path(page: Path) -> Path:
    """Where the engine writes the page of docs/`page` (directory URLs)."""
    return (page.parent if page.name == "index.md" else page.with_suffix("")) / "index.html"
