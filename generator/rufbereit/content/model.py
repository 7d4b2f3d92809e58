"""The content format (shared/spec/content-format.md) as pydantic models.

These models are the one source of truth: validation, the error messages (through
`validate.py`) and the JSON Schemas for editors all come from them. Field descriptions are
German because trainers read them as hover help in their editor.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"



@dataclass(frozen=True)
class TextFormat:
    """Marks how a text field is shown; the renderer and `check` walk fields by it."""

    name: Literal["string", "inline", "md"]


STRING, INLINE, MARKDOWN = TextFormat("string"), TextFormat("inline"), TextFormat("md")

Id = Annotated[str, Field(pattern=ID_PATTERN)]
# Plain text, shown exactly as written (never HTML or Markdown).
String = Annotated[str, Field(pattern=r"\S"), STRING]
# Inline Markdown (bold, italic, code, links) and harmless inline HTML.
Inline = Annotated[str, Field(pattern=r"\S"), INLINE]
# Block Markdown as Python-Markdown renders it.
Markdown = Annotated[str, Field(pattern=r"\S"), MARKDOWN]
Percent = Annotated[int, Field(ge=1, le=100)]
# Guidance only the trainer edition shows (content format v3): never on the learners' site,
# in its search index or in any export.
TrainerNotes = Annotated[
    Markdown | None,
    Field(
        description="Hinweise nur für Trainerinnen und Trainer (Markdown): Zeitbedarf, wie man das Rollenspiel "
        "anleitet, worauf man achtet. Erscheinen nur in der Trainer-Ausgabe, nie auf der Website für Lernende."
    ),
]
# `YYYY-MM-DD` or `YYYY-MM`; the calendar check is `Reviewed._real_date`.
ReviewDate = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$")]
# The interface languages. A new one is its catalogue, rufbereit/texts/<code>.yaml, plus its
# code here (tests/test_texts.py checks that the two agree).
Language = Literal["de", "en"]


_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


# A module's section keys are asked for six times per generation (its page, its anchors, course.js's
# checklists, calls, pass rule and choices), each slugifying every section title: kept instead.
@lru_cache(maxsize=1 << 15)
def slugify(text: str) -> str:
    """An ASCII slug for ids: umlauts spelled out, everything else folded to hyphens."""
    text = text.lower().translate(_SPELLED_OUT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text).strip("-")


def unique_names(names: list[str]) -> list[str]:
    """Names made unique in order: the second `x` becomes `x-2`."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return unique


class Model(BaseModel):
    # strict: YAML 1.2 already typed every value; `nein` must never become False.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- course.yaml ------------------------------------------------------------------------


class Track(Model):
    title: String = Field(description="Name des Tracks, erscheint in der Navigation und auf der Startseite.")
    description: Inline | None = Field(None, description="Optionale kurze Beschreibung des Tracks (Inline-Markdown).")
    modules: list[Id] = Field(
        min_length=1, description="Die Modul-IDs dieses Tracks in Lesereihenfolge (Dateinamen ohne `.yaml`)."
    )


class Course(Model):
    id: Id | None = Field(
        None,
        description="Schlüssel, unter dem der Lernfortschritt im Browser gespeichert wird. Einmal festlegen und "
        "nicht mehr ändern. Ohne Angabe wird er aus dem Titel gebildet.",
    )
    title: String = Field(description="Kurstitel: Name der Website und Überschrift der Startseite.")
    language: Language = Field(
        "de", description="Sprache der Bedienelemente: `de` (Deutsch, Standard) oder `en` (Englisch)."
    )
    description: String | None = Field(None, description="Ein Satz, der den Kurs beschreibt (Beschreibung der Website).")
    welcome: Markdown | None = Field(None, description="Begrüßungstext auf der Startseite über dem Lernpfad (Markdown).")
    pass_mark: Percent = Field(80, description="Prozent richtiger Antworten, ab denen ein Selbstcheck bestanden ist (1–100).")
    tracks: list[Track] = Field(min_length=1, description="Der Lernpfad: Tracks in Lesereihenfolge.")
    review_every: int = Field(
        12, ge=1, le=60,
        description="Nach wie vielen Monaten ein Modul wieder geprüft werden sollte (1–60, Standard 12). "
        "Ist `reviewed.on` eines Moduls älter, warnt `check` (mit `--strict` ein Fehler).",
    )
    spaced_review: bool = Field(
        True,
        description="`true` (Standard): beantwortete Fragen kommen zur Wiederholung zurück – falsche bald, "
        "sicher gewusste später.",
    )
    confidence: bool = Field(
        True,
        description="`true` (Standard): nach der Wahl einer Antwort sagt man, wie sicher man ist "
        "(„sicher“, „eher sicher“, „geraten“).",
    )
    trainer_notes: TrainerNotes = None
    issuer: String | None = Field(
        None,
        description="Optional: wer die Teilnahmebestätigung ausstellt, z. B. „Vertriebsteam Nord, Musterfirma GmbH“. "
        "Steht auf der gedruckten Bestätigung über der Unterschriftszeile.",
    )

    @property
    def course_id(self) -> str:
        return self.id or slugify(self.title) or "kurs"


