"""Fixtures shared by all tests; plain helpers live in support.py (importable by name)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT, make_project
from rufbereit.cli import main


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def rufbereit_main(capsys, monkeypatch):
    """The command line in process (`rufbereit.cli.main`): what it prints, what it returns.
    A subprocess is for what only a subprocess shows (start-up, pipes, signals)."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
        with monkeypatch.context() as patch:
            patch.chdir(cwd or ROOT)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            capsys.readouterr()
            try:
                status = main(list(args))
            except SystemExit as exit_:  # argparse's usage errors
                status = exit_.code if isinstance(exit_.code, int) else 2
            out, err = capsys.readouterr()
        return Result(status, out, err)

    return run


# Files whose tests run a site engine, build a wheel or start a server: left out by `make test-fast`.
SLOW_FILES = {"test_build.py", "test_html_valid.py", "test_links.py", "test_reproducible.py", "test_package.py",
              "test_lint.py", "test_workflows.py", "test_trainer_build.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(str(item.path))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
        elif path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
