"""Slips that YAML and the models accept but the site would get wrong (issue 12, classes 7–10):
files that would be skipped, links that would break, media that would not show, and texts
that are still placeholders. Each finder returns Problems; `load` and `rules` call them."""

from __future__ import annotations

import math
import os
import re
import unicodedata
from pathlib import Path

from .model import slugify
from .safefs import MEDIA_TYPES
from .problems import Problem, Severity
from .validate import did_you_mean
from .yamlread import Mark

START = Mark(1, 1)

# --- files that would be skipped ----------------------------------------------------------

_YAML_IN_NAME = re.compile(r"\.ya?ml", re.IGNORECASE)


def _module_name(name: str) -> str:
    """`drei.yml`, `drei.yaml.txt`, `Drei.YAML` → `drei.yaml`: the name the trainer meant."""
    stem = name[: _YAML_IN_NAME.search(name).start()]
    return (slugify(stem) or stem) + ".yaml"


def stray_module_files(root: Path) -> list[Problem]:
    """Files under modules/ that `load` does not read: each says why and what to rename."""
    folder = root / "modules"
    problems: list[Problem] = []
    for path in _stray_candidates(folder):
        relative = path.relative_to(folder)
        name, file = path.name, str(path)
        if not path.is_file() or any(part.startswith(".") and not part.startswith("._") for part in relative.parts):
            continue  # .DS_Store, .gitkeep, .git: not the trainer's
        if name.startswith("._"):  # macOS writes these on shared drives; they are never content
            problems.append(Problem.note(file, START, "macos_resource_file", name=name))
        elif len(relative.parts) > 1:
            fixed = "modules/" + (_module_name(name) if _YAML_IN_NAME.search(name) else name)
            problems.append(Problem.warning(file, START, "module_in_subfolder", name=relative.as_posix(), fixed=fixed))
        elif name.endswith(".yaml"):
            continue  # read by `load`
        elif _YAML_IN_NAME.search(name):
            problems.append(Problem.error(file, START, "module_file_extension", name=name, fixed=_module_name(name)))
        else:
            problems.append(Problem.warning(file, START, "module_file_ignored", name=name))
    return problems


def _stray_candidates(folder: Path) -> list[Path]:
    """Everything under modules/ but the `*.yaml` files `load` reads (checked on every save
    by `serve`, so the thousand module files are not each looked at twice)."""
    if not folder.is_dir():
        return []
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                found += [path for path in Path(entry.path).rglob("*")]
            elif not entry.name.endswith(".yaml") or entry.name.startswith("._"):
                found.append(Path(entry.path))
    return sorted(found)


# --- media files ----------------------------------------------------------------------------

MAX_IMAGE_BYTES = 1024 * 1024


