"""The learner record: what a reader's browser keeps of a course, as ONE model.

The site's script (docs/assets/rufbereit.js), `rufbereit results`, the import of a progress
file and the LMS packages all read the record through this model's JSON Schema
(docs/assets/record.schema.json, also in course.js as `recordSchema`). Reading never loses
what a reader did:
- a key nobody knows is kept as it is (a newer page may have written it);
- a value that breaks the schema is dropped alone, the rest of its module kept;
- a record of a newer version is kept as it is;
- a record of version 1 is migrated (`migrate`).

A new field: add it here (optional, with a default of None), run
`python -m rufbereit.content.record` to rewrite docs/assets/record.schema.json, and list it in
README "The learner record". Older pages keep it untouched, so no version bump is needed
unless the meaning of an existing field changes (then: a new version and a migration).
"""

from __future__ import annotations

import json
import re
from functools import cache
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .model import ChecklistSection, Module, MultipleQuestion, SingleQuestion, section_keys

VERSION = 2
SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "assets" / "record.schema.json"
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")]  # modules, sections, calls, items
QuestionKey = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=100)]
Count = Annotated[int, Field(ge=0)]
# A stored answer per question type: single `"o-…"` (the option's key), multiple a sorted list
# of option keys, true_false `"true"`/`"false"`, order `{position in the solution: chosen
# position}`, match `{row: chosen right-hand value}`, text the typed text.
AnswerValue = (
    Annotated[str, Field(max_length=2000)]
    | Annotated[list[Annotated[str, Field(max_length=20)]], Field(max_length=100)]
    | Annotated[dict[Annotated[str, Field(max_length=20)], Annotated[str, Field(max_length=20)]], Field(max_length=100)]
    | None
)

OptionKeys = Annotated[list[Annotated[str, Field(max_length=20)]], Field(max_length=20)]


class Open(BaseModel):
    # extra="allow": a key written by a newer page is kept, never deleted.
    model_config = ConfigDict(extra="allow", strict=True)


class Answer(Open):
    hash: Short = Field(description="The question's content_hash when it was answered: what decides correctness.")
    answer: AnswerValue = Field(description="The answer, in the form of its question type.")
    correct: bool
    confidence: Literal["sure", "unsure", "guess"] | SkipJsonSchema[None] = Field(
        None, description="Reserved: how sure the reader was (confidence rating).")
    # Choice questions (single, multiple): the question's option keys when it was answered, so
    # that a reworded option is recognised later (`resolve`).
    options: OptionKeys | SkipJsonSchema[None] = Field(
        None, description="Choice questions: every option's key, in source order, when it was answered.")
    right: OptionKeys | SkipJsonSchema[None] = Field(
        None, description="Choice questions: the keys of the options that were right when it was answered.")


class CallResult(Open):
    best: Annotated[int, Field(ge=-100000, le=100000)] | SkipJsonSchema[None] = Field(
        None, description="Points of the best run; negative when the run cost points.")
    passed: bool | SkipJsonSchema[None] = None
    ending: Short | SkipJsonSchema[None] = Field(None, description="Id of the ending that run reached.")


class ReviewCard(Open):
    """Spaced review (assets-src/site/review.mjs): one FSRS card per question (dates as ISO
    strings, noon UTC of the reader's day), and what its last answer was."""

    due: Short | SkipJsonSchema[None] = None
    stability: float | SkipJsonSchema[None] = None
    difficulty: float | SkipJsonSchema[None] = None
    elapsed_days: Count | SkipJsonSchema[None] = None
    scheduled_days: Count | SkipJsonSchema[None] = None
    reps: Count | SkipJsonSchema[None] = None
    lapses: Count | SkipJsonSchema[None] = None
    state: Annotated[int, Field(ge=0, le=3)] | SkipJsonSchema[None] = None
    last_review: Short | SkipJsonSchema[None] = None
    learning_steps: Count | SkipJsonSchema[None] = None
    hash: Short | SkipJsonSchema[None] = Field(
        None, description="The question's answer-key hash when it was scheduled; another hash starts anew.")
    correct: bool | SkipJsonSchema[None] = Field(None, description="Whether the last answer was right.")
    confidence: Literal["sure", "unsure", "guess"] | SkipJsonSchema[None] = Field(
        None, description="How sure the reader was at the last answer.")
    streak: Count | SkipJsonSchema[None] = Field(
        None, description="Right answers in a row: two, not guessed, make the question known for sure.")


