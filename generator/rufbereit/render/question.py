"""One quiz question's markup, shared by the module's self-check and the review page.

Written here in Python rather than as Jinja templates: a course of 1,000 modules has 8,000
questions, and Jinja's work per expression and per include (a new context each) was a third
of all generation. This module is the one definition of that markup; rufbereit.js
(assets-src/site/questions.mjs, quiz.mjs, review.mjs) reads its data-rb-* attributes.

Every value goes through `escape` (or `escaped`, its text as a plain str) exactly as Jinja's
autoescape would print it (course text, ids); the interface texts `t` come escaped so
(SiteRenderer.texts_html), rendered fields from `md_html` (HTML, sanitised already).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import assert_never

from markupsafe import Markup, escape

from ..content.markup import plain_text
from ..content.model import (MatchQuestion, MultipleQuestion, OrderQuestion, Question, SingleQuestion, TextQuestion,
                             TrueFalseQuestion)

# md_html(text, inline=…) of the page being rendered (SiteRenderer.field_html_for)
FieldHtml = Callable[..., str]


def escaped(text: str) -> str:
    """`markupsafe.escape(text)` of a str, as a plain str: what Jinja's autoescape printed. A value
    only put into an f-string needs no Markup object (a Python-level construction per value,
    twelve or more per question; tests/test_markup_fast.py compares the two)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")


def derangement(count: int, seed: str) -> list[int]:
    """A fixed shuffle that never keeps the solution order (for order and match questions)."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def question_html(q: Question, qid: str, number: int, total: int, t: dict[str, str], md_html: FieldHtml) -> str:
    """The question's <fieldset>: prompt, answer fields, check button, result, and the answer
    key in a <details> (usable without JavaScript). `qid` is its DOM id on the page; `t` the
    interface texts, HTML-escaped (digits and braces stay: `question_of` is formatted after)."""
    qid = escape(qid)
    # Each of these hashes the question's texts again on every call: computed once here.
    content_hash = q.content_hash
    keys = q.option_keys if isinstance(q, SingleQuestion | MultipleQuestion) else []
    answer = f' data-rb-answer="{str(q.answer).lower()}"' if isinstance(q, TrueFalseQuestion) else ""
    several = f' <span class="rb-several" data-search-exclude>{t["several_right"]}</span>' \
        if q.type == "multiple" else ""
    explanation = f'<div class="rb-explanation">\n{md_html(q.explanation)}\n</div>\n' if q.explanation else ""
    return (
        f'<fieldset class="rb-question" id="{qid}" data-rb-question="{escaped(q.question_id)}" data-rb-type="{escaped(q.type)}"'
        f' data-rb-hash="{escaped(content_hash)}" data-rb-hash-v1="{escaped(q.legacy_hash)}"{answer}>\n'
        f'<legend><span class="rb-question-number" data-search-exclude>'
        f'{t["question_of"].format(number=number, total=total)}</span>'
        f' <span class="rb-prompt">{md_html(q.prompt, inline=True)}</span>{several}</legend>\n'
        f'<div class="rb-answers">\n{answer_fields(q, qid, t, md_html, keys, content_hash)}</div>\n'
        f'<button type="button" class="md-button rb-check" hidden data-search-exclude>{t["check"]}</button>\n'
        f'<div class="rb-result" role="status" data-search-exclude></div>\n'
        # Excluded from search by a wrapper whose tag course text can never have: Material's
        # search parser loses track of an excluded element when a same-named one (a course's
        # own <details>) closes inside it, and the build crashes.
        f'<section class="rb-solution-box" data-search-exclude>\n<details class="rb-solution">\n'
        f'<summary>{t["show_solution"]}</summary>\n<div class="rb-solution-body">\n'
        # The answer key. rufbereit.js takes each option's feedback (.rb-feedback[data-rb-for])
        # from here, so that it stands in the page once.
        f'{solution(q, t, md_html, keys)}{explanation}</div>\n</details>\n</section>\n</fieldset>\n'
    )


def answer_fields(q: Question, qid: Markup, t: dict[str, str], md_html: FieldHtml, keys: list[str],
                  content_hash: str) -> str:
    """The inputs inside .rb-answers. An answer is stored by an option's key (`keys`: the
    question's option_keys), never by its position; `content_hash` seeds the fixed shuffles."""
    match q:
        case SingleQuestion() | MultipleQuestion():
            kind = "radio" if q.type == "single" else "checkbox"
            return "".join(
                f'<div class="rb-option" data-rb-option="{escaped(key)}"{" data-rb-correct" if option.correct else ""}>\n'
                f'<input type="{kind}" name="{qid}" id="{qid}-o{index}" value="{escaped(key)}">\n'
                f'<label for="{qid}-o{index}">{md_html(option.text, inline=True)}</label>\n</div>\n'
                for index, (option, key) in enumerate(zip(q.options, keys)))
        case TrueFalseQuestion():
            return "".join(
                f'<div class="rb-option" data-rb-option="{value}">\n'
                f'<input type="radio" name="{qid}" id="{qid}-{value}" value="{value}">\n'
                f'<label for="{qid}-{value}">{t[value]}</label>\n</div>\n'
                for value in ("true", "false"))
        case OrderQuestion():
            positions = "".join(f'<option value="{position}">{position}</option>\n'
                                for position in range(1, len(q.items) + 1))
            return "".join(
                f'<div class="rb-item" data-rb-position="{index + 1}">\n'
                f'<label for="{qid}-i{index}">{md_html(q.items[index], inline=True)}</label>\n'
                f'<select id="{qid}-i{index}">\n<option value="">{t["choose"]}</option>\n{positions}</select>\n</div>\n'
                for index in derangement(len(q.items), content_hash))
        case MatchQuestion():
            rights = "".join(
                f'<option value="{index}">{escaped(plain_text(md_html(q.pairs[index].right, inline=True)))}</option>\n'
                for index in derangement(len(q.pairs), content_hash))
            return "".join(
                f'<div class="rb-pair" data-rb-right="{index}">\n'
                f'<label for="{qid}-p{index}">{md_html(pair.left, inline=True)}</label>\n'
                f'<select id="{qid}-p{index}">\n<option value="">{t["choose"]}</option>\n{rights}</select>\n</div>\n'
                for index, pair in enumerate(q.pairs))
        case TextQuestion():
            accept = escaped(json.dumps(q.accept, ensure_ascii=False))
            return (f'<label for="{qid}-answer">{t["your_answer"]}</label>\n'
                    f'<input type="text" id="{qid}-answer" autocomplete="off" spellcheck="false"'
                    f' data-rb-accept="{accept}" data-rb-case-sensitive="{str(q.case_sensitive).lower()}">\n')
        case _:
            assert_never(q)


