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


# --- the structure of Moodle's own export --------------------------------------------------
# The child elements, in order, that Moodle's exporter writes for a question without hints,
# tags or files: question/format/xml/format.php (writequestion, write_answer,
# write_combined_feedback) and core qtype_ordering's export_to_xml (Moodle >= 4.4). `+` marks
# an element written once per answer (or pair), `?` one written only when set.
COMMON = ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber"]
COMBINED = ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"]
MOODLE_EXPORT = {
    "multichoice": ["single", "shuffleanswers", "answernumbering", "showstandardinstruction", *COMBINED,
                    "shownumcorrect?", "answer+"],
    "truefalse": ["answer+"],   # exactly two: true, false
    "shortanswer": ["usecase", "answer+"],
    "matching": ["shuffleanswers", *COMBINED, "shownumcorrect?", "subquestion+"],
    "ordering": ["layouttype", "selecttype", "selectcount", "gradingtype", "showgrading", "numberingstyle",
                 *COMBINED, "shownumcorrect", "answer+"],
}


def shape(tags: list[str]) -> list[str]:
    """Answers and pairs (one or more) as one `tag+`."""
    out: list[str] = []
    for tag in tags:
        if tag in ("answer", "subquestion"):
            if not out or out[-1] != tag + "+":
                out.append(tag + "+")
        else:
            out.append(tag)
    return out


def expected(moodle_type: str, tags: list[str]) -> list[str]:
    own = [t for t in MOODLE_EXPORT[moodle_type] if not (t.endswith("?") and t[:-1] not in tags)]
    return COMMON + [t.rstrip("?") for t in own]


@pytest.mark.parametrize("fixture", ["full", "hostile"])
def test_every_question_has_the_elements_of_moodles_own_export_in_its_order(fixture, tmp_path):
    root = export(fixture, tmp_path)
    for element in root:
        if element.get("type") == "category":
            continue
        tags = [child.tag for child in element]
        assert shape(tags) == expected(element.get("type"), tags), element.findtext("name/text")
        if element.get("type") == "truefalse":
            assert [a.findtext("text") for a in element.findall("answer")] == ["true", "false"]


def test_ordering_and_matching_carry_shownumcorrect_and_right_partly_wrong_feedback(tmp_path):
    """Issue 23, finding 3: without `shownumcorrect` Moodle's ordering importer makes hints
    without a text format and PostgreSQL stops the import; match and ordering questions had
    no right/partly/wrong feedback."""
    root = export("full", tmp_path)
    for kind in ("ordering", "matching"):
        questions = root.findall(f"question[@type='{kind}']")
        assert questions
        for element in questions:
            feedback = [element.find(tag) for tag in COMBINED]
            assert all(f is not None and f.get("format") == "html" and f.findtext("text") for f in feedback)
            assert [f.findtext("text") for f in feedback] == [
                "Deine Antwort ist richtig.", "Deine Antwort ist teilweise richtig.", "Deine Antwort ist falsch."]
            assert element.find("shownumcorrect") is not None
            for hint in element.findall("hint"):   # as Moodle writes one: a format and a text
                assert hint.get("format") and hint.find("text") is not None
    for element in root.findall("question[@type='ordering']"):
        # qtype_ordering's import_from_xml reads the value; null (missing) means "invent hints".
        assert element.findtext("shownumcorrect") == "1"
