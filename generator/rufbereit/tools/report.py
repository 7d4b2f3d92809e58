"""`rufbereit report`: what the course holds, as text, Markdown or JSON.

Tracks and modules with their minutes, questions by type, objectives, the total time and
every problem `check` finds. Modules that have errors are left out of the numbers (their
content is not known) and listed with the problems.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..content.calls import analyse
from ..content.load import Content
from ..render.pages import section_keys
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
        "calls": _calls(module),
        "valid": True,
    }


def _calls(module) -> list[dict[str, Any]]:
    """Each practice call: its size, how many ways through it, and the best one."""
    calls = []
    for key, section in zip(section_keys(module), module.sections):
        if section.kind != "call":
            continue
        analysis = analyse(section)
        calls.append({
            "id": key,
            "title": section.title,
            "steps": len(section.steps),
            "endings": len(section.endings),
            "paths": analysis.paths,
            "best": analysis.best,
            "pass_points": section.pass_points,
            "best_path": [{"step": step, "say": section.steps[step].choices[index].say,
                           "points": section.steps[step].choices[index].points} for step, index in analysis.best_path],
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
            lines += _call_lines(module, t)
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
    lines += _call_table(data, t)
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
    return FORMATS[fmt](summarize(content))
