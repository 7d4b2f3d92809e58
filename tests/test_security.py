"""Attacks from a pull request that changes only content/ (issue 10), in process.

Each test names the attack; the browser proof that nothing runs is tests/browser/test_hostile.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from support import FIXTURES
from rufbereit.content.markup import Glossary, LinkTargets, MarkdownRenderer

TARGETS = LinkTargets(frozenset(), frozenset({"media/bild.png"}))


class _Titles(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.titles += [value or "" for name, value in attrs if name == "title"]


def titles(fragment: str) -> list[str]:
    """Every title attribute as the browser's DOM holds it (after the first unescaping)."""
    parser = _Titles()
    parser.feed(fragment)
    return parser.titles


def markup_after_second_unescaping(title: str) -> bool:
    """What a theme's tooltip (`innerHTML = title`) would parse as a tag or an entity."""
    return bool(re.search(r"<[A-Za-z/!?]|&[#A-Za-z]", title))


TOOLTIP_ATTACKS = {
    "raw abbr with entities": '<abbr title="&lt;img src=x onerror=alert(1)&gt;">A</abbr>',
    "raw abbr, doubly escaped": '<abbr title="&amp;lt;img src=x onerror=alert(1)&amp;gt;">A</abbr>',
    "span with numeric entities": '<span title="&#60;img src=x onerror=alert(1)&#62;">S</span>',
    "link title": '[x](https://example.org "<img src=x onerror=alert(1)>")',
    "link title with entities": '[x](https://example.org "&lt;img src=x onerror=alert(1)&gt;")',
    "reference link title": "[x][r]\n\n[r]: https://example.org '&lt;img src=x onerror=alert(1)&gt;'",
    "image title": '![b](media/bild.png "&lt;img src=x onerror=alert(1)&gt;")',
    "attribute list": 'Absatz\n{: title="&lt;img src=x onerror=alert(1)&gt;" }',
    "details title": "<details title=\"<img src=x onerror=alert(1)>\"><summary>s</summary>x</details>",
}


@pytest.mark.parametrize("source", TOOLTIP_ATTACKS.values(), ids=TOOLTIP_ATTACKS.keys())
def test_a_title_from_markdown_stays_text_in_a_tooltip(source):
    rendered = MarkdownRenderer().render(source, TARGETS).html
    found = titles(rendered)
    assert found, f"the attack must reach a title attribute: {rendered}"
    assert not [title for title in found if markup_after_second_unescaping(title)], rendered
    assert "img src=x" in html.unescape(found[0]).replace("\u2060", ""), "the reader still sees the text"


@pytest.mark.parametrize("definition", [
    "Im Code: `<img src=x onerror=alert(1)>`",
    "Maskiert: &lt;img src=x onerror=alert(1)&gt;",
    "Doppelt: &amp;lt;img src=x onerror=alert(1)&amp;gt;",
])
def test_a_glossary_definition_stays_text_in_its_tooltip(definition):
    from rufbereit.content.markup import plain_text

    text = plain_text(MarkdownRenderer().render(definition, TARGETS, inline=True).html)
    renderer = MarkdownRenderer(Glossary({"kaltakquise": ("kaltakquise", text)}))
    rendered = renderer.render("Das ist Kaltakquise.", TARGETS, terms=True).html
    assert "<abbr" in rendered
    assert not [title for title in titles(rendered) if markup_after_second_unescaping(title)], rendered


def test_navigation_and_headings_stay_text_when_a_theme_reads_them_again():
    from rufbereit.render.pages import config_text, markdown_text

    for attack in ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"):
        shown = html.unescape(config_text(attack))  # what innerText returns for a nav entry
        assert not markup_after_second_unescaping(shown)
        assert not markup_after_second_unescaping(html.unescape(str(markdown_text(attack))))
