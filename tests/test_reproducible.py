"""With SOURCE_DATE_EPOCH set, two builds of the same course are byte-identical."""

from __future__ import annotations

import os

import pytest

from support import BUILD_ENV, ROOT, make_project, tree_bytes


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_two_builds_give_identical_site_trees(tmp_path, engine, built_site, engine_build):
    first = tree_bytes(built_site("default", engine) / "site")  # the session's build, with BUILD_ENV
    project = make_project(tmp_path / "second")
    result = engine_build("--engine", engine, "--content", str(ROOT / "content"), cwd=project, env={**os.environ, **BUILD_ENV})
    assert result.returncode == 0, result.stderr + result.stdout
    second = tree_bytes(project / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
