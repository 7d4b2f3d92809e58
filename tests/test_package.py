"""The package as a user installs it: a wheel, not the editable tree.

The wheel is built from the repository and installed without its dependencies into a
fresh virtual environment. The dependencies come from the project's environment through a
path line in a `.pth` file: such a line only appends that folder to `sys.path` (the
editable install's own `.pth` there is not processed), so `rufbereit` can only be imported
from the wheel, and a data file missing from the wheel fails the build below.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from support import ROOT, make_project

pytestmark = pytest.mark.slow

DATA_FILES = [path.relative_to(ROOT / "generator").as_posix()
              for pattern in ("rufbereit/render/templates/*", "rufbereit/texts/*.yaml", "rufbereit/output/assets/*")
              for path in sorted((ROOT / "generator").glob(pattern))]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return next(out.glob("rufbereit-*.whl")), result.stdout + result.stderr


def test_the_wheel_holds_every_data_file_and_builds_without_warnings(wheel):
    path, log = wheel
    names = set(zipfile.ZipFile(path).namelist())
    assert DATA_FILES and [name for name in DATA_FILES if name not in names] == []
    assert not [name for name in names if name.startswith("generator/") or "/tests/" in name]
    # distutils' "byte-compiling is disabled" is pip's choice, not a problem of the package.
    warnings = [line for line in log.splitlines()
                if ("Warning" in line or "warning:" in line.lower()) and "byte-compiling is disabled" not in line]
    assert warnings == []


def test_rufbereit_build_works_from_the_installed_wheel(wheel, tmp_path):
    path, _ = wheel
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    own_site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(path)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    # This machine's pip configuration names index folders that may not exist: not ours to judge.
    lines = (install.stdout + install.stderr).splitlines()
    assert [line for line in lines if "warning" in line.lower() and "is neither a file nor a directory" not in line] == []
    (own_site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # The engine is a dependency: its command comes from the project's environment too.
    (env_dir / "bin" / "mkdocs").symlink_to(Path(sys.executable).parent / "mkdocs")

    project = make_project(tmp_path / "project")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    where = subprocess.check_output([python, "-c", "import rufbereit; print(rufbereit.__file__)"], cwd=project,
                                    env=env, text=True)
    assert where.startswith(str(own_site)), where
    result = subprocess.run([env_dir / "bin" / "rufbereit", "build", "--content", str(ROOT / "content")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "kurs" / "module" / "pflicht" / "index.html").is_file()