class ModuleRecord(Open):
    questions: Annotated[dict[QuestionKey, Answer], Field(max_length=500)] | SkipJsonSchema[None] = Field(
        None, description="Checked answers by question id.")
    best: Annotated[float, Field(ge=0, le=100)] | SkipJsonSchema[None] = Field(
        None, description="Best self-check result in percent.")
    passed: bool | SkipJsonSchema[None] = Field(None, description="The self-check was passed once.")
    read: bool | SkipJsonSchema[None] = Field(None, description="Marked as read (a module without quiz and call).")
    date: Day | SkipJsonSchema[None] = Field(None, description="Last activity (local date).")
    passedDate: Day | SkipJsonSchema[None] = Field(None, description="When the module was passed (local date).")
    checklists: Annotated[dict[Key, Annotated[list[Key], Field(max_length=500)]], Field(max_length=200)] | SkipJsonSchema[
        None] = Field(None, description="Ticked item ids by section key.")
    notes: Annotated[dict[Key, Annotated[str, Field(max_length=20000)]], Field(max_length=200)] | SkipJsonSchema[
        None] = Field(None, description="Reflection notes by section key.")
    calls: Annotated[dict[Key, CallResult], Field(max_length=200)] | SkipJsonSchema[None] = Field(
        None, description="Practice-call results by call (section) key.")
    review: Annotated[dict[QuestionKey, ReviewCard], Field(max_length=500)] | SkipJsonSchema[None] = Field(
        None, description="Reserved: FSRS review cards by question id.")
    version: Short | SkipJsonSchema[None] = Field(
        None, description="Reserved: the module's content version when it was passed.")


class Record(Open):
    """A reader's progress in one course (localStorage key `rufbereit:v1:<course>`, and the
    progress file, which adds `format`, `exported` and `course_version`)."""

    course: Annotated[str, Field(min_length=1, max_length=100)]
    version: Annotated[int, Field(ge=1)] = Field(VERSION, description="Version of this record's layout (2); 1 is migrated.")
    name: Annotated[str, Field(max_length=200)] | SkipJsonSchema[None] = Field(
        None, description="The reader's name (certificate, file name of a progress file).")
    modules: Annotated[dict[Key, ModuleRecord], Field(max_length=1000)]
    format: Literal["rufbereit-progress"] | SkipJsonSchema[None] = None
    exported: Short | SkipJsonSchema[None] = None
    course_version: Short | SkipJsonSchema[None] = None


def schema() -> dict[str, Any]:
    """The model's JSON Schema, tidied for readers of the record: maps say what their keys and
    values must be (`propertyNames`, `additionalProperties`), no titles or `null` defaults.
    A fresh copy on each call, so that no caller can change another's."""
    return json.loads(_schema_json())


@cache
def _schema_json() -> str:
    """Pydantic builds the schema in milliseconds, on every run of `generate` (course.js ships it):
    built once per process."""
    out = _tidy(Record.model_json_schema())
    return json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "record.schema.json", **out},
                      ensure_ascii=False)


def _tidy(node: Any) -> Any:
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: _tidy(v) if k != "properties" else {name: _tidy(p) for name, p in v.items()} for k, v in node.items()
            if k != "title" and not (k == "default" and v is None)}
    if "patternProperties" in node:
        ((pattern, values),) = node.pop("patternProperties").items()
        node["propertyNames"], node["additionalProperties"] = {"pattern": pattern}, values
    return node


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- reading: the same walk as `salvage` in assets-src/site/record.mjs, over the same schema --------------


