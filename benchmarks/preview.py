"""Preview at scale: save → visible in the browser, measured through `rufbereit serve` itself.

`rufbereit serve --engine E` runs in a temporary copy of the project (its watcher, its
regeneration, the engine's own dev server). Headless Chromium opens the middle module's page;
then that module is saved SAVES times in a row, and each time the clock runs from the write
until the open page (reloaded by the preview, nobody else) shows the new sentence. Save number
BROKEN_AT is a broken save (a missing space after a colon): its clock stops when the problem
box appears; the next save fixes it and must take the box away again. A save not visible
within SAVE_LIMIT s is a missed reload: it is counted, and the page is reloaded by hand.

    .venv/bin/python benchmarks/preview.py 10 100 300 1000 zensical   # sizes, engines
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_course  # noqa: E402

BIN = Path(sys.executable).parent
ENGINES = ("zensical", "mkdocs")  # the first is `rufbereit serve`'s default
START_LIMIT = 300.0  # seconds for the first build before a run is given up
SAVE_LIMIT = 15.0  # seconds for one save to show before it counts as missed
SAVES = 20
BROKEN_AT = 10  # this save is broken, the next one fixes it


@dataclass
class Preview:
    engine: str
    modules: int
    first: float | None = None  # serve started → first page served
    saves: tuple[float, ...] = ()
    regenerations: tuple[float, ...] = ()  # rufbereit's full regeneration of each save, as serve prints it
    quick: tuple[float, ...] = ()  # save noticed → changed page written for the open page (output/preview.py)
    missed: int = 0  # saves served by the engine but not shown in the page within SAVE_LIMIT
    slow: int = 0  # saves the engine did not even serve within SAVE_LIMIT
    served: tuple[float, ...] = ()  # save → the engine serves the new page (HTTP, no browser)
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.saves) if self.saves else None

    @property
    def worst(self) -> float | None:
        return max(self.saves) if self.saves else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, needle: str | tuple[str, ...], limit: float, process: subprocess.Popen) -> float | None:
    """Seconds until the page at `url` contains `needle` (one of them); None past `limit` or if serve died."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            return None
        page = fetch(url)
        if page is not None and any(one in page for one in ((needle,) if isinstance(needle, str) else needle)):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def save(content: Path, module_id: str, marker: str, broken: bool = False) -> None:
    """What a trainer's editor does: rewrite the file with one more sentence in a text; a broken
    save also loses the space after `duration:`."""
    path = content / "modules" / f"{module_id}.yaml"
    text = path.read_text(encoding="utf-8").replace("\nduration:", "\nduration: ").replace("\nduration:  ", "\nduration: ")
    index = text.index("- title: 'Abschnitt 2")
    text = text[:index] + f"    Neu gespeichert: {marker}.\n" + text[index:]
    path.write_text(text.replace("\nduration: ", "\nduration:") if broken else text, encoding="utf-8")


def make_project(base: Path) -> Path:
    """A project folder with the site configuration and hand-written docs (shared with run.py)."""
    import shutil

    project = base / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=lambda folder, names: ["kurs"] if Path(folder) == ROOT / "docs" else [])
    return project


class _clock_served(threading.Thread):
    """Beside the browser: seconds from `started` until the engine serves a page holding `needle`
    (the server's part of save → visible; the rest is the page's reload)."""

    def __init__(self, url: str, needle: str, started: float, process: subprocess.Popen):
        super().__init__(daemon=True)
        self.url, self.needle, self.started, self.process = url, needle, started, process
        self.seconds: float | None = None
        self.start()

    def run(self) -> None:
        # A broken save: the problems in course.js (since round 6 `"problems": {…}` in the preview's
        # data, before that `window.rbPreviewProblems = {…}`; before round 5 the box's own script,
        # with its class name in it).
        problems = self.needle == "rb-serve-problems"
        waited = wait_for(self.url.split("/kurs/")[0] + "/assets/course.js" if problems else self.url,
                          ('"problems": {', "rbPreviewProblems = {", self.needle) if problems else (self.needle,),
                          SAVE_LIMIT, self.process)
        self.seconds = None if waited is None else time.perf_counter() - self.started


