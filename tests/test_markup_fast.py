"""Generation's short cuts around Python-Markdown give its output exactly.

`markup.simple_html` writes the HTML of plain paragraphs with **strong** and *emphasis*
spans (and glossary terms) without parsing; the content contract says fields render as
Python-Markdown renders them, so it must never differ from Python-Markdown. And a field whose
HTML holds no URL made from the page's place is rendered once for every page: that memo must
give what a fresh render at each place gives.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from support import ROOT
from rufbereit.content.load import load_content
from rufbereit.content import markup, rules
from rufbereit.content.markup import RISKY, Glossary, LinkTargets, MarkdownRenderer, simple_html
from rufbereit.output.files import generated_files
from rufbereit.render.pages import SiteRenderer
from rufbereit.render.question import escaped, question_html

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
    return [ROOT / "content", *fixtures, write_course(tmp_path / "synthetic", 10)]


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
          "\n\n", "\n \n", "*", "**", "***", ".", ",", "!", "?", "(", ")", ":", ";", "-", "- ", "\n- ", "#", "=", "+", "'",
          '"', "/", "%", "\xa0", "\u3000", "\t", "_", "[", "]", "](", "[Kunde](module:a)", "[x y](https://e.org/p#q)",
          "![a](b)", "<", ">", "&", "`", "|", "{", "~", "\\"]
WORDS = ["Kunde", "ab", "Kalte", "Akquise", "Äpfel", "x", "1", "2.", "(gut)", "ja!", "so,", "Kunde:", "3)", "-", "#",
         "a-b", "\xa0", "+", "=", '"q"', "*", "**", "[", "]", "![a](b)", "_"]


@st.composite
def course_like_texts(draw) -> str:
    """Paragraphs and `- ` lists of words, some in spans or links: texts the short cut takes."""
    def word() -> str:
        text = draw(st.sampled_from(WORDS))
        return draw(st.sampled_from([text, text, text, f"**{text}**", f"*{text}*", f"[{text}](module:a)",
                                     f"**{text} Kunde**", f"[{text} x](https://e.org/a#b)",
                                     f"*{text} [x](module:a) y*"]))

    def line() -> str:
        return " ".join(word() for _ in range(draw(st.integers(1, 6))))

    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        lines = [line() for _ in range(draw(st.integers(1, 3)))]
        blocks.append("\n".join(("- " + text) if draw(st.booleans()) else text for text in lines))
    return draw(st.sampled_from(["\n\n", "\n", "\n\n\n"])).join(blocks) + draw(st.sampled_from(["", "\n"]))


RENDERER = MarkdownRenderer(GLOSSARY)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=24).map("".join) | course_like_texts(), st.booleans())
@example("Ein **fetter** Satz mit *Betonung* und Kunde.\n\nZweiter Absatz, (**fett**): ab!\n", True)
@example("**a****b**", False)
@example("Kunde **Kunde** *kunde*\nKalte\nAkquise", True)
@example("- Kunde [Kunde](module:a)\n- **ab**\n\nText ![a](b)", True)
@example("- eins\n\n- zwei", False)
@example("q *x [a](b) y* z und **fett [Kunde](module:a) hier**", True)
def test_a_text_of_any_risky_characters_renders_as_python_markdown_renders_it(text, terms):
    to_root = "../../" if terms else None
    html = simple_html(text, GLOSSARY.marker(to_root) if terms else None)
    if html is not None:
        assert html == python_markdown(RENDERER, text, to_root)


SANITIZERS = {place: markup.Sanitizer(LinkTargets(frozenset({"a"}), frozenset({"media/b.png"}), place))
              for place in ("../../", "")}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS + ["[x](Module:a)", "[x](media/b.png)", "[x](media/fehlt.png)", "[x](MEDIA/b)"]),
                min_size=1, max_size=24).map("".join) | course_like_texts(), st.booleans(), st.sampled_from(["../../", ""]))
@example("Siehe [Modul](module:a#x) und [MODUL](MODULE:a).", False, "../../")
@example("Ein [Bild](media/b.png) und [fehlt](media/c.png), [aus](https://e.org/media/x).", True, "")
def test_simple_html_cleaned_without_the_link_resolver_is_what_cleaning_with_it_gives(text, terms, place):
    """The cleaner skips the Python callback for simple_html whose links need no resolving
    (`links_to_resolve`): the same HTML, findings and place dependence as the resolving cleaner."""
    raw = simple_html(text, GLOSSARY.marker(place) if terms else None)
    if raw is None:
        return
    sanitizer = SANITIZERS[place]
    results = []
    for resolve in (True, markup.links_to_resolve(text)):
        findings: list = []
        results.append((sanitizer.clean(raw, findings, resolve), findings, sanitizer.placed))
    assert results[1] == results[0]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS) | st.characters(), min_size=1, max_size=24).map("".join) | course_like_texts(),
       st.booleans())
@example("Mit **fett** und *schräg*.\n\n- eins\n- zwei", False)
@example("Ein\xa0Kunde **ruft**", True)
@example("Null\x00 **Byte**", False)
def test_simple_html_that_the_allowlist_would_keep_as_it_is_skips_it(text, terms):
    """markup.clean_as_written: what it lets through is what the allowlist's own output would be."""
    raw = simple_html(text, GLOSSARY.marker("../../") if terms else None)
    if raw is not None and markup.clean_as_written(raw, text):
        assert SANITIZERS["../../"].clean(raw, []) == raw


