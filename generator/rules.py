"""Rules that span several places or files, each reported at every place involved."""

from __future__ import annotations

import re
import types
from collections import defaultdict
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .html import RISKY, LinkTargets, MarkdownRenderer
from .load import Content, Source
from .model import INLINE, MARKDOWN, TextFormat
from .problems import Problem
from .validate import did_you_mean
from .yamlfile import Mark, Path

_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+\S")


def check_rules(content: Content) -> None:
    problems = content.problems
    if content.course:
        problems += _track_rules(content)
    for module_id, source in content.modules.items():
        problems += _requires_unknown(content, module_id, source)
        problems += _question_rules(source)
        if source.model.quiz is None:
            problems.append(Problem.warning(source.file, source.document.mark(("title",)), "module_without_quiz", id=module_id))
    problems += _requires_cycles(content)
    if content.glossary:
        problems += _glossary_rules(content.glossary)
    targets = LinkTargets(frozenset(content.module_ids), content.media)
    renderer = MarkdownRenderer(memo=content.cache.html)
    for source in [content.course, content.glossary, *content.modules.values()]:
        if source:
            problems += _text_rules(source, renderer, targets)


def _track_rules(content: Content) -> list[Problem]:
    course = content.course
    places: dict[str, list[Path]] = defaultdict(list)
    problems = []
    for track_index, track in enumerate(course.model.tracks):
        for index, module_id in enumerate(track.modules):
            path = ("tracks", track_index, "modules", index)
            places[module_id].append(path)
            if module_id not in content.module_ids:
                problems.append(_unknown_module(course, path, module_id, content.module_ids))
    for module_id, paths in places.items():
        if len(paths) > 1:
            for path in paths:
                problems.append(Problem.error(course.file, course.document.mark(path), "module_in_two_tracks", id=module_id))
    for module_id in sorted(content.module_ids - set(places)):
        file = str(content.root / "modules" / f"{module_id}.yaml")
        source = content.modules.get(module_id)
        mark = source.document.mark(("title",)) if source else Mark(1, 1)
        problems.append(Problem.error(file, mark, "module_in_no_track", id=module_id))
    return problems


def _unknown_module(source: Source, path: Path, module_id: str, known) -> Problem:
    hint = did_you_mean(module_id, sorted(known))
    mark = source.document.mark(path)
    if hint:
        return Problem.error(source.file, mark, "unknown_module_hint", id=module_id, hint=hint)
    return Problem.error(source.file, mark, "unknown_module", id=module_id)


def _requires_unknown(content: Content, module_id: str, source: Source) -> list[Problem]:
    return [
        _unknown_module(source, ("requires", index), required, content.module_ids)
        for index, required in enumerate(source.model.requires)
        if required not in content.module_ids
    ]


def _requires_cycles(content: Content) -> list[Problem]:
    """Every `requires` entry that lies on a cycle, each reported with the cycle it closes."""
    graph = {module_id: source.model.requires for module_id, source in content.modules.items()}
    problems = []
    for module_id, source in content.modules.items():
        for index, required in enumerate(source.model.requires):
            path = _path_between(graph, required, module_id)
            if path is not None:
                cycle = " → ".join([module_id, *path])
                problems.append(
                    Problem.error(source.file, source.document.mark(("requires", index)), "requires_cycle", cycle=cycle)
                )
    return problems