# --- sections ---------------------------------------------------------------------------


class _Section(Model):
    title: String = Field(description="Überschrift des Abschnitts.")
    id: Id | None = Field(
        None,
        description="Optionale feste ID des Abschnitts (Kleinbuchstaben, Ziffern, Bindestriche): Anker der "
        "Überschrift und Schlüssel für Häkchen, Notizen und Übungsanrufe. Ohne Angabe wird sie aus dem Titel "
        "gebildet; wer den Titel später ändert, vergibt besser eine feste ID.",
    )
    trainer_notes: TrainerNotes = None


class TextSection(_Section):
    kind: Literal["text"] = Field("text", description="Art des Abschnitts: `text` (Standard) ist Überschrift und Text.")
    body: Markdown = Field(description="Der Text des Abschnitts (Markdown).")


class CalloutSection(_Section):
    kind: Literal["tip", "warning", "example"] = Field(
        description="Art des Kastens: `tip` (Tipp), `warning` (Achtung) oder `example` (Beispiel)."
    )
    body: Markdown = Field(description="Der Text im Kasten (Markdown).")


class ReflectionSection(_Section):
    kind: Literal["reflection"] = Field(description="Eine Frage zum Nachdenken mit privatem Notizfeld.")
    body: Markdown = Field(description="Die Frage oder Anregung zum Nachdenken (Markdown).")


class ChecklistItem(Model):
    id: Id = Field(description="Feste ID des Punkts: das Häkchen bleibt daran, auch wenn Punkte umsortiert werden.")
    text: Inline = Field(description="Der Text des Punkts (Inline-Markdown).")


def _checklist_tag(value: object) -> str:
    return "item" if isinstance(value, (dict, ChecklistItem)) else "text"


# A checklist item is plain inline text or `{id, text}` (content format v3).
ChecklistEntry = Annotated[
    Union[Annotated[Inline, Tag("text")], Annotated[ChecklistItem, Tag("item")]],
    Discriminator(_checklist_tag),
]


class ChecklistSection(_Section):
    kind: Literal["checklist"] = Field(description="Eine Checkliste zum Abhaken.")
    intro: Markdown | None = Field(None, description="Optionaler Text vor der Checkliste (Markdown).")
    items: list[ChecklistEntry] = Field(
        min_length=1,
        description="Die Punkte der Checkliste: Inline-Markdown, oder `{id, text}`, damit ein Häkchen auch nach "
        "dem Umformulieren am Punkt bleibt.",
    )

    @property
    def entries(self) -> list[tuple[str, str]]:
        """(id, text) of every item. A plain item's id comes from its text, so a tick stays with
        its item when items are reordered or inserted."""
        return [
            (item.id, item.text) if isinstance(item, ChecklistItem) else ("i-" + stable_digest(item, length=8), item)
            for item in self.items
        ]


class DialogueLine(Model):
    speaker: String = Field(
        description="Wer spricht: `caller` (du, erscheint als „Du“), `client` (die angerufene Person, erscheint "
        "als „Kunde“) oder ein beliebiger Name."
    )
    text: Inline = Field(description="Was gesagt wird (Inline-Markdown).")


