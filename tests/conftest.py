"""Fixtures shared by all tests; plain helpers live in support.py (importable by name)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import BUILD_ENV, COURSES, ROOT, make_project, run_cli
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


# --- markers from what a test uses ----------------------------------------------------------
# A test that builds a site with an engine asks for `engine_build` (or a built site); one that
# drives Chromium asks for `browser`. The markers follow from that, and a test that starts an
# engine or the preview server without asking fails (see `_no_hidden_engine`), so `make
# test-fast` never runs a build unawares.

ENGINE_FIXTURES = {"engine_build", "built_site", "site", "default_site", "hostile_site", "english_site", "titles_site",
                   "preview_server"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & ENGINE_FIXTURES:
            item.add_marker(pytest.mark.slow)


ENGINES = ("mkdocs", "zensical")


def _starts_an_engine(args) -> bool:
    """An engine, or `rufbereit build`/`serve`, which start one."""
    argv = [str(part) for part in (args if isinstance(args, (list, tuple)) else [args])]
    names = [Path(part).name for part in argv]
    if names and names[0] in ENGINES:
        return True
    rufbereit = [i for i, name in enumerate(names) if name == "rufbereit"]
    return any(command in names[i + 1:] for i in rufbereit for command in ("build", "serve"))


@pytest.fixture(autouse=True)
def _no_hidden_engine(request, monkeypatch):
    """Outside `slow` tests, starting an engine (directly or through `rufbereit build`/`serve`)
    is an error that names the fixture to ask for."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("browser"):
        return
    original = subprocess.Popen

    class Guarded(original):  # type: ignore[misc, valid-type]
        def __init__(self, args, *rest, **options):
            if _starts_an_engine(args):
                raise AssertionError(f"{request.node.nodeid} runs an engine ({args!r}): ask for the `engine_build` "
                                     "fixture (or mark the test `slow`), so that `make test-fast` leaves it out")
            super().__init__(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", Guarded)


@pytest.fixture(scope="session")
def engine_build():
    """`rufbereit build` as a trainer runs it (a subprocess); asking for it marks the test slow."""

    def build(*args: str, cwd: Path, env: dict | None = None):
        return run_cli("build", *args, cwd=cwd, env=env)

    return build


# Built once per session and shared by every test module that only reads the result: the
# sites of the default course and the fixture courses, reproducible and without a host.


@pytest.fixture(scope="session")
def _built_sites(tmp_path_factory):
    return {}


@pytest.fixture
def built_site(_built_sites, tmp_path_factory, engine_build):
    """`built_site("default")` → the project folder of that course built with MkDocs (or
    `built_site("default", "zensical")`), built once per session. Read it, never change it."""

    def get(course: str, engine: str = "mkdocs") -> Path:
        key = (course, engine)
        if key not in _built_sites:
            project = make_project(tmp_path_factory.mktemp(f"built-{course}-{engine}"))
            result = engine_build("--engine", engine, "--content", str(COURSES[course]), cwd=project,
                                  env={**os.environ, **BUILD_ENV})
            assert result.returncode == 0, result.stderr + result.stdout
            _built_sites[key] = (project, result)
        return _built_sites[key][0]

    return get