def _path_between(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The modules from `start` back to `goal` along `requires`, if there is such a path."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        current = queue.pop(0)
        if current == goal:
            path = []
            while current is not None:
                path.append(current)
                current = previous[current]
            return path[::-1]
        for nxt in graph.get(current, []):
            if nxt not in previous:
                previous[nxt] = current
                queue.append(nxt)
    return None


def _duplicates(source: Source, entries: list[tuple[str, Path]], code: str, param: str, fold=lambda s: s) -> list[Problem]:
    places: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for text, path in entries:
        places[fold(text.strip())].append((text, path))
    return [
        Problem.error(source.file, source.document.mark(path), code, **{param: text})
        for group in places.values()
        if len(group) > 1
        for text, path in group
    ]


def _question_rules(source: Source) -> list[Problem]:
    quiz = source.model.quiz
    if quiz is None:
        return []
    problems: list[Problem] = []
    ids: dict[str, list[int]] = defaultdict(list)
    for index, question in enumerate(quiz.questions):
        base = ("quiz", "questions", index)
        ids[question.question_id].append(index)
        if question.explanation is None:
            problems.append(Problem.warning(source.file, source.document.mark((*base, "prompt")), "question_without_explanation"))
        if question.type in ("single", "multiple"):
            entries = [(option.text, (*base, "options", i, "text")) for i, option in enumerate(question.options)]
            problems += _duplicates(source, entries, "duplicate_option", "text")
        elif question.type == "order":
            entries = [(item, (*base, "items", i)) for i, item in enumerate(question.items)]
            problems += _duplicates(source, entries, "duplicate_item", "text")
        elif question.type == "match":
            for side in ("left", "right"):
                entries = [(getattr(pair, side), (*base, "pairs", i, side)) for i, pair in enumerate(question.pairs)]
                problems += _duplicates(source, entries, f"duplicate_{side}", "text")
    for question_id, indexes in ids.items():
        if len(indexes) < 2:
            continue
        questions = [quiz.questions[i] for i in indexes]
        derived = all(question.id is None for question in questions)
        for index, question in zip(indexes, questions):
            key = "prompt" if question.id is None else "id"
            mark = source.document.mark(("quiz", "questions", index, key))
            if derived:
                problems.append(Problem.error(source.file, mark, "duplicate_prompt"))
            else:
                problems.append(Problem.error(source.file, mark, "duplicate_question_id", id=question_id))
    return problems


def _glossary_rules(source: Source) -> list[Problem]:
    entries = []
    for index, term in enumerate(source.model.terms):
        entries.append((term.term, ("terms", index, "term")))
        entries += [(alias, ("terms", index, "aliases", i)) for i, alias in enumerate(term.aliases)]
    return _duplicates(source, entries, "duplicate_term", "term", fold=str.casefold)


# --- text fields ------------------------------------------------------------------------


def text_fields(value: Any, annotation: Any, path: Path = ()) -> Iterator[tuple[Path, TextFormat, str]]:
    """Every text value under `value` with the format its model declares for it."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            formats = [meta for meta in info.metadata if isinstance(meta, TextFormat)]
            field_annotation = Annotated[info.annotation, *formats] if formats else info.annotation
            yield from text_fields(getattr(value, name), field_annotation, (*path, name))
    elif isinstance(value, list):
        item = _inner(annotation)
        item = get_args(item)[0] if get_origin(item) is list else None
        for index, element in enumerate(value):
            yield from text_fields(element, item, (*path, index))
    elif isinstance(value, str):
        formats = [meta for meta in _metadata(annotation) if isinstance(meta, TextFormat)]
        if formats:
            yield path, formats[0], value


def _inner(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _inner(members[0]) if len(members) == 1 else annotation
    return annotation


def _metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    if get_origin(annotation) is Annotated:
        found += list(annotation.__metadata__)
        found += _metadata(get_args(annotation)[0])
    elif get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            found += _metadata(member)
    return found


def _text_rules(source: Source, renderer: MarkdownRenderer, targets: LinkTargets) -> list[Problem]:
    problems = []
    for path, text_format, text in text_fields(source.model, type(source.model)):
        if text_format is MARKDOWN:
            problems += _list_without_blank_line(source, path, text)
        if text_format in (MARKDOWN, INLINE) and RISKY.search(text):
            rendered = renderer.render(text, targets, inline=text_format is INLINE)
            for finding in rendered.findings:
                needle = dict(finding.params).get("what") or next(iter(dict(finding.params).values()), "")
                offset = max(text.lower().find(needle.strip("<>=:").lower()), 0)
                mark = source.document.mark_in_text(path, text, offset)
                code, params = finding.code, dict(finding.params)
                if code == "unknown_module" and (hint := did_you_mean(params["id"], sorted(targets.modules))):
                    code, params = "unknown_module_hint", {**params, "hint": hint}
                problems.append(Problem(source.file, mark.line, mark.column, finding.severity, code, tuple(params.items())))
    return problems


def _list_without_blank_line(source: Source, path: Path, text: str) -> list[Problem]:
    lines = text.split("\n")
    problems = []
    in_fence = False
    offset = len(lines[0]) + 1
    for index in range(1, len(lines)):
        if lines[index - 1].lstrip().startswith("```"):
            in_fence = not in_fence
        previous, line = lines[index - 1], lines[index]
        line_offset, offset = offset, offset + len(line) + 1
        if in_fence or not _LIST_ITEM.match(line) or not previous.strip():
            continue
        if _LIST_ITEM.match(previous.lstrip()) or previous.startswith((" ", "\t")):
            continue
        mark = source.document.mark_in_text(path, text, line_offset)
        problems.append(Problem.warning(source.file, mark, "list_needs_blank_line", list_line=mark.line))
    return problems
