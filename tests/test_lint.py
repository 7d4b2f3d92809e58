"""The code's shape, checked on every `make test`: layers, lint, types (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

pytestmark = pytest.mark.slow  # the linters and the type checker take half a minute

BIN = Path(sys.executable).parent


def run(*command: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold():
    """Each layer imports only the layers below it; the core no engine, watcher or CLI."""
    result = run(BIN / "lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing():
    result = run(BIN / "ruff", "check", "--no-cache", "generator", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    """The package's types, as configured in pyproject.toml [tool.mypy]."""
    result = run(BIN / "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_browser_script_passes_eslint():
    eslint = ROOT / "node_modules" / ".bin" / "eslint"
    assert eslint.exists(), "run `make node_modules/.installed` (npm ci)"
    result = run(eslint, "--max-warnings", "0", "assets-src", "tests/js", "tests/record_reader.mjs")
    assert result.returncode == 0, result.stdout + result.stderr
