"""`rufbereit export …`: the course for other systems (SCORM and cmi5 packages, Moodle question banks)."""

from __future__ import annotations

import sys
from pathlib import Path

from ...content.tree import Content
from ...texts import text

FORMATS = ("scorm12", "scorm2004", "cmi5", "gift", "moodle-xml")
SUFFIX = {"scorm12": "-scorm12.zip", "scorm2004": "-scorm2004.zip", "cmi5": "-cmi5.zip", "gift": ".gift.txt",
          "moodle-xml": "-moodle.xml"}


# Without --out, exports go here: a git-ignored folder (.gitignore), so `git add .` never
# commits a package by accident.
EXPORT_FOLDER = Path("export")


def default_out(content: Content, kind: str) -> Path:
    EXPORT_FOLDER.mkdir(exist_ok=True)
    return EXPORT_FOLDER / (content.course.model.course_id + SUFFIX[kind])


def run_export(content: Content, kind: str, out: Path | None, engine: str, interactions: bool) -> int:
    """Write one export; prints what was written. Returns 0, or 1 when the engine failed."""
    language = content.language
    out = out or default_out(content, kind)
    if kind in ("scorm12", "scorm2004"):
        from .scorm import export_scorm

        try:
            size = export_scorm(content, Path.cwd(), kind, out, engine, interactions)
        except (RuntimeError, ValueError) as error:
            print(text(language, "export.failed", reason=str(error)), file=sys.stderr)
            return 1
        print(text(language, "export.package", path=out, kb=f"{size / 1024:.0f}"))
        return 0
    if kind == "cmi5":
        from .cmi5 import export_cmi5

        try:
            size = export_cmi5(content, Path.cwd(), out, engine)
        except (RuntimeError, ValueError) as error:
            print(text(language, "export.failed", reason=str(error)), file=sys.stderr)
            return 1
        print(text(language, "export.cmi5_package", path=out, kb=f"{size / 1024:.0f}"))
        return 0
    if kind == "gift":
        from .gift import export_gift

        data, written, skipped = export_gift(content)
        out.write_text(data, encoding="utf-8")
        print(text(language, "export.questions", path=out, count=written))
        if skipped:
            print(text(language, "export.gift_skipped", count=skipped))
        return 0
    from .moodle import export_moodle

    data, written = export_moodle(content)
    out.write_text(data, encoding="utf-8")
    print(text(language, "export.questions", path=out, count=written))
    return 0
