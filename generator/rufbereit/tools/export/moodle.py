"""`rufbereit export moodle-xml`: every quiz as Moodle XML, all six question types, one
category per module. Texts are HTML, rendered from the Markdown as on the site.

The structure is the one Moodle's own exporter writes (question/format/xml/format.php
`writequestion`, `write_answer`, `write_combined_feedback`, and qtype_ordering's
`export_to_xml`, Moodle 4.5/5.0 source): multiple choice, matching and ordering questions carry
right/partly/wrong feedback and `shownumcorrect`, ordering with a value as Moodle writes it.
Without `shownumcorrect` Moodle's ordering importer invents hints without a text format, and
PostgreSQL refuses them (`hintformat` is NOT NULL): the import stops half way. No question
has hints, so none are written. Built as an element tree: no text reaches the file unescaped."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import assert_never

from ...content.model import (
    MatchQuestion,
    MultipleQuestion,
    OrderQuestion,
    Question,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ...texts import text as ui_text
from .bank import Html, bank, category_path, fractions, plain_name


def sub(parent: etree.Element, tag: str, value: str | None = None, **attrs: str) -> etree.Element:
    element = etree.SubElement(parent, tag, attrs)
    element.text = value
    return element


def with_text(parent: etree.Element, tag: str, value: str, fmt: str | None = "html") -> etree.Element:
    """`<tag format="…"><text>value</text></tag>`, as Moodle's writetext nests it."""
    element = sub(parent, tag, **({"format": fmt} if fmt else {}))
    sub(element, "text", value)
    return element


def wildcard_safe(answer: str) -> str:
    # In a short-answer question `*` matches anything; an accepted answer means the character.
    return answer.strip().replace("*", "\\*")


def answer(parent: etree.Element, fraction: str, value: str, feedback: str | None = "", fmt: str = "html") -> None:
    """Moodle's write_answer; `feedback=None` leaves it out (ordering writes it only when set)."""
    element = sub(parent, "answer", fraction=fraction, format=fmt)
    sub(element, "text", value)
    if feedback is not None:
        with_text(element, "feedback", feedback)


def combined_feedback(parent: etree.Element, language: str) -> None:
    """Right/partly/wrong feedback, the texts Moodle's form proposes for a new question."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        with_text(parent, tag, ui_text(language, f"export.moodle_{tag}"))


def type_specific(element: etree.Element, html: Html, q: Question, language: str) -> str:
    """The question's own elements, in the order Moodle writes them; returns Moodle's type."""
    match q:
        case SingleQuestion() | MultipleQuestion():
            single = isinstance(q, SingleQuestion)
            right = sum(o.correct for o in q.options)
            sub(element, "single", "true" if single else "false")
            sub(element, "shuffleanswers", "true")
            sub(element, "answernumbering", "abc")
            sub(element, "showstandardinstruction", "0")
            combined_feedback(element, language)
            if not single:
                sub(element, "shownumcorrect")
            for o in q.options:
                if single:
                    fraction = "100" if o.correct else "0"
                else:
                    fraction = fractions(right) if o.correct else "-" + fractions(len(q.options) - right)
                answer(element, fraction, html(o.text), html(o.feedback))
            return "multichoice"
        case TrueFalseQuestion():
            answer(element, "100" if q.answer else "0", "true", html(q.feedback_true), "moodle_auto_format")
            answer(element, "0" if q.answer else "100", "false", html(q.feedback_false), "moodle_auto_format")
            return "truefalse"
        case TextQuestion():
            sub(element, "usecase", "1" if q.case_sensitive else "0")
            for accepted in q.accept:
                answer(element, "100", wildcard_safe(accepted), fmt="moodle_auto_format")
            return "shortanswer"
        case MatchQuestion():
            sub(element, "shuffleanswers", "true")
            combined_feedback(element, language)
            sub(element, "shownumcorrect")
            for pair in q.pairs:
                subquestion = sub(element, "subquestion", format="html")
                sub(subquestion, "text", html(pair.left))
                sub(sub(subquestion, "answer"), "text", html.plain(pair.right))
            return "matching"
        case OrderQuestion():
            # The items in their right order; `fraction` holds the position.
            for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                               ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                               ("numberingstyle", "none")):
                sub(element, tag, value)
            combined_feedback(element, language)
            sub(element, "shownumcorrect", "1")
            for i, item in enumerate(q.items):
                answer(element, str(i + 1), html(item), feedback=None)
            return "ordering"
        case _:
            assert_never(q)


def question(quiz: etree.Element, html: Html, module_id: str, q: Question, language: str) -> None:
    element = sub(quiz, "question")
    name = sub(element, "name")
    sub(name, "text", plain_name(f"{module_id}/{q.question_id}"))
    with_text(element, "questiontext", html(q.prompt))
    with_text(element, "generalfeedback", html(q.explanation, inline=False))
    sub(element, "defaultgrade", "1")
    sub(element, "penalty", "0.3333333")
    sub(element, "hidden", "0")
    sub(element, "idnumber", q.question_id[:100])
    element.set("type", type_specific(element, html, q, language))


def category(quiz: etree.Element, course: str, module: str) -> None:
    element = sub(quiz, "question", type="category")
    sub(sub(element, "category"), "text", category_path(course, module))


def export_moodle(content) -> tuple[str, int]:
    html = Html(content)
    title, modules = bank(content)
    quiz = etree.Element("quiz")
    for module in modules:
        category(quiz, title, module.title)
        for q in module.questions:
            question(quiz, html, module.id, q, content.language)
    etree.indent(quiz)
    count = sum(len(m.questions) for m in modules)
    xml = etree.tostring(quiz, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n", count
