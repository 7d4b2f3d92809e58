"""Rules that span several places or files, each reported at every place involved."""

from __future__ import annotations

import re
import types
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, Union, assert_never, get_args, get_origin

from pydantic import BaseModel

from .calls import call_problems
from .model import CallSection, ChecklistSection, slugify
from .markup import LIMITS, LINK_TARGET, RISKY, Finding, LinkTargets, MarkdownRenderer, costly_markup, risky
from .tree import Content, Source
from .model import (INLINE, MARKDOWN, STRING, MatchQuestion, MultipleQuestion, OrderQuestion, Question, SingleQuestion,
                    TextFormat, TextQuestion, TrueFalseQuestion, page_anchors)
from .lint import lint
from .problems import Problem
from . import hints
from ..texts import section as text_section
from .validate import did_you_mean, id_hint
from .yamlread import Mark, Path

# One cheap search decides whether a text needs the link and markup checks at all: RISKY, or a
# `module:` or `media/` in any case. `_worth_a_look` answers as it, sooner (see `risky`).
_WORTH_A_LOOK = re.compile(f"{RISKY.pattern}|module:|media/", re.IGNORECASE)
_LINK_WORD = re.compile(r"[:/](?:(?<=(?i:module):)|(?<=(?i:media)/))")


def _worth_a_look(text: str) -> bool:
    return risky(text) or _LINK_WORD.search(text) is not None

_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+\S")
# A character that the text hints (`](`, `<img`, `#`) and `_worth_a_look` (`<`, `[`, `{`,
# `&#`, `:`, `media/`) need to find anything: most prose has none, and one search of a
# character class (the cheapest search there is) passes it by.
_MAY_HAVE_SLIPS = re.compile(r"[<\[\]{:#&/]")
_LIST_LINE = re.compile(r"\n[-*+\d]")  # what `_list_without_blank_line` needs


def check_rules(content: Content) -> None:
    problems = content.problems
    if content.course:
        problems += _track_rules(content)
    for module_id, source in content.modules.items():
        problems += _requires_unknown(content, module_id, source)
        # A module with a practice call needs no quiz (spec: "Practice calls").
        if source.model.quiz is None and not any(section.kind == "call" for section in source.model.sections):
            problems.append(Problem.warning(source.file, source.document.mark(("title",)), "module_without_quiz", id=module_id))
    problems += _requires_cycles(content)
    if content.glossary:
        problems += _glossary_rules(content.glossary)
    problems += _draft_rules(content)
    problems += _anchor_rules(content) + _module_hints(content)
    problems += lint(content)
    # A link to a refused media file is not a second problem: the file's own message says it.
    targets = LinkTargets(frozenset(content.module_ids), content.media | content.media_refused)
    renderer = MarkdownRenderer(memo=content.cache.html)
    for each in [content.course, content.glossary, *content.modules.values()]:
        if each:
            problems += _own_rules(each, renderer, targets, content.cache.rules)


def _own_rules(source: Source, renderer: MarkdownRenderer, targets: LinkTargets, memo: dict) -> list[Problem]:
    """The rules that look at one file alone; kept across runs while the file is unchanged."""
    key = (source.file, source.digest, targets.key)  # targets: which modules and media exist
    if key not in memo:
        memo[key] = _text_rules(source, renderer, targets) + _question_rules(source) + _call_rules(source) + _id_rules(source)
    return memo[key]


def _draft_rules(content: Content) -> list[Problem]:
    """In a published build, what stays on the site must not require or link to a draft."""
    hidden = content.hidden
    if not hidden:
        return []
    problems = []
    published = [source for module_id, source in content.modules.items() if module_id not in hidden]
    for source in [content.course, content.glossary, *published]:
        if source is None:
            continue
        for index, required in enumerate(getattr(source.model, "requires", ())):
            if required in hidden:
                mark = source.document.mark(("requires", index))
                problems.append(Problem.error(source.file, mark, "draft_required", id=required))
        for path, text_format, text in source.texts:
            if text_format is STRING or "module:" not in text.lower():
                continue
            for match in LINK_TARGET.finditer(text):
                target = match.group(1)
                module_id = target[len("module:") :].split("#")[0] if target.lower().startswith("module:") else None
                if module_id in hidden:
                    mark = source.document.mark_in_text(path, text, match.start(1))
                    problems.append(Problem.error(source.file, mark, "draft_linked", id=module_id))
    return problems


def _call_rules(source: Source) -> list[Problem]:
    sections = getattr(source.model, "sections", [])  # only modules have sections
    return [
        problem
        for index, section in enumerate(sections)
        if section.kind == "call"
        for problem in call_problems(source.file, source.document, ("sections", index), section)
    ]


