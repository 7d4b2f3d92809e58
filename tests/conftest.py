"""Fixtures shared by all tests; plain helpers live in support.py (importable by name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
