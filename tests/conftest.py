"""Fixtures shared by all tests; plain helpers live in support.py (importable by name)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import BUILD_ENV, COURSES, ROOT, exclusive, make_project, run_cli, shared_folder
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

# The served sites of the browser tests (tests/browser/conftest.py) are built once per run and
# shared by the workers (pytest-xdist), each serving them on a port of its own. The tests of
# one file on one site form a group, which `--dist loadgroup` keeps on one worker: groups that
# small keep the workers evenly busy.
SERVED_SITES = ("site", "default_site", "hostile_site", "english_site", "titles_site")
ENGINE_FIXTURES = {"engine_build", "built_site", "preview_server", *SERVED_SITES}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & ENGINE_FIXTURES:
            item.add_marker(pytest.mark.slow)
        group = _shared_fixture_group(item, used)
        if group and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))


def _shared_fixture_group(item, used: set[str]) -> str | None:
    """The group of a test: its file's tests on its served site (per engine), else the
    module-scoped fixture it shares with the other tests of its file (a build, a package, or
    state that one test leaves for the next), so that the fixture is made once and its tests
    stay in order."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    served = [name for name in SERVED_SITES if name in used and item.path.parent.name == "browser"]
    if served:
        return "-".join(filter(None, [f"{item.path.stem}.{served[0]}", params.get(served[0])]))
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for name in item.fixturenames:
        if definitions.get(name) and definitions[name][-1].scope == "module":
            return "-".join(map(str, filter(None, [f"{item.path.stem}.{name}", params.get(name)])))
    return None


def pytest_collection_finish(session):
    """On a worker of `--dist loadgroup`, pytest-xdist has named each grouped test's group in
    its id; where a pytest keeps it from that (pytest-xdist#1386), say so instead of letting
    every worker build every site."""
    if getattr(session.config.option, "loadgroup", False):
        lost = [item.nodeid for item in session.items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
        if lost:
            raise pytest.UsageError(f"pytest-xdist ignores the test groups with this pytest (first: {lost[0]}); "
                                    "install the locked versions (make .venv/.test)")


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


@pytest.fixture(scope="session")
def built_site(_built_sites, tmp_path_factory, engine_build):
    """`built_site("default")` → the project folder of that course built with MkDocs (or
    `built_site("default", "zensical")`), built once per run and shared by the workers. Read
    it, never change it."""

    def get(course: str, engine: str = "mkdocs") -> Path:
        key = (course, engine)
        if key not in _built_sites:
            _built_sites[key] = _build_once(shared_folder(tmp_path_factory), course, engine, engine_build)
        return _built_sites[key][0]

    return get


def _build_once(shared: Path, course: str, engine: str, engine_build) -> tuple[Path, subprocess.CompletedProcess]:
    """The first worker to ask builds; the others read the same folder and its build output."""
    project = shared / f"built-{course}-{engine}"
    with exclusive(shared / f"built-{course}-{engine}.lock"):
        done = project / ".build-output"
        if not done.is_dir():
            shutil.rmtree(project, ignore_errors=True)  # what a failed build left behind
            make_project(project)
            result = engine_build("--engine", engine, "--content", str(COURSES[course]), cwd=project,
                                  env={**os.environ, **BUILD_ENV})
            assert result.returncode == 0, result.stderr + result.stdout
            done.mkdir()
            (done / "stdout").write_text(result.stdout, encoding="utf-8")
            (done / "stderr").write_text(result.stderr, encoding="utf-8")
        output = [(done / name).read_text(encoding="utf-8") for name in ("stdout", "stderr")]
    return project, subprocess.CompletedProcess(["rufbereit", "build"], 0, *output)