class DialogueSection(_Section):
    kind: Literal["dialogue"] = Field(description="Ein Gesprächsverlauf als Mitschrift.")
    intro: Markdown | None = Field(None, description="Optionaler Text vor dem Gespräch (Markdown).")
    lines: list[DialogueLine] = Field(min_length=1, description="Die Gesprächszeilen in Reihenfolge.")
    debrief: Markdown | None = Field(None, description="Optionale Nachbesprechung nach dem Gespräch (Markdown).")


# --- practice calls (section kind `call`) ----------------------------------------------

CALL_ID_PATTERN = r"^[a-z0-9]+([-_][a-z0-9]+)*$"
CallId = Annotated[str, Field(pattern=CALL_ID_PATTERN)]
# `next` and `start` are checked against the call's ids by `calls.py` (with a did-you-mean),
# so here they only need to be a word.
CallTarget = Annotated[str, Field(pattern=r"\S")]


class CallChoice(Model):
    say: Inline = Field(description="Was du an dieser Stelle sagen könntest (Inline-Markdown); in einem Schritt nur einmal.")
    points: int = Field(
        0, ge=-5, le=5,
        description="Punkte für diese Wahl, von −5 bis 5 (Standard: 0). Sie werden auf dem Weg zusammengezählt."
    )
    feedback: Inline | None = Field(
        None, description="Rückmeldung nach dieser Wahl (Inline-Markdown): was sie bewirkt und warum."
    )
    next: CallTarget = Field(description="Die ID des Schritts oder Endes, zu dem diese Wahl führt.")


class CallStep(Model):
    client: Inline = Field(description="Was die angerufene Person in diesem Schritt sagt (Inline-Markdown).")
    choices: list[CallChoice] = Field(
        min_length=2, max_length=4, description="2 bis 4 Möglichkeiten, was du antworten könntest."
    )
    trainer_notes: TrainerNotes = None


class CallEnding(Model):
    outcome: Literal["success", "neutral", "failure"] = Field(
        description="Wie der Anruf ausgeht: `success` (geschafft), `neutral` (offen) oder `failure` (nicht geschafft)."
    )
    client: Inline | None = Field(None, description="Optional: die letzten Worte der angerufenen Person (Inline-Markdown).")
    debrief: Markdown = Field(description="Die Nachbesprechung dieses Endes (Markdown): was gut lief, was besser geht.")


class CallSection(_Section):
    kind: Literal["call"] = Field(description="Ein Übungsanruf: du wählst Schritt für Schritt, was du sagst.")
    intro: Markdown | None = Field(None, description="Optional: die Ausgangslage vor dem ersten Schritt (Markdown).")
    persona: String | None = Field(
        None, description="Optional: wer abhebt, z. B. „Frau Krause, Assistenz“; erscheint als Name (sonst „Kunde“)."
    )
    shuffle: bool = Field(
        True, description="`true` (Standard): die Antworten jedes Schritts bei jedem Durchgang neu gemischt zeigen."
    )
    pass_points: int = Field(
        0, ge=0,
        description="Punkte, die man zum Bestehen braucht – zusätzlich zu einem Ende mit `outcome: success` (Standard: 0).",
    )
    start: CallTarget = Field(description="Die ID des ersten Schritts (ein Schlüssel unter `steps`).")
    steps: dict[CallId, CallStep] = Field(
        min_length=1,
        description="Die Schritte des Anrufs: je eine ID (Kleinbuchstaben, Ziffern, `-` oder `_`) und der Schritt.",
    )
    endings: dict[CallId, CallEnding] = Field(
        min_length=1, description="Die möglichen Enden des Anrufs: je eine ID und das Ende. IDs nicht doppelt mit `steps`."
    )


def _section_tag(value: object) -> str | None:
    kind = value.get("kind", "text") if isinstance(value, dict) else getattr(value, "kind", None)
    return _SECTION_TAGS.get(kind, kind) if isinstance(kind, str) else None


# The one list of section kinds: a new kind is its class here, with its Tag.
Section = Annotated[
    Union[
        Annotated[TextSection, Tag("text")],
        Annotated[CalloutSection, Tag("callout")],
        Annotated[ReflectionSection, Tag("reflection")],
        Annotated[ChecklistSection, Tag("checklist")],
        Annotated[DialogueSection, Tag("dialogue")],
        Annotated[CallSection, Tag("call")],
    ],
    Discriminator(_section_tag),
]


