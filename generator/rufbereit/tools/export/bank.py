"""The course's quizzes as a question bank: what GIFT and Moodle XML both start from.

Markdown fields become HTML with the site's own renderer (sanitised the same way); a link
to another module or a media file points into the site and is left as written."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ...content.markup import LinkTargets, MarkdownRenderer, plain_text
from ...content.tree import Content
from ...render.pages import SiteRenderer


@dataclass
class BankModule:
    id: str
    title: str
    questions: list  # the model's question objects, in quiz order


class Html:
    """Markdown (inline or block) to sanitised HTML, and to plain text."""

    def __init__(self, content: Content):
        self.renderer = MarkdownRenderer(memo={})
        self.targets = LinkTargets(frozenset(content.modules), content.media, "")

    def __call__(self, text: str | None, inline: bool = True) -> str:
        if not text:
            return ""
        rendered = self.renderer.render(text, self.targets, inline=inline).html.strip()
        # A text the sanitiser empties entirely (only a script, say) is shown as the text it is.
        return rendered or html.escape(text)

    def plain(self, text: str) -> str:
        """Plain text for places Moodle shows as a list entry (a matching answer); `<`, `>`
        and `&` as character references, since Moodle may read it as HTML."""
        return html.escape(plain_text(self(text)), quote=False)


def bank(content: Content) -> tuple[str, list[BankModule]]:
    """The course title and every module that has a quiz, in reading order."""
    renderer = SiteRenderer(content)
    modules = [
        BankModule(entry.id, entry.module.title, list(entry.module.quiz.questions))
        for entry in renderer.entries
        if entry.module.quiz
    ]
    return renderer.course.title, modules


def fractions(count: int) -> str:
    """100 / count as Moodle writes grades (five decimals, no trailing zeros)."""
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def plain_name(text: str) -> str:
    """A category or question name: plain text in the course, and Moodle shows names as HTML,
    so `<`, `>` and `&` become character references (a slash is doubled: it separates levels)."""
    return html.escape(text, quote=False).replace("\n", " ")


def category_path(course: str, module: str) -> str:
    return "$course$/top/" + "/".join(plain_name(part).replace("/", "//") for part in (course, module))
