"""JSON Schemas for editors, generated from the pydantic models (the one source of truth).

`rufbereit schema` writes them to content/schema/. Editors with the YAML extension by
Red Hat read them through the `# yaml-language-server: $schema=…` comment at the top of
each content file and offer completion, hover help (German) and red squiggles.

pydantic's schema is kept as it is (types, limits, patterns, defaults, required keys,
`additionalProperties: false`); this module only adds what editors show to trainers: a
German title on every object, and a German description for every allowed value of a
choice (`enumDescriptions` and `markdownEnumDescriptions`, which VS Code understands).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content.model import QUESTION_TYPES, SECTION_KINDS, Course, Glossary, Module

DRAFT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, type[BaseModel]] = {
    "course.schema.json": Course,
    "module.schema.json": Module,
    "glossary.schema.json": Glossary,
}

# Every value of every choice, described for trainers (by the key that holds the choice).
VALUE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "language": {
        "de": "Deutsch: Schaltflächen und Beschriftungen der Website auf Deutsch (Standard).",
        "en": "Englisch: Schaltflächen und Beschriftungen der Website auf Englisch.",
    },
    "level": {
        "basic": "Einstieg: für alle, die neu anfangen.",
        "intermediate": "Fortgeschritten: setzt erste Erfahrung am Telefon voraus.",
        "advanced": "Profi: für erfahrene Leute, die ihr Können vertiefen.",
    },
    "kind": {
        "text": "Überschrift und Text (Standard, wenn `kind` fehlt). Braucht `body`.",
        "tip": "Ein Tipp-Kasten. Braucht `body`.",
        "warning": "Ein Achtung-Kasten für Fallstricke. Braucht `body`.",
        "example": "Ein Beispiel-Kasten. Braucht `body`.",
        "reflection": "Eine Frage zum Nachdenken mit privatem Notizfeld im Browser. Braucht `body`.",
        "checklist": "Eine Checkliste zum Abhaken. Braucht `items`, optional `intro`.",
        "dialogue": "Ein Gesprächsverlauf. Braucht `lines` (je `speaker` und `text`), optional `intro` und `debrief`.",
        "call": "Ein Übungsanruf: Schritt für Schritt wählen, was man sagt. Braucht `start`, `steps` und `endings`, "
        "optional `intro`, `persona`, `pass_points`, `id` und `shuffle`.",
    },
    "outcome": {
        "success": "Geschafft: das Ziel des Anrufs ist erreicht. Nur so kann der Anruf bestanden werden.",
        "neutral": "Offen geblieben: nicht verloren, aber auch nicht erreicht.",
        "failure": "Nicht geschafft: das Gespräch ist gescheitert.",
    },
    "type": {
        "single": "Genau eine richtige Antwort: `options` (2–8), genau eine mit `correct: true`.",
        "multiple": "Mehrere richtige Antworten: `options` (2–8), mindestens eine mit `correct: true`.",
        "true_false": "Stimmt oder stimmt nicht: `answer: true` oder `answer: false`.",
        "order": "In die richtige Reihenfolge bringen: `items` (3–8) in der richtigen Reihenfolge.",
        "match": "Zuordnen: `pairs` (2–8) aus `left` und `right`.",
        "text": "Antwort eintippen: `accept` (1–20 akzeptierte Antworten).",
    },
}

TITLES: dict[str, str] = {
    "Course": "Kurs (course.yaml)",
    "Track": "Track: ein Abschnitt des Lernpfads",
    "Module": "Modul (modules/ID.yaml)",
    "TextSection": "Abschnitt: Text",
    "CalloutSection": "Abschnitt: Kasten (Tipp, Achtung, Beispiel)",
    "ReflectionSection": "Abschnitt: Frage zum Nachdenken",
    "ChecklistSection": "Abschnitt: Checkliste",
    "DialogueSection": "Abschnitt: Gesprächsverlauf",
    "DialogueLine": "Gesprächszeile",
    "CallSection": "Abschnitt: Übungsanruf",
    "CallStep": "Schritt eines Übungsanrufs",
    "CallChoice": "Antwortmöglichkeit in einem Übungsanruf",
    "CallEnding": "Ende eines Übungsanrufs",
    "Quiz": "Selbstcheck",
    "SingleQuestion": "Frage: eine richtige Antwort",
    "MultipleQuestion": "Frage: mehrere richtige Antworten",
    "TrueFalseQuestion": "Frage: stimmt / stimmt nicht",
    "OrderQuestion": "Frage: Reihenfolge",
    "MatchQuestion": "Frage: Zuordnung",
    "TextQuestion": "Frage: Antwort eintippen",
    "Option": "Antwortmöglichkeit",
    "Pair": "Paar (links und rechts)",
    "Glossary": "Glossar (glossary.yaml)",
    "Term": "Glossarbegriff",
    "ChecklistItem": "Punkt einer Checkliste mit fester ID",
    "Reviewed": "Prüfvermerk: wann und von wem zuletzt geprüft",
}


_CORRECT = {"properties": {"correct": {"const": True}}, "required": ["correct"]}
# Rules of the models' validators that JSON Schema can state too, so editors flag them early.
RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("SingleQuestion", "options"): {"contains": _CORRECT, "minContains": 1, "maxContains": 1},
    ("MultipleQuestion", "options"): {"contains": _CORRECT, "minContains": 1},
    ("OrderQuestion", "items"): {"uniqueItems": True},
    # A step or ending id that breaks the pattern is an error, not an unchecked extra key.
    ("CallSection", "steps"): {"additionalProperties": False},
    ("CallSection", "endings"): {"additionalProperties": False},
}


# Lists whose items are one of several models, chosen by a key (`kind`, `type`).
CHOSEN_BY: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("Module", "sections"): ("kind", SECTION_KINDS),
    ("Quiz", "questions"): ("type", QUESTION_TYPES),
}


def build_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    for name, definition in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
        _describe_object(name, definition)
        for (owner, key), rule in RULES.items():
            if owner == name:
                definition["properties"][key].update(rule)
        for (owner, key), (tag, values) in CHOSEN_BY.items():
            if owner == name:
                _offer_every_choice(definition["properties"][key]["items"], tag, values)
    return {"$schema": DRAFT, **schema}


def _offer_every_choice(items: dict[str, Any], tag: str, values: tuple[str, ...]) -> None:
    """The language server completes `kind:` only from the branches that still fit the
    section's other keys (a section with `body` got 5 of 7 kinds); a description of the
    key beside the branches offers every value, whatever else the item holds."""
    descriptions = [VALUE_DESCRIPTIONS[tag][value] for value in values]
    items["properties"] = {tag: {"enum": list(values), "enumDescriptions": descriptions,
                                 "markdownEnumDescriptions": descriptions}}


def _describe_object(name: str, definition: dict[str, Any]) -> None:
    definition["title"] = TITLES.get(name, definition.get("title", name))
    for key, prop in definition.get("properties", {}).items():
        prop.pop("title", None)  # pydantic's English "Pass Mark"; the description says it in German
        if "description" in prop:  # the server shows `description` escaped: `\`text\`` in hover
            prop["markdownDescription"] = prop["description"]
        if key in VALUE_DESCRIPTIONS:
            _describe_values(prop, VALUE_DESCRIPTIONS[key])


def _describe_values(node: dict[str, Any], descriptions: dict[str, str]) -> None:
    """Turn `const` into a one-value `enum` and describe every value of every `enum`."""
    for branch in node.get("anyOf", []):
        _describe_values(branch, descriptions)
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "enum" in node:
        texts = [descriptions[value] for value in node["enum"]]  # KeyError: a value nobody described
        node["enumDescriptions"] = texts
        node["markdownEnumDescriptions"] = texts


def render(model: type[BaseModel]) -> str:
    return json.dumps(build_schema(model), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema whose text changed; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, model in SCHEMAS.items():
        path = folder / file_name
        text = render(model)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
