"""The content version (issue 25): one short id from the course text, per module and for the
course, the same in the footer, course.js, the certificate, `results` and SCORM; an edit of
the content changes it, a change to the generator alone does not."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import FIXTURES, ROOT
from rufbereit.content.load import load_content
from rufbereit.render.browser_data import read_data_script
from rufbereit.render.pages import content_version, module_version


def versions(content_dir: Path) -> tuple[str, dict[str, str]]:
    content = load_content(content_dir)
    return content_version(content), {m: module_version(s) for m, s in content.modules.items()}


def test_an_edit_changes_the_course_version_and_only_that_module_version(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    course, modules = versions(content)
    assert re.fullmatch(r"[0-9a-f]{12}", course) and len(set(modules.values())) == len(modules)
    module = content / "modules" / "abschluss.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("FxModulDreiKarte", "FxGeaendert"), encoding="utf-8")
    edited_course, edited_modules = versions(content)
    assert edited_course != course
    assert edited_modules["abschluss"] != modules["abschluss"]
    assert {m: v for m, v in edited_modules.items() if m != "abschluss"} == {
        m: v for m, v in modules.items() if m != "abschluss"}


def _generate(project: Path, generator: Path) -> tuple[str, str, str]:
    env = dict(os.environ, PYTHONPATH=str(generator))
    result = subprocess.run([sys.executable, "-m", "rufbereit", "generate", "--content", str(FIXTURES / "full")],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    script = (project / "docs" / "assets" / "course.js").read_text(encoding="utf-8")
    data = read_data_script(script, "course")
    footer = re.search(r"^copyright: (.*)$", (project / "mkdocs.generated.yml").read_text(encoding="utf-8"), re.M)
    certificate = (project / "docs" / "kurs" / "abschluss" / "index.md").read_text(encoding="utf-8")
    return data["version"], footer.group(1), re.search(r"rb-certificate-version\">([^<]*)<", certificate).group(1)


def test_a_change_to_the_generator_alone_keeps_the_version(project, tmp_path):
    version, footer, certificate = _generate(project, ROOT / "generator")
    assert version in footer and version in certificate
    # Another release of the generator with other code and other words for the footer.
    changed = tmp_path / "generator"
    shutil.copytree(ROOT / "generator" / "rufbereit", changed / "rufbereit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    init = changed / "rufbereit" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]*"', '__version__ = "99.0.0"', init.read_text()), encoding="utf-8")
    texts = changed / "rufbereit" / "texts" / "de.yaml"
    texts.write_text(texts.read_text(encoding="utf-8").replace("'Inhaltsversion {version}'", "'Inhaltsstand {version}'"),
                     encoding="utf-8")
    pages = changed / "rufbereit" / "render" / "pages.py"
    pages.write_text(pages.read_text(encoding="utf-8") + "\n# a generator-only change\n", encoding="utf-8")
    other_version, other_footer, other_certificate = _generate(project, changed)
    assert other_footer.startswith("Inhaltsstand")  # the changed generator did the work
    assert (other_version, other_certificate) == (version, certificate)
    assert version in other_footer


@pytest.mark.slow  # the SCORM export builds the site with an engine
def test_results_and_scorm_name_the_footer_version(project, rufbereit_main, tmp_path):
    content = load_content(FIXTURES / "full")
    version = content_version(content)
    export = {"format": "rufbereit-progress", "course": "fx-vollkurs", "version": 1, "course_version": version,
              "modules": {}}
    path = tmp_path / "rufbereit-fx-vollkurs-2026-11-02.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = rufbereit_main("results", str(path), "--content", str(FIXTURES / "full"))
    assert result.returncode == 0, result.stderr
    assert version in result.stdout
    package = tmp_path / "kurs.zip"
    result = rufbereit_main("export", "scorm2004", "--content", str(FIXTURES / "full"), "--out", str(package),
                            cwd=project)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(package) as archive:
        assert f'version="{version}"' in archive.read("imsmanifest.xml").decode("utf-8")
