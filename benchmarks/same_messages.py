"""Every message `check` says, for many courses, in one file: run it with two versions of the
generator and compare the files byte for byte (what round 7 used to show that its speed-ups
change no message, position or order).

    PYTHONHASHSEED=0 PYTHONPATH=<tree>/generator .venv/bin/python benchmarks/same_messages.py OUT [SLIPPED]

Courses: tests/broken, tests/fixtures, content/, synthetic courses of 10 and 100 modules, and
SLIPPED (default 300) copies of real courses with random slips in their YAML (the same slips
on every run); each checked as a draft build and as the published one, and the first 40 again
from a disk cache (load_cache/save_cache) written by a first check. PYTHONHASHSEED=0: a
version whose report orders ties by hash says the same on both sides.
"""

from __future__ import annotations

import io
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_course  # noqa: E402
from rufbereit.content.load import load_content  # noqa: E402
from rufbereit.content.markup import count_costly_markup  # noqa: E402
from rufbereit.content.problems import report  # noqa: E402
from rufbereit.content.tree import ParseCache  # noqa: E402
from rufbereit.output.cache import load_cache, save_cache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BITS = ("&a ", "*a", "!x ", "! ", " #c", "#", "\t", ": ", "- ", '"', "'", "\\e", "\u200b", "\x1b", "|", ">",
        "---\n", "&", "*", "\u202e", "0x" + "9" * 40, "  ", "\n", "?", "[", "{", ",", "1e3", "[Link](module:nix)",
        "![](media/x.png)", "<b>", "## ", "\n- a\n", "{{name}}", "TODO", "module:grundlagen#nix", "<script>", "&#x41;")


def slipped_courses(target: Path, count: int, sources: list[Path]) -> list[Path]:
    courses = []
    for seed in range(count):
        chance = random.Random(seed)
        course = target / f"s{seed:04d}"
        shutil.copytree(chance.choice(sources), course, symlinks=True)
        files = sorted(path for path in course.rglob("*.yaml") if path.is_file() and not path.is_symlink())
        for path in chance.sample(files, min(len(files), chance.randint(1, 3))):
            path.write_text(_slipped(path.read_text(errors="replace"), chance))
        courses.append(course)
    return courses


def _slipped(text: str, chance: random.Random) -> str:
    for _ in range(chance.randint(1, 4)):
        position, roll = chance.randrange(len(text) + 1), chance.random()
        if roll < 0.6:
            text = text[:position] + chance.choice(BITS) + text[position:]
        elif roll < 0.8:
            text = text[:position] + text[position + chance.randint(1, 5):]
        else:
            lines = text.split("\n")
            index = chance.randrange(len(lines))
            lines.insert(index, lines[index]) if chance.random() < 0.5 else lines.pop(index)
            text = "\n".join(lines)
    return text


def said(content, out, work: Path) -> None:
    """The problems as found, then as printed; the temporary folder's name left out."""
    stream = io.StringIO()
    for problem in content.problems:
        stream.write(repr((problem.file, problem.line, problem.column, problem.severity, problem.code, problem.params)) + "\n")
    report(content.problems, content.language, stream)
    out.write(stream.getvalue().replace(str(work), "<work>"))


def main(target: Path, slipped: int) -> None:
    with tempfile.TemporaryDirectory(prefix="rufbereit-same-") as temporary:
        work = Path(temporary)
        synthetic = [write_course(work / str(size) / "content", size) for size in (10, 100)]
        fixtures = sorted(course.parent for course in (ROOT / "tests" / "fixtures").rglob("course.yaml"))
        sources = [ROOT / "content", *fixtures, synthetic[0]]
        broken = sorted(course.parent for course in (ROOT / "tests" / "broken").rglob("course.yaml"))
        slips = slipped_courses(work / "slipped", slipped, sources)
        with target.open("w", encoding="utf-8") as out:
            for folder in [*broken, *fixtures, ROOT / "content", *synthetic, *slips]:
                for drafts in (True, False):
                    count_costly_markup.cache_clear()
                    out.write(f"== {folder.relative_to(work) if folder.is_relative_to(work) else folder} {drafts}\n")
                    said(load_content(folder, drafts=drafts), out, work)
            for number, folder in enumerate([ROOT / "content", synthetic[0], *slips[:40]]):
                project = work / f"project{number}"
                project.mkdir()
                cache = ParseCache()
                load_content(folder, cache)
                save_cache(project, cache)
                out.write(f"== from the disk cache {folder.name}\n")
                said(load_content(folder, load_cache(project)), out, work)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 300)
