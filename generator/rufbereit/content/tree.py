"""The loaded course: validated files with their positions, and the work kept between runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from typing import Generic, TypeVar

from pydantic import BaseModel

from .model import Course, Glossary, Module, TextFormat, stable_digest
from .problems import Problem
from .yamlread import Path as FieldPath, YamlDocument

M = TypeVar("M", bound=BaseModel)


@dataclass
class Source(Generic[M]):
    """One validated file: its model, where its values stand, and how to name it."""

    file: str
    document: YamlDocument
    model: M
    digest: str = ""  # of the file's bytes: what caches of derived work are keyed by

    @cached_property
    def texts(self) -> list[tuple[FieldPath, TextFormat, str]]:
        """Every text value of the model with its format (`rules.text_fields`), walked once
        for all the rules that read them."""
        from .rules import text_fields  # rules builds on this module

        return text_fields(self.model)

    def __getstate__(self) -> dict:
        """Pickled (output/cache.py) without the texts: they are the model's own, walked again."""
        return {name: value for name, value in self.__dict__.items() if name != "texts"}


@dataclass
class Content:
    root: Path
    course: Source[Course] | None = None
    modules: dict[str, Source[Module]] = field(default_factory=dict)  # valid modules by id
    module_ids: set[str] = field(default_factory=set)  # every module file, valid or not
    glossary: Source[Glossary] | None = None
    media: frozenset[str] = frozenset()  # "media/…" paths that exist
    media_refused: frozenset[str] = frozenset()  # refused files (reported there, so links to them are not)
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

    @cached_property
    def inputs(self) -> str:
        """Everything outside a page's own file that any page or rendered field may show:
        the course settings, the glossary (terms, aliases, definitions), which modules and
        which media exist. Every cache of derived work keys on it, together with the bytes
        of its own file, so that no edit anywhere can leave a stale entry in use."""
        course, glossary = self.course, self.glossary
        return stable_digest(
            course.digest if course else "",
            glossary.digest if glossary else "",
            *sorted(self.module_ids),
            "\0",
            *sorted(self.media),
        )

    @property
    def language(self) -> str:
        return self.course.model.language if self.course else self.language_hint

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]



class Memo(dict):
    """A cache table that remembers which keys a run used; `prune` keeps only those."""

    def __init__(self):
        super().__init__()
        self.used: set = set()

    # dict's own methods called directly: super() costs more than the lookup (a run asks
    # hundreds of thousands of times).
    def __contains__(self, key: object) -> bool:
        self.used.add(key)
        return dict.__contains__(self, key)

    def __setitem__(self, key, value) -> None:
        self.used.add(key)
        dict.__setitem__(self, key, value)

    def prune(self) -> None:
        for key in [key for key in self if key not in self.used]:
            del self[key]
        self.used = set()


class ParseCache:
    """Work kept between runs (by `rufbereit serve`, and on disk by output/cache.py):
    parsed and validated files keyed by their bytes; rendered Markdown fields, module pages
    and per-file rules keyed by their own text plus `Content.inputs`. After each run,
    `prune` drops what that run did not use, so the cache never outgrows the course."""

    def __init__(self):
        self.entries: Memo = Memo()  # (file, model, digest) -> (Source | None, problems)
        self.html: Memo = Memo()  # rendered Markdown fields
        self.pages: Memo = Memo()  # rendered module pages
        self.parts: Memo = Memo()  # a module's part of the review page and course.js; config parts
        self.rules: Memo = Memo()  # problems of one file's own texts and questions

    def prune(self) -> None:
        for table in (self.entries, self.html, self.pages, self.parts, self.rules):
            table.prune()
