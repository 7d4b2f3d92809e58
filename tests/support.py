"""Shared helpers of the tests: the real CLI, a throw-away copy of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("kurs"))
    return target


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