def solution(q: Question, t: dict[str, str], md_html: FieldHtml, keys: list[str]) -> str:
    """The answer key: the right answer(s), and each option's feedback (by its key) where it has one."""
    heading = f'<p><strong>{t["solution"]}:</strong>'
    match q:
        case SingleQuestion() | MultipleQuestion():
            right = "; ".join(md_html(option.text, inline=True) for option in q.options if option.correct)
            feedback = [(md_html(option.text, inline=True), key, option.feedback)
                        for option, key in zip(q.options, keys) if option.feedback]
            return f"{heading} {right}</p>\n" + _feedback_list(feedback, md_html)
        case TrueFalseQuestion():
            feedback = [(t[value], value, text)
                        for value, text in (("true", q.feedback_true), ("false", q.feedback_false)) if text]
            return f'{heading} {t["true" if q.answer else "false"]}</p>\n' + _feedback_list(feedback, md_html)
        case OrderQuestion():
            items = "".join(f"<li>{md_html(item, inline=True)}</li>\n" for item in q.items)
            return f"{heading}</p>\n<ol>\n{items}</ol>\n"
        case MatchQuestion():
            pairs = "".join(f"<li>{md_html(pair.left, inline=True)} → {md_html(pair.right, inline=True)}</li>\n"
                            for pair in q.pairs)
            return f"{heading}</p>\n<ul>\n{pairs}</ul>\n"
        case TextQuestion():
            return f'<p><strong>{t["accepted_answers"]}:</strong> {escaped(" · ".join(q.accept))}</p>\n'
        case _:
            assert_never(q)


def _feedback_list(feedback: list[tuple[str, str, str]], md_html: FieldHtml) -> str:
    """Each answer with feedback: its label and its feedback, keyed by what the script stores."""
    if not feedback:
        return ""
    items = "".join(f'<li>{label}:<div class="rb-feedback" data-rb-for="{escaped(key)}">{md_html(text, inline=True)}</div></li>\n'
                    for label, key, text in feedback)
    return f'<ul class="rb-solution-options">\n{items}</ul>\n'
