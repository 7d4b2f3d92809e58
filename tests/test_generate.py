"""`rufbereit generate`: golden pages, determinism, minimal rewrites, nothing written on errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rufbereit.render.pages import COURSE_SCRIPT, HOME_FILE
from support import FIXTURES, ROOT, run_cli, tree_bytes

GOLDEN = ROOT / "tests" / "golden"


def generated(project: Path, folder: str = "kurs") -> dict[str, bytes]:
    """The generated folder's files (relative to it), the home page, course.js and the config."""
    files = tree_bytes(project / "docs" / folder)
    files[".home.md"] = (project / "docs" / HOME_FILE).read_bytes()
    files["course.js"] = (project / "docs" / COURSE_SCRIPT).read_bytes()
    files["mkdocs.generated.yml"] = (project / "mkdocs.generated.yml").read_bytes()
    return files


@pytest.mark.parametrize("course, folder", [("full", "kurs"), ("english", "course")])
def test_generated_markdown_matches_golden_files(project, course, folder):
    """The whole generated tree, compared byte for byte. UPDATE_GOLDEN=1 rewrites it."""
    result = run_cli("generate", "--content", str(FIXTURES / course), cwd=project)
    assert result.returncode == 0, result.stderr
    actual = {name: data for name, data in generated(project, folder).items() if not name.startswith("media/")}
    golden = GOLDEN / course
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, data in actual.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    expected = tree_bytes(golden)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name].decode() == expected[name].decode(), name


def test_generation_is_deterministic_and_rewrites_only_changed_files(project, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    assert run_cli("generate", "--content", str(content), cwd=project).returncode == 0
    first = generated(project)
    stamps = {p: p.stat().st_mtime_ns for p in (project / "docs" / "kurs").rglob("*") if p.is_file()}

    result = run_cli("generate", "--content", str(content), cwd=project)
    assert "0 Dateien geschrieben, 0 entfernt" in result.stdout
    assert generated(project) == first
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps

    module = content / "modules" / "abschluss.yaml"
    module.write_text(module.read_text().replace("FxModulDreiKarte", "FxGeaendert"), encoding="utf-8")
    result = run_cli("generate", "--content", str(content), cwd=project)
    assert result.returncode == 0, result.stderr
    changed = {name for name, data in generated(project).items() if first.get(name) != data}
    # The card on the home page shows the summary; the module page itself shows none.
    # course.js, the footer (in the config) and the certificate on the finish page name the
    # content version, which every edit changes.
    assert changed == {".home.md", "course.js", "mkdocs.generated.yml", "abschluss/index.md"}


def test_a_page_the_course_no_longer_produces_is_removed(project, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "english", content)
    assert run_cli("generate", "--content", str(content), cwd=project).returncode == 0
    page = project / "docs" / "course" / "module" / "follow-up" / "index.md"
    assert page.is_file()

    (content / "modules" / "follow-up.yaml").unlink()
    course = content / "course.yaml"
    course.write_text(course.read_text().replace("- follow-up\n", ""), encoding="utf-8")
    result = run_cli("generate", "--content", str(content), cwd=project)
    assert result.returncode == 0, result.stderr
    assert not page.exists()
    assert (project / "docs" / "index.md").is_file(), "hand-written files are never touched"


def test_content_errors_write_nothing(project, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    assert run_cli("generate", "--content", str(content), cwd=project).returncode == 0
    before = generated(project)
    (content / "modules" / "einwaende.yaml").write_text("title: [kaputt\n", encoding="utf-8")
    result = run_cli("generate", "--content", str(content), cwd=project)
    assert result.returncode == 1
    assert "einwaende.yaml:1:" in result.stderr
    assert generated(project) == before


def test_missing_content_folder_is_a_usage_error(project):
    result = run_cli("check", "--content", "does-not-exist", cwd=project)
    assert result.returncode == 2
    assert "does-not-exist" in result.stderr