@pytest.fixture(scope="module")
def full_renderer() -> SiteRenderer:
    return SiteRenderer(load_content(ROOT / "tests" / "fixtures" / "full"))


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join), st.booleans())
@example("Schlicht und einfach.", False)
def test_a_text_without_markup_is_its_own_html_as_python_markdown_renders_it(full_renderer, text, inline):
    """A page's field renderer hands out a text without markup before any memo or renderer
    (markup.plain_html): it must be Python-Markdown's HTML of the text."""
    html = full_renderer.field_html_for("../../")(text, inline)
    if markup.plain_html(text, inline) is not None:
        expected = python_markdown(RENDERER, text, None)
        assert html == (markup._strip_paragraph(expected) if inline else expected)


# Letters that `re.IGNORECASE` pairs in ways lower-casing alone does not (Kelvin sign, long s,
# dotted and dotless i, micro sign, sharp s), a non-letter and a space: the terms' grouping must not
# change which term a text holds.
_CASE_LETTERS = "kKKsSſiIİıµμΜßẞab-. "


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(_CASE_LETTERS.replace(" ", ""), min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
       st.text(_CASE_LETTERS, max_size=30))
@example(["k", "ſa", "sa", "ka"], "Ka ſa SA K")
@example(["sxyz", "ſa-b", "sa"], "sa-b")  # `sa` in another group than `ſa-b` would win here
def test_glossary_terms_are_found_as_one_alternation_of_all_words_finds_them(words, text):
    words = sorted(dict.fromkeys(word.lower() for word in words), key=len, reverse=True)
    glossary = Glossary({word: (f"a{index}", "d") for index, word in enumerate(words)})
    plain = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    assert glossary.pattern.split(text) == plain.split(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<", "!", "[", "{", "&", "#", ":", "script", "SCRİPT", "ſcript", "data", "DATA", "a", " "]),
                max_size=8).map("".join))
@example("ſcript:")
def test_the_quick_risky_test_answers_as_the_risky_pattern(text):
    assert markup.risky(text) == bool(RISKY.search(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<", "!", "[", "{", "&", "#", ":", "/", "script", "ſcript", "data", "module", "MODULE",
                                 "media", "MEDIA", "a", " "]), max_size=8).map("".join))
@example("MEDIA/x")
def test_the_quick_look_answers_as_its_pattern(text):
    assert rules._worth_a_look(text) == bool(rules._WORTH_A_LOOK.search(text))


# Characters the quick pre-checks treat apart: every character class of the patterns, digits and
# line starts, blanks at line ends (space, tab, CR, other Unicode blanks) and letters.
_CHECK_CHARACTERS = ["a", "Ä", "1", "٣", ".", ")", " ", "  ", "\n", "\n\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x85",
                     "\xa0", "\u2003", "\u3000", "*", "**", "_", "`", "[", "]", "<", ">", "&", "\\", "|", "~", "{", "}",
                     "#", "+", "=", "-", "- ", "\x02", "\x03", "\u2028"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_CHECK_CHARACTERS), max_size=12).map("".join))
