"""`rufbereit export moodle-xml`: every quiz as Moodle XML, all six question types, one
category per module. Texts are HTML, rendered from the Markdown as on the site, XML-escaped;
ordering questions use Moodle's `ordering` type (core since Moodle 4.4)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .bank import Html, bank, category_path, fractions, plain_name


def text(value: str, tag: str = "text") -> str:
    return f"<{tag}>{escape(value)}</{tag}>"


def field(tag: str, html_text: str) -> str:
    return f'<{tag} format="html">{text(html_text)}</{tag}>'


def wildcard_safe(answer: str) -> str:
    # In a short-answer question `*` matches anything; an accepted answer means the character.
    return answer.strip().replace("*", "\\*")


def answer(fraction: str, html_text: str, feedback: str = "", fmt: str = "html") -> str:
    fb = field("feedback", feedback) if feedback else '<feedback format="html"><text></text></feedback>'
    return f'<answer fraction="{fraction}" format="{fmt}">{text(html_text)}{fb}</answer>'


def body(html: Html, q) -> tuple[str, list[str]]:
    """The question's Moodle type and its type-specific elements."""
    if q.type in ("single", "multiple"):
        right = sum(o.correct for o in q.options)
        wrong = len(q.options) - right
        parts = [f"<single>{'true' if q.type == 'single' else 'false'}</single>", "<shuffleanswers>1</shuffleanswers>",
                 "<answernumbering>abc</answernumbering>"]
        for o in q.options:
            if q.type == "single":
                fraction = "100" if o.correct else "0"
            else:
                fraction = fractions(right) if o.correct else "-" + fractions(wrong)
            parts.append(answer(fraction, html(o.text), html(o.feedback)))
        return "multichoice", parts
    if q.type == "true_false":
        return "truefalse", [
            answer("100" if q.answer else "0", "true", html(q.feedback_true), "moodle_auto_format"),
            answer("0" if q.answer else "100", "false", html(q.feedback_false), "moodle_auto_format"),
        ]
    if q.type == "text":
        return "shortanswer", [f"<usecase>{1 if q.case_sensitive else 0}</usecase>"] + [
            answer("100", wildcard_safe(a), fmt="moodle_auto_format") for a in q.accept
        ]
    if q.type == "match":
        parts = ["<shuffleanswers>1</shuffleanswers>"]
        for p in q.pairs:
            right = text(html.plain(p.right))
            parts.append(f'<subquestion format="html">{text(html(p.left))}<answer>{right}</answer></subquestion>')
        return "matching", parts
    # order: the items in their right order; `fraction` holds the position.
    parts = ["<layouttype>VERTICAL</layouttype>", "<selecttype>ALL</selecttype>", "<selectcount>0</selectcount>",
             "<gradingtype>ABSOLUTE_POSITION</gradingtype>", "<showgrading>SHOW</showgrading>",
             "<numberingstyle>none</numberingstyle>"]
    parts += [answer(str(i + 1), html(item)) for i, item in enumerate(q.items)]
    return "ordering", parts


def question(html: Html, module_id: str, q) -> str:
    qtype, parts = body(html, q)
    name = plain_name(f"{module_id}/{q.question_id}")
    combined = ""
    if qtype in ("multichoice", "matching", "ordering"):
        combined = "".join(f'<{tag} format="html"><text></text></{tag}>'
                           for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"))
    return (
        f"<question type={quoteattr(qtype)}>\n"
        f"<name>{text(name)}</name>\n"
        f"{field('questiontext', html(q.prompt))}\n"
        f"{field('generalfeedback', html(q.explanation, inline=False))}\n"
        "<defaultgrade>1</defaultgrade>\n<penalty>0.3333333</penalty>\n<hidden>0</hidden>\n"
        f"<idnumber>{escape(q.question_id[:100])}</idnumber>\n"
        + "\n".join(parts) + ("\n" + combined if combined else "")
        + "\n</question>"
    )


def category(course: str, module: str) -> str:
    return f'<question type="category">\n<category>{text(category_path(course, module))}</category>\n</question>'


def export_moodle(content) -> tuple[str, int]:
    html = Html(content)
    title, modules = bank(content)
    blocks = []
    for module in modules:
        blocks.append(category(title, module.title))
        blocks.extend(question(html, module.id, q) for q in module.questions)
    count = sum(len(m.questions) for m in modules)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(blocks) + "\n</quiz>\n", count
