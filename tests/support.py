"""Shared helpers of the tests: the real CLI, a throw-away copy of the project."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from rufbereit.render.pages import COURSE_SCRIPT, HOME_FILE
from rufbereit.texts import generated_folders, site_paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The courses that tests build (`built_site` in conftest.py), and how: reproducible, with a site URL.
COURSES = {"default": ROOT / "content", "full": FIXTURES / "full", "english": FIXTURES / "english",
           "hostile": FIXTURES / "hostile"}
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": "https://example.org/"}


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, as a trainer or CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "rufbereit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


def make_project(target: Path) -> Path:
    """mkdocs.yml and the hand-written docs/ of this repository, without generated files."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    copy_docs(target / "docs")
    return target


# What `generate` may write into docs/ (folders and files), beside the hand-written files.
GENERATED_IN_DOCS = (*generated_folders(), HOME_FILE, COURSE_SCRIPT)


def copy_docs(target: Path) -> None:
    """The repository's hand-written docs/ without what `generate` may have written into it."""
    generated = {ROOT / "docs" / name for name in GENERATED_IN_DOCS}
    shutil.copytree(ROOT / "docs", target, ignore=lambda folder, names: [n for n in names if Path(folder, n) in generated])


def page_url(language: str, page: str) -> str:
    """A page's URL relative to the site root in a course of `language`: `page_url("en",
    "glossary")` is course/glossary/, `page_url("de", "module/pflicht")` kurs/module/pflicht/."""
    paths = site_paths(language)
    kind, _, module_id = page.partition("/")
    return (paths.module_page(module_id) if kind == "module" else paths.page(kind)).removesuffix("index.md")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def shared_folder(tmp_path_factory) -> Path:
    """A folder that every worker of this run sees (pytest-xdist gives each worker its own
    temporary folder, under one for the run); without workers, the session's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock: Path):
    """Only one worker at a time inside: the others wait for it (and then find its result)."""
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
