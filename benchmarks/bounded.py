"""Bounded work (issue 18): `check` of 6,000 modules, the worst field shapes we found for
Python-Markdown, and `rufbereit results` with a 4.9 MB export.

`check` runs as a new process (`rufbereit check --content …`, no disk cache: cwd is a fresh
folder), as a trainer or CI runs it. Field shapes: the full fixture with its first section
body made of 15 KB and of 60 KB of one shape, checked in process, and that field rendered as
the build does; linear work takes 4 times as long at 60 KB as at 15 KB, quadratic 16 times.
Run alone with `.venv/bin/python benchmarks/bounded.py` (`--shapes`: the field shapes only).
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
from rufbereit.content.markup import LinkTargets, MarkdownRenderer  # noqa: E402

MODULES = 6000
CHECK_BUDGET = 10.0  # seconds for `check` of 6,000 modules on the 2-core machine
BIN = Path(sys.executable).parent
FULL = ROOT / "tests" / "fixtures" / "full"
# Field shapes (issue 18): one unit repeated to fill the field. The brief's list, and what a
# fuzz over Python-Markdown's block and inline processors found superlinear; the "< limit"
# shapes sit just under content/markup.py's LIMITS, paragraph after paragraph.
SHAPES = {
    "ordinary prose": "Ein ganz normaler Satz über Einwände am Telefon. ",
    "<a ": "<a ", "<![CDATA[>": "<![CDATA[>", "[": "[", "]": "]", "][": "][", "[x](": "[x](", "[x]()": "[x]()",
    "*_": "*_", "**": "**", "__": "__", "*a": "*a", "_a ": "_a ", "`": "`", "\\": "\\", "<": "<", "<a>": "<a>",
    "</a>": "</a>", "&": "&", "&#": "&#", "&amp;": "&amp;", "<!--": "<!--", "|": "|", "|a|⏎": "|a|\n",
    "> ": "> ", ">⏎": ">\n", "- ": "- ", "1. ": "1. ", "- a⏎  ": "- a\n  ", "#": "#", "# a⏎": "# a\n",
    "a⏎=⏎": "a\n=\n", "a⏎-⏎": "a\n-\n", "a⏎: b⏎": "a\n: b\n", "```⏎": "```\n", "    a⏎": "    a\n",
    "a␣␣⏎": "a  \n", "a⏎": "a\n",
    "*_ × 49 ¶ (< limit)": "*_" * 49 + "\n\n", "</a> × 99 ¶ (< limit)": "</a>" * 99 + "\n\n",
    "# a⏎ × 10 ¶ (< limit)": "# a\n" * 10 + "\n", "> × 10 (< limit)": "> " * 10 + "x\n",
    "nested list × 59 ¶ (< limit)": "- a\n" + "    - b\n" * 59 + "\n",
    "|a|⏎ × 299 ¶ (< limit)": "|a|\n" * 299 + "\n", ">⏎ × 299 ¶ (< limit)": ">\n" * 299 + "\n",
    "# a⏎⏎ (tiny paragraphs)": "# a\n\n", "- a⏎ × 299 ¶ (list items)": "- a\n" * 299 + "\n",
}
# The costliest text each limit still accepts, filled up with prose to the field's size.
PROSE = "Ein ganz normaler Satz über Einwände am Telefon. "
WORST_ACCEPTED = {
    "inline: 20 ¶ of *_ × 49": ("*_" * 49 + "\n\n") * 20, "inline: 20 ¶ of </a> × 99": ("</a>" * 99 + "\n\n") * 20,
    "headings: 90 ¶ of # a⏎ × 10": ("# a\n" * 10 + "\n") * 90,
    "nested lists: 16 ¶ of 60 lines": ("- a\n" + "    - b\n" * 59 + "\n") * 16,
    "table: 3 ¶ of 299 rows": ("|a|\n" * 299 + "\n") * 3, "quote: 3 ¶ of 299 > lines": (">\n" * 299 + "\n") * 3,
    "paragraphs: 999 tiny ones": "a\n\n" * 999,
}
SIZES = (15_000, 60_000)


def filled(head: str, size: int) -> str:
    return head + "\n\n" + PROSE * ((size - len(head)) // len(PROSE))


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


def field_shape(folder: Path, field: str) -> tuple[float, float]:
    """`check` (load_content, in process) of the full fixture whose first section body is
    `field`, and the build's rendering of that field alone."""
    content = folder / f"shape-{len(list(folder.iterdir()))}"
    shutil.copytree(FULL, content)
    path = content / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    body: |", text.index("sections:"))
    end = text.index("  - title:", start)
    path.write_text(text[:start] + f"    body: {json.dumps(field)}\n" + text[end:], encoding="utf-8")
    started = time.perf_counter()
    load_content(content)
    checked = time.perf_counter() - started
    rendered = []
    for _ in range(3):  # the fastest of three: the machine is shared
        started = time.perf_counter()
        MarkdownRenderer().render(field, LinkTargets(frozenset(), frozenset()))
        rendered.append(time.perf_counter() - started)
    return checked, min(rendered)


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


def shape_rows(folder: Path) -> list[tuple[str, str, str, str, str]]:
    rows = []
    (folder / "shapes").mkdir()
    fields = {name: [unit * (size // len(unit)) for size in SIZES] for name, unit in SHAPES.items()}
    fields |= {f"accepted, {name}": [filled(head, size) for size in SIZES] for name, head in WORST_ACCEPTED.items()}
    for name, (small, big) in fields.items():
        (check_small, render_small), (check_big, render_big) = (field_shape(folder / "shapes", field)
                                                                for field in (small, big))
        ratio = render_big / max(render_small, 0.005)  # below 5 ms the ratio is noise
        rows.append((f"one field of `{name}`, 15 → 60 KB", f"check {check_small:.2f} → {check_big:.2f} s",
                     f"render {render_small:.3f} → {render_big:.3f} s (×{ratio:.1f})", "×4 (linear)",
                     "PASS" if ratio <= 6 and check_big <= 3 * max(check_small, 0.3) else "MISS"))
        print(f"  {name:42} check {check_small:5.2f} → {check_big:5.2f} s   "
              f"render {render_small:6.3f} → {render_big:6.3f} s  ×{ratio:.1f}", flush=True)
    return rows


def measure() -> list[tuple[str, str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rufbereit-bounded-") as temporary:
        folder = Path(temporary)
        seconds, size_kb = check_at_scale(folder)
        rows.append((f"check, {MODULES:,} modules ({size_kb:,.0f} KB)", f"{seconds:.1f} s", "new process, no cache",
                     f"≤ {CHECK_BUDGET:.0f} s", "PASS" if seconds <= CHECK_BUDGET else "MISS"))
        print(f"  check {MODULES} modules: {seconds:.1f} s ({size_kb:.0f} KB)", flush=True)
        rows += shape_rows(folder)
        took, size, output = results_with_huge_answer(folder)
        rows.append((f"results, one {size / 1e6:.1f} MB export", f"{took:.2f} s", f"{output:,} bytes printed",
                     "refused in one line", "PASS" if output < 5_000 else "MISS"))
        print(f"  results {size / 1e6:.1f} MB: {took:.2f} s, {output} bytes printed", flush=True)
    return rows


if __name__ == "__main__":
    if "--shapes" in sys.argv:
        with tempfile.TemporaryDirectory(prefix="rufbereit-bounded-") as temporary:
            shape_rows(Path(temporary))
        sys.exit(0)
    for row in measure():
        print(" | ".join(row))
