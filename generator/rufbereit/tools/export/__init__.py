"""`rufbereit export …`: the course for other systems (SCORM and cmi5 packages, Moodle question banks).

Each format is one entry of `FORMATS`: its file suffix and the function that writes it and says
what it wrote. A new format is a module of this package and one entry here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...content.tree import Content
from ...texts import text

# What a format's writer gets: the course, the file to write, the engine for packages, and
# whether SCORM packages report every answer (interactions). It returns the lines to print.
Writer = Callable[[Content, Path, str, bool], list[str]]


@dataclass(frozen=True)
class Format:
    suffix: str
    write: Writer


def _scorm(kind: str) -> Writer:
    def write(content: Content, out: Path, engine: str, interactions: bool) -> list[str]:
        from .scorm import export_scorm

        size = export_scorm(content, Path.cwd(), kind, out, engine, interactions)
        return [text(content.language, "export.package", path=out, kb=f"{size / 1024:.0f}")]
    return write


def _cmi5(content: Content, out: Path, engine: str, interactions: bool) -> list[str]:
    from .cmi5 import export_cmi5

    size = export_cmi5(content, Path.cwd(), out, engine)
    return [text(content.language, "export.cmi5_package", path=out, kb=f"{size / 1024:.0f}")]


def _gift(content: Content, out: Path, engine: str, interactions: bool) -> list[str]:
    from .gift import export_gift

    data, written, skipped = export_gift(content)
    out.write_text(data, encoding="utf-8")
    lines = [text(content.language, "export.questions", path=out, count=written)]
    return lines + ([text(content.language, "export.gift_skipped", count=skipped)] if skipped else [])


def _moodle(content: Content, out: Path, engine: str, interactions: bool) -> list[str]:
    from .moodle import export_moodle

    data, written = export_moodle(content)
    out.write_text(data, encoding="utf-8")
    return [text(content.language, "export.questions", path=out, count=written)]


FORMATS: dict[str, Format] = {
    "scorm12": Format("-scorm12.zip", _scorm("scorm12")),
    "scorm2004": Format("-scorm2004.zip", _scorm("scorm2004")),
    "cmi5": Format("-cmi5.zip", _cmi5),
    "gift": Format(".gift.txt", _gift),
    "moodle-xml": Format("-moodle.xml", _moodle),
}


# Without --out, exports go here: a git-ignored folder (.gitignore), so `git add .` never
# commits a package by accident.
EXPORT_FOLDER = Path("export")


def default_out(content: Content, kind: str) -> Path:
    EXPORT_FOLDER.mkdir(exist_ok=True)
    return EXPORT_FOLDER / (content.course.model.course_id + FORMATS[kind].suffix)


def run_export(content: Content, kind: str, out: Path | None, engine: str, interactions: bool) -> int:
    """Write one export; prints what was written. Returns 0, or 1 when the engine failed."""
    try:
        lines = FORMATS[kind].write(content, out or default_out(content, kind), engine, interactions)
    except (RuntimeError, ValueError) as error:
        print(text(content.language, "export.failed", reason=str(error)), file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
