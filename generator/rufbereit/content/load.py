"""Read a content folder: every file parsed and validated, every problem of every file kept."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel

from . import hints
from .model import ID_PATTERN, Course, Glossary, Module
from .rules import check_rules
from .safefs import YAML_LIMIT, Refused, media_files, read_regular
from .tree import Content, ParseCache, Source
from .problems import Problem
from .validate import validate
from .yamlread import Mark, YamlReadError, read_yaml


def _parse(file: str, model: type[BaseModel], raw: bytes, digest: str) -> tuple[Source | None, list[Problem]]:
    try:
        document = read_yaml(raw, file)
    except YamlReadError as error:
        return None, [error.problem, *_rest_of_file(raw, file, model, error.problem)]
    if not isinstance(document.data, dict):
        return None, [Problem.error(file, document.mark(()), "not_a_mapping")]
    validated, problems = validate(model, document, file)
    # A list written without `- ` is said once, as the error: not also as a merged text.
    listed = {problem.line for problem in problems if problem.code in ("yaml_item_missing_dash", "expected_list_fix")}
    warnings = [
        warning for warning in document.warnings
        if not (warning.code.startswith("yaml_folded_list") and dict(warning.params).get("line_number") in listed)
    ]
    problems = warnings + problems
    return (Source(file, document, validated, digest) if validated else None), problems


# What blanking a broken line causes by itself (its key or its items are gone): not said.
_CAUSED_BY_BLANKING = frozenset({
    "missing", "missing_in_item", "missing_kind_key", "list_empty", "list_too_short", "no_value",
    "single_one_correct", "multiple_needs_correct", "empty_file", "not_a_mapping",
})
MAX_SYNTAX_PROBLEMS = 20


def _rest_of_file(raw: bytes, file: str, model: type[BaseModel], first: Problem) -> list[Problem]:
    """Every problem of a file in one run: after a syntax error, read the file again with the
    broken line (and the lines indented under it) left blank, and report what the rest holds,
    except what the blanking itself causes (a missing key, an empty list)."""
    if first.code in ("not_utf8", "empty_file", "control_character", "several_documents", "anchor", "alias", "tag"):
        return []
    lines = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blanked: set[int] = set()
    found: list[Problem] = []
    problem = first
    for _ in range(MAX_SYNTAX_PROBLEMS):
        if problem.line in blanked or not 0 < problem.line <= len(lines):
            break
        blanked |= _blank(lines, problem.line, problem.code in _WHOLE_ITEM)
        try:
            document = read_yaml("\n".join(lines).encode(), file)
        except YamlReadError as error:
            problem = error.problem
            if problem.line in blanked or problem.code in _CAUSED_BY_BLANKING:
                break
            found.append(problem)
            continue
        if isinstance(document.data, dict):
            found += [
                later for later in document.warnings + validate(model, document, file)[1]
                if later.line not in blanked and later.code not in _CAUSED_BY_BLANKING
            ]
        break
    return found


# Errors at the first key of a list item that lacks its dash: the item's other keys go too.
_WHOLE_ITEM = frozenset({"yaml_missing_dash", "duplicate_key"})


def _blank(lines: list[str], number: int, whole_item: bool = False) -> set[int]:
    """Blank line `number` and the lines indented deeper below it (with `whole_item`, also
    the keys beside it); their numbers."""
    def indent(line: str) -> int:
        line = line.expandtabs(8)  # a tab in the indentation stands for some spaces, not one
        return len(line) - len(line.lstrip(" "))

    own = indent(lines[number - 1]) - whole_item
    blanked = {number}
    for index in range(number, len(lines)):
        if lines[index].strip() and indent(lines[index]) <= own:
            break
        blanked.add(index + 1)
    for line_number in blanked:
        lines[line_number - 1] = ""
    return blanked


def _read(root: Path, path: Path, file: str, model: type[BaseModel], cache: ParseCache, real_root: Path | None):
    try:
        raw = read_regular(root, path, YAML_LIMIT, real_root)
    except Refused as refused:
        return None, [Problem.error(file, Mark(1, 1), refused.code, **refused.params)]
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    key = (file, model, digest)
    if key not in cache.entries:
        cache.entries[key] = _parse(file, model, raw, digest)
    return cache.entries[key]


def load_content(root: Path, cache: ParseCache | None = None, drafts: bool = True, rules: bool = True) -> Content:
    """Read course, modules and glossary; the cross-file rules run in `rules.check_rules`.
    `drafts=False` is the published build: draft modules are checked but left out.
    `rules=False`: each file's own problems only (the preview's quick look before the full run)."""
    return _load(root, cache, drafts, rules)


def _load(root: Path, cache: ParseCache | None, drafts: bool = True, rules: bool = True) -> Content:
    cache = cache or ParseCache()
    content = Content(root=root, cache=cache, include_drafts=drafts)
    # The folder's real path, resolved once for all its files (`read_regular` would per file).
    real_root = root.resolve() if root.is_dir() else None
    course_path = root / "course.yaml"
    if not course_path.exists() and not course_path.is_symlink():
        content.problems.append(Problem.error(str(course_path), Mark(1, 1), "no_course"))
    else:
        content.course, problems = _read(root, course_path, str(course_path), Course, cache, real_root)
        content.problems += problems
        if content.course is None:
            chosen = re.search(rb"(?m)^language:[ \t]*[\"']?(de|en)[\"']?[ \t]*$", course_path.read_bytes())
            content.language_hint = chosen.group(1).decode() if chosen else "de"

    for path in sorted((root / "modules").glob("*.yaml")):
        file = str(path)
        if path.name.startswith("."):
            continue  # macOS `._` helper files: `hints.stray_module_files` notes them
        if not re.fullmatch(ID_PATTERN, path.stem):
            content.problems.append(Problem.error(file, Mark(1, 1), "bad_module_filename", name=path.name))
            continue
        content.module_ids.add(path.stem)
        source, problems = _read(root, path, file, Module, cache, real_root)
        content.problems += problems
        if source:
            content.modules[path.stem] = source

    content.problems += hints.stray_module_files(root)
    glossary_path = root / "glossary.yaml"
    if glossary_path.exists() or glossary_path.is_symlink():
        content.glossary, problems = _read(root, glossary_path, str(glossary_path), Glossary, cache, real_root)
        content.problems += problems

    media, refused = media_files(root)
    content.media = frozenset(media)
    content.media_refused = frozenset("media/" + Path(path).relative_to(root / "media").as_posix() for path, _ in refused)
    content.problems += [Problem.error(path, Mark(1, 1), why.code, **why.params) for path, why in refused]
    if (root / "media").is_dir():
        content.problems += hints.media_problems(root)
    if rules:
        check_rules(content)
    return content