def measure_preview(engine: str, modules: int, base: Path, browser) -> Preview:
    result = Preview(engine, modules)
    content = write_course(base / "content", modules)
    project = make_project(base)
    port = free_port()
    module_id = f"modul-{modules // 2:04d}"
    url = f"http://127.0.0.1:{port}/kurs/module/{module_id}/"
    command = [str(BIN / "rufbereit"), "serve", "--engine", engine, "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"]
    log = (base / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    context = browser.new_context()
    try:
        result.first = wait_for(url, "</html>", START_LIMIT, process)
        if result.first is None:
            result.note = "first build not served in time" if process.poll() is None else "serve exited"
            return result
        # The engine may still be building other pages: the saves start once the last one is served.
        last = url.replace(module_id, f"modul-{modules - 1:04d}")
        if wait_for(last, "</html>", START_LIMIT, process) is None:
            result.note = "first build not finished in time"
            return result
        page = context.new_page()
        page.goto(url, timeout=START_LIMIT * 1000)
        saves, missed = [], 0
        for number in range(1, SAVES + 1):
            marker = f"Vorschaumarke{number}x{int(time.time() * 1000) % 100000}"
            broken = number == BROKEN_AT
            started = time.perf_counter()
            save(content, module_id, marker, broken)
            served = _clock_served(url, "rb-serve-problems" if broken else marker, started, process)
            # In the page's DOM (the sentence may stand in a collapsed part): the box of a broken
            # save, else the sentence without a box.
            shown = ("() => !!document.querySelector('.rb-serve-problems')" if broken else
                     "m => !!document.body && !document.querySelector('.rb-serve-problems') && document.body.innerHTML.includes(m)")
            try:
                page.wait_for_function(shown, arg=marker, timeout=SAVE_LIMIT * 1000, polling=20)
                saves.append(time.perf_counter() - started)
                served.join(SAVE_LIMIT)
                result.served += (served.seconds,) if served.seconds is not None else ()
            except Exception as error:  # Playwright's TimeoutError: not shown in time
                served.join(SAVE_LIMIT)
                # Served in time but not shown: a missed reload. Not even served: the engine was slow.
                if served.seconds is not None and served.seconds < SAVE_LIMIT:
                    missed += 1
                else:
                    result.slow += 1
                if os.environ.get("PREVIEW_DEBUG"):
                    print(f"    save {number} not shown (served after {served.seconds}): {str(error).splitlines()[0]}", flush=True)
                page.goto(url, timeout=START_LIMIT * 1000)
        result.saves, result.missed = tuple(saves), missed
        if os.environ.get("PREVIEW_DEBUG"):
            print("    saves: " + " ".join(f"{seconds:.2f}" for seconds in saves), flush=True)
        log.flush()
        log.seek(0)
        # `rufbereit: in 0.12 s neu erzeugt.` after each save (and `… geänderte Seite in 0.05 s gezeigt …`
        # before it, when the quick way showed the page).
        printed = log.read()
        result.regenerations = tuple(float(n) for n in re.findall(r"rufbereit: in ([0-9.]+) s", printed))
        result.quick = tuple(float(n) for n in re.findall(r"Seite in ([0-9.]+) s gezeigt", printed))
        if "end of life" in printed:
            result.note = "the preview printed an end-of-life banner"
        return result
    finally:
        context.close()
        log.close()
        os.killpg(process.pid, signal.SIGTERM)  # serve and the engine it started, nothing else
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure_all(sizes: tuple[int, ...], engines: tuple[str, ...] = ENGINES[:1]) -> list[Preview]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        for engine in engines:
            if (BIN / engine).exists():
                results += _measure_engine(engine, sizes, browser)
        browser.close()
    return results


def _measure_engine(engine: str, sizes: tuple[int, ...], browser) -> list[Preview]:
    results = []
    for modules in sizes:
        with tempfile.TemporaryDirectory(prefix="rufbereit-preview-") as temporary:
            preview = measure_preview(engine, modules, Path(temporary), browser)
        results.append(preview)
        print(f"  preview {engine}, {modules} modules: {describe(preview)}", flush=True)
        if preview.median is None:
            break  # a larger course would not do better within the limits
    return results


def describe(preview: Preview) -> str:
    if preview.median is None:
        return preview.note or "no figure"
    ours = f"; rufbereit's full regeneration {statistics.median(preview.regenerations):.2f} s" if preview.regenerations else ""
    if preview.quick:
        ours += f", quick page {statistics.median(preview.quick):.2f} s ({len(preview.quick)} saves)"
    served = f"; served over HTTP after {statistics.median(preview.served):.2f} s" if preview.served else ""
    return (f"save → visible {preview.median:.2f} s median, {preview.worst:.2f} s worst of {len(preview.saves)}, "
            f"{preview.missed} missed reloads and {preview.slow} not served in {SAVE_LIMIT:.0f} s of {SAVES}{served}{ours}; first page after {preview.first:.1f} s")


def main(argv: list[str]) -> int:
    sizes = tuple(int(value) for value in argv if value.isdigit()) or (10, 100, 1000)
    engines = tuple(value for value in argv if value in ENGINES) or ENGINES[:1]
    for preview in measure_all(sizes, engines):
        print(f"{preview.engine:9} {preview.modules:5} modules  {describe(preview)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
