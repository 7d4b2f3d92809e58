"""The real engine builds: what a new hire sees in the built HTML."""

from __future__ import annotations

import html
from html.parser import HTMLParser
import re
import shutil
from pathlib import Path

import pytest
import yaml

from support import FIXTURES, ROOT, make_project, tree_bytes
from rufbereit.content.markup import LinkTargets, MarkdownRenderer, plain_text
from rufbereit.texts import site_paths, text

RENDERER = MarkdownRenderer()
TARGETS = LinkTargets(frozenset(), frozenset())


def visible_text(page: Path) -> str:
    """The page's text as a reader sees it: tags gone, entities decoded, spaces folded."""
    source = page.read_text(encoding="utf-8")
    if "<article" in source:  # the page's own content, without navigation and table of contents
        source = source[source.index("<article") : source.index("</article>")]
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    # Inline tags (a glossary term's link, emphasis) sit inside a line of text; others break it.
    source = re.sub(r"</?(?:a|abbr|em|strong|code|span)\b[^>]*>", "", source)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", source)).split())


def plain(inline_markdown: str) -> str:
    return " ".join(plain_text(RENDERER.render(inline_markdown, TARGETS, inline=True).html).split())


@pytest.fixture
def default_site(built_site, _built_sites) -> Path:
    project = built_site("default")
    assert "WARNING -" not in _built_sites[("default", "mkdocs")][1].stderr
    return project / "site"


def test_home_lists_tracks_and_modules_in_learning_path_order(default_site):
    course = yaml.safe_load((ROOT / "content" / "course.yaml").read_text(encoding="utf-8"))
    text = visible_text(default_site / "index.html")
    assert course["title"] in text
    positions = []
    for track in course["tracks"]:
        # A track's title may also stand earlier (the welcome text): look after the last find.
        positions.append(text.index(track["title"], positions[-1] if positions else 0))
        for module_id in track["modules"]:
            module = yaml.safe_load((ROOT / "content" / "modules" / f"{module_id}.yaml").read_text(encoding="utf-8"))
            positions.append(text.index(module["title"], positions[-1]))
    assert positions == sorted(positions)


@pytest.mark.parametrize("module_file", sorted((ROOT / "content" / "modules").glob("*.yaml")), ids=lambda p: p.stem)
def test_module_page_shows_every_section_line_key_point_and_prompt(default_site, module_file):
    module = yaml.safe_load(module_file.read_text(encoding="utf-8"))
    text = visible_text(default_site / "kurs" / "module" / module_file.stem / "index.html")
    expected = [module["title"], *map(plain, module["objectives"]), *map(plain, module.get("key_points", []))]
    for section in module["sections"]:
        expected.append(section["title"])
        expected += [plain(line["text"]) for line in section.get("lines", [])]
        # A checklist item is a string or `{id, text}` (content format v3).
        expected += [plain(item["text"] if isinstance(item, dict) else item) for item in section.get("items", [])]
    expected += [plain(question["prompt"]) for question in module.get("quiz", {}).get("questions", [])]
    missing = [snippet for snippet in expected if snippet not in text]
    assert not missing


def test_glossary_page_lists_every_term_alphabetically(default_site):
    terms = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    page = (default_site / "kurs" / "glossar" / "index.html").read_text(encoding="utf-8")
    names = [html.unescape(name) for name in re.findall(r'<dt id="?[^" >]+"?>([^<]+)</dt>', page)]
    assert sorted(names, key=str.casefold) == names
    assert set(names) == {term["term"] for term in terms}


def test_glossary_terms_show_their_definition_as_tooltip(default_site):
    page = (default_site / "kurs" / "module" / "pflicht" / "index.html").read_text(encoding="utf-8")
    # A link to the term's entry (reachable by keyboard), its definition as the tooltip.
    assert re.search(r'<a [^>]*title="[^">]{10,}"[^>]*href="?\.\./\.\./glossar/#', page) or re.search(
        r'<a [^>]*href="?\.\./\.\./glossar/#[^>]*title="[^">]{10,}"', page)


@pytest.mark.parametrize("course", ["full", "english"])
def test_every_text_of_a_foreign_course_is_visible(built_site, course):
    """Courses written to the spec by someone else: every marked string reaches the page."""
    project = built_site(course)
    language = yaml.safe_load((FIXTURES / course / "course.yaml").read_text(encoding="utf-8")).get("language", "de")
    folder = project / "site" / site_paths(language).folder
    pages = [project / "site" / "index.html", *folder.rglob("*.html")]
    # Visible text, plus attributes such as an image's alt text and the page description.
    site_text = " ".join([*map(visible_text, pages), *(html.unescape(p.read_text(encoding="utf-8")) for p in pages)])
    source = " ".join(path.read_text(encoding="utf-8") for path in (FIXTURES / course).rglob("*.yaml"))
    markers = set(re.findall(r"\b(?:Fx|En|Hx)[A-Z]\w+", source))
    assert markers, "fixture has no markers"
    # Trainer notes (content format v3) belong to the trainer edition only.
    learner_markers = {marker for marker in markers if not marker.startswith("FxTrainer")}
    assert sorted(marker for marker in learner_markers if marker not in site_text) == []
    assert sorted(marker for marker in markers - learner_markers if marker in site_text) == []
    # The theme's own words that the generator sets follow the course language too.
    module_page = next((folder / "module").rglob("index.html")).read_text(encoding="utf-8")
    assert re.search(r'<a title="?' + re.escape(text(language, "theme.permalink_title")) + '"? class="?headerlink', module_page)


