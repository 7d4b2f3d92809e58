"""Draft modules (`draft: true`): in previews with a badge, never on the published site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support import FIXTURES, make_project
from rufbereit.cli import main

DRAFT_TEXT = "FxEntwurfGeheimnis"
BADGE = re.compile(r'class="?rb-draft"?>Entwurf<')
DRAFT = f"""title: Entwurfsmodul {DRAFT_TEXT}Titel
summary: Noch nicht fertig, {DRAFT_TEXT}Karte.
duration: 10
draft: true
objectives:
  - Etwas Neues, {DRAFT_TEXT}Ziel.
sections:
  - title: Anfang
    body: Ein Text mit {DRAFT_TEXT}Koerper.
quiz:
  questions:
    - type: true_false
      prompt: Stimmt das, {DRAFT_TEXT}Frage?
      explanation: Ja.
      answer: true
"""


def course_with_draft(folder: Path, track_of_its_own: bool = False) -> Path:
    content = folder / "content"
    shutil.copytree(FIXTURES / "full", content)
    (content / "modules" / "entwurf.yaml").write_text(DRAFT, encoding="utf-8")
    course = (content / "course.yaml").read_text(encoding="utf-8")
    if track_of_its_own:
        course += "  - title: Nur Entwürfe FxEntwurfSpur\n    modules:\n      - entwurf\n"
    else:
        course = course.replace("      - abschluss\n", "      - abschluss\n      - entwurf\n")
    (content / "course.yaml").write_text(course, encoding="utf-8")
    return content


def all_text(site: Path) -> str:
    """Every file of the built site, search index and sitemap included."""
    return "\n".join(p.read_text("utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.is_file())


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def sites(request, tmp_path_factory, engine_build) -> tuple[str, Path, Path]:
    """The same course built as published (no drafts) and as preview (--drafts)."""
    engine = request.param
    built = []
    for drafts in ((), ("--drafts",)):
        project = make_project(tmp_path_factory.mktemp(f"{engine}-{'drafts' if drafts else 'published'}"))
        content = course_with_draft(project, track_of_its_own=True)
        result = engine_build("--content", str(content), "--engine", engine, *drafts, cwd=project)
        assert result.returncode == 0, result.stderr
        built.append(project / "site")
    return engine, *built


def test_published_build_leaves_the_draft_out(sites):
    engine, published, _ = sites
    assert not (published / "kurs" / "module" / "entwurf").exists()
    text = all_text(published)
    assert DRAFT_TEXT not in text and "FxEntwurfSpur" not in text
    search = [p for p in published.rglob("*") if p.name in ("search_index.json", "search.json")]
    assert search, f"{engine} wrote no search index"
    sitemap = published / "sitemap.xml"
    if sitemap.exists():
        assert "entwurf" not in sitemap.read_text("utf-8")
    # The published modules are all there.
    assert "FxModulDreiTitel" in (published / "index.html").read_text("utf-8")


def test_preview_build_shows_the_draft_with_a_badge(sites):
    engine, _, preview = sites
    page = (preview / "kurs" / "module" / "entwurf" / "index.html").read_text("utf-8")
    assert f"{DRAFT_TEXT}Koerper" in page
    assert BADGE.search(page)  # on its page
    home = (preview / "index.html").read_text("utf-8")
    assert BADGE.search(home)  # on its card
    # and in the navigation (Material prunes other sections' entries, so read the draft's page)
    assert re.search(rf"<a [^>]*>\s*(<span[^>]*>)?\s*Entwurfsmodul {DRAFT_TEXT}Titel \(Entwurf\)", page)
    search = [p for p in preview.rglob("*") if p.name in ("search_index.json", "search.json")]
    assert DRAFT_TEXT in search[0].read_text("utf-8")


def test_home_counts_ignore_left_out_drafts(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    content = course_with_draft(project)
    monkeypatch.chdir(project)
    assert main(["generate", "--content", str(content)]) == 0
    home = (project / "docs" / ".home.md").read_text("utf-8")
    assert "3 Module" in home and DRAFT_TEXT not in home
    assert main(["generate", "--content", str(content), "--drafts"]) == 0
    home = (project / "docs" / ".home.md").read_text("utf-8")
    assert "4 Module" in home and DRAFT_TEXT in home
    # A second published run removes the draft's page again.
    assert main(["generate", "--content", str(content)]) == 0
    assert not (project / "docs" / "kurs" / "module" / "entwurf").exists()


@pytest.mark.parametrize("language", ["de", "en"])
def test_published_module_may_not_require_or_link_to_a_draft(tmp_path, capsys, language):
    content = course_with_draft(tmp_path)
    course = content / "course.yaml"
    course.write_text(course.read_text("utf-8").replace("language: de", f"language: {language}"), "utf-8")
    module = content / "modules" / "abschluss.yaml"
    text = module.read_text("utf-8")
    text = text.replace("  - einwaende\n", "  - einwaende\n  - entwurf\n", 1)
    text = text.replace("(module:erste-schritte)", "(module:entwurf)")
    module.write_text(text, "utf-8")
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    file = f"{module}"
    if language == "de":
        assert f"{file}:9:5: Fehler: Das Modul `entwurf` ist ein Entwurf" in err
        assert f"{file}:17:38: Fehler: Der Link führt zum Modul `entwurf`, das ein Entwurf ist" in err
    else:
        assert f"{file}:9:5: error: The module `entwurf` is a draft" in err
        assert f"{file}:17:38: error: This link leads to the module `entwurf`, which is a draft" in err
    # In a preview the same course is fine.
    assert main(["check", "--content", str(content), "--drafts"]) == 0
