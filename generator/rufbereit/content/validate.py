"""Validate one file's data against its model and word pydantic's errors for trainers."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import CALL_ID_PATTERN, ID_PATTERN, QUESTION_TYPES, SECTION_KINDS, UNION_TAGS, slugify
from .problems import Problem
from .yamlread import Path, YamlDocument

M = typing.TypeVar("M", bound=BaseModel)


def validate(model: type[M], document: YamlDocument, file: str) -> tuple[M | None, list[Problem]]:
    try:
        # Validating a dict (not JSON): pydantic never echoes a huge input in our messages.
        return model.model_validate(document.data), []
    except ValidationError as error:
        items = _kind_in_german(document.data, _shadowing_typos(error.errors(include_url=False)))
        colons, items = _colon_items(document, file, items)
        return None, colons + [_problem(model, document, file, item) for item in items]


def did_you_mean(word: object, choices: typing.Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# German words trainers write for keys: each word with the keys it may stand for, the first
# one allowed at that place wins (`punkte` is `points` in a call, `items` in a checklist).
GERMAN_KEYS: dict[str, tuple[str, ...]] = {
    "titel": ("title",), "ueberschrift": ("title",), "zusammenfassung": ("summary",), "kurzbeschreibung": ("summary",),
    "beschreibung": ("description", "summary"), "dauer": ("duration",), "minuten": ("duration",), "zeit": ("duration",),
    "stufe": ("level",), "niveau": ("level",), "schwierigkeit": ("level",), "voraussetzungen": ("requires",),
    "voraussetzung": ("requires",), "lernziele": ("objectives",), "ziele": ("objectives",), "abschnitte": ("sections",),
    "kernaussagen": ("key_points",), "das_wichtigste": ("key_points",), "wichtigstes": ("key_points",),
    "merksaetze": ("key_points",), "selbstcheck": ("quiz",), "test": ("quiz",), "entwurf": ("draft",),
    "geprueft": ("reviewed",), "ueberprueft": ("reviewed",), "datum": ("on",), "am": ("on",), "von": ("by",),
    "notizen": ("trainer_notes",), "trainernotizen": ("trainer_notes",), "art": ("kind", "type"), "typ": ("type", "kind"),
    "inhalt": ("body",), "einleitung": ("intro",), "punkte": ("points", "items"), "eintraege": ("items",),
    "liste": ("items",), "sprecher": ("speaker",), "zeilen": ("lines",), "nachbesprechung": ("debrief",),
    "auswertung": ("debrief",), "person": ("persona",), "mischen": ("shuffle",), "bestehen": ("pass_points", "pass_mark"),
    "bestehensgrenze": ("pass_points", "pass_mark"), "anfang": ("start",), "schritte": ("steps",), "enden": ("endings",),
    "ende": ("endings",), "ausgaenge": ("endings",), "kunde": ("client",), "kundin": ("client",), "auswahl": ("choices",),
    "wahl": ("choices",), "antworten": ("choices", "options"), "antwort": ("say", "text", "answer"), "sagen": ("say",),
    "weiter": ("next",), "naechster": ("next",), "danach": ("next",), "ergebnis": ("outcome",), "ausgang": ("outcome",),
    "rueckmeldung": ("feedback",), "erklaerung": ("explanation",), "begruendung": ("explanation",), "frage": ("prompt",),
    "fragen": ("questions",), "optionen": ("options",), "moeglichkeiten": ("options",), "richtig": ("correct", "answer"),
    "korrekt": ("correct",), "stimmt": ("answer",), "wahr": ("answer",), "loesung": ("answer", "accept"),
    "reihenfolge": ("items",), "paare": ("pairs",), "links": ("left",), "rechts": ("right",),
    "akzeptiert": ("accept",), "loesungen": ("accept",), "sprache": ("language",), "willkommen": ("welcome",),
    "begruessung": ("welcome",), "lernpfad": ("tracks",), "module": ("modules",), "bestehensquote": ("pass_mark",),
    "wiederholen": ("review_every",), "begriffe": ("terms",), "begriff": ("term",), "erklaerung_begriff": ("definition",),
    "synonyme": ("aliases",), "kennung": ("id",), "text": ("body", "text"),
}


def _german(word: object) -> str:
    folded = str(word).strip().casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "_"), ("-", "_")):
        folded = folded.replace(umlaut, spelled)
    return folded


def key_hint(word: object, allowed: typing.Iterable[str]) -> str | None:
    """The key a trainer meant: the German word for it, or a close spelling."""
    allowed = list(allowed)
    for candidate in GERMAN_KEYS.get(_german(word), ()):
        if candidate in allowed:
            return candidate
    return did_you_mean(word, allowed)


def _data_path(data: Any, loc: tuple, missing: bool = False) -> Path:
    """pydantic's location minus the union tags it inserts (`sections.0.callout.body`)."""
    path: list[str | int] = []
    for number, part in enumerate(loc):
        if isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, dict) and part not in data and part in _TAGS and not (missing and number == len(loc) - 1):
            continue  # but the last part of a `missing` error is the field: `text` of an option
        else:
            path.append(part)
            data = None
            continue
        path.append(part)
    return tuple(path)


