"""`rufbereit report`: what the course holds, as text, Markdown or JSON.

Tracks and modules with their minutes, questions by type, objectives, the total time and
every problem `check` finds. Modules that have errors are left out of the numbers (their
content is not known) and listed with the problems.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from ..content.calls import analyse
from ..content.load import Content
from ..content.markup import LinkTargets, MarkdownRenderer, plain_text
from ..content.model import QUESTION_TYPES, SECTION_KINDS, section_keys
from ..content.rules import learning_path, reading_time, text_fields
from ..texts import section
from .terminal import printable


def summarize(content: Content) -> dict[str, Any]:
    """The report as plain data (the JSON format prints exactly this)."""
    course = content.course.model if content.course else None
    tracks: list[dict[str, Any]] = []
    for track in course.tracks if course else []:
        modules = [_module(content, module_id) for module_id in track.modules]
        tracks.append({
            "title": track.title,
            "minutes": sum(module["duration"] or 0 for module in modules),
            "modules": modules,
        })
    all_modules = [module for track in tracks for module in track["modules"]]
    by_type: Counter[str] = Counter()
    for module in all_modules:
        by_type.update(module["questions"])
    return {
        "course": {
            "id": course.course_id if course else "",
            "title": course.title if course else "?",
            "language": content.language,
            "pass_mark": course.pass_mark if course else 80,
        },
        "total_minutes": sum(track["minutes"] for track in tracks),
        "module_count": len(all_modules),
        "objective_count": sum(len(module["objectives"]) for module in all_modules),
        "questions_by_type": {kind: by_type[kind] for kind in QUESTION_TYPES},
        "question_count": sum(by_type.values()),
        "tracks": tracks,
        "errors": len(content.errors),
        "warnings": sum(problem.severity == "warning" for problem in content.problems),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
             "label": section(content.language, "severity")[p.severity],
             "message": p.message(content.language)}
            for p in sorted(dict.fromkeys(content.problems), key=lambda problem: problem.sort_key)
        ],
        **course_facts(content),
    }


def _module(content: Content, module_id: str) -> dict[str, Any]:
    source = content.modules.get(module_id)
    if source is None:  # missing or broken: listed, with the problems below
        return {"id": module_id, "title": "?", "duration": 0, "level": "", "objectives": [],
                "objectives_md": [], "questions": {}, "valid": False}
    module = source.model
    questions = Counter(question.type for question in module.quiz.questions) if module.quiz else Counter()
    return {
        "id": module_id,
        "title": module.title,
        "duration": module.duration,
        "level": module.level or "",
        "objectives": [_plain(objective) for objective in module.objectives],
        "objectives_md": list(module.objectives),
        "questions": dict(questions),
        "calls": _calls(module),
        "valid": True,
    }


def _calls(module) -> list[dict[str, Any]]:
    """Each practice call: its size, how many ways through it, and the best one."""
    calls = []
    for key, call in zip(section_keys(module), module.sections):
        if call.kind != "call":
            continue
        analysis = analyse(call)
        calls.append({
            "id": key,
            "title": call.title,
            "steps": len(call.steps),
            "endings": len(call.endings),
            "paths": analysis.paths,
            "best": analysis.best,
            "pass_points": call.pass_points,
            "best_path": [{"step": step, "say": call.steps[step].choices[index].say,
                           "points": call.steps[step].choices[index].points} for step, index in analysis.best_path],
            "best_ending": analysis.best_ending,
        })
    return calls


def _call_lines(module: dict[str, Any], t: dict[str, str]) -> list[str]:
    lines = []
    for call in module.get("calls", []):
        best = t["call_none"] if call["best"] is None else f"{t['call_best']} {call['best']}"
        lines.append(f"      ☎ {t['calls']}: {call['title']} ({call['steps']} {t['call_steps']}, {call['endings']} "
                     f"{t['call_endings']}, {call['paths']} {t['call_paths']}, {best})")
        if call["best_path"]:
            choices = " → ".join(f"\"{choice['say']}\" ({choice['points']:+d})" for choice in call["best_path"])
            lines.append(f"        {t['call_best_path']}: {choices} → {call['best_ending']}")
    return lines


def as_json(data: dict[str, Any]) -> str:
    plain = {**data, "tracks": [{**track, "modules": [{k: v for k, v in module.items() if k != "objectives_md"}
                                                       for module in track["modules"]]} for track in data["tracks"]]}
    return json.dumps(plain, ensure_ascii=False, indent=2)


# --- what the course holds beyond the numbers (issue 12) -------------------------------------

_RENDERER = MarkdownRenderer()


def _plain(markdown_text: str) -> str:
    """Inline Markdown as the words a reader sees (for the text and JSON formats)."""
    return plain_text(_RENDERER.render(markdown_text, LinkTargets(frozenset(), frozenset()), inline=True).html)


def course_facts(content: Content) -> dict[str, Any]:
    order = [module_id for module_id in learning_path(content) if module_id in content.modules]
    order += sorted(set(content.modules) - set(order))
    return {
        "sections_by_kind": _sections_by_kind(content, order),
        "reading": [_reading(content, module_id) for module_id in order],
        "glossary": _glossary_use(content),
        "pass_marks": _pass_marks(content, order),
        "requires": {module_id: list(content.modules[module_id].model.requires) for module_id in order},
        "drafts": sorted(content.drafts),
    }


def _sections_by_kind(content: Content, order: list[str]) -> dict[str, int]:
    counts: Counter[str] = Counter(section.kind for module_id in order for section in content.modules[module_id].model.sections)
    return {kind: counts[kind] for kind in (*SECTION_KINDS, *sorted(set(counts) - set(SECTION_KINDS)))}


def _reading(content: Content, module_id: str) -> dict[str, Any]:
    module = content.modules[module_id].model
    words, estimate = reading_time(module)
    return {"id": module_id, "words": words, "estimate": estimate, "duration": module.duration}


def _glossary_use(content: Content) -> dict[str, list[str]]:
    """A term counts as used where it or an alias stands as a whole word in a module's text."""
    if content.glossary is None:
        return {"used": [], "unused": []}
    texts = "\n".join(text for source in content.modules.values() for _, _, text in text_fields(source.model))
    used: list[str]
    unused: list[str]
    used, unused = [], []
    for term in content.glossary.model.terms:
        words = [term.term, *term.aliases]
        found = any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", texts, re.IGNORECASE) for word in words)
        (used if found else unused).append(term.term)
    return {"used": sorted(used, key=str.casefold), "unused": sorted(unused, key=str.casefold)}