@example("")
@example("a \nb")
@example("a\u2003\nb")
@example("a\nb\u2003")
@example("a\n12) b")
@example("٣. a")
@example("a\n")
def test_the_quick_markup_checks_answer_as_their_patterns(text):
    assert markup.has_markup(text) == bool(markup._MARKUP.search(text))
    assert markup.not_simple(text) == bool(markup._NOT_SIMPLE.search(text))
    quick = bool(markup._NOT_A_TEXT_START.match(text) or markup._NOT_A_LATER_TEXT_LINE.search(text))
    assert quick == bool(markup._NOT_A_TEXT_LINE.search(text))


def test_the_blank_of_a_pattern_is_a_blank_to_isspace():
    """The quick checks test the last character with `str.isspace` where the patterns say `\\s`."""
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", every_character) == [c for c in every_character if c.isspace()]


def test_the_short_cut_takes_paragraphs_lists_spans_links_and_terms():
    text = "Ruf den Kunde **heute** an.\nDann *morgen*.\n\n- Zweiter [Teil](module:a)\n- Kunde\n"
    assert simple_html(text) == ('<p>Ruf den Kunde <strong>heute</strong> an.\nDann <em>morgen</em>.</p>\n'
                                 '<ul>\n<li>Zweiter <a href="module:a">Teil</a></li>\n<li>Kunde</li>\n</ul>')
    assert simple_html(text, GLOSSARY.marker("../")).count('href="../glossar/#kunde"') == 1
    for other in ("Text\n- Liste", "- eins\n\n- zwei", "[Link](module:a) vorn", "a  \nb", "# Titel", "1. Punkt",
                  "a_b", "Bild ![a](b)", '[a](b "Titel")', "<b>roh</b>", "a & b"):
        assert simple_html(other) is None, other


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


def test_a_question_rendered_once_for_two_pages_is_what_rendering_it_on_each_page_gives(tmp_path, monkeypatch):
    """The review page and the module page share a question's markup (SiteRenderer.question);
    a question that links from the page's place is rendered for each place."""
    course = tmp_path / "full"
    shutil.copytree(ROOT / "tests" / "fixtures" / "full", course)
    module = course / "modules" / "abschluss.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "prompt: Was bestätigst du am Ende? FxFrageEckdaten",
        "prompt: Was bestätigst du am Ende ([siehe hier](module:einwaende), ![Bild](media/bild.png))? FxFrageEckdaten"),
        encoding="utf-8")
    content = load_content(course)
    assert not content.errors
    shared = generated_files(content)

    def each_time(self, q, qid, number, total, to_root):
        return Markup(question_html(q, qid, number, total, self.texts_html, self.field_html_for(to_root)))

    monkeypatch.setattr(SiteRenderer, "question", each_time)
    assert shared == generated_files(load_content(course))
    review = shared["kurs/wiederholen/index.md"].decode()
    page = shared["kurs/module/abschluss/index.md"].decode()
    assert 'href="../module/einwaende/"' in review and 'src="../media/bild.png"' in review
    assert 'href="../../module/einwaende/"' in page and 'src="../../media/bild.png"' in page
    assert 'id="rb-review-abschluss-q1"' in review and 'id="abschluss-q1"' in page and "rb-qid" not in review + page


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("&<>'\"a ;#ä\x00\n") | st.characters()))
@example("&amp; <b x='1' y=\"2\">")
def test_a_value_escaped_as_plain_text_is_what_autoescape_prints(text):
    assert escaped(text) == str(escape(text))
