"""`rufbereit export moodle-xml`: the structure Moodle's XML importer (question/format/xml and
the ordering type's import_from_xml) reads, checked for every question type."""

from __future__ import annotations

import pytest
from lxml import etree

from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.tools.export.bank import Html, bank, category_path, plain_name
from support import FIXTURES

MOODLE_TYPE = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse", "text": "shortanswer",
               "match": "matching", "order": "ordering"}


def export(fixture: str, tmp_path) -> etree._Element:
    out = tmp_path / "bank.xml"
    assert main(["export", "moodle-xml", "--content", str(FIXTURES / fixture), "--out", str(out)]) == 0
    return etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def text_of(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else (found.findtext("text") or "")


def check_question(element, q, html: Html) -> None:
    assert element.get("type") == MOODLE_TYPE[q.type]
    assert element.find("questiontext").get("format") == "html"
    assert text_of(element, "questiontext") == html(q.prompt)
    assert text_of(element, "generalfeedback") == (html(q.explanation, inline=False) if q.explanation else "")
    answers = element.findall("answer")
    if q.type in ("single", "multiple"):
        assert element.findtext("single") == ("true" if q.type == "single" else "false")
        fractions = [float(a.get("fraction")) for a in answers]
        assert [a.findtext("text") for a in answers] == [html(o.text) for o in q.options]
        assert [a.find("feedback").findtext("text") for a in answers] == [html(o.feedback) for o in q.options]
        assert abs(sum(f for f in fractions if f > 0) - 100) < 0.001
        assert [f > 0 for f in fractions] == [o.correct for o in q.options]
        if q.type == "multiple" and not all(o.correct for o in q.options):
            assert abs(sum(f for f in fractions if f < 0) + 100) < 0.001
    elif q.type == "true_false":
        assert [(a.findtext("text"), a.get("fraction")) for a in answers] == [
            ("true", "100" if q.answer else "0"), ("false", "0" if q.answer else "100")]
    elif q.type == "text":
        assert element.findtext("usecase") == ("1" if q.case_sensitive else "0")
        assert [a.findtext("text") for a in answers] == [a.strip().replace("*", "\\*") for a in q.accept]
        assert {a.get("fraction") for a in answers} == {"100"}
    elif q.type == "match":
        subs = element.findall("subquestion")
        assert len(subs) == len(q.pairs) >= 2
        assert [(s.findtext("text"), s.find("answer").findtext("text")) for s in subs] == [
            (html(p.left), html.plain(p.right)) for p in q.pairs]
    else:
        assert (element.findtext("selecttype"), element.findtext("selectcount")) == ("ALL", "0")
        assert element.findtext("layouttype") == "VERTICAL"
        assert [a.findtext("text") for a in answers] == [html(item) for item in q.items]
        assert [a.get("fraction") for a in answers] == [str(i + 1) for i in range(len(q.items))]


@pytest.mark.parametrize("fixture", ["full", "hostile", "english"])
def test_every_question_has_the_structure_moodle_imports(fixture, tmp_path):
    root = export(fixture, tmp_path)
    content = load_content(FIXTURES / fixture)
    html = Html(content)
    title, modules = bank(content)
    elements = list(root)
    assert root.tag == "quiz"
    position = 0
    for module in modules:
        category = elements[position]
        assert category.get("type") == "category"
        assert category.find("category").findtext("text") == category_path(title, module.title)
        position += 1
        for q in module.questions:
            element = elements[position]
            assert element.find("name").findtext("text") == plain_name(f"{module.id}/{q.question_id}")
            check_question(element, q, html)
            position += 1
    assert position == len(elements)


def test_every_type_is_exported(tmp_path):
    root = export("full", tmp_path)
    assert {q.get("type") for q in root} == {"category", *MOODLE_TYPE.values()}


def test_hostile_text_never_becomes_markup(tmp_path):
    """Every text Moodle shows as HTML is sanitised; accepted short answers are compared with
    what the reader types, so they stay exactly as written (Moodle escapes them on display)."""
    root = export("hostile", tmp_path)
    for element in root.iter("text"):
        parent = element.getparent()
        if parent.tag == "answer" and parent.getparent().get("type") == "shortanswer":
            continue
        assert "<script" not in (element.text or "").lower()
        assert "javascript:" not in (element.text or "").lower()