_TAGS = UNION_TAGS  # the tags pydantic inserts into locations (`callout`, `single`, …)


def _problem(model: type[BaseModel], document: YamlDocument, file: str, item: ErrorDetails) -> Problem:
    path = _data_path(document.data, item["loc"], item["type"] == "missing")
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    at = document.mark

    if kind == "missing":
        if len(path) > 1 and isinstance(path[-2], int):  # `- correct: true` without its `text`
            return Problem.error(file, at(path[:-1]), "missing_in_item", field=path[-1])
        return Problem.error(file, at(path[:-1]), "missing", field=path[-1])
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, item["loc"][:-1])
        hint = key_hint(path[-1], allowed)
        if hint:
            return _unknown_key(document, file, path, hint)
        return Problem.error(file, at(path), "unknown_key_nohint", key=path[-1], choices=_listing(allowed))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _tag_problem(document, file, path, item, value)
    if kind in ("single_one_correct", "multiple_needs_correct"):
        return Problem.error(file, at((*path, "options")), kind, **ctx)

    value_at = document.values.get(path) or at(path)
    if isinstance(value, (list, dict)) and kind == "string_type":
        from .slips import block_without_pipe  # `body:` whose text YAML read as keys or a list

        found = block_without_pipe(file, document.text.split("\n"), value_at.line)
        if found:
            return found
    if value is None and kind.endswith("_type"):
        return Problem.error(file, value_at, "no_value")
    if isinstance(value, (list, dict)) and kind in ("bool_type", "literal_error", "int_type", "string_type"):
        return Problem.error(file, value_at, "expected_one_value", value=value)
    simple = {
        "string_type": ("expected_text", {}),
        "int_type": ("expected_int", {}),
        "list_type": ("expected_list", {}),
        "model_type": ("expected_mapping", {}),
        "dict_type": ("expected_mapping", {}),
        "model_attributes_type": ("expected_mapping", {}),
        "bool_type": ("expected_bool", {"value": value}),
        "greater_than_equal": ("too_small", {"limit": ctx.get("ge")}),
        "less_than_equal": ("too_large", {"limit": ctx.get("le")}),
    }
    if kind in ("too_short", "too_long"):
        return _length_problem(file, at(path), path, kind, value, ctx)
    if kind == "list_type" and isinstance(value, str) and value.startswith("-") and value[1:2] not in (" ", "-"):
        # `-Ausrede` under a list key: no list item without the space after the dash.
        return Problem.error(file, value_at, "yaml_space_after_dash", fixed=f"- {value[1:]}")
    if kind == "list_type" and isinstance(value, str):
        return _list_from_text(document, file, path, value)
    if kind in simple:
        code, params = simple[kind]
        return Problem.error(file, value_at, code, **params)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == CALL_ID_PATTERN:
            return Problem.error(file, value_at, "call_bad_id", value=value)
        if ctx.get("pattern") != ID_PATTERN:
            return Problem.error(file, value_at, "blank", value=value)
        hint = id_hint(value)
        if hint:
            return Problem.error(file, value_at, "bad_id_hint", value=value, hint=hint)
        return Problem.error(file, value_at, "bad_id", value=value)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _choice_problem(file, value_at, value, choices, document)
    return Problem.error(file, value_at, "invalid", detail=item.get("msg", kind))


def _unknown_key(document: YamlDocument, file: str, path: Path, hint: str) -> Problem:
    """`schritte:` where `steps:` belongs: the hint and the trainer's line with the key
    replaced (for `typ: einfach` also the value: `type: single`)."""
    mark = document.mark(path)
    line = document.text.split("\n")[mark.line - 1] if mark.line <= document.text.count("\n") + 1 else ""
    key = str(path[-1])
    if line[mark.column - 1 :].startswith(key + ":"):
        value = line[mark.column + len(key) :].strip()
        choices = {"type": list(QUESTION_TYPES), "kind": list(SECTION_KINDS)}.get(hint)
        better = choice_hint(value, choices) if choices and value and value not in choices else None
        fixed = (line[: mark.column - 1] + hint + ":" + (f" {better}" if better else line[mark.column + len(key) :])).strip()
        return Problem.error(file, mark, "unknown_key_fix", key=key, hint=hint, fixed=fixed)
    return Problem.error(file, mark, "unknown_key", key=key, hint=hint)


