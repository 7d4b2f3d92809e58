"""The loaded course: validated files with their positions, and the work kept between runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .problems import Problem
from .yamlread import YamlDocument


@dataclass
class Source:
    """One validated file: its model, where its values stand, and how to name it."""

    file: str
    document: YamlDocument
    model: BaseModel
    digest: str = ""  # of the file's bytes: what caches of derived work are keyed by


@dataclass
class Content:
    root: Path
    course: Source | None = None
    modules: dict[str, Source] = field(default_factory=dict)  # valid modules by id
    module_ids: set[str] = field(default_factory=set)  # every module file, valid or not
    glossary: Source | None = None
    media: frozenset[str] = frozenset()  # "media/…" paths that exist
    problems: list[Problem] = field(default_factory=list)
    cache: ParseCache = field(default_factory=lambda: ParseCache())
    # False for the published build: draft modules are checked but not shown.
    include_drafts: bool = True
    # The `language:` line of a course.yaml that does not validate: its problems are still
    # told in the language the trainer chose.
    language_hint: str = "de"

    @property
    def drafts(self) -> set[str]:
        return {module_id for module_id, source in self.modules.items() if getattr(source.model, "draft", False)}

    @property
    def hidden(self) -> set[str]:
        """The modules left out of this build: the drafts of a published build."""
        return set() if self.include_drafts else self.drafts

    @property
    def shown_modules(self) -> dict[str, Source]:
        hidden = self.hidden
        return {module_id: source for module_id, source in self.modules.items() if module_id not in hidden}

    @property
    def language(self) -> str:
        return self.course.model.language if self.course else self.language_hint

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


class ParseCache:
    """Work kept between runs (as `rufbereit serve` does): parsed and validated files keyed
    by their bytes, and rendered Markdown fields keyed by their text and context."""

    def __init__(self):
        self.entries: dict[tuple[str, type, str], tuple[Source | None, list[Problem]]] = {}
        self.html: dict = {}  # rendered Markdown fields
        self.pages: dict = {}  # rendered module pages
        self.rules: dict = {}  # problems of one file's own texts and questions
