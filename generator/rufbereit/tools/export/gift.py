"""`rufbereit export gift`: the quizzes in Moodle's GIFT format, one category per module.

GIFT has no ordering question: those are left out and counted. Texts are HTML (`[html]`),
rendered from the Markdown as on the site; every GIFT special character is escaped."""

from __future__ import annotations

from typing import assert_never

from ...content.model import (MatchQuestion, MultipleQuestion, OrderQuestion, Question, SingleQuestion, TextQuestion,
                              TrueFalseQuestion)
from .bank import Html, bank, category_path, fractions, plain_name

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Backslash first, then the characters GIFT reads as syntax; a line break would end
    the question at an empty line, so it becomes an HTML character reference."""
    text = text.replace("\r", "").replace("\n", "&#10;")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def category(course: str, module: str) -> str:
    return "$CATEGORY: " + category_path(course, module)


def question(html: Html, module_id: str, q: Question) -> str | None:
    title = f"::{escape(plain_name(module_id + '/' + q.question_id))}::"
    stem = f"{title}[html]{escape(html(q.prompt))}"
    general = f"\n####{escape(html(q.explanation, inline=False))}" if q.explanation else ""

    def feedback(text: str | None) -> str:
        rendered = html(text)
        return f"#{escape(rendered)}" if rendered else ""

    match q:
        case SingleQuestion():
            lines = [("=" if o.correct else "~") + escape(html(o.text)) + feedback(o.feedback) for o in q.options]
        case MultipleQuestion():
            right = sum(o.correct for o in q.options)
            wrong = len(q.options) - right
            lines = [
                f"~%{fractions(right) if o.correct else '-' + fractions(wrong)}%" + escape(html(o.text)) + feedback(o.feedback)
                for o in q.options
            ]
        case TrueFalseQuestion():
            # {TRUE#feedback when answered wrongly#feedback when answered rightly}
            on_wrong, on_right = (q.feedback_false, q.feedback_true) if q.answer else (q.feedback_true, q.feedback_false)
            marks = "".join(f"#{escape(html(text))}" if text else "#" for text in (on_wrong, on_right)).rstrip("#")
            return f"{stem}{{{'TRUE' if q.answer else 'FALSE'}{marks}{general}}}"
        case TextQuestion():
            lines = ["=" + escape(answer.strip()) for answer in q.accept]
        case MatchQuestion():
            lines = ["=" + escape(html(p.left)) + " -> " + escape(html.plain(p.right)) for p in q.pairs]
        case OrderQuestion():
            return None  # GIFT has no ordering question: counted and named as left out
        case _:
            assert_never(q)
    return stem + "{\n" + "\n".join(lines) + general + "\n}"


def export_gift(content) -> tuple[str, int, int]:
    """The GIFT text, the number of questions written and of questions left out."""
    html = Html(content)
    title, modules = bank(content)
    blocks, skipped = [], 0
    for module in modules:
        blocks.append(category(title, module.title))
        for q in module.questions:
            text = question(html, module.id, q)
            if text is None:
                skipped += 1
            else:
                blocks.append(text)
    written = sum(len(m.questions) for m in modules) - skipped
    return "\n\n".join(blocks) + "\n", written, skipped
