"""Generation's short cuts around Python-Markdown give its output exactly.

`markup.simple_html` writes the HTML of plain paragraphs with **strong** and *emphasis*
spans (and glossary terms) without parsing; the content contract says fields render as
Python-Markdown renders them, so it must never differ from Python-Markdown. And a field whose
HTML holds no URL made from the page's place is rendered once for every page: that memo must
give what a fresh render at each place gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from support import ROOT
from rufbereit.content.load import load_content
from rufbereit.content.markup import Glossary, LinkTargets, MarkdownRenderer, simple_html
from rufbereit.render.pages import SiteRenderer

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_course  # noqa: E402

GLOSSARY = Glossary({
    "kunde": ("kunde", "Wer bei uns kauft"),
    "kalte akquise": ("kalte-akquise", 'Anruf "ohne" Termin & <ohne> Zusage;\nzweite Zeile &amp; mehr'),
    "ab": ("ab", "A&B"),
}, "glossar")


def python_markdown(renderer: MarkdownRenderer, text: str, to_root: str | None) -> str:
    """Python-Markdown's own output, with or without glossary terms (to_root None: without)."""
    if to_root is None:
        return renderer.plain.reset().convert(text)
    renderer.term_marker.to_root = to_root
    return renderer.with_terms.reset().convert(text)


def strings(value):
    """Every string in parsed YAML: every text field of a course, and more."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def course_folders(tmp_path: Path) -> list[Path]:
    fixtures = sorted(path for path in (ROOT / "tests" / "fixtures").iterdir() if (path / "course.yaml").exists())
    return [ROOT / "content", *fixtures, write_course(tmp_path / "synthetic", 20)]


def test_every_field_of_every_course_renders_as_python_markdown_renders_it(tmp_path):
    fast = 0
    for folder in course_folders(tmp_path):
        glossary = SiteRenderer(load_content(folder)).glossary
        renderer = MarkdownRenderer(glossary)
        for path in sorted(folder.rglob("*.yaml")):
            for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                for to_root in (None, "../../") if glossary.pattern and glossary.plain_titles else (None,):
                    html = simple_html(text, glossary.marker(to_root) if to_root is not None else None)
                    if html is not None:
                        fast += 1
                        assert html == python_markdown(renderer, text, to_root), (path, text)
    assert fast > 1000  # the short cut is taken: this test compares something


TOKENS = ["Kunde", "kunde", "ab", "Kalte Akquise", "kalte\nAkquise", "x", "Äpfel", "1", "2.", "3)", " ", "  ", "\n",
          "\n\n", "\n \n", "*", "**", "***", ".", ",", "!", "?", "(", ")", ":", ";", "-", "- ", "#", "=", "+", "'", '"',
          "/", "%", "\xa0", "\u3000", "\t", "_", "[", "]", "<", ">", "&", "`", "|", "{", "~", "\\"]


RENDERER = MarkdownRenderer(GLOSSARY)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=24).map("".join), st.booleans())
@example("Ein **fetter** Satz mit *Betonung* und Kunde.\n\nZweiter Absatz, (**fett**): ab!\n", True)
@example("**a****b**", False)
@example("Kunde **Kunde** *kunde*\nKalte\nAkquise", True)
def test_a_text_of_any_risky_characters_renders_as_python_markdown_renders_it(text, terms):
    to_root = "../../" if terms else None
    html = simple_html(text, GLOSSARY.marker(to_root) if terms else None)
    if html is not None:
        assert html == python_markdown(RENDERER, text, to_root)


def test_the_short_cut_takes_paragraphs_with_strong_emphasis_and_terms():
    text = "Ruf den Kunde **heute** an.\nDann *morgen*.\n\nZweiter Absatz.\n"
    assert simple_html(text) == "<p>Ruf den Kunde <strong>heute</strong> an.\nDann <em>morgen</em>.</p>\n<p>Zweiter Absatz.</p>"
    assert 'href="../glossar/#kunde"' in simple_html(text, GLOSSARY.marker("../"))
    for other in ("- eine Liste", "Text\n- Liste", "[Link](module:a)", "a  \nb", "# Titel", "1. Punkt", "a_b"):
        assert simple_html(other) is None


PLACES = ("../../", "../", "kurs/", "")
FIELDS = ["Schlicht.", "Mit **fett**.\n", "Ein Kunde ruft an.", "Siehe [Modul](module:a#x).", "![Bild](media/b.png)",
          "[fremd](https://example.org)", "[weg](module:fehlt)", "<b onclick=x>roh</b>", "Kunde\n\n- Liste mit Kunde\n"]


@pytest.mark.parametrize("terms", [False, True])
def test_a_field_rendered_for_one_page_is_what_a_fresh_render_gives_on_any_other(terms):
    targets = {place: LinkTargets(frozenset({"a"}), frozenset({"media/b.png"}), place) for place in PLACES}
    shared = MarkdownRenderer(GLOSSARY)
    for text in FIELDS:
        for inline in (False, True):
            for place in PLACES:
                fresh = MarkdownRenderer(GLOSSARY).render(text, targets[place], inline=inline, terms=terms)
                warm = shared.render(text, targets[place], inline=inline, terms=terms)
                assert (warm.html, warm.findings) == (fresh.html, fresh.findings), (text, place)
