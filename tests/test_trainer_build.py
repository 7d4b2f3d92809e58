"""The trainer edition built with the engine next to the learners' site and every export
(issue 25): its notes are in site-trainer/ and in nothing a learner or an LMS receives."""

from __future__ import annotations

import pytest

import io
import re
import zipfile
from pathlib import Path

from support import FIXTURES

MARKERS = (b"FxTrainerKurs", b"FxTrainerModul", b"FxTrainerAbschnitt", b"FxTrainerSchritt")


def every_file(folder: Path):
    """Every file below `folder`, and every member of every zip archive among them."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            yield str(path), data
            if path.suffix == ".zip":
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for name in archive.namelist():
                        yield f"{path}!{name}", archive.read(name)


@pytest.mark.usefixtures("engine_build")  # both editions are built by an engine
def test_trainer_notes_reach_the_trainer_edition_and_nothing_else(project, rufbereit_main):
    content = str(FIXTURES / "full")
    assert rufbereit_main("build", "--content", content, cwd=project).returncode == 0
    exports = project / "exports"
    exports.mkdir()
    for kind, name in (("scorm12", "a.zip"), ("scorm2004", "b.zip"), ("gift", "c.gift.txt"), ("moodle-xml", "d.xml")):
        result = rufbereit_main("export", kind, "--content", content, "--out", str(exports / name), cwd=project)
        assert result.returncode == 0, result.stderr
    before = dict(every_file(project / "site"))
    result = rufbereit_main("build", "--edition", "trainer", "--content", content, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "site-trainer/" in result.stdout

    # The learners' site (pages, search index, sitemap), its generated Markdown and every export.
    assert (project / "site" / "search" / "search_index.json").is_file()
    assert (project / "site" / "sitemap.xml").is_file()
    learners = [*every_file(project / "site"), *every_file(project / "docs"), *every_file(exports),
                ("mkdocs.generated.yml", (project / "mkdocs.generated.yml").read_bytes())]
    leaks = [(name, marker) for name, data in learners for marker in MARKERS if marker in data]
    assert not leaks
    assert dict(every_file(project / "site")) == before  # the trainer build left site/ alone

    trainer = project / "site-trainer"
    pages = b"".join(data for _, data in every_file(trainer) if _.endswith(".html"))
    assert all(marker in pages for marker in MARKERS)
    assert not (trainer / "search").exists()  # no search index of its own either
    cards = (trainer / "kurs" / "module" / "einwaende" / "anruf-muster" / "index.html").read_text(encoding="utf-8")
    assert "rb-card-caller" in cards and "rb-card-client" in cards and "rb-card-scoring" in cards
    module = (trainer / "kurs" / "module" / "einwaende" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*class="?rb-diagram', module)
    assert "Content-Security-Policy" in module
    assert not list(project.glob(".site-*"))  # the temporary project is gone


@pytest.mark.usefixtures("engine_build")
def test_the_trainer_edition_builds_with_zensical_too(project, rufbereit_main):
    result = rufbereit_main("build", "--edition", "trainer", "--engine", "zensical", "--content",
                            str(FIXTURES / "full"), cwd=project)
    assert result.returncode == 0, result.stderr
    trainer = project / "site-trainer"
    cards = (trainer / "kurs" / "module" / "einwaende" / "anruf-muster" / "index.html").read_text(encoding="utf-8")
    assert "rb-card-client" in cards and "FxRueckNachfrage" in cards
    plan = (trainer / "index.html").read_text(encoding="utf-8")
    assert "FxTrainerKurs" in plan and "anruf-muster/" in plan
    assert not (project / "site").exists() and not (project / "docs" / "kurs").exists()
    assert not list(project.glob(".site-*"))
