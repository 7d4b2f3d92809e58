"""`rufbereit results FILE…`: readers' progress exports of one course merged into a report for
a team without an LMS (text, Markdown, JSON, or an HTML page without script).

Every file is untrusted: it is read with a size limit, checked field by field, and a file
that is not an export of this course is reported and left out whole. An answer given to an
older version of a question (its content hash differs) is reported and not counted."""

from __future__ import annotations

import html
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..content import record
from ..content.markup import LinkTargets, MarkdownRenderer, plain_text
from ..content.tree import Content
from ..render.pages import SiteRenderer
from ..texts import section, text
from .terminal import printable

# A reader's export of even a long course is a few hundred KB; a bigger file is refused unread.
MAX_BYTES = 1024 * 1024
MAX_TEXT_ANSWER = 500  # characters; the text question's field takes far fewer
TOP_WRONG = 10
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Rejected(Exception):
    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def clean(value: object, limit: int = 200) -> str:
    """Any value from a file as one short line of plain text (no control or bidi characters)."""
    return _CONTROL.sub(" ", str(value))[:limit]


@dataclass
class Person:
    name: str
    file: str
    modules: dict  # module id -> checked entry


@dataclass
class Merged:
    people: list[Person] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files and answers left out, as messages


def read_export(path: Path, course_id: str, catalogue: record.Catalogue | None = None) -> tuple[dict, list[str]]:
    """The file's record as the site would keep it (content/record.py), with the paths of the
    values left out as damaged."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Rejected("skip_large", mb=MAX_BYTES // (1024 * 1024))
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Rejected("skip_unreadable", reason=clean(error.__class__.__name__)) from None
    if not isinstance(data, dict) or data.get("format") != "rufbereit-progress":
        raise Rejected("skip_format")
    if data.get("course") != course_id:
        raise Rejected("skip_course", found=clean(data.get("course"), 80), course=course_id)
    kept, dropped = record.read(data, course_id, catalogue)
    if kept is None:
        raise Rejected("skip_shape", where="modules")
    return kept, dropped


class Course:
    """What the report needs of the course: modules, questions by id, answer texts."""

    def __init__(self, content: Content):
        renderer = SiteRenderer(content)
        self.id = renderer.course.course_id
        self.title = renderer.course.title
        self.language = renderer.course.language
        self.version = renderer.content_version()
        self.entries = renderer.entries
        self.site = section(self.language, "site")
        markdown = MarkdownRenderer(memo={})
        targets = LinkTargets(frozenset(content.modules), content.media, "")
        self.plain = lambda value: plain_text(markdown.render(value, targets, inline=True).html)
        self.questions = {
            (e.id, q.question_id): q for e in self.entries if e.module.quiz for q in e.module.quiz.questions
        }
        self.catalogue = record.Catalogue({e.id: e.module for e in self.entries})
        self.rules = {e.id: record.pass_rule(e.module) for e in self.entries}

    def calls(self, entry) -> list[str]:
        """The module's practice calls by key, as the pass rule names them."""
        return [need["call"] for need in self.rules[entry.id] if need["what"] == "call"]

    def passed(self, entry, stored: dict) -> bool:
        return record.passed(self.rules[entry.id], stored)

    def answer_text(self, q, answer) -> str:
        """A stored answer as the reader saw it; anything unexpected is shown as plain text."""
        try:
            if q.type in ("single", "multiple"):
                chosen = [answer] if q.type == "single" else list(answer)
                return " + ".join(self.plain(q.options[q.option_keys.index(k)].text) for k in chosen)
            if q.type == "true_false" and answer in ("true", "false"):
                return self.site[answer]
            if q.type == "order":
                return ", ".join(f"{self.plain(q.items[int(k) - 1])} → {clean(v, 3)}" for k, v in sorted(answer.items()))
            if q.type == "match":
                return ", ".join(f"{self.plain(q.pairs[int(k)].left)} → {self.plain(q.pairs[int(v)].right)}"
                                 for k, v in sorted(answer.items()) if v != "")
        except (ValueError, TypeError, IndexError, AttributeError, KeyError):
            pass
        return clean(answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False), 120)