def _colon_items(document: YamlDocument, file: str, items: list[ErrorDetails]) -> tuple[list[Problem], list[ErrorDetails]]:
    """`- Wichtig: Notizen lesen`: a list item read as a key and its value because of the
    colon in the text. One message per such item (with the line in quotes), instead of the
    missing and unknown keys it causes."""
    from .slips import quoted

    found: dict[Path, Problem] = {}
    rest = []
    for item in items:
        path = _data_path(document.data, item["loc"], item["type"] == "missing")
        where = next((path[:end] for end in range(len(path), 0, -1) if _colon_item(document, path[:end])), None)
        if where is None:
            rest.append(item)
            continue
        if where not in found:
            mark = document.mark(where)
            line = document.text.split("\n")[mark.line - 1]
            prefix = re.match(r"^[ ]*(?:-[ ]+)*", line).group()
            found[where] = Problem.error(file, mark, "yaml_colon_fix", fixed=prefix + quoted(line[len(prefix) :].strip()))
    return list(found.values()), rest


def _colon_item(document: YamlDocument, path: Path) -> bool:
    """Whether `path` is a list item made of one key that no model knows and a text value."""
    from .slips import known_keys

    if not path or not isinstance(path[-1], int):
        return False
    value: Any = document.data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key, inner = next(iter(value.items()))
    if not isinstance(key, str) or key in known_keys() or key_hint(key, known_keys()) or isinstance(inner, (dict, list)):
        return False
    return " " in key or key[:1].isupper() or inner is None or isinstance(inner, str) and " " in inner


def _list_from_text(document: YamlDocument, file: str, path: Path, value: str) -> Problem:
    """`key_points:` with its first item (or its only one) written without `- `."""
    mark = document.values.get(path) or document.mark(path)
    lines = document.text.split("\n")
    line = lines[mark.line - 1]
    before = line[: mark.column - 1]
    first = value.split("\n")[0] if "\n" in value else line[mark.column - 1 :].strip()
    if not before.strip():
        fixed = before + "- " + line.strip()
        return Problem.error(file, mark, "yaml_item_missing_dash", fixed=fixed, spaces=len(before))
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    indent = len(before) - len(before.lstrip(" "))
    fixed = " " * (indent + 2) + "- " + first.strip()
    return Problem.error(file, mark, "expected_list_fix", key=key, fixed=fixed, spaces=indent + 2)


def _length_problem(file: str, mark, path: Path, kind: str, value: Any, ctx: dict) -> Problem:
    """A list of the wrong length, reported at its key and named by it."""
    name = next((part for part in reversed(path) if isinstance(part, str)), "")
    count = len(value) if isinstance(value, (list, str)) else 0
    if kind == "too_short" and ctx.get("min_length") == 1:
        return Problem.error(file, mark, "list_empty", field=name)
    code, limit = ("list_too_short", ctx.get("min_length")) if kind == "too_short" else ("list_too_long", ctx.get("max_length"))
    return Problem.error(file, mark, code, field=name, limit=limit, count=count)


def _shadowing_typos(items: list[ErrorDetails]) -> list[ErrorDetails]:
    """`defintion:` is an unknown key that stands for the missing `definition`: report it once."""
    unknown: dict[tuple, list[str]] = {}
    for item in items:
        if item["type"] == "extra_forbidden":
            unknown.setdefault(tuple(item["loc"][:-1]), []).append(str(item["loc"][-1]))
    return [
        item
        for item in items
        if not (
            item["type"] == "missing"
            and key_hint(item["loc"][-1], []) is None
            and _stands_for(item["loc"][-1], unknown.get(tuple(item["loc"][:-1]), []))
        )
    ]


def _kind_in_german(data: Any, items: list[ErrorDetails]) -> list[ErrorDetails]:
    """`art: checklist`: the section was read as a text section, so `body` is missing and
    `items` unknown. Only the misspelt `kind` (or `type`) is the trainer's mistake."""
    meant = {
        _data_path(data, item["loc"])[:-1]
        for item in items
        if item["type"] == "extra_forbidden" and key_hint(item["loc"][-1], ["kind", "type"]) in ("kind", "type")
    }
    if not meant:
        return items
    return [
        item for item in items
        if item["type"] == "extra_forbidden" and _data_path(data, item["loc"])[:-1] in meant
        and key_hint(item["loc"][-1], ["kind", "type"]) in ("kind", "type")
        or not any(_data_path(data, item["loc"], item["type"] == "missing")[: len(path)] == path for path in meant)
    ]


def _stands_for(field: object, unknown: list[str]) -> bool:
    """Whether one of the unknown keys beside a missing `field` is that field misspelt or in German."""
    return any(key_hint(key, [str(field)]) == field for key in unknown)


