"""What a trainer is told: one problem at one place, worded in the course's language."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ..texts import section, text


class Mark(NamedTuple):
    """A place in a file (1-based). A tuple: one is made for every YAML event."""

    line: int
    column: int


# A note is never blocking, not even under --strict (a macOS `._` file beside a module).
Severity = Literal["error", "warning", "note"]
# A value quoted in a message is cut to this length: a message never echoes a whole input.
MAX_QUOTED = 40
# Parameters that the generator composes itself (lists of allowed keys, a cycle of ids).
OURS = {"choices", "cycle", "extensions"}


# Warnings about something the reader would see damaged (a text cut by ` #`, list items
# merged into one text, an image too large for a phone, the skeleton's sample text): they
# are listed first and keep `check` from saying "in Ordnung".
CHANGES_PAGE = frozenset({
    "yaml_comment_cut", "yaml_comment_cut_plain", "yaml_folded_list", "yaml_folded_list_fix", "yaml_folded_block",
    "image_too_large", "skeleton_text",
})

# A corrected line quoted back to the trainer may be longer: it is their line, fixed.
MAX_FIXED = 120


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    params: tuple[tuple[str, object], ...] = field(default=())

    @classmethod
    def error(cls, file: str, mark: Mark, code: str, **params: object) -> Problem:
        return cls(file, mark.line, mark.column, "error", code, _frozen(params))

    @classmethod
    def warning(cls, file: str, mark: Mark, code: str, **params: object) -> Problem:
        return cls(file, mark.line, mark.column, "warning", code, _frozen(params))

    @classmethod
    def note(cls, file: str, mark: Mark, code: str, **params: object) -> Problem:
        return cls(file, mark.line, mark.column, "note", code, tuple(params.items()))

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)

    @property
    def changes_page(self) -> bool:
        """A warning about what readers would see damaged (see CHANGES_PAGE)."""
        return self.severity == "warning" and self.code in CHANGES_PAGE

    def message(self, language: str) -> str:
        return section(language, "messages")[self.code].format(
            **{name: value if name in OURS else quote(value, MAX_FIXED if name in ("fixed", "first") else MAX_QUOTED)
               for name, value in self.params}
        )

    def format(self, language: str) -> str:
        label = text(language, "severity.page_warning" if self.changes_page else f"severity.{self.severity}")
        return f"{self.file}:{self.line}:{self.column}: {label}: {self.message(language)}"

    def github_annotation(self, language: str) -> str:
        """The workflow command that shows this problem on the pull request's diff."""
        text = self.message(language).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = self.file.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = file.replace(":", "%3A").replace(",", "%2C")
        level = "notice" if self.severity == "note" else self.severity
        return f"::{level} file={file},line={self.line},col={self.column}::{text}"


def _frozen(params: dict[str, object]) -> tuple[tuple[str, object], ...]:
    """Parameters as a problem keeps them: a list or mapping that a trainer wrote where one
    value belongs (`level: [basic]`) becomes its text, so that problems stay hashable."""
    return tuple((name, json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict, set)) else value)
                 for name, value in params.items())


def report(problems: list[Problem], language: str, stream) -> None:
    """Print every problem, sorted by file and line, plus GitHub annotations inside Actions.
    Warnings that change what readers see come first: they are the ones not to overlook.
    Each problem once; two at one place with one code (HTML removed twice) in the order found,
    not in the order of their hashes, which changed from run to run."""
    ordered = sorted(dict.fromkeys(problems), key=lambda problem: (not problem.changes_page, problem.sort_key))
    for problem in ordered:
        print(problem.format(language), file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in ordered:
            print(problem.github_annotation(language), file=stream)
    stream.flush()  # before the verdict on stdout: the verdict is always the last line