def media_problems(root: Path) -> list[Problem]:
    """Names a link cannot reach, files that are no image, images too large for a phone."""
    folder = root / "media"
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or path.name.startswith("."):
            continue
        name, file = path.relative_to(folder).as_posix(), str(path)
        if unicodedata.normalize("NFC", name) != name:
            problems.append(Problem.error(file, START, "media_nfd", name=unicodedata.normalize("NFC", name)))
        if " " in name:
            problems.append(Problem.error(file, START, "media_space", name=name, fixed=re.sub(r" +", "-", name)))
        # Whether the bytes fit the name is checked by `safefs.media_files`.
        if MEDIA_TYPES.get(path.suffix.lower().lstrip("."), ("",))[0] == "image":
            if path.stat().st_size > MAX_IMAGE_BYTES:
                problems.append(Problem.warning(file, START, "image_too_large", kilobytes=path.stat().st_size // 1024))
    return problems


def media_link_problem(file: str, mark: Mark, target: str, media: frozenset[str]) -> Problem | None:
    """A `media/…` link that finds no file: None where the file's own problem says it already
    (a decomposed umlaut, a space in the name), else a hint for a name differing in case."""
    wanted = target.split("#")[0].split("?")[0]
    if wanted in media:
        return None
    for name in media:
        if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", wanted) or name.startswith(wanted + " "):
            return None
    same = [name for name in sorted(media) if name.casefold() == wanted.casefold()]
    if same:
        return Problem.error(file, mark, "media_missing_hint", path=target, hint=same[0])
    return Problem.error(file, mark, "media_missing", path=target)


# --- links and headings in Markdown fields --------------------------------------------------

_YAML_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*(?:\.{1,2}/)*(?:modules/)?([^\s()/#:]+?)\.ya?ml(#[^\s)]*)?\s*\)", re.IGNORECASE)
_SPACED_LINK = re.compile(r"(!?\[[^\]\n]*\])[ \t]+(\((?:module:|media/|https?://|mailto:)[^)\s]*\))", re.IGNORECASE)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(\S[^\n]*?)[ \t#]*$", re.MULTILINE)
_BARE_IMAGE = re.compile(r"!\[\s*\]\(\s*<?([^\s)>]+)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"\s*[^"\s]|'\s*[^'\s]|[^\s"'>])""", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^\s"'>]+)""", re.IGNORECASE)


def text_hints(text: str, markdown_block: bool) -> list[tuple[int, Severity, str, dict]]:
    """(offset, severity, code, params) for each slip in one Markdown or inline text."""
    found: list[tuple[int, Severity, str, dict]] = []
    if "](" in text or "] (" in text or "]\t(" in text:
        for match in _YAML_LINK.finditer(text):
            module_id = slugify(match.group(2)) or match.group(2)
            fixed = f"[{match.group(1)}](module:{module_id}{match.group(3) or ''})"
            found.append((match.start(), "error", "link_to_yaml", {"fixed": fixed}))
        for match in _SPACED_LINK.finditer(text):
            found.append((match.start(), "error", "link_space", {"fixed": match.group(1) + match.group(2)}))
        for match in _BARE_IMAGE.finditer(text):
            found.append((match.start(), "warning", "image_without_alt", {"path": match.group(1)}))
    if "<img" in text.lower():
        for match in _IMG_TAG.finditer(text):
            src = _SRC.search(match.group(0))
            if not _ALT.search(match.group(0)):
                found.append((match.start(), "warning", "image_without_alt", {"path": src.group(1) if src else "?"}))
    if markdown_block and "#" in text:
        found += [(offset, "warning", "heading_in_body", params) for offset, params in _headings(text)]
    return found


def _headings(text: str):
    fenced = [match.span() for match in re.finditer(r"^```.*?(?:^```|\Z)", text, re.MULTILINE | re.DOTALL)]
    for match in _HEADING.finditer(text):
        if not any(start <= match.start() < end for start, end in fenced):
            yield match.start(), {"heading": match.group(0).strip(), "title": match.group(2)}


# --- where a `module:id#anchor` link can land -----------------------------------------------


def anchor_problem(file: str, mark: Mark, module_id: str, anchor: str, anchors: list[str]) -> Problem | None:
    if anchor in anchors:
        return None
    hint = did_you_mean(anchor, anchors)
    listing = ", ".join(f"`#{name}`" for name in anchors)
    if hint:
        return Problem.error(file, mark, "unknown_anchor_hint", id=module_id, anchor=anchor, hint=hint, choices=listing)
    return Problem.error(file, mark, "unknown_anchor", id=module_id, anchor=anchor, choices=listing)


# --- placeholders and reading time ------------------------------------------------------------

# The sample texts of `rufbereit new module` (tools/scaffold.py; tests/test_new_module.py
# keeps the two in step): left in a module, they would reach the site.
SKELETON_TEXTS = (
    "Worum es in diesem Modul geht, in ein bis zwei Sätzen.",
    "Du kannst in einem Satz sagen, worum es in diesem Modul geht.",
    "Hier steht der Text des Abschnitts.",
    "Ein kurzer Tipp, der im Alltag am Telefon hilft.",
    "Das Wichtigste dieses Moduls in einem Satz.",
    "Erkläre hier kurz, warum die richtige Antwort richtig ist.",
)


def skeleton_text(text: str) -> str | None:
    return next((sample for sample in SKELETON_TEXTS if sample in text), None)


WORDS_PER_MINUTE = 200


def estimate_minutes(words: int, questions: int, steps: int) -> int:
    """Reading at 200 words a minute, plus a minute per quiz question and practice-call step."""
    return math.ceil(words / WORDS_PER_MINUTE + questions + steps)


def duration_far_off(duration: int, estimate: int) -> bool:
    """More than half the stated time AND more than five minutes apart."""
    difference = abs(estimate - duration)
    return difference > duration / 2 and difference > 5