def _index(value: object, count: int, first: int = 0) -> bool:
    """An option's position as the reader's script stores it (a number or its digits)."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 4:
        value = int(value)
    return isinstance(value, int) and not isinstance(value, bool) and first <= value < first + count


def valid_answer(q, answer: object) -> bool:
    """Whether a stored answer has the shape and size its question's type allows: checked
    before the answer is used, so that work and output stay proportional to the course (a
    string given to a `multiple` question would otherwise make each character an option)."""
    if answer is None:
        return True
    if q.type == "single":
        return isinstance(answer, str) and answer in q.option_keys
    if q.type == "multiple":
        return (isinstance(answer, list) and len(answer) <= len(q.options)
                and all(isinstance(item, str) and item in q.option_keys for item in answer))
    if q.type == "true_false":
        return answer in ("true", "false")
    if q.type in ("order", "match"):
        count = len(q.items) if q.type == "order" else len(q.pairs)
        keys_from = 1 if q.type == "order" else 0
        return (isinstance(answer, dict) and len(answer) <= count
                and all(_index(key, count, keys_from) and (value == "" or _index(value, count, keys_from))
                        for key, value in answer.items()))
    return isinstance(answer, str) and len(answer) <= MAX_TEXT_ANSWER


def merge(course: Course, files: list[Path]) -> Merged:
    merged = Merged()
    known = {e.id for e in course.entries}
    lang = course.language
    for path in files:
        name = clean(path.name, 120)
        try:
            data, dropped = read_export(path, course.id, course.catalogue)
        except Rejected as rejected:
            merged.notes.append(text(lang, f"results.{rejected.key}", file=name, **rejected.params))
            continue
        if dropped:
            merged.notes.append(text(lang, "results.damaged", file=name, count=len(dropped)))
        modules, old, invalid = {}, 0, 0
        for module_id, stored in data["modules"].items():
            if module_id not in known:
                merged.notes.append(text(lang, "results.unknown_module", file=name, module=clean(module_id, 80)))
                continue
            if not isinstance(stored, dict):
                continue
            questions = stored.get("questions") if isinstance(stored.get("questions"), dict) else {}
            kept = {}
            for qid, entry in questions.items():
                entry = course.catalogue.answer(module_id, qid, entry)   # of record version 1
                q = course.questions.get((module_id, qid))
                if q is None or not isinstance(entry, dict) or entry.get("hash") != q.content_hash:
                    old += 1
                    continue
                if not valid_answer(q, entry.get("answer")):
                    invalid += 1
                    continue
                kept[qid] = entry
            modules[module_id] = {**stored, "questions": kept}
        if old:
            merged.notes.append(text(lang, "results.old_question", file=name, count=old))
        if invalid:
            merged.notes.append(text(lang, "results.invalid_answer", file=name, count=invalid))
        person = data.get("name")
        label = clean(person, 80).strip() if isinstance(person, str) and person.strip() else text(
            lang, "results.unnamed", file=name)
        merged.people.append(Person(label, name, modules))
    return merged


# --- spaced review (assets-src/site/review.mjs keeps the schedules) ----------------


def _schedules(course: Course, entry, stored: dict | None) -> dict[str, dict]:
    """A person's review schedules of one module that still belong to the current questions."""
    review = stored.get("review") if stored and isinstance(stored.get("review"), dict) else {}
    current = {q.question_id: q.content_hash for q in entry.module.quiz.questions} if entry.module.quiz else {}
    return {qid: s for qid, s in review.items()
            if isinstance(s, dict) and qid in current and s.get("hash") == current[qid]
            and isinstance(s.get("due"), str) and re.match(r"\d{4}-\d{2}-\d{2}T", s["due"])}


def _known(schedule: dict) -> bool:
    """"Sicher gewusst", as the review page counts it: right twice in a row, not guessed."""
    streak = schedule.get("streak")
    return isinstance(streak, int) and streak >= 2 and schedule.get("confidence") != "guess"


def _sure_wrong(answer: object) -> bool:
    return isinstance(answer, dict) and answer.get("confidence") == "sure" and answer.get("correct") is False


