"""The site's paths follow the course language (texts, section `paths`): a German course keeps
kurs/glossar/…, an English one has course/glossary/…, and its site keeps a redirect page at
each old German path, so that bookmarks still arrive. The redirects hold only generated paths
and interface text; they are no pages of the engines (no search, no sitemap) and no package
has them."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.output.boundary import inspect_page
from rufbereit.render.pages import SiteRenderer
from rufbereit.texts import PAGE_NAMES, languages, site_paths
from support import FIXTURES, ROOT, page_url
from test_links import broken_links

SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REFRESH = re.compile(r'<meta http-equiv="?refresh"? content="0; url=([^"]+)"|<meta content="0; url=([^"]+)" http-equiv=refresh')


@pytest.mark.parametrize("language", languages())
def test_every_language_names_its_folders_as_plain_url_segments(language):
    paths = site_paths(language)
    names = [paths.folder, paths.module, *(getattr(paths, name) for name in PAGE_NAMES)]
    assert all(SEGMENT.match(name) for name in names), names
    assert len(set(names)) == len(names)
    assert paths.folder not in ("assets", "search", "overrides")  # the hand-written folders of docs/


def test_german_keeps_its_urls_and_english_has_english_ones():
    assert page_url("de", "glossary") == "kurs/glossar/" and page_url("de", "module/pflicht") == "kurs/module/pflicht/"
    assert [page_url("de", name) for name in ("progress", "finish", "review")] == [
        "kurs/fortschritt/", "kurs/abschluss/", "kurs/wiederholen/"]
    assert [page_url("en", name) for name in PAGE_NAMES] == [
        "course/glossary/", "course/progress/", "course/certificate/", "course/review/"]


def test_a_german_course_has_nothing_to_redirect():
    renderer = SiteRenderer(load_content(ROOT / "content"))
    assert renderer.redirects() == {}
    assert all(page.startswith("kurs/") for page in renderer.pages() if page.endswith("index.md"))


def _english_with_glossary(folder: Path) -> Path:
    content = folder / "english"
    shutil.copytree(FIXTURES / "english", content)
    (content / "glossary.yaml").write_text(
        "terms:\n  - term: EnTipBody\n    definition: A word of the tip <b>bold</b> \"quoted\".\n", encoding="utf-8")
    return content


def test_an_english_course_redirects_every_old_page_to_its_new_one(tmp_path):
    renderer = SiteRenderer(load_content(_english_with_glossary(tmp_path)))
    pages, redirects = renderer.pages(), renderer.redirects()
    old = {f"kurs/{name}/index.html" for name in ("glossar", "fortschritt", "abschluss", "wiederholen")}
    old |= {f"kurs/module/{entry.id}/index.html" for entry in renderer.entries}
    assert set(redirects) == old
    for path, html in redirects.items():
        target = REFRESH.search(html)
        url = target[1] or target[2]
        resolved = _resolve(path, url)
        assert resolved.startswith("course/") and f"{resolved}index.md" in pages, (path, url)
        assert f'<a href="{url}">' in html and 'name="robots" content="noindex"' in html
        assert inspect_page(html, path) == ([], set()), "a redirect page passes the boundary: no script at all"
        assert "EnModule" not in html and "EnTip" not in html, "no course text in a redirect page"


def _resolve(page: str, url: str) -> str:
    """`url` from the page `page` (relative to the site root), as a path from the root."""
    parts = page.split("/")[:-1]
    for segment in url.split("/"):
        if segment == "..":
            parts.pop()
        elif segment:
            parts.append(segment)
    return "/".join(parts) + "/"


def test_glossary_links_in_an_english_course_go_to_its_glossary(tmp_path):
    renderer = SiteRenderer(load_content(_english_with_glossary(tmp_path)))
    page = renderer.pages()["course/module/first-call/index.md"]
    assert 'href="../../glossary/#entipbody"' in page
    assert "glossar/" not in page


def test_changing_the_language_empties_the_other_generated_folder(tmp_path, rufbereit_main):
    from support import make_project

    project = make_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "english", content)
    docs = project / "docs"
    assert rufbereit_main("generate", "--content", str(content), cwd=project).returncode == 0
    assert (docs / "course" / "module" / "first-call" / "index.md").is_file()
    assert sorted(p.suffix for p in (docs / "kurs").rglob("*") if p.is_file()) == [".html"] * 6  # redirects only
    assert (docs / ".home.md").is_file() and (docs / "assets" / "course.js").is_file()

    course = content / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    assert rufbereit_main("generate", "--content", str(content), cwd=project).returncode == 0
    assert [p for p in (docs / "course").rglob("*") if p.is_file()] == []
    assert (docs / "kurs" / "module" / "first-call" / "index.md").is_file()
    assert not list((docs / "kurs").rglob("*.html")), "a German course redirects nothing"


# --- built with the engines -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_english_course_builds_with_english_paths(built_site, engine):
    site = built_site("english", engine) / "site"
    title = "Your First Call EnModuleOneTitle"
    assert title in (site / "course" / "module" / "first-call" / "index.html").read_text(encoding="utf-8")
    for name in PAGE_NAMES:
        assert (site / page_url("en", name) / "index.html").is_file(), name
    redirect = (site / "kurs" / "module" / "first-call" / "index.html").read_text(encoding="utf-8")
    assert "url=../../../course/module/first-call/" in redirect and title not in redirect
    assert "Content-Security-Policy" in redirect, "the build's pass over every page reached it"
    indexes = [site / "sitemap.xml", *site.glob("search*.json"), *site.glob("search/*.json")]
    assert len(indexes) >= 2
    for index in indexes:
        text = index.read_text(encoding="utf-8")
        assert "course/module/first-call" in text and "kurs/" not in text, index.name
    assert broken_links(site) == []


@pytest.mark.slow
def test_the_german_default_course_keeps_its_paths(built_site):
    site = built_site("default") / "site"
    for url in ("kurs/glossar/", "kurs/fortschritt/", "kurs/abschluss/", "kurs/module/pflicht/"):
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert not re.search(r'http-equiv="?refresh', page), url
    assert not (site / "course").exists()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["scorm12", "cmi5"])
def test_a_package_of_an_english_course_has_english_paths_and_no_redirects(tmp_path, kind):
    target = tmp_path / f"english-{kind}.zip"
    assert main(["export", kind, "--content", str(FIXTURES / "english"), "--out", str(target)]) == 0
    names = zipfile.ZipFile(target).namelist()
    assert "course/module/first-call/index.html" in names and "assets/course.js" in names
    assert not [name for name in names if name.startswith("kurs/")]
    launcher = next(name for name in names if name.startswith("rufbereit-") and name.endswith("-map.js"))
    assert "course/module/follow-up/index.html" in zipfile.ZipFile(target).read(launcher).decode("utf-8")


def test_the_trainer_edition_and_the_boundary_use_the_english_paths(tmp_path):
    from rufbereit.output.boundary import Breach, breach_problems
    from rufbereit.output.trainer import trainer_files

    content = load_content(_english_with_glossary(tmp_path))
    files = trainer_files(content)
    assert "docs/course/module/first-call/index.md" in files and not [name for name in files if "/kurs/" in name]
    assert "/course/module/*/*/index.md" in files["mkdocs.yml"].decode("utf-8")
    problems = breach_problems([Breach("course/module/follow-up/index.html", "onclick=", "x")], content)
    assert [Path(problem.file).name for problem in problems] == ["follow-up.yaml"]
