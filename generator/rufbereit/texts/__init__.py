"""The interface texts: one catalogue per language, `texts/<language>.yaml`.

Every word a reader, trainer or CLI user sees comes from here: site texts, `check`
messages, report labels, scaffold texts, CLI status lines and the theme words the
generator sets. A catalogue has sections (`site`, `messages`, …) of keys; `{name}`
placeholders are filled by `text()`.

Fallback, the only one: a key that a language lacks is taken from German, the reference
catalogue. The test suite requires every language to have every German key with the same
placeholders, so the fallback only covers a translation still being written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).parent
REFERENCE = "de"


@cache
def catalogue(language: str) -> dict[str, dict[str, Any]]:
    """The language's catalogue, sections completed from the reference language."""
    own = _load(language) if language != REFERENCE else {}
    reference = _load(REFERENCE)
    return {section: {**table, **own.get(section, {})} for section, table in reference.items()}


def section(language: str, name: str) -> dict[str, Any]:
    return catalogue(language)[name]


def text(language: str, key: str, **params: object) -> str:
    """`text("en", "report.course")`: one entry, placeholders filled."""
    name, _, entry = key.partition(".")
    template = catalogue(language)[name][entry]
    return template.format(**params) if params else template


@cache
def languages() -> list[str]:
    return sorted(path.stem for path in FOLDER.glob("*.yaml"))


def course_language(folder: Path) -> str:
    """The language of the course in `folder`, for command-line messages: read from
    course.yaml without validating it (it may be broken); German when it cannot be told."""
    try:
        source = (folder / "course.yaml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return REFERENCE
    match = re.search(r"^language:\s*[\"']?([a-z]{2})[\"']?\s*(#.*)?$", source, re.MULTILINE)
    return match.group(1) if match and match.group(1) in languages() else REFERENCE


@cache
def _load(language: str) -> dict[str, dict[str, Any]]:
    return yaml.load((FOLDER / f"{language}.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader) or {}


@dataclass(frozen=True)
class SitePaths:
    """Where a course's pages live, in its interface language (section `paths`): one folder
    under docs/ (and the site root) holds every generated page, one sub-folder per page, so
    that the folder is the page's URL. The one definition of these paths: the generator, the
    templates, the glossary links, the exports and the trainer edition all take them from here."""

    folder: str  # kurs, course
    glossary: str
    progress: str
    finish: str
    review: str
    module: str = "module"  # the same in every language: the site's scripts find module pages by it

    def page(self, name: str) -> str:
        """A fixed page's Markdown file, relative to docs/: `page("glossary")` → kurs/glossar/index.md."""
        return f"{self.folder}/{getattr(self, name)}/index.md"

    def module_page(self, module_id: str) -> str:
        return f"{self.folder}/{self.module}/{module_id}/index.md"


PAGE_NAMES = ("glossary", "progress", "finish", "review")


@cache
def site_paths(language: str) -> SitePaths:
    return SitePaths(**section(language, "paths"))


def generated_folders() -> set[str]:
    """The generated folder of every language: `generate` owns all of them (a course that
    changes its language leaves the other one behind, which it empties)."""
    return {site_paths(language).folder for language in languages()}