def reviews(course: Course, people: list[Person], today: date) -> dict:
    """Per module the share of questions known for sure, per person the reviews due (and overdue,
    i.e. due before today), and the questions answered wrong although the reader was sure."""
    day = today.isoformat()
    known: list[dict[str, Any]] = []
    due = {p.name: [0, 0] for p in people}
    sure_wrong: Counter[tuple[str, str]] = Counter()
    for entry in course.entries:
        if not entry.module.quiz:
            continue
        count = len(entry.module.quiz.questions)
        sure = 0
        for person in people:
            stored = person.modules.get(entry.id)
            schedules = _schedules(course, entry, stored)
            sure += sum(map(_known, schedules.values()))
            for schedule in schedules.values():
                due[person.name][0] += schedule["due"][:10] <= day
                due[person.name][1] += schedule["due"][:10] < day
            answers = stored.get("questions", {}) if stored else {}
            for q in entry.module.quiz.questions:
                if _sure_wrong(answers.get(q.question_id)) or _sure_wrong(schedules.get(q.question_id)):
                    sure_wrong[entry.id, course.plain(q.prompt)] += 1
        total = count * len(people)
        known.append({"id": entry.id, "title": entry.module.title, "known": sure, "questions": total,
                      "percent": round(100 * sure / total) if total else 0})
    return {
        "today": day, "known": known,
        "due": [{"name": name, "due": d, "overdue": o} for name, (d, o) in due.items()],
        "sure_wrong": [{"module": m, "question": q, "people": n}
                       for (m, q), n in sorted(sure_wrong.items(), key=lambda item: (-item[1], item[0]))][:TOP_WRONG],
    }


def summarise(course: Course, merged: Merged, files: int, today: date | None = None) -> dict:
    """The report as plain data: every value a string or a number, nothing from a file unchecked."""
    people = merged.people
    wrong: list[dict[str, Any]]
    endings: Counter[tuple[str, str, str]]
    modules, wrong, endings = [], [], Counter()
    for entry in course.entries:
        stored = [p.modules.get(entry.id) for p in people]
        bests = [s["best"] for s in stored if s and isinstance(s.get("best"), (int, float)) and 0 <= s["best"] <= 100]
        passed = sum(1 for s in stored if s and course.passed(entry, s))
        modules.append({"id": entry.id, "title": entry.module.title, "people": len(people), "passed": passed,
                        "pass_rate": round(100 * passed / len(people)) if people else 0,
                        "median_best": statistics.median(bests) if bests else None})
        for call_id in course.calls(entry):
            for s in stored:
                made = s.get("calls") if s and isinstance(s.get("calls"), dict) else {}
                if isinstance(made.get(call_id), dict) and made[call_id].get("ending") is not None:
                    endings[entry.id, call_id, clean(made[call_id]["ending"], 80)] += 1
        if entry.module.quiz:
            for q in entry.module.quiz.questions:
                answers = [s["questions"][q.question_id] for s in stored if s and q.question_id in s["questions"]]
                bad = [a for a in answers if a.get("correct") is not True]
                if bad:
                    chosen = Counter(course.answer_text(q, a.get("answer")) for a in bad)
                    wrong.append({"module": entry.id, "question": course.plain(q.prompt), "wrong": len(bad),
                                  "answered": len(answers), "answers": [[t, n] for t, n in chosen.most_common(5)]})
    wrong.sort(key=lambda w: (-w["wrong"], w["module"]))
    return {
        "course": course.id, "title": course.title, "version": course.version, "files": files,
        "modules": modules, "wrong": wrong[:TOP_WRONG],
        "calls": [{"module": m, "call": c, "ending": e, "count": n} for (m, c, e), n in sorted(endings.items())],
        "people": [{"name": p.name, "passed": [e.id for e in course.entries if p.modules.get(e.id)
                                               and course.passed(e, p.modules[e.id])]} for p in people],
        "skipped": merged.notes,
        "review": reviews(course, people, today or date.today()),
    }


# --- output -------------------------------------------------------------------------------


