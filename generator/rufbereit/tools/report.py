"""`rufbereit report`: what the course holds, as text, Markdown or JSON.

Tracks and modules with their minutes, questions by type, objectives, the total time and
every problem `check` finds. Modules that have errors are left out of the numbers (their
content is not known) and listed with the problems.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..content.load import Content
from ..texts import section
from ..content.model import QUESTION_TYPES

def summarize(content: Content) -> dict[str, Any]:
    """The report as plain data (the JSON format prints exactly this)."""
    course = content.course.model if content.course else None
    tracks = []
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
            "id": course.course_id if course else None,
            "title": course.title if course else None,
            "language": content.language,
            "pass_mark": course.pass_mark if course else None,
        },
        "total_minutes": sum(track["minutes"] for track in tracks),
        "module_count": len(all_modules),
        "objective_count": sum(len(module["objectives"]) for module in all_modules),
        "questions_by_type": {kind: by_type[kind] for kind in QUESTION_TYPES},
        "question_count": sum(by_type.values()),
        "tracks": tracks,
        "errors": len(content.errors),
        "warnings": len(content.problems) - len(content.errors),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
             "label": section(content.language, "severity")[p.severity],
             "message": p.message(content.language)}
            for p in sorted(set(content.problems), key=lambda problem: problem.sort_key)
        ],
    }


def _module(content: Content, module_id: str) -> dict[str, Any]:
    source = content.modules.get(module_id)
    if source is None:  # missing or broken: listed, with the problems below
        return {"id": module_id, "title": None, "duration": None, "level": None, "objectives": [],
                "questions": {}, "valid": False}
    module = source.model
    questions = Counter(question.type for question in module.quiz.questions) if module.quiz else Counter()
    return {
        "id": module_id,
        "title": module.title,
        "duration": module.duration,
        "level": module.level,
        "objectives": list(module.objectives),
        "questions": dict(questions),
        "valid": True,
    }


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


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
    lines += ["", f"## {t['by_type']}", "", "| type | n |", "|---|---:|"]
    lines += [f"| `{kind}` | {n} |" for kind, n in data["questions_by_type"].items()]
    lines += ["", f"## {t['problems']}", ""]
    lines += [f"- {_problem_line(problem).strip()}" for problem in data["problems"]] or [t["none"]]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _problem_line(problem: dict[str, Any]) -> str:
    return f"  {problem['file']}:{problem['line']}:{problem['column']}: {problem['label']}: {problem['message']}"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


def render_report(content: Content, fmt: str) -> str:
    return FORMATS[fmt](summarize(content))
