"""Bounded work (issue 18): `check` of 6,000 modules, the worst field shapes we found for
Python-Markdown, and `rufbereit results` with a 4.9 MB export.

`check` runs as a new process (`rufbereit check --content …`, no disk cache: cwd is a fresh
folder), as a trainer or CI runs it. Field shapes: one module whose summary is 60 KB of one
shape, checked in process, against a 60 KB module of ordinary prose. Run alone with
`.venv/bin/python benchmarks/bounded.py`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generator"))

from rufbereit.content.load import load_content  # noqa: E402

MODULES = 6000
CHECK_BUDGET = 10.0  # seconds for `check` of 6,000 modules on the 2-core machine
BIN = Path(sys.executable).parent
FULL = ROOT / "tests" / "fixtures" / "full"
SHAPES = {"ordinary prose": "Ein ganz normaler Satz über Einwände am Telefon. ", "<a ": "<a ", "<![CDATA[>": "<![CDATA[>",
          "[": "[", "[x](": "[x](", "*_": "*_", "> ": "> ", "[x]()": "[x]()", "<a>": "<a>"}


def small_course(root: Path, count: int) -> Path:
    """`count` short modules (about 110 bytes each, 650 KB at 6,000: the shape of the course
    in issue 18), in tracks of 100."""
    (root / "modules").mkdir(parents=True)
    ids = [f"m{number:05d}" for number in range(count)]
    for module_id in ids:
        (root / "modules" / f"{module_id}.yaml").write_text(
            f"title: Modul {module_id}\nsummary: Kurz.\nobjectives: [Ziel]\nduration: 5\nsections:\n  - title: Text\n    body: Ein kurzer Absatz.\n",
            encoding="utf-8")
    tracks = "".join(f"  - title: Spur {start // 100}\n    modules: [{', '.join(ids[start:start + 100])}]\n"
                     for start in range(0, count, 100))
    (root / "course.yaml").write_text(f"id: gross\ntitle: Großer Kurs\nlanguage: de\ntracks:\n{tracks}", encoding="utf-8")
    return root


def check_at_scale(folder: Path) -> tuple[float, float]:
    course = small_course(folder / "course", MODULES)
    size_kb = sum(path.stat().st_size for path in course.rglob("*.yaml")) / 1024
    work = folder / "cwd"
    work.mkdir()
    started = time.perf_counter()
    subprocess.run([str(BIN / "rufbereit"), "check", "--content", str(course)], cwd=work, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, size_kb


def field_shape(folder: Path, name: str, unit: str) -> float:
    content = folder / f"shape-{len(list(folder.iterdir()))}"
    shutil.copytree(FULL, content)
    path = content / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [f"summary: {json.dumps(unit * (60_000 // len(unit)))}" if line.startswith("summary: ") else line
             for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    load_content(content)
    return time.perf_counter() - started


def results_with_huge_answer(folder: Path) -> tuple[float, int, int]:
    export = json.loads((ROOT / "tests" / "fixtures" / "results" / "rufbereit-fx-vollkurs-anna.json").read_text())
    export["modules"]["erste-schritte"]["questions"]["q-6dd3350a59"] = {
        "hash": "3f734b70f08e", "answer": "0" * (4_900 * 1024), "correct": False}
    path = folder / "riesig.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "rufbereit"), "results", "--content", str(FULL), str(path)], cwd=folder,
                          capture_output=True, check=False)
    return time.perf_counter() - started, path.stat().st_size, len(done.stdout) + len(done.stderr)


def measure() -> list[tuple[str, str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rufbereit-bounded-") as temporary:
        folder = Path(temporary)
        seconds, size_kb = check_at_scale(folder)
        rows.append((f"check, {MODULES:,} modules ({size_kb:,.0f} KB)", f"{seconds:.1f} s", "new process, no cache",
                     f"≤ {CHECK_BUDGET:.0f} s", "PASS" if seconds <= CHECK_BUDGET else "MISS"))
        print(f"  check {MODULES} modules: {seconds:.1f} s ({size_kb:.0f} KB)", flush=True)
        (folder / "shapes").mkdir()
        ordinary = None
        for name, unit in SHAPES.items():
            took = field_shape(folder / "shapes", name, unit)
            ordinary = took if ordinary is None else ordinary
            rows.append((f"check, one 60 KB field of `{name}`", f"{took:.2f} s", "load_content in process",
                         "≈ ordinary", "—" if name == "ordinary prose" else ("PASS" if took <= 3 * ordinary else "MISS")))
            print(f"  60 KB of {name!r}: {took:.2f} s", flush=True)
        took, size, output = results_with_huge_answer(folder)
        rows.append((f"results, one {size / 1e6:.1f} MB export", f"{took:.2f} s", f"{output:,} bytes printed",
                     "refused in one line", "PASS" if output < 5_000 else "MISS"))
        print(f"  results {size / 1e6:.1f} MB: {took:.2f} s, {output} bytes printed", flush=True)
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