def salvage(node: dict, value: Any, defs: dict, where: str = "", dropped: list | None = None) -> tuple[bool, Any]:
    """(fits, value kept): a value that breaks `node` is dropped alone; unknown keys stay."""
    dropped = dropped if dropped is not None else []
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:
        # One of several forms (an answer): it must fit one of them whole.
        for branch in node["anyOf"]:
            inner: list[str] = []
            if salvage(branch, value, defs, where, inner)[0] and not inner:
                return True, value
        return _drop(where, dropped)
    kind = node.get("type")
    if kind == "object":
        return _object(node, value, defs, where, dropped)
    if kind == "array":
        if not isinstance(value, list) or len(value) > node.get("maxItems", len(value)):
            return _drop(where, dropped)
        items = [salvage(node["items"], item, defs, f"{where}/{i}", dropped) for i, item in enumerate(value)]
        return True, [kept for fits, kept in items if fits]
    return (True, value) if _scalar(node, value) else _drop(where, dropped)


def _drop(where: str, dropped: list) -> tuple[bool, Any]:
    dropped.append(where or "/")
    return False, None


def _object(node: dict, value: Any, defs: dict, where: str, dropped: list) -> tuple[bool, Any]:
    if not isinstance(value, dict) or len(value) > node.get("maxProperties", len(value)):
        return _drop(where, dropped)
    known, extra = node.get("properties", {}), node.get("additionalProperties", True)
    names = node.get("propertyNames", {})
    out = {}
    for key, item in value.items():
        if key == "__proto__":  # the browser would make it the object's prototype: dropped there, so here
            fits, kept = _drop(f"{where}/{key}", dropped)
        elif key in known:
            fits, kept = salvage(known[key], item, defs, f"{where}/{key}", dropped)
        elif isinstance(extra, dict):
            fits, kept = (salvage(extra, item, defs, f"{where}/{key}", dropped) if _scalar(names, key)
                          else _drop(f"{where}/{key}", dropped))
        else:
            fits, kept = True, item  # unknown: kept as it is
        if fits:
            out[key] = kept
    if any(key not in out for key in node.get("required", [])):
        return _drop(where, dropped)
    return True, out


def _scalar(node: dict, value: Any) -> bool:
    kind = node.get("type")
    checks: dict[str | None, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        # JSON has one kind of number: 4.0 is an integer to JavaScript, so here too.
        "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or isinstance(v, float) and v.is_integer()),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf"),
        "null": lambda v: v is None,
        None: lambda v: True,
    }
    if kind not in checks or not checks[kind](value):
        return False
    if "const" in node and value != node["const"]:
        return False
    if "enum" in node and value not in node["enum"]:
        return False
    if isinstance(value, str):
        if len(value) > node.get("maxLength", len(value)) or len(value) < node.get("minLength", 0):
            return False
        if "pattern" in node and not re.search(node["pattern"], value):
            return False
    if kind in ("integer", "number"):
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            return False
    return True


