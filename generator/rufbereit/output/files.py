"""Write the generated tree: only files whose bytes changed, pages the course no longer
produces removed. `generate` is the one path from a content folder to that tree."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import load_content
from ..content.problems import Problem, report
from ..content.safefs import check_media
from ..content.tree import Content, ParseCache
from ..texts import generated_folders, text

# The page renderer (Jinja, the learner record's models) is imported by the functions that
# render or name its files: `rufbereit check` uses this module but renders nothing.

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def generated_files(content: Content, redirects: bool = True) -> dict[str, bytes]:
    """Every file of the generated tree, relative to docs/, plus the engine config;
    `redirects`: with the pages left at the course's old paths (a site's, not a package's)."""
    from ..render.pages import CONFIG_FILE, SiteRenderer

    renderer = SiteRenderer(content)
    pages = renderer.pages() | (renderer.redirects() if redirects else {})
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    for media_path in sorted(content.media):
        # Read again as loading checked it: a regular file inside content/ of a published type.
        files[f"{renderer.paths.folder}/{media_path}"] = check_media(content.root, content.root / media_path)
    files[f"../{CONFIG_FILE}"] = renderer.config().encode("utf-8")
    return files


def links_in_output(project: Path) -> list[str]:
    """Symlinks where `generate` writes or deletes: a committed link at docs/kurs would make
    it write and delete files anywhere, so with any of them it does nothing at all."""
    from ..render.pages import CONFIG_FILE, COURSE_SCRIPT

    docs = project / "docs"
    generated = [docs / folder for folder in sorted(generated_folders())]
    links = [path for path in (docs, *generated, (docs / COURSE_SCRIPT).parent, project / CONFIG_FILE)
             if path.is_symlink()]
    for root in generated if not links else []:
        for folder, folders, files in os.walk(root):
            links += [Path(folder, name) for name in folders + files if Path(folder, name).is_symlink()]
    return [str(path.relative_to(project)) for path in links]


def write_generated(project: Path, files: dict[str, bytes]) -> WriteReport:
    """Bring docs/kurs/ (or docs/course/, …) and the config in line with `files`, touching only
    what changed; the generated folders of the other languages lose whatever `files` does not
    name (a course that changed its language). Paths stay as written, never resolved: nothing
    here follows a link (see links_in_output)."""
    docs = project / "docs"
    report = WriteReport()
    made: set[Path] = set()  # a folder per module page: one mkdir each, not one per file
    for relative, data in sorted(files.items()):
        target = Path(os.path.normpath(docs / relative))
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _atomic_write(target, data)
        report.written.append(relative)
    wanted = {Path(os.path.normpath(docs / relative)) for relative in files}
    walks = (walk for root in sorted(generated_folders()) for walk in os.walk(docs / root, topdown=False))
    for folder, folders, names in walks:
        for name in names:
            path = Path(folder, name)
            if path not in wanted:
                path.unlink()  # a link itself, never its target
                report.removed.append(path.relative_to(docs).as_posix())
        for name in folders:
            path = Path(folder, name)
            if not path.is_symlink() and not any(path.iterdir()):
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
    return None if blocking(content, strict) else content


def check_verdict(folder: Path, strict: bool, cache: ParseCache | None = None, drafts: bool = False) -> int:
    """`rufbereit check`: every problem, then the verdict as the very last line."""
    content = load_content(folder, cache, drafts)
    report(content.problems, content.language, sys.stderr)
    print(status_line(content, strict), flush=True)
    return CONTENT_ERROR if blocking(content, strict) else OK


def blocking(content: Content, strict: bool) -> list[Problem]:
    """What keeps the content from being built: its errors, and under --strict its warnings
    (notes never block)."""
    return content.errors + [p for p in content.problems if p.severity == "warning"] * strict


def output_is_linked(project: Path, language: str) -> bool:
    """True, with its one line said, when `generate` must not write: see `links_in_output`."""
    links = links_in_output(project)
    if links:
        print(text(language, "cli.output_link", links=", ".join(links)), file=sys.stderr)
    return bool(links)


def status_line(content: Content, strict: bool = False) -> str:
    """The verdict, the last line of `check`: `Kurs in Ordnung: 3 Module, 21 Fragen, 0 Warnungen`
    only when nothing blocks and no warning changes what readers see; else what is wrong."""
    shown = content.shown_modules.values()
    questions = sum(len(source.model.quiz.questions) for source in shown if source.model.quiz)
    warnings = sum(problem.severity == "warning" for problem in content.problems)
    errors = len(blocking(content, strict)) if strict else len(content.errors)
    page = sum(problem.changes_page for problem in content.problems)
    counts = {"modules": len(shown), "questions": questions, "warnings": warnings, "errors": errors, "page": page}
    if errors:
        return text(content.language, "cli.course_errors", **counts)
    if page:
        return text(content.language, "cli.course_page_warnings", **counts)
    return text(content.language, "cli.course_ok", **counts)


def generate(folder: Path, strict: bool, cache: ParseCache | None = None, drafts: bool = False) -> int:
    content = checked(folder, strict, cache, drafts)
    if content is None:
        return CONTENT_ERROR
    if output_is_linked(Path.cwd(), content.language):
        return USAGE_ERROR
    print(status_line(content))
    result = write_generated(Path.cwd(), generated_files(content))
    print(text(content.language, "cli.generated", written=len(result.written), removed=len(result.removed),
               unchanged=result.unchanged))
    return OK