def _pass_marks(content: Content, order: list[str]) -> list[dict[str, Any]]:
    default = content.course.model.pass_mark if content.course else 80
    marks = []
    for module_id in order:
        quiz = content.modules[module_id].model.quiz
        if quiz is not None:
            own = quiz.pass_mark is not None
            marks.append({"id": module_id, "pass_mark": quiz.pass_mark if own else default, "own": own})
    return marks


def facts_text(data: dict[str, Any], t: dict[str, str]) -> list[str]:
    lines = ["", f"{t['by_kind']}: " + ", ".join(f"{kind} {n}" for kind, n in data["sections_by_kind"].items())]
    lines += ["", f"{t['reading']}:"]
    lines += [f"  - {r['id']}: {r['words']} {t['words']}, ~{r['estimate']} {t['minutes']} "
              f"({t['stated']}: {r['duration']} {t['minutes']})" for r in data["reading"]] or [f"  {t['none']}"]
    glossary = data["glossary"]
    lines += ["", f"{t['terms_used']}: " + (", ".join(glossary["used"]) or t["none"]),
              f"{t['terms_unused']}: " + (", ".join(glossary["unused"]) or t["none"])]
    lines += ["", f"{t['pass_marks']} ({t['course_default']}: {data['course']['pass_mark']} %):"]
    lines += [f"  - {m['id']}: {m['pass_mark']} %" + ("" if m["own"] else f" ({t['from_course']})")
              for m in data["pass_marks"]] or [f"  {t['none']}"]
    lines += ["", f"{t['requires']}:"]
    lines += [f"  {module_id} ← {', '.join(required)}" for module_id, required in data["requires"].items() if required]
    lines += [f"  {t['none']}"] * (not any(data["requires"].values()))
    lines += ["", f"{t['drafts']}: " + (", ".join(data["drafts"]) or t["none"])]
    return lines


def facts_markdown(data: dict[str, Any], t: dict[str, str]) -> list[str]:
    lines = ["", f"## {t['by_kind']}", "", "| kind | n |", "|---|---:|"]
    lines += [f"| `{kind}` | {n} |" for kind, n in data["sections_by_kind"].items()]
    lines += ["", f"## {t['reading']}", "", f"| {t['module']} | {t['words']} | {t['estimate']} | {t['duration']} |",
              "|---|---:|---:|---:|"]
    lines += [f"| `{r['id']}` | {r['words']} | {r['estimate']} | {r['duration']} |" for r in data["reading"]]
    glossary = data["glossary"]
    lines += ["", f"## {t['glossary']}", "",
              f"- **{t['terms_used']}:** " + (", ".join(_cell(term) for term in glossary["used"]) or t["none"]),
              f"- **{t['terms_unused']}:** " + (", ".join(_cell(term) for term in glossary["unused"]) or t["none"])]
    lines += ["", f"## {t['pass_marks']}", "", f"{t['course_default']}: {data['course']['pass_mark']} %", ""]
    lines += [f"- `{m['id']}`: {m['pass_mark']} %" + ("" if m["own"] else f" ({t['from_course']})")
              for m in data["pass_marks"]] or [t["none"]]
    lines += ["", f"## {t['requires']}", "", "```text"]
    lines += [f"{module_id} ← {', '.join(required)}" for module_id, required in data["requires"].items() if required]
    lines += [t["none"]] * (not any(data["requires"].values())) + ["```"]
    lines += ["", f"## {t['drafts']}", "", ", ".join(f"`{d}`" for d in data["drafts"]) or t["none"]]
    return lines