def read(raw: Any, course: str, catalogue: Catalogue | None = None) -> tuple[dict | None, list[str]]:
    """A stored or imported record as kept: None when it is not a record of this course."""
    if not isinstance(raw, dict) or raw.get("course") != course or not isinstance(raw.get("modules"), dict):
        return None, ["/"]
    version = raw.get("version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return raw, []  # a newer page wrote it: kept as it is
    if version == 1 or version is None:
        raw = migrate(raw, catalogue)
    full = schema()
    dropped: list[str] = []
    fits, kept = salvage(full, raw, full.get("$defs", {}), "", dropped)
    if fits and catalogue is not None:
        kept = {**kept, "modules": {m: catalogue.resolve(m, entry) for m, entry in kept["modules"].items()}}
    return (kept if fits else None), dropped


# --- choice answers across rewordings (content format v3, "Stable ids") -------------------


def choices(module: Module) -> dict[str, dict[str, Any]]:
    """What every reader needs of a module's choice questions to match a stored answer to them
    (course.js ships it as `modules[i].choices`): the hash, option keys in source order, and
    the keys of the right ones."""
    questions = module.quiz.questions if module.quiz else []
    return {q.question_id: choice(q) for q in questions if isinstance(q, (SingleQuestion, MultipleQuestion))}


def choice(question: SingleQuestion | MultipleQuestion) -> dict[str, Any]:
    keys = question.option_keys
    right = [key for key, option in zip(keys, question.options) if option.correct]
    return {"hash": question.content_hash, "options": keys, "right": right}


def resolve(current: dict[str, Any], stored: Any) -> Any:
    """A stored answer to a choice question, matched to the question as it is now: rewording,
    reordering or adding options keeps it (its keys become today's); when the right answer
    changed it is returned as it was, and its old hash marks the question as updated.
    The same algorithm as `resolve` in assets-src/site/record.mjs."""
    chosen = _keys(stored.get("answer") if isinstance(stored, dict) else None, single=True)
    if not chosen:
        return stored
    now, right = current["options"], current["right"]
    if stored.get("hash") == current["hash"] and all(key in now for key in chosen):
        return {**stored, "options": now, "right": right}
    mapping = _match(stored, chosen, now, right)
    if mapping is None:
        return stored
    answer = [mapping[key] for key in chosen]
    single = isinstance(stored["answer"], str)
    # The reading of the answer must stay what it was: right stays right, wrong stays wrong.
    if stored.get("correct") is not (answer[0] in right if single else sorted(answer) == sorted(right)):
        return stored
    value = answer[0] if single else sorted(answer)
    return {**stored, "hash": current["hash"], "answer": value, "options": now, "right": right}


def _keys(value: Any, single: bool = False) -> list[str] | None:
    if single and isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) and all(isinstance(k, str) for k in value) else None


def _match(stored: dict, chosen: list[str], now: list[str], right: list[str]) -> dict[str, str] | None:
    """Old option key → current key, or None when the right answers cannot be paired one to
    one. A key that still exists keeps its option (and must keep its correctness); the options
    that are gone are paired, in source order, with the new ones of the same correctness."""
    old, was = _keys(stored.get("options")), _keys(stored.get("right"))
    if old is None or was is None or not set(was) <= set(old) or not set(chosen) <= set(old):
        return None
    mapping = {key: key for key in old if key in now}
    if any((key in was) != (key in right) for key in mapping):
        return None   # an option that stayed changed its correctness
    lost_right = [key for key in old if key in was and key not in now]
    new_right = [key for key in right if key not in old]
    if len(lost_right) != len(new_right):
        return None
    lost_wrong = [key for key in old if key not in was and key not in now]
    new_wrong = [key for key in now if key not in right and key not in old]
    mapping.update(zip(lost_right, new_right))
    mapping.update(zip(lost_wrong, new_wrong))
    return mapping if all(key in mapping for key in chosen) else None


# --- version 1 → 2 ----------------------------------------------------------------------