def _track_rules(content: Content) -> list[Problem]:
    course = content.course
    assert course is not None  # called only for content with a course
    places: dict[str, list[Path]] = defaultdict(list)
    problems = []
    for track_index, track in enumerate(course.model.tracks):
        for index, module_id in enumerate(track.modules):
            path: Path = ("tracks", track_index, "modules", index)
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


def module_hint(module_id: str, known) -> str | None:
    """`Einwaende`, `einwände`, `einwaende.yaml` → `einwaende`; else the closest id."""
    spelled = id_hint(module_id)
    return spelled if spelled in known else did_you_mean(module_id, sorted(known))


def _unknown_module(source: Source, path: Path, module_id: str, known) -> Problem:
    hint = module_hint(module_id, known)
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
    suspects = _on_or_between_cycles(graph)
    problems = []
    for module_id, source in content.modules.items():
        for index, required in enumerate(source.model.requires):
            if module_id not in suspects or required not in suspects:
                continue
            path = _path_between(graph, required, module_id)
            if path is not None:
                cycle = " → ".join([module_id, *path])
                problems.append(
                    Problem.error(source.file, source.document.mark(("requires", index)), "requires_cycle", cycle=cycle)
                )
    return problems


def _on_or_between_cycles(graph: dict[str, list[str]]) -> set[str]:
    """Modules that neither start nor end a chain of `requires` once the chains are peeled
    off from both ends: a superset of those on cycles, and empty for an acyclic course. It
    keeps the search for cycles linear instead of one search per `requires` entry."""
    edges = [(module, required) for module, requires in graph.items() for required in requires if required in graph]
    remaining = set(graph)
    for forward in (True, False):
        degree = dict.fromkeys(remaining, 0)
        followers: dict[str, list[str]] = defaultdict(list)
        for module, required in edges:
            source, target = (module, required) if forward else (required, module)
            if source in remaining and target in remaining:
                degree[target] += 1
                followers[source].append(target)
        queue = [node for node, count in degree.items() if count == 0]
        while queue:
            node = queue.pop()
            remaining.discard(node)
            for target in followers[node]:
                degree[target] -= 1
                if degree[target] == 0:
                    queue.append(target)
    return remaining


