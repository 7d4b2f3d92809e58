"""Titles, headings and labels are shown exactly as the course writes them, as text, wherever
a theme puts them: the page's <title>, the navigation, the contents, the header, a tooltip,
a search result, a copied heading. Both engines, in a real Chromium.

Material's and Zensical's own tooltips (`content.tooltips`) insert a `title` with innerHTML,
a second parsing; the site leaves that feature off (mkdocs.yml), so every tooltip is the
browser's, which is text by construction. No invisible character is added to make text inert.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, watch_csp
from lxml import html as lxml_html

WORD_JOINER = "\u2060"
COURSE = yaml.safe_load((FIXTURES / "titles" / "course.yaml").read_text(encoding="utf-8"))
MODULE = yaml.safe_load((FIXTURES / "titles" / "modules" / "titel.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((FIXTURES / "titles" / "glossary.yaml").read_text(encoding="utf-8"))
SECTIONS = [section["title"] for section in MODULE["sections"]]

# Any script that runs calls one of these; any element that course text makes is recorded,
# even one that exists only for a moment (a tooltip is removed when the pointer leaves).
WATCH = """
window.__fired = [];
window.__made = [];
for (const name of ['alert', 'confirm', 'prompt', 'print'])
    window[name] = (...args) => window.__fired.push(name + ':' + args.join());
const record = node => {
    if (node.nodeType !== 1 || document.readyState !== 'complete') return;  // made by a script
    for (const el of [node, ...node.querySelectorAll('*')])
        if (['IMG', 'B', 'SCRIPT'].includes(el.tagName) || [...el.attributes].some(a => a.name.startsWith('on')))
            window.__made.push(el.outerHTML.slice(0, 120));
};
new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(record)))
    .observe(document, {childList: true, subtree: true});