class Catalogue:
    """What a migration needs of the current course: checklist item ids by position, option
    keys by position, and each question's hash of record version 1."""

    def __init__(self, modules: dict[str, Module]):
        self.items: dict[tuple[str, str], list[str]] = {}
        self.questions: dict[tuple[str, str], Any] = {}
        self.choices: dict[tuple[str, str], dict[str, Any]] = {}
        for module_id, module in modules.items():
            for key, section in zip(section_keys(module), module.sections):
                if isinstance(section, ChecklistSection):
                    self.items[module_id, key] = [item_id for item_id, _ in section.entries]
            for question in module.quiz.questions if module.quiz else []:
                self.questions[module_id, question.question_id] = question
            self.choices.update({(module_id, qid): info for qid, info in choices(module).items()})

    def resolve(self, module_id: str, stored: Any) -> Any:
        """A module's record with every choice answer matched to today's question (`resolve`);
        the review card of an answer that moved to today's keys follows its hash."""
        questions = stored.get("questions") if isinstance(stored, dict) else None
        if not isinstance(questions, dict):
            return stored
        review = stored.get("review") if isinstance(stored.get("review"), dict) else {}
        out, cards = {}, dict(review)
        for qid, answer in questions.items():
            current = self.choices.get((module_id, qid))
            out[qid] = resolve(current, answer) if current else answer
            card = cards.get(qid)
            if isinstance(card, dict) and out[qid] is not answer and card.get("hash") == answer.get("hash"):
                cards[qid] = {**card, "hash": out[qid]["hash"]}
        return {**stored, "questions": out, **({"review": cards} if "review" in stored else {})}

    def ticks(self, module: str, section: str, ticks: Any) -> Any:
        ids = self.items.get((module, section))
        if not isinstance(ticks, list) or ids is None:
            return ticks
        return [ids[int(t)] for t in ticks if isinstance(t, str) and re.fullmatch(r"[0-9]+", t) and int(t) < len(ids)]

    def answer(self, module: str, qid: str, stored: Any) -> Any:
        """An answer to the unchanged question of version 1, with option positions turned into
        option keys and the new hash; anything else as it was (its hash then marks it old)."""
        question = self.questions.get((module, qid))
        if question is None or not isinstance(stored, dict) or stored.get("hash") != question.legacy_hash:
            return stored
        answer: Any = stored.get("answer")
        if question.type in ("single", "multiple"):
            keys = question.option_keys
            try:
                picked = [keys[int(i)] for i in ([answer] if question.type == "single" else answer)]
            except (ValueError, TypeError, IndexError):
                return stored
            answer = picked[0] if question.type == "single" else sorted(picked)
        return {**stored, "hash": question.content_hash, "answer": answer}


def migrate(raw: dict, catalogue: Catalogue | None) -> dict:
    """Version 1 → 2: ticks by item id instead of position (the same as `migrate` in
    rufbereit.js). Answers are migrated where their question is at hand (`Catalogue.answer`,
    the module page), since only there is a question's version-1 hash known. Without a
    catalogue (no course at hand) ticks stay as they were."""
    out = {**raw, "version": VERSION}
    if catalogue is None:
        return out
    modules = {}
    for module_id, module in raw["modules"].items():
        if isinstance(module, dict):
            module = dict(module)
            if isinstance(module.get("checklists"), dict):
                module["checklists"] = {k: catalogue.ticks(module_id, k, v) for k, v in module["checklists"].items()}
        modules[module_id] = module
    out["modules"] = modules
    return out


# --- the pass rule ----------------------------------------------------------------------


def pass_rule(module: Module) -> list[dict[str, Any]]:
    """What passing `module` requires, as data (course.js ships it as `modules[i].requires`):
    each requirement is a path into the module's record that must hold `true`. The quiz
    passed if there is one, every call passed if there are any, else marked as read."""
    calls = [key for key, section in zip(section_keys(module), module.sections) if section.kind == "call"]
    rule: list[dict[str, Any]] = []
    if module.quiz:
        rule.append({"what": "quiz", "path": ["passed"]})
    rule += [{"what": "call", "call": key, "path": ["calls", key, "passed"]} for key in calls]
    return rule or [{"what": "read", "path": ["read"]}]


def missing(rule: list[dict[str, Any]], stored: Any) -> list[dict[str, Any]]:
    """The requirements of `rule` a module's record does not meet; passed when empty."""
    def holds(path: list[str]) -> bool:
        node = stored
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        return node is True
    return [need for need in rule if not holds(need["path"])]


def passed(rule: list[dict[str, Any]], stored: Any) -> bool:
    return isinstance(stored, dict) and not missing(rule, stored)


if __name__ == "__main__":  # python -m rufbereit.content.record: rewrite the committed schema
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(SCHEMA_FILE)
