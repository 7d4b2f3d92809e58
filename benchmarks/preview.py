"""Preview at scale: save → visible, measured through `rufbereit serve` itself.

`rufbereit serve --engine E` runs in a temporary copy of the project (its watcher, its
regeneration, the engine's own dev server). After the first page is served, one module is
edited on disk again and again; each time the clock runs until the module's page, fetched
over HTTP as the browser's live reload fetches it, holds the new sentence. The browser's own
reload (tens of milliseconds) is not included; everything before it is.

    .venv/bin/python benchmarks/preview.py 10 100 300     # sizes; engines mkdocs and zensical
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
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_course  # noqa: E402

BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "zensical")
START_LIMIT = 240.0  # seconds for the first build before a run is given up
SAVE_LIMIT = 90.0  # seconds for one save to show before it is given up
EDITS = 3


@dataclass
class Preview:
    engine: str
    modules: int
    first: float | None = None  # serve started → first page served
    saves: tuple[float, ...] = ()
    regenerations: tuple[float, ...] = ()  # rufbereit's own part of each save, as serve prints it
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.saves) if self.saves else None


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


def wait_for(url: str, needle: str, limit: float, process: subprocess.Popen) -> float | None:
    """Seconds until the page at `url` contains `needle`; None past `limit` or if serve died."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            return None
        page = fetch(url)
        if page is not None and needle in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def save(content: Path, module_id: str, marker: str) -> None:
    """What a trainer's editor does: rewrite the file with one more sentence in a text."""
    path = content / "modules" / f"{module_id}.yaml"
    text = path.read_text(encoding="utf-8")
    index = text.index("- title: 'Abschnitt 2")
    path.write_text(text[:index] + f"    Neu gespeichert: {marker}.\n" + text[index:], encoding="utf-8")


def make_project(base: Path) -> Path:
    """A project folder with the site configuration and hand-written docs (shared with run.py)."""
    import shutil

    project = base / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=lambda folder, names: ["kurs"] if Path(folder) == ROOT / "docs" else [])
    return project


def measure_preview(engine: str, modules: int, base: Path) -> Preview:
    result = Preview(engine, modules)
    content = write_course(base / "content", modules)
    project = make_project(base)
    port = free_port()
    module_id = f"modul-{modules // 2:04d}"
    url = f"http://127.0.0.1:{port}/kurs/module/{module_id}/"
    command = [str(BIN / "rufbereit"), "serve", "--engine", engine, "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (base / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        result.first = wait_for(url, "</html>", START_LIMIT, process)
        if result.first is None:
            result.note = "first build not served in time" if process.poll() is None else "serve exited"
            return result
        time.sleep(1.0)  # let the watchers settle after the first build
        saves = []
        for round_ in range(EDITS):
            marker = f"Vorschaumarke{round_}x{int(time.time() * 1000) % 100000}"
            save(content, module_id, marker)
            seconds = wait_for(url, marker, SAVE_LIMIT, process)
            if seconds is None:
                result.note = f"save {round_ + 1} not visible within {SAVE_LIMIT:.0f} s"
                break
            saves.append(seconds)
            time.sleep(0.5)
        result.saves = tuple(saves)
        log.flush()
        log.seek(0)
        # `rufbereit: in 0.12 s neu erzeugt.`: the first line is the start, then one per save.
        result.regenerations = tuple(float(n) for n in re.findall(r"in ([0-9.]+) s", log.read()))[-len(saves):] if saves else ()
        return result
    finally:
        log.close()
        os.killpg(process.pid, signal.SIGTERM)  # serve and the engine it started, nothing else
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure_all(sizes: tuple[int, ...], engines: tuple[str, ...] = ENGINES) -> list[Preview]:
    results = []
    for engine in engines:
        if not (BIN / engine).exists():
            continue
        for modules in sizes:
            with tempfile.TemporaryDirectory(prefix="rufbereit-preview-") as temporary:
                preview = measure_preview(engine, modules, Path(temporary))
            results.append(preview)
            print(f"  preview {engine}, {modules} modules: {describe(preview)}", flush=True)
            if preview.median is None:
                break  # a larger course would not do better within the limits
    return results


def describe(preview: Preview) -> str:
    if preview.median is None:
        return preview.note or "no figure"
    saves = ", ".join(f"{seconds:.2f}" for seconds in preview.saves)
    ours = f"; rufbereit's regeneration {statistics.median(preview.regenerations):.2f} s" if preview.regenerations else ""
    return f"save → visible {preview.median:.2f} s (median of {saves} s{ours}); first page after {preview.first:.1f} s"


def main(argv: list[str]) -> int:
    sizes = tuple(int(value) for value in argv if value.isdigit()) or (10, 100, 1000)
    engines = tuple(value for value in argv if value in ENGINES) or ENGINES
    for preview in measure_all(sizes, engines):
        print(f"{preview.engine:9} {preview.modules:5} modules  {describe(preview)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