# --- quiz -------------------------------------------------------------------------------


class _Question(Model):
    if TYPE_CHECKING:  # each type declares its own `type` (the union's tag)
        type: str
    prompt: Inline = Field(description="Die Frage (Inline-Markdown).")
    explanation: Markdown | None = Field(None, description="Erklärung, die nach dem Antworten erscheint (Markdown).")
    id: String | None = Field(
        None,
        description="Optionale feste ID der Frage. Ohne Angabe wird sie aus dem Fragetext gebildet; "
        "wer den Fragetext später ändert, vergibt besser eine feste ID.",
    )

    @property
    def question_id(self) -> str:
        return self.id or "q-" + hashlib.sha256(self.prompt.encode()).hexdigest()[:10]

    @property
    def content_hash(self) -> str:
        """Changes only when what counts as a right answer changes (content format v3, "Stable
        ids"): rewording the explanation or a feedback, or reordering options, keeps a reader's
        stored answer; a changed right answer marks just this question as updated."""
        return stable_digest(self.type + "\n" + "\n".join(self.deciding()), length=12)

    def deciding(self) -> list[str]:
        """What decides whether an answer is right, one line each; every type says its own."""
        raise NotImplementedError

    @property
    def legacy_hash(self) -> str:
        """The hash record version 1 stored (the whole question): its answers are migrated."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:12]


class Option(Model):
    text: Inline = Field(description="Text der Antwortmöglichkeit (Inline-Markdown).")
    correct: bool = Field(False, description="`true`, wenn diese Antwort richtig ist (Standard: `false`).")
    feedback: Inline | None = Field(None, description="Rückmeldung, wenn diese Antwort gewählt wurde (Inline-Markdown).")


class _ChoiceQuestion(_Question):
    if TYPE_CHECKING:  # each subclass declares it (with its own description)
        options: list[Option]

    @property
    def option_keys(self) -> list[str]:
        """Each option's stable key, from its text: a stored answer names options by it, so
        reordering options keeps the answer."""
        return list(_option_keys(tuple(option.text for option in self.options)))

    def deciding(self) -> list[str]:
        return sorted(key for key, option in zip(self.option_keys, self.options) if option.correct)


# A generation asks for a choice question's keys four times (its markup, its content hash, and
# both again for course.js), each hashing every option: kept by the option texts, a pure function.
@lru_cache(maxsize=1 << 14)
def _option_keys(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(unique_names(["o-" + stable_digest(text, length=8) for text in texts]))


class SingleQuestion(_ChoiceQuestion):
    type: Literal["single"] = Field(description="Genau eine richtige Antwort (Auswahlknöpfe).")
    options: list[Option] = Field(min_length=2, max_length=8, description="2 bis 8 Antwortmöglichkeiten, genau eine richtig.")

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleQuestion:
        count = sum(option.correct for option in self.options)
        if count != 1:
            raise PydanticCustomError("single_one_correct", "exactly one correct", {"count": count})
        return self


class MultipleQuestion(_ChoiceQuestion):
    type: Literal["multiple"] = Field(description="Eine oder mehrere richtige Antworten (Kästchen zum Ankreuzen).")
    options: list[Option] = Field(
        min_length=2, max_length=8, description="2 bis 8 Antwortmöglichkeiten, mindestens eine richtig."
    )

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleQuestion:
        if not any(option.correct for option in self.options):
            raise PydanticCustomError("multiple_needs_correct", "at least one correct")
        return self


class TrueFalseQuestion(_Question):
    type: Literal["true_false"] = Field(description="Eine Aussage, die stimmt oder nicht stimmt.")
    answer: bool = Field(description="`true`, wenn die Aussage stimmt, sonst `false`.")
    feedback_true: Inline | None = Field(None, description="Rückmeldung, wenn „Stimmt“ gewählt wurde (Inline-Markdown).")
    feedback_false: Inline | None = Field(
        None, description="Rückmeldung, wenn „Stimmt nicht“ gewählt wurde (Inline-Markdown)."
    )

    def deciding(self) -> list[str]:
        return [str(self.answer).lower()]


class OrderQuestion(_Question):
    type: Literal["order"] = Field(description="Einträge in die richtige Reihenfolge bringen.")
    items: list[Inline] = Field(
        min_length=3, max_length=8, description="3 bis 8 Einträge, in der richtigen Reihenfolge geschrieben."
    )

    def deciding(self) -> list[str]:
        return list(self.items)


class Pair(Model):
    left: Inline = Field(description="Linker Wert, zu dem etwas zugeordnet wird (Inline-Markdown).")
    right: Inline = Field(description="Der passende rechte Wert (Inline-Markdown).")


class MatchQuestion(_Question):
    type: Literal["match"] = Field(description="Linke und rechte Werte einander zuordnen.")
    pairs: list[Pair] = Field(min_length=2, max_length=8, description="2 bis 8 zusammengehörige Paare.")

    def deciding(self) -> list[str]:
        return [pair.left + "\t" + pair.right for pair in self.pairs]


class TextQuestion(_Question):
    type: Literal["text"] = Field(description="Eine Antwort eintippen.")
    accept: list[String] = Field(
        min_length=1, max_length=20, description="1 bis 20 akzeptierte Antworten (Leerzeichen am Rand zählen nicht)."
    )
    case_sensitive: bool = Field(False, description="`true`, wenn Groß-/Kleinschreibung zählt (Standard: `false`).")

    def deciding(self) -> list[str]:
        return [str(self.case_sensitive), *sorted(self.accept)]


def _question_tag(value: object) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return _QUESTION_TAGS.get(kind, kind) if isinstance(kind, str) else None


# The one list of question types: a new type is its class here, with its Tag.
Question = Annotated[
    Union[
        Annotated[SingleQuestion, Tag("single")],
        Annotated[MultipleQuestion, Tag("multiple")],
        Annotated[TrueFalseQuestion, Tag("true_false")],
        Annotated[OrderQuestion, Tag("order")],
        Annotated[MatchQuestion, Tag("match")],
        Annotated[TextQuestion, Tag("text")],
    ],
    Discriminator(_question_tag),
]


def union_tags(union: Any, key: str) -> dict[str, str]:
    """Every value of the `key` field (`kind`, `type`) of a tagged union's members, mapped to
    its member's tag, in the union's order: the lists of kinds and types derive from it."""
    members = get_args(get_args(union)[0])
    tags: dict[str, str] = {}
    for member in members:
        model, tag = get_args(member)[0], next(meta.tag for meta in get_args(member)[1:] if isinstance(meta, Tag))
        tags.update(dict.fromkeys(get_args(model.model_fields[key].annotation), tag))
    return tags


_SECTION_TAGS = union_tags(Section, "kind")
_QUESTION_TAGS = union_tags(Question, "type")
SECTION_KINDS = tuple(_SECTION_TAGS)  # text, tip, warning, example, reflection, checklist, dialogue, call
QUESTION_TYPES = tuple(_QUESTION_TAGS)  # single, multiple, true_false, order, match, text
UNION_TAGS = frozenset(_SECTION_TAGS.values()) | frozenset(_QUESTION_TAGS.values())


class Quiz(Model):
    pass_mark: Percent | None = Field(None, description="Prozent zum Bestehen; ohne Angabe gilt der Wert des Kurses.")
    shuffle: bool = Field(
        True, description="`true` (Standard): Antworten von `single`- und `multiple`-Fragen in zufälliger Reihenfolge."
    )
    questions: list[Question] = Field(min_length=1, description="Die Fragen des Selbstchecks.")


# --- modules/ID.yaml --------------------------------------------------------------------


class Reviewed(Model):
    on: ReviewDate = Field(description="Wann die Fakten zuletzt geprüft wurden: `JJJJ-MM-TT` oder `JJJJ-MM`.")
    by: String = Field(description="Wer sie geprüft hat (Name oder Rolle).")

    @model_validator(mode="after")
    def _real_date(self) -> Reviewed:
        year, month, *day = (int(part) for part in self.on.split("-"))
        try:
            date(year, month, day[0] if day else 1)
        except ValueError:
            raise PydanticCustomError("no_such_date", "no such date", {"value": self.on}) from None
        return self

    @property
    def first_day(self) -> date:
        year, month, *day = (int(part) for part in self.on.split("-"))
        return date(year, month, day[0] if day else 1)


class Module(Model):
    title: String = Field(description="Titel der Modulseite.")
    summary: Inline = Field(description="Ein bis zwei Sätze für die Modulkarte auf der Startseite (Inline-Markdown).")
    duration: int = Field(ge=1, le=240, description="Geschätzte Bearbeitungszeit in Minuten (1–240).")
    level: Literal["basic", "intermediate", "advanced"] | None = Field(
        None, description="Niveau: `basic` (Einstieg), `intermediate` (Fortgeschritten) oder `advanced` (Profi)."
    )
    requires: list[Id] = Field([], description="IDs der Module, die vorher bearbeitet werden sollten.")
    objectives: list[Inline] = Field(
        min_length=1, max_length=10, description="„Das lernst du hier“: 1 bis 10 Lernziele (Inline-Markdown)."
    )
    sections: list[Section] = Field(min_length=1, description="Die Abschnitte des Moduls in Reihenfolge.")
    key_points: list[Inline] = Field([], description="„Das Wichtigste in Kürze“ am Ende des Moduls (Inline-Markdown).")
    quiz: Quiz | None = Field(None, description="Der Selbstcheck am Ende des Moduls.")
    draft: bool = Field(
        False,
        description="`true`: das Modul ist ein Entwurf. `make serve` und die Vorschau eines Pull Requests zeigen es "
        "mit dem Hinweis „Entwurf“; auf der veröffentlichten Website fehlt es.",
    )
    reviewed: Reviewed | None = Field(
        None, description="Wann und von wem die Fakten des Moduls (Recht, Regeln, Zahlen) zuletzt geprüft wurden."
    )
    trainer_notes: TrainerNotes = None


# --- glossary.yaml ----------------------------------------------------------------------


class Term(Model):
    term: String = Field(description="Der Begriff, wie er im Glossar steht.")
    definition: Inline = Field(description="Die Erklärung des Begriffs (Inline-Markdown); erscheint auch als Tooltip.")
    aliases: list[String] = Field([], description="Andere Schreibweisen, die im Text ebenfalls erkannt werden.")


class Glossary(Model):
    terms: list[Term] = Field(description="Die Begriffe des Glossars.")


def section_keys(module: Module) -> list[str]:
    """Each section's key: its page anchor and where a reader's ticks, notes and practice-call
    results are stored. Its `id`, else from the title, so reordering sections keeps a reader's
    progress."""
    return unique_names([section.id or slugify(section.title) or "abschnitt" for section in module.sections])


def heading_anchors(module: Module, texts: Mapping[str, str]) -> dict[str, str]:
    """The ids of the module page's own headings (`title`, `objectives`, `key_points`, `quiz`),
    the sections' headings having their keys (`section_keys`). The page template writes them
    (`{ #id }`) and `check` tests `module:id#anchor` links against them: one computation for
    both, the same whichever engine builds the page (no engine's slug rules involved)."""
    taken = set(section_keys(module))
    anchors = {}
    for heading, title in (("title", module.title), ("objectives", texts["objectives"]),
                           ("key_points", texts["key_points"]), ("quiz", texts["quiz"])):
        base = slugify(title) or heading.replace("_", "-")
        anchor, count = base, 1
        while anchor in taken:
            count += 1
            anchor = f"{base}-{count}"
        taken.add(anchor)
        anchors[heading] = anchor
    return anchors


def page_anchors(module: Module, texts: Mapping[str, str]) -> list[str]:
    """Every id a `module:id#anchor` link may name on the module's page, in page order."""
    anchors = heading_anchors(module, texts)
    return [anchors["title"], anchors["objectives"], *section_keys(module),
            *[anchors["key_points"]] * bool(module.key_points), *[anchors["quiz"]] * bool(module.quiz)]


def stable_digest(*parts: str, length: int = 32) -> str:
    """A hex digest of texts, the same in every process and on every machine (unlike `hash()`):
    ids that survive reordering (a checklist item's), keys of caches on disk. For one part it is
    the SHA-256 of its UTF-8 bytes, so the ids stored in readers' browsers keep their value."""
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:length]