def tables(report: dict, t: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    percent = lambda v: "–" if v is None else f"{v:g} %"  # noqa: E731
    return [
        (t["modules"], [t["module"], t["attempts"], t["pass_rate"], t["median"]],
         [[m["title"], str(m["people"]), f"{m['passed']} ({m['pass_rate']} %)", percent(m["median_best"])]
          for m in report["modules"]]),
        (t["wrong"], [t["module"], t["question"], t["wrong_count"], t["wrong_answers"]],
         [[w["module"], w["question"], f"{w['wrong']}/{w['answered']}", "; ".join(f"{a} ({n}×)" for a, n in w["answers"])]
          for w in report["wrong"]]),
        (t["calls"], [t["module"], t["call"], t["ending"], t["count"]],
         [[c["module"], c["call"], c["ending"], str(c["count"])] for c in report["calls"]]),
        (t["people"], [t["person"], t["passed_modules"]],
         [[p["name"], ", ".join(p["passed"]) or t["none"]] for p in report["people"]]),
        (t["known"], [t["module"], t["known_count"]],
         [[k["title"], f"{k['known']}/{k['questions']} ({k['percent']} %)"] for k in report["review"]["known"]]),
        (t["reviews"].format(date=report["review"]["today"]), [t["person"], t["due"], t["overdue"]],
         [[d["name"], str(d["due"]), str(d["overdue"])] for d in report["review"]["due"]]),
        (t["confident_errors"], [t["module"], t["question"], t["confident_count"]],
         [[w["module"], w["question"], str(w["people"])] for w in report["review"]["sure_wrong"]]),
    ]


def heading(report: dict, t: dict) -> tuple[str, str]:
    people = len(report["people"])
    return (t["title"].format(course=report["title"]),
            t["summary"].format(people=people, files=report["files"], version=report["version"]))


def as_text(report: dict, t: dict) -> str:
    title, summary = heading(report, t)
    lines = [title, summary, ""]
    for name, head, rows in tables(report, t):
        lines += [name, "-" * len(name), " | ".join(head)] + [" | ".join(row) for row in rows] + [""]
    if report["skipped"]:
        lines += [t["skipped"]] + [f"- {note}" for note in report["skipped"]]
    return "\n".join(lines).rstrip() + "\n"


def md_cell(value: str) -> str:
    """A table cell that Markdown shows as the text it is: HTML and Markdown syntax escaped."""
    value = re.sub(r"([\\`*_\[\]#!~])", r"\\\1", html.escape(value, quote=False))
    return value.replace("|", "\\|")


def as_markdown(report: dict, t: dict) -> str:
    title, summary = heading(report, t)
    lines = [f"# {md_cell(title)}", "", md_cell(summary), ""]
    for name, head, rows in tables(report, t):
        lines += [f"## {md_cell(name)}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows] + [""]
    if report["skipped"]:
        lines += [f"## {md_cell(t['skipped'])}", ""] + [f"- {md_cell(note)}" for note in report["skipped"]]
    return "\n".join(lines).rstrip() + "\n"


def as_html(report: dict, t: dict, language: str) -> str:
    """One page, no script, no external resource; every value escaped."""
    e = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    title, summary = heading(report, t)
    parts = [f'<!doctype html>\n<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
             f"<title>{e(title)}</title>\n<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;"
             "padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;"
             f"text-align:left;vertical-align:top}}</style>\n</head>\n<body>\n<h1>{e(title)}</h1>\n<p>{e(summary)}</p>\n"]
    for name, head, rows in tables(report, t):
        parts.append(f"<h2>{e(name)}</h2>\n<table>\n<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head)
                     + "</tr></thead>\n<tbody>\n")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>\n" for row in rows]
        parts.append("</tbody>\n</table>\n")
    if report["skipped"]:
        parts.append(f"<h2>{e(t['skipped'])}</h2>\n<ul>\n" + "".join(f"<li>{e(n)}</li>\n" for n in report["skipped"]) + "</ul>\n")
    return "".join(parts) + "</body>\n</html>\n"


def render(report: dict, fmt: str, language: str) -> str:
    t = section(language, "results")
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt == "markdown":
        return printable(as_markdown(report, t))
    if fmt == "html":
        return as_html(report, t, language)
    return printable(as_text(report, t))


def run_results(content: Content, files: list[Path], fmt: str, out: Path | None, today: date | None = None) -> int:
    course = Course(content)
    merged = merge(course, files)
    report = summarise(course, merged, len(files), today)
    for note in merged.notes:
        print(printable(note), file=sys.stderr)
    if not merged.people:
        print(text(course.language, "results.nothing"), file=sys.stderr)
        return 1
    output = render(report, fmt, course.language)
    if out:
        out.write_text(output, encoding="utf-8")
        print(text(course.language, "results.written", path=out))
    else:
        sys.stdout.write(output)
    return 0
