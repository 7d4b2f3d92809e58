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