def _tag_problem(document: YamlDocument, file: str, path: Path, item: ErrorDetails, value: Any) -> Problem:
    is_section = "sections" in item["loc"]
    key = "kind" if is_section else "type"
    choices = list(SECTION_KINDS if is_section else QUESTION_TYPES)
    if item["type"] == "union_tag_not_found" or not isinstance(value, dict) or key not in value:
        if not isinstance(value, dict):
            return Problem.error(file, document.values.get(path) or document.mark(path), "expected_mapping")
        meant = next((name for name in value if isinstance(name, str) and key_hint(name, [key]) == key), None)
        if meant is not None:  # `typ: einfach`: the German word for `type`
            return _unknown_key(document, file, (*path, meant), key)
        return Problem.error(file, document.mark(path), "missing_kind_key", field=key, choices=_listing(choices))
    tag_path = (*path, key)
    return _choice_problem(file, document.values.get(tag_path) or document.mark(tag_path), value[key], choices, document)


# German words trainers write for levels, section kinds and question types.
GERMAN_CHOICES = {
    "einstieg": "basic", "grundlagen": "basic", "anfänger": "basic", "basis": "basic",
    "fortgeschritten": "intermediate", "mittel": "intermediate", "profi": "advanced", "experte": "advanced",
    "beispiel": "example", "tipp": "tip", "hinweis": "tip", "warnung": "warning", "achtung": "warning",
    "reflexion": "reflection", "nachdenken": "reflection", "checkliste": "checklist", "dialog": "dialogue",
    "gespräch": "dialogue", "zuordnen": "match", "zuordnung": "match", "reihenfolge": "order",
    "sortieren": "order", "einfachauswahl": "single", "einfach": "single", "mehrfachauswahl": "multiple",
    "mehrfach": "multiple", "wahr_falsch": "true_false", "richtig_falsch": "true_false",
    "stimmt": "true_false", "freitext": "text", "eingabe": "text",
    "erfolg": "success", "erfolgreich": "success", "misserfolg": "failure", "fehlschlag": "failure",
    "gescheitert": "failure", "abbruch": "failure", "unentschieden": "neutral", "offen": "neutral",
    "einfachwahl": "single", "auswahl": "single", "mehrfachwahl": "multiple", "ja_nein": "true_false",
    "wahr_oder_falsch": "true_false", "text_eingeben": "text", "paare": "match", "abfolge": "order",
    "notiz": "reflection", "liste": "checklist", "anruf": "call", "uebungsanruf": "call", "übungsanruf": "call",
    "text": "text",
}


def choice_hint(value: object, choices: list[str]) -> str | None:
    """The allowed value a trainer meant: same word in other case, the German word, or close."""
    if not isinstance(value, str):
        return None
    folded = value.strip().casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    german = GERMAN_CHOICES.get(folded.replace("-", "_").replace(" ", "_")) or GERMAN_CHOICES.get(folded)
    if german in choices:
        return german
    return did_you_mean(value, choices)


def id_hint(value: object) -> str | None:
    """`Einwände`, `Einwaende`, `einwaende.yaml` → `einwaende`: the id the trainer meant."""
    if not isinstance(value, str):
        return None
    stem = re.sub(r"(?i)\.ya?ml$", "", value.strip().removeprefix("modules/"))
    hint = slugify(stem)
    return hint if hint and hint != value and re.fullmatch(ID_PATTERN, hint) else None


def _choice_problem(file: str, mark, value: Any, choices: list[str], document: YamlDocument | None = None) -> Problem:
    hint = choice_hint(value, choices)
    line = document.text.split("\n")[mark.line - 1] if document and mark.line <= document.text.count("\n") + 1 else ""
    if hint and isinstance(value, str) and line[mark.column - 1 :].rstrip() == value:
        fixed = (line[: mark.column - 1] + hint).strip()  # `outcome: erfolg` → `outcome: success`
        return Problem.error(file, mark, "bad_choice_fix", value=value, hint=hint, fixed=fixed, choices=_listing(choices))
    if hint:
        return Problem.error(file, mark, "bad_choice_hint", value=value, hint=hint, choices=_listing(choices))
    return Problem.error(file, mark, "bad_choice", value=value, choices=_listing(choices))


def _listing(choices: typing.Iterable[str]) -> str:
    # Not cut by `quote`: the list of allowed keys is ours, not the trainer's input.
    return ", ".join(f"`{choice}`" for choice in choices)


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model that stands at `loc` (following union tags)."""
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    target = _unwrap(annotation)
    return list(target.model_fields) if isinstance(target, type) and issubclass(target, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(part, int):
        return get_args(annotation)[0] if get_origin(annotation) is list else None
    if get_origin(annotation) is dict:  # a call's steps or endings: any id leads to the value model
        return get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            tags = [meta.tag for meta in getattr(member, "__metadata__", ()) if hasattr(meta, "tag")]
            if part in tags:
                return get_args(member)[0]
    return None