def _path_between(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The modules from `start` back to `goal` along `requires`, if there is such a path."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    current: str | None  # None once the walk back passes `start`
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



def _answer_problems(source: Source, base: Path, question: Question) -> list[Problem]:
    """The rules of one question's answers, per type: a type without a case is a mypy error."""
    problems: list[Problem] = []
    entries: list[tuple[str, Path]]
    match question:
        case SingleQuestion() | MultipleQuestion():
            if isinstance(question, MultipleQuestion) and all(option.correct for option in question.options):
                problems.append(Problem.warning(source.file, source.document.mark((*base, "options")), "all_options_correct"))
            entries = [(option.text, (*base, "options", i, "text")) for i, option in enumerate(question.options)]
            problems += _duplicates(source, entries, "duplicate_option", "text")
        case OrderQuestion():
            entries = [(item, (*base, "items", i)) for i, item in enumerate(question.items)]
            problems += _duplicates(source, entries, "duplicate_item", "text")
            problems += _items_differing_in_case(source, entries)
        case MatchQuestion():
            for side in ("left", "right"):
                entries = [(getattr(pair, side), (*base, "pairs", i, side)) for i, pair in enumerate(question.pairs)]
                problems += _duplicates(source, entries, f"duplicate_{side}", "text")
        case TrueFalseQuestion() | TextQuestion():
            pass  # one answer: nothing to repeat
        case _:
            assert_never(question)
    return problems

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
    quiz = getattr(source.model, "quiz", None)  # only modules have one
    if quiz is None:
        return []
    problems: list[Problem] = []
    ids: dict[str, list[int]] = defaultdict(list)
    for index, question in enumerate(quiz.questions):
        base = ("quiz", "questions", index)
        ids[question.question_id].append(index)
        if question.explanation is None:
            problems.append(Problem.warning(source.file, source.document.mark((*base, "prompt")), "question_without_explanation"))
        problems += _answer_problems(source, base, question)
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


def _id_rules(source: Source) -> list[Problem]:
    """Stable ids (content format v3): two sections of a module, or two items of a checklist,
    that would share an id would share a reader's ticks, notes and call results."""
    sections = getattr(source.model, "sections", None)  # only modules have them
    if sections is None:
        return []
    problems: list[Problem] = []
    places: dict[str, list[int]] = defaultdict(list)
    for index, section in enumerate(sections):
        places[section.id or slugify(section.title) or "abschnitt"].append(index)
        if isinstance(section, ChecklistSection):
            items: dict[str, list[int]] = defaultdict(list)
            for i, (item_id, _) in enumerate(section.entries):
                items[item_id].append(i)
            problems += [Problem.warning(source.file, source.document.mark(("sections", index, "items", i)),
                                         "duplicate_checklist_item", id=item_id)
                         for item_id, group in items.items() if len(group) > 1 for i in group[1:]]
    for section_id, group in places.items():
        for index in group[1:]:
            key = "id" if sections[index].id else "title"
            problems.append(Problem.warning(source.file, source.document.mark(("sections", index, key)),
                                            "duplicate_section_id", id=section_id))
    return problems


def _glossary_rules(source: Source) -> list[Problem]:
    entries: list[tuple[str, Path]] = []
    for index, term in enumerate(source.model.terms):
        entries.append((term.term, ("terms", index, "term")))
        entries += [(alias, ("terms", index, "aliases", i)) for i, alias in enumerate(term.aliases)]
    return _duplicates(source, entries, "duplicate_term", "term", fold=str.casefold)


# --- text fields ------------------------------------------------------------------------


def text_fields(model: BaseModel, path: Path = ()) -> list[tuple[Path, TextFormat, str]]:
    """Every text value under `model` with the format its model declares for it."""
    found: list[tuple[Path, TextFormat, str]] = []
    _collect_texts(model, path, found)
    return found


def _collect_texts(model: BaseModel, path: Path, found: list) -> None:
    """`text_fields` into one list: a walk without a generator for each model it passes."""
    for name, text_format, is_list, mixed in _text_plan(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        values = value.items() if isinstance(value, dict) else enumerate(value) if is_list else [(None, value)]
        for index, item in values:
            item_path = (*path, name) if index is None else (*path, name, index)
            # A list may mix texts and models (checklist items: a string or `{id, text}`); only
            # there is an item asked what it is (`isinstance` of a model class is slow).
            if text_format is None or (mixed and isinstance(item, BaseModel)):
                _collect_texts(item, item_path, found)
            else:
                found.append((item_path, text_format, item))


@cache
def _text_plan(model: type[BaseModel]) -> tuple[tuple[str, TextFormat | None, bool, bool], ...]:
    """Per model class, once: its text fields (with format, and whether an item may be a
    model instead) and its fields holding models."""
    plan: list[tuple[str, TextFormat | None, bool, bool]] = []
    for name, info in model.model_fields.items():
        annotation = _optional_inner(info.annotation)
        # A mapping of models (a call's steps) is walked like a list, keyed by its ids.
        is_list = get_origin(annotation) in (list, dict)
        item = get_args(annotation)[-1] if is_list else annotation
        formats = [meta for meta in (*info.metadata, *_metadata(item)) if isinstance(meta, TextFormat)]
        if formats:
            plan.append((name, formats[0], is_list, _holds_models(item)))
        elif _holds_models(item):
            plan.append((name, None, is_list, True))
    return tuple(plan)


def _optional_inner(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _holds_models(annotation: Any) -> bool:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_holds_models(member) for member in get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _metadata(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Annotated:
        return [*annotation.__metadata__, *_metadata(get_args(annotation)[0])]
    if get_origin(annotation) in (Union, types.UnionType):
        return [meta for member in get_args(annotation) for meta in _metadata(member)]
    return []


# The first slips of one kind in one field: a trainer fixes those and checks again. More would
# bury the rest of the report, and each costs a search for its position (14,000 headings in
# one field took seconds).
MAX_FIELD_PROBLEMS = 20


# A field of one line without any of these characters, and not starting like a line nested
# deeper than Python-Markdown may take (`_DEEP_START`), is cheap markup for certain
# (`surely_cheap`: no markup mark) and holds nothing that the rules below look for
# (`_MAY_HAVE_SLIPS`): most fields of a course, passed by with one search.
_NEEDS_A_LOOK = re.compile(r"[<\[\]{:#&/*_`\\\n]")
_DEEP_START = re.compile(rf"[ \t>*+:\d.)-]{{{LIMITS['markup_nesting'] + 1}}}")


def _text_rules(source: Source, renderer: MarkdownRenderer, targets: LinkTargets) -> list[Problem]:
    problems = []
    # Placeholders are looked for in each text only where the file has one somewhere.
    placeholders = hints.skeleton_text("\0".join(text for _, _, text in source.texts)) is not None
    for path, text_format, text in source.texts:
        if text_format is STRING or not (placeholders or _NEEDS_A_LOOK.search(text) or _DEEP_START.match(text)):
            continue
        # A field too costly for Python-Markdown is an error and not looked at any further
        # (nor rendered: the renderer would report the same).
        too_costly = costly_markup(text)
        if too_costly:
            problems.append(_finding_problem(source, path, text, too_costly))
            continue
        may_have_slips = _MAY_HAVE_SLIPS.search(text) is not None
        if may_have_slips or placeholders:
            problems += _hint_problems(source, path, text, text_format, placeholders)
        if text_format is MARKDOWN and "\n" in text and _LIST_LINE.search(text):
            problems += _list_without_blank_line(source, path, text)
        if not may_have_slips or not _worth_a_look(text):
            continue
        problems += _link_problems(source, path, text, targets)
        if risky(text):
            rendered = renderer.render(text, targets, inline=text_format is INLINE)
            problems += [_finding_problem(source, path, text, f) for f in rendered.findings if _not_a_link(f)]
    return problems


def _link_problems(source: Source, path: Path, text: str, targets: LinkTargets) -> list[Problem]:
    problems: list[Problem] = []
    for match in LINK_TARGET.finditer(text):
        if len(problems) >= MAX_FIELD_PROBLEMS:
            break
        target = match.group(1)
        if target.lower().startswith("module:"):
            module_id = target[len("module:") :].split("#")[0]
            if module_id not in targets.modules:
                mark = source.document.mark_in_text(path, text, match.start(1))
                hint = module_hint(module_id, targets.modules)
                code, params = ("unknown_module_hint", {"hint": hint}) if hint else ("unknown_module", {})
                problems.append(Problem.error(source.file, mark, code, id=module_id, **params))
        else:
            mark = source.document.mark_in_text(path, text, match.start(1))
            problems += filter(None, [hints.media_link_problem(source.file, mark, target, targets.media)])
    return problems


def _not_a_link(finding: Finding) -> bool:
    """Broken module:/media/ links are found by `_link_problems` already."""
    path = dict(finding.params).get("path", "")
    return finding.code != "unknown_module" and not (finding.code == "media_missing" and path.startswith("media/"))


def _finding_problem(source: Source, path: Path, text: str, finding: Finding) -> Problem:
    params = dict(finding.params)
    if "offset" in params:  # the finding knows where in the text
        offset = int(params["offset"])
    else:
        needle = next(iter(params.values()), "")
        offset = max(text.lower().find(needle.strip("<>=:").lower()), 0)
    mark = source.document.mark_in_text(path, text, offset)
    return Problem(source.file, mark.line, mark.column, finding.severity, finding.code, finding.params)


# A line after the first that `_LIST_ITEM` matches, found after its "\n" (`[^\S\n]`: the
# whitespace its `\s` matches within one line).
_LATER_LIST_ITEM = re.compile(r"\n(?=(?:[-*+]|\d+[.)])[^\S\n]+\S)")


def _list_without_blank_line(source: Source, path: Path, text: str) -> list[Problem]:
    if "```" in text:  # a fence may hide a list line: line by line
        return _list_lines_without_blank_line(source, path, text)
    problems = []
    for match in _LATER_LIST_ITEM.finditer(text):
        line_offset = match.end()
        previous = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if not previous.strip() or _LIST_ITEM.match(previous.lstrip()) or previous.startswith((" ", "\t")):
            continue
        mark = source.document.mark_in_text(path, text, line_offset)
        problems.append(Problem.warning(source.file, mark, "list_needs_blank_line", list_line=mark.line))
        if len(problems) >= MAX_FIELD_PROBLEMS:
            break
    return problems


def _list_lines_without_blank_line(source: Source, path: Path, text: str) -> list[Problem]:
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
        if len(problems) >= MAX_FIELD_PROBLEMS:
            break
    return problems


# --- issue 12: slips the site would show wrong ------------------------------------------


def _hint_problems(source: Source, path: Path, text: str, text_format: TextFormat, placeholders: bool) -> list[Problem]:
    """`placeholders`: whether the file holds one anywhere (else no field is searched for one)."""
    problems = []
    for offset, severity, code, params in hints.text_hints(text, text_format is MARKDOWN)[:MAX_FIELD_PROBLEMS]:
        mark = source.document.mark_in_text(path, text, offset)
        problems.append(Problem(source.file, mark.line, mark.column, severity, code, tuple(params.items())))
    sample = hints.skeleton_text(text) if placeholders else None
    if sample:
        mark = source.document.values.get(path) or source.document.mark(path)
        problems.append(Problem.warning(source.file, mark, "skeleton_text", text=sample))
    return problems


def _items_differing_in_case(source: Source, entries: list[tuple[str, Path]]) -> list[Problem]:
    """`Begrüßen` and `begrüßen` in one order question: the reader cannot tell them apart."""
    groups: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for text, path in entries:
        groups[text.strip().casefold()].append((text.strip(), path))
    problems = []
    for group in groups.values():
        for text, path in group:
            others = [other for other, _ in group if other != text]
            if others:
                mark = source.document.mark(path)
                problems.append(Problem.error(source.file, mark, "duplicate_item_case", text=text, other=others[0]))
    return problems


def _anchor_rules(content: Content) -> list[Problem]:
    """`module:id#anchor`: the anchor must be one the target page will have."""
    texts = text_section(content.language, "site")
    memo = content.cache.rules
    problems: list[Problem] = []
    for source in [content.course, content.glossary, *content.modules.values()]:
        if source is None:
            continue
        found = ("anchor links", source.file, source.digest)
        if found not in memo:  # `in`, not `get`: it marks the entry used, so that `prune` keeps it
            memo[found] = _anchor_links(source)
        links = memo[found]
        for mark, module_id, anchor in links:
            target = content.modules.get(module_id)
            if target is None:
                continue
            key = ("anchors", target.file, target.digest, content.language)
            if key not in memo:
                memo[key] = page_anchors(target.model, texts)
            problems += filter(None, [hints.anchor_problem(source.file, mark, module_id, anchor, memo[key])])
    return problems


def _anchor_links(source: Source) -> list[tuple[Mark, str, str]]:
    """Every `module:id#anchor` of one file, with the place of its anchor."""
    links = []
    for path, text_format, text in source.texts:
        if text_format is STRING or "#" not in text or "module:" not in text.lower():
            continue
        for match in LINK_TARGET.finditer(text):
            module_id, _, anchor = match.group(1)[len("module:"):].partition("#")
            if anchor and match.group(1).lower().startswith("module:"):
                mark = source.document.mark_in_text(path, text, match.start(1) + len(module_id) + 8)
                links.append((mark, module_id, anchor))
    return links


def reading_time(module, texts: Iterable[tuple[Path, TextFormat, str]] | None = None) -> tuple[int, int]:
    """(words in all text fields, estimated minutes): the report shows the same figure.
    `texts`: the module's `text_fields`, where they were walked already."""
    # Trainer notes are not read by learners.
    read = [text for path, _, text in (text_fields(module) if texts is None else texts) if "trainer_notes" not in path]
    words = len(" ".join(read).split())  # one split: the texts' words, each counted once
    questions = len(module.quiz.questions) if module.quiz else 0
    steps = sum(len(section.steps) for section in module.sections if isinstance(section, CallSection))
    return words, hints.estimate_minutes(words, questions, steps)


def learning_path(content: Content) -> list[str]:
    """Module ids in reading order, each once."""
    order = [module_id for track in content.course.model.tracks for module_id in track.modules] if content.course else []
    return list(dict.fromkeys(order))


def _module_hints(content: Content) -> list[Problem]:
    problems = []
    position = {module_id: index for index, module_id in enumerate(learning_path(content))}
    graph = {module_id: source.model.requires for module_id, source in content.modules.items()}
    titles: dict[str, list[str]] = defaultdict(list)
    for module_id, source in content.modules.items():
        module, mark = source.model, source.document.mark
        titles[module.title.strip().casefold()].append(module_id)
        for index, required in enumerate(module.requires):
            later = position.get(required, -1) > position.get(module_id, len(position))
            if later and _path_between(graph, required, module_id) is None:  # a cycle says it already
                place = mark(("requires", index))
                problems.append(Problem.warning(source.file, place, "requires_later", id=required, module=module_id))
        key = ("reading time", source.file, source.digest)
        if key not in content.cache.rules:
            content.cache.rules[key] = reading_time(module, source.texts)
        words, estimate = content.cache.rules[key]
        if hints.duration_far_off(module.duration, estimate):
            problems.append(Problem.warning(source.file, source.document.values.get(("duration",)) or mark(("duration",)),
                                            "duration_estimate", duration=module.duration, estimate=estimate, words=words))
    for ids in titles.values():
        for module_id in ids if len(ids) > 1 else ():
            source = content.modules[module_id]
            other = next(other for other in ids if other != module_id)
            problems.append(Problem.warning(source.file, source.document.mark(("title",)), "duplicate_title",
                                            title=source.model.title, other=other))
    return problems