def as_text(data: dict[str, Any]) -> str:
    t = section(data["course"]["language"], "report")
    lines = [f"{t['course']}: {data['course']['title']}",
             f"{t['total']}: {data['total_minutes']} {t['minutes']} · {data['module_count']} {t['modules']} · "
             f"{data['question_count']} {t['questions']} · {data['objective_count']} {t['objectives']}", ""]
    for track in data["tracks"]:
        lines.append(f"{t['track']}: {track['title']} ({track['minutes']} {t['minutes']})")
        for module in track["modules"]:
            lines.append(f"  - {module['id']}: {module['title'] or '?'} ({module['duration'] or '?'} {t['minutes']}, "
                         f"{sum(module['questions'].values())} {t['questions']})")
            lines += [f"      · {objective}" for objective in module["objectives"]]
            lines += _call_lines(module, t)
    lines += facts_text(data, t)
    lines += ["", f"{t['by_type']}: " + ", ".join(f"{kind} {n}" for kind, n in data["questions_by_type"].items())]
    lines += ["", f"{t['problems']} ({data['errors']} {t['errors']}, {data['warnings']} {t['warnings']}):"]
    lines += [_problem_line(problem) for problem in data["problems"]] or [f"  {t['none']}"]
    return "\n".join(lines)


def as_markdown(data: dict[str, Any]) -> str:
    t = section(data["course"]["language"], "report")
    lines = [f"# {data['course']['title']}", "",
             f"**{t['total']}:** {data['total_minutes']} {t['minutes']} · {data['module_count']} {t['modules']} · "
             f"{data['question_count']} {t['questions']} · {data['objective_count']} {t['objectives']}"]
    for track in data["tracks"]:
        lines += ["", f"## {track['title']} ({track['minutes']} {t['minutes']})", "",
                  f"| {t['module']} | {t['duration']} | {t['level']} | {t['questions']} | {t['objectives']} |",
                  "|---|---:|---|---:|---:|"]
        for module in track["modules"]:
            title = _cell(module["title"] or "?")
            lines.append(f"| {title} (`{module['id']}`) | {module['duration'] or '?'} | {module['level'] or ''} | "
                         f"{sum(module['questions'].values())} | {len(module['objectives'])} |")
        lines += [""] + [f"- `{module['id']}`: " + " · ".join(module["objectives_md"])
                         for module in track["modules"] if module["objectives_md"]]
    lines += _call_table(data, t)
    lines += facts_markdown(data, t)
    lines += ["", f"## {t['by_type']}", "", "| type | n |", "|---|---:|"]
    lines += [f"| `{kind}` | {n} |" for kind, n in data["questions_by_type"].items()]
    lines += ["", f"## {t['problems']}", ""]
    lines += [f"- {_problem_line(problem).strip()}" for problem in data["problems"]] or [t["none"]]
    return "\n".join(lines)


def _call_table(data: dict[str, Any], t: dict[str, str]) -> list[str]:
    calls = [(module, call) for track in data["tracks"] for module in track["modules"] for call in module.get("calls", [])]
    if not calls:
        return []
    lines = ["", f"## {t['calls']}", "",
             f"| {t['calls']} | {t['module']} | {t['call_steps']} | {t['call_endings']} | {t['call_paths']} | "
             f"{t['call_best']} | {t['call_best_path']} |",
             "|---|---|---:|---:|---:|---:|---|"]
    for module, call in calls:
        path = " → ".join(_cell(choice["say"]) for choice in call["best_path"]) or t["call_none"]
        best = "–" if call["best"] is None else call["best"]
        lines.append(f"| {_cell(call['title'])} | `{module['id']}` | {call['steps']} | {call['endings']} | "
                     f"{call['paths']} | {best} | {path} |")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _problem_line(problem: dict[str, Any]) -> str:
    return f"  {problem['file']}:{problem['line']}:{problem['column']}: {problem['label']}: {problem['message']}"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


def render_report(content: Content, fmt: str) -> str:
    """Problems quote the files they are about: nothing in them may reach the terminal raw."""
    rendered = FORMATS[fmt](summarize(content))
    return rendered if fmt == "json" else printable(rendered)
