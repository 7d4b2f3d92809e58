"""Write the generated tree: only files whose bytes changed, pages the course no longer
produces removed. `generate` is the one path from a content folder to that tree."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import load_content
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


def checked(folder: Path, strict: bool, cache: ParseCache | None = None) -> Content | None:
    """Load and report; the content when it may be built, else None."""
    content = load_content(folder, cache)
    report(content.problems, content.language, sys.stderr)
    blocking = content.problems if strict else content.errors
    return None if blocking else content


def generate(folder: Path, strict: bool, cache: ParseCache | None = None) -> int:
    content = checked(folder, strict, cache)
    if content is None:
        return CONTENT_ERROR
    result = write_generated(Path.cwd(), generated_files(content))
    print(text(content.language, "cli.generated", written=len(result.written), removed=len(result.removed),
               unchanged=result.unchanged))
    return OK
