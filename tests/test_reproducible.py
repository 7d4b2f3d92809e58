"""With SOURCE_DATE_EPOCH set, two builds of the same course are byte-identical."""

from __future__ import annotations

import os

import pytest

from support import ROOT, make_project, run_cli, tree_bytes


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_two_builds_give_identical_site_trees(tmp_path, engine):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": "https://example.org/kurs/"}
    trees = []
    for name in ("first", "second"):
        project = make_project(tmp_path / name)
        result = run_cli("build", "--engine", engine, "--content", str(ROOT / "content"), cwd=project, env=env)
        assert result.returncode == 0, result.stderr + result.stdout
        trees.append(tree_bytes(project / "site"))
    first, second = trees
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
