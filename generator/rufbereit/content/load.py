"""Read a content folder: every file parsed and validated, every problem of every file kept."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel

from .model import ID_PATTERN, Course, Glossary, Module
from .rules import check_rules
from .tree import Content, ParseCache, Source
from .problems import Problem
from .validate import validate
from .yamlread import Mark, YamlReadError, read_yaml


def _parse(file: str, model: type[BaseModel], raw: bytes, digest: str) -> tuple[Source | None, list[Problem]]:
    try:
        document = read_yaml(raw, file)
    except YamlReadError as error:
        return None, [error.problem]
    if not isinstance(document.data, dict):
        return None, [Problem.error(file, document.mark(()), "not_a_mapping")]
    validated, problems = validate(model, document, file)
    return (Source(file, document, validated, digest) if validated else None), problems


def _read(path: Path, file: str, model: type[BaseModel], cache: ParseCache):
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem.error(file, Mark(1, 1), "read_error", detail=error.strerror or str(error))]
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    key = (file, model, digest)
    if key not in cache.entries:
        cache.entries[key] = _parse(file, model, raw, digest)
    return cache.entries[key]


def load_content(root: Path, cache: ParseCache | None = None) -> Content:
    """Read course, modules and glossary; the cross-file rules run in `rules.check_rules`."""
    return _load(root, cache)


def _load(root: Path, cache: ParseCache | None) -> Content:
    cache = cache or ParseCache()
    content = Content(root=root, cache=cache)
    course_path = root / "course.yaml"
    if not course_path.is_file():
        content.problems.append(Problem.error(str(course_path), Mark(1, 1), "no_course"))
    else:
        content.course, problems = _read(course_path, str(course_path), Course, cache)
        content.problems += problems

    for path in sorted((root / "modules").glob("*.yaml")):
        file = str(path)
        if not re.fullmatch(ID_PATTERN, path.stem):
            content.problems.append(Problem.error(file, Mark(1, 1), "bad_module_filename", name=path.name))
            continue
        content.module_ids.add(path.stem)
        source, problems = _read(path, file, Module, cache)
        content.problems += problems
        if source:
            content.modules[path.stem] = source

    glossary_path = root / "glossary.yaml"
    if glossary_path.is_file():
        content.glossary, problems = _read(glossary_path, str(glossary_path), Glossary, cache)
        content.problems += problems

    media = root / "media"
    if media.is_dir():
        content.media = frozenset(
            "media/" + path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()
        )
    check_rules(content)
    return content