class _ActiveParts(HTMLParser):
    """Collects what could run: script elements, event handler attributes, script URLs."""

    # As browsers do: <title> and <textarea> hold text up to their end tag (the minifier writes
    # a title's `&lt;script>` as `<script>`, which is still text there).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False
        self.seen_policy = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # The one http-equiv meta allowed is the policy the build puts first in every <head>.
        policy = (attributes.get("http-equiv") or "").lower() == "content-security-policy" and not self.seen_policy
        self.seen_policy = self.seen_policy or policy
        if tag in ("iframe", "object", "embed", "base") or (tag == "meta" and "http-equiv" in attributes and not policy):
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"
        if tag == "script" and attributes.get("src") and not re.search(r"(assets/|course\.js$)", attributes["src"]):
            self.found.append(f"script src={attributes['src']}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and re.match(r"\s*(javascript|vbscript|data):", value or "", re.I):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append(f"inline script: {data[:40]}")

    def handle_endtag(self, tag):
        self.in_script = False


def test_script_injection_is_inert_in_the_built_html(built_site):
    project = built_site("hostile")
    for page in [project / "site" / "index.html", *(project / "site" / "kurs").rglob("*.html")]:
        source = page.read_text(encoding="utf-8")
        parser = _ActiveParts()  # the whole page: navigation, <title> and metadata included
        parser.feed(source)
        assert parser.found == [], page
        assert "49049" not in source, "template expressions in content must not run"
        assert "root:x:0" not in source, "snippet lines in content must not include files"
    title_page = visible_text(project / "site" / "kurs" / "module" / "boese" / "index.html")
    assert "<script>alert(1)</script>" in title_page, "string fields are shown exactly as written"


def test_a_failed_build_exits_1_and_leaves_the_site_unchanged(tmp_path, built_site, engine_build):
    project = make_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "english", content)
    shutil.copytree(built_site("english") / "site", project / "site")
    before = tree_bytes(project / "site")

    (content / "course.yaml").write_text("title: Kaputt\ntracks:\n  - title: [\n", encoding="utf-8")
    result = engine_build("--content", str(content), cwd=project)
    assert result.returncode == 1
    assert "course.yaml:" in result.stderr and "Fehler" in result.stderr
    assert tree_bytes(project / "site") == before


def test_the_default_course_builds_with_zensical(built_site):
    project = built_site("default", "zensical")
    text = visible_text(project / "site" / "kurs" / "module" / "pflicht" / "index.html")
    assert yaml.safe_load((ROOT / "content" / "modules" / "pflicht.yaml").read_text(encoding="utf-8"))["title"] in text


def _articles(site: Path) -> dict[str, str]:
    """Each page's <article> as serialised HTML, without the two things an engine adds there
    itself: Zensical's skip target, and MkDocs' `data-search-exclude` (its search plugin's
    instruction, which Zensical reads and drops)."""
    from lxml import html as lxml_html

    articles = {}
    for page in sorted(site.rglob("*.html")):
        found = lxml_html.fromstring(page.read_bytes()).xpath("//article")
        if not found:
            continue
        for skip in found[0].xpath('.//a[@id="__skip"]'):
            skip.getparent().remove(skip)
        for element in found[0].xpath(".//*[@data-search-exclude]"):
            del element.attrib["data-search-exclude"]
        articles[page.relative_to(site).as_posix()] = lxml_html.tostring(found[0], encoding="unicode")
    return articles


@pytest.mark.parametrize("course", ["full", "default"])
def test_every_article_is_the_same_under_both_engines(built_site, course):
    """The browser tests of what happens inside an article alone run on one engine
    (tests/browser/helpers.py: inside_the_article): this is what makes that enough. Every page
    has the same article, and every script and style of ours is the same file, with either."""
    mkdocs, zensical = (built_site(course, engine) / "site" for engine in ("mkdocs", "zensical"))
    articles = _articles(mkdocs)
    assert len(articles) > 5 and articles == _articles(zensical)
    ours = [path.relative_to(mkdocs) for path in (mkdocs / "assets").glob("*.*") if path.suffix in (".js", ".css")]
    assert {"rufbereit.js", "course.js", "rufbereit.css"} <= {path.name for path in ours}
    assert all((mkdocs / path).read_bytes() == (zensical / path).read_bytes() for path in ours)


def _kinds_of_element(site: Path) -> set[str]:
    """Every element name, class name and question type inside the articles of a built site."""
    kinds: set[str] = set()
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        article = source[source.find("<article"): source.find("</article>")]
        kinds |= {f"<{name}>" for name in re.findall(r"<([a-z][a-z0-9]*)", article)}
        kinds |= {f"type {kind}" for kind in re.findall(r'data-rb-type="([^"]*)"', article)}
        kinds |= {name for names in re.findall(r'class="([^"]*)"', article) for name in names.split()}
    return kinds


def test_the_full_fixture_shows_every_kind_of_element_the_default_course_shows(built_site):
    """The browser walks every page of the default course at one width and scheme
    (tests/browser/test_default_course.py), and every page of the full fixture at each width, in
    each scheme, on each engine (tests/browser/test_learning.py). Together they look at each
    element the default course shows in every way only while the fixture shows that kind too."""
    missing = _kinds_of_element(built_site("default") / "site") - _kinds_of_element(built_site("full") / "site")
    assert not missing, f"add an example of each to tests/fixtures/full: {sorted(missing)}"