"""
# Everything a theme could turn into a tooltip, and everything a reader may point at.
TOUCHABLE = "[title], abbr, .md-nav__link, .md-ellipsis, .md-header__topic, article a"
SHOWN = """() => {
    const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
    const own = el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('').trim();
    const attributes = [...document.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.value));
    const h1 = document.querySelector('article h1');
    const range = document.createRange();
    range.selectNodeContents(h1.firstChild);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return {
        title: document.title,
        h1: own(h1),
        copied: getSelection().toString(),
        nav: [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')].map(text),
        toc: [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link')].map(text),
        header: [...document.querySelectorAll('.md-header__topic .md-ellipsis')].map(text),
        titles: [...document.querySelectorAll('[title]')].map(el => el.getAttribute('title')),
        article: text(document.querySelector('article')),
        joiner: [document.title, document.body.innerText, ...attributes].some(s => s.includes('\\u2060')),
        themeTooltips: document.querySelectorAll('.md-tooltip, .md-tooltip2').length,
        made: window.__made, fired: window.__fired,
    };
}"""


def _touch_everything(page) -> int:
    touched = 0
    for element in page.locator(TOUCHABLE).all():
        if not element.is_visible():
            continue
        element.hover(force=True)
        element.focus()
        touched += 1
    return touched


def test_titles_are_shown_as_written_everywhere_and_nothing_runs(browser, titles_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    violations: list[str] = []
    watch_csp(context, violations)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(titles_site.url("kurs/module/titel/"))
        page.wait_for_load_state("networkidle")
        assert _touch_everything(page) > 10
        # The header topic is truncated: the theme gives it the title of its full text.
        page.wait_for_function("() => document.querySelector('.md-header__topic [title], .md-header__topic[title]')")
        shown = page.evaluate(SHOWN)
        # Option texts and the practice call's lines are Markdown: code spans and entities stay text.
        choices = page.locator(".rb-call-choice").all_inner_texts()
        made, fired = page.evaluate("[window.__made, window.__fired]")
    finally:
        context.close()
    module, course = MODULE["title"], COURSE["title"]
    assert shown["title"] == f"{module} - {course}"
    assert shown["h1"] == module
    assert shown["copied"] == module, "a copied heading is the title, without any hidden character"
    assert module in shown["nav"] and COURSE["tracks"][0]["title"] in shown["nav"]
    assert all(section in shown["toc"] for section in SECTIONS), shown["toc"]
    assert module in shown["header"]
    assert module in shown["titles"], "the truncated header's tooltip is its text"
    definition = 'Erklärung <img src=x onerror=alert("definition")> mit &lt;b&gt;x&lt;/b&gt; und </title>.'
    assert definition in shown["titles"], "a glossary term's tooltip is its definition, as text"
    assert 'Option <img src=x onerror=alert("option")> <script>' in shown["article"]
    assert "Option <b>x</b>" in shown["article"]
    assert 'Wahl <img src=x onerror=alert("wahl")> <script>' in choices
    assert not shown["joiner"], "no word joiner in the title, the text or any attribute"
    assert made == [] and fired == [] and dialogs == [], (made, fired, dialogs)
    assert shown["themeTooltips"] == 0, "the themes' HTML tooltips stay off"
    assert violations == []


def test_the_glossary_and_the_home_page_show_terms_and_titles_as_text(browser, titles_site):
    context = browser.new_context()
    context.add_init_script(WATCH)
    try:
        page = context.new_page()
        page.goto(titles_site.url("kurs/glossar/"))
        page.wait_for_load_state("networkidle")
        terms = page.locator("article dt").all_inner_texts()
        glossary_title = page.title()
        page.goto(titles_site.url(""))
        page.wait_for_load_state("networkidle")
        home = page.locator("article").inner_text()
        home_title = page.title()
        made, fired = page.evaluate("[window.__made, window.__fired]")
    finally:
        context.close()
    assert any(term.strip().startswith("<b>Fettbegriff</b>") for term in terms), terms
    assert glossary_title == "Glossar - " + COURSE["title"]
    assert home_title in (COURSE["title"], "Start - " + COURSE["title"])  # Zensical, MkDocs
    assert COURSE["title"] in home and MODULE["title"] in home
    assert made == [] and fired == []


# Material only: Zensical's search dialog does not open in a headless page; both engines'
# indexes are checked below (test_every_search_index_title_is_text_when_parsed_as_html).
@pytest.mark.parametrize("titles_site", ["mkdocs"], indirect=True)
def test_a_search_result_shows_the_title_as_text(browser, titles_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    try:
        page = context.new_page()
        page.goto(titles_site.url("kurs/module/titel/"))
        page.wait_for_load_state("networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type("Überlang")
        result = page.locator(".md-search-result__item h1").first
        result.wait_for()
        shown = result.inner_text()
        made, fired = page.evaluate("[window.__made, window.__fired]")
    finally:
        context.close()
    assert shown == MODULE["title"]
    assert made == [] and fired == []


def _site(titles_site) -> Path:
    return titles_site.root / "site"


def test_every_search_index_title_is_text_when_parsed_as_html(titles_site):
    """Both themes parse the index's titles as HTML (Material with innerHTML, Zensical into
    elements): each must hold escaped text only."""
    index = next(path for path in (_site(titles_site) / "search" / "search_index.json",
                                   _site(titles_site) / "search.json") if path.exists())
    data = json.loads(index.read_text(encoding="utf-8"))
    titles = [entry["title"] for entry in data.get("docs", data.get("items", []))]
    parsed = [lxml_html.fragment_fromstring(title, create_parent="div") for title in titles]
    assert all(len(element) == 0 for element in parsed), [t for t, e in zip(titles, parsed) if len(e)]
    texts = {element.text_content() for element in parsed}
    assert MODULE["title"] in texts and SECTIONS[0] in texts


def test_no_built_page_holds_a_word_joiner_the_course_does_not(titles_site):
    written = sum(path.read_text(encoding="utf-8").count(WORD_JOINER) for path in (FIXTURES / "titles").rglob("*.yaml"))
    assert written == 0
    found = [path.name for path in _site(titles_site).rglob("*") if path.suffix in (".html", ".json", ".js", ".xml")
             and WORD_JOINER in path.read_text(encoding="utf-8")]
    assert found == []
