"""Write the generated tree: only files whose bytes changed, pages the course no longer
produces removed. `generate` is the one path from a content folder to that tree."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import load_content, collector_paused
from ..content.problems import report
from ..content.tree import Content, ParseCache
from ..render.pages import CONFIG_FILE, GENERATED_DIR, SiteRenderer
from ..texts import text

OK, CONTENT_ERROR = 0, 1


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def generated_files(content: Content) -> dict[str, bytes]:
    """Every file of the generated tree, relative to docs/, plus the engine config."""
    renderer = SiteRenderer(content)
    with collector_paused():
        files = {path: text.encode("utf-8") for path, text in renderer.pages().items()}
    for media_path in sorted(content.media):
        files[f"{GENERATED_DIR}/{media_path}"] = (content.root / media_path).read_bytes()
    files[f"../{CONFIG_FILE}"] = renderer.config().encode("utf-8")
    return files


def write_generated(project: Path, files: dict[str, bytes]) -> WriteReport:
    """Bring docs/kurs/ and the config in line with `files`, touching only what changed."""
    docs = project / "docs"
    report = WriteReport()
    for relative, data in sorted(files.items()):
        target = (docs / relative).resolve()
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, data)
        report.written.append(relative)
    generated_root = docs / GENERATED_DIR
    wanted = {(docs / relative).resolve() for relative in files}
    for path in sorted(generated_root.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
            report.removed.append(path.relative_to(docs).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)


def checked(folder: Path, strict: bool, cache: ParseCache | None = None, drafts: bool = False) -> Content | None:
    """Load and report; the content when it may be built, else None. Without `drafts` it is
    the published build: draft modules are checked, then left out."""
    content = load_content(folder, cache, drafts)
    report(content.problems, content.language, sys.stderr)
    blocking = [p for p in content.problems if p.severity == "warning"] * strict + content.errors
    if not blocking:
        print(status_line(content))
    return None if blocking else content


def status_line(content: Content) -> str:
    """`Kurs in Ordnung: 3 Module, 21 Fragen, 0 Warnungen`, in the course's language."""
    shown = content.shown_modules.values()
    questions = sum(len(source.model.quiz.questions) for source in shown if source.model.quiz)
    warnings = sum(problem.severity == "warning" for problem in content.problems)
    return text(content.language, "cli.course_ok", modules=len(shown), questions=questions, warnings=warnings)


def generate(folder: Path, strict: bool, cache: ParseCache | None = None, drafts: bool = False) -> int:
    content = checked(folder, strict, cache, drafts)
    if content is None:
        return CONTENT_ERROR
    result = write_generated(Path.cwd(), generated_files(content))
    print(text(content.language, "cli.generated", written=len(result.written), removed=len(result.removed), unchanged=result.unchanged))
    return OK
