"""Synthetic Rufbereit courses for benchmarks, written to the content format (version 1).

Every course is deterministic for a given size and seed: the same bytes on every run, so
figures from different machines or commits compare like with like. A module is sized like
the hand-written ones in content/modules (about 12 KB of YAML): five sections of mixed
kinds, eight quiz questions covering all six types, objectives and key points. Modules are
grouped into tracks of twenty; a glossary of fifty terms whose words appear in the texts,
so that tooltips are really produced.

    python benchmarks/synthetic.py 100 /tmp/kurs100     # write a course of 100 modules
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

WORDS = (
    "Anruf Gespräch Termin Kunde Entscheider Einwand Leitfaden Teamleitung Schicht Absage "
    "Zusage Vertrieb Angebot Bedarf Budget Zeitpunkt Nachfassen Wiedervorlage Kontakt Liste "
    "Stimme Haltung Ziel Frage Antwort Nutzen Lösung Auftrag Projekt Woche Quartal Planung "
    "Ergebnis Pipeline Branche Unternehmen Empfang Vorzimmer Geschäftsführung Einstieg "
    "freundlich klar ruhig kurz direkt ehrlich verbindlich konkret offen sicher schnell "
    "wichtig neu erste nächste eigene gute schwierige sinnvolle echte feste "
    "fragen hören notieren vereinbaren anrufen erklären prüfen wählen planen zuhören "
    "vorbereiten bestätigen verschieben nachhaken begrüßen verabschieden zusammenfassen "
    "und oder aber denn weil wenn dass damit bevor nachdem während obwohl "
    "du dein deine deinen wir ihr sie er es man jeder jede jedes "
    "ist sind wird werden hat haben kann können soll sollen muss müssen darf "
    "nicht auch noch schon immer oft selten heute morgen jetzt dann danach vorher "
    "mit ohne für gegen über unter nach vor bei von zu im am beim zum zur"
).split()

SPEAKERS = ("caller", "client", "caller", "client", "Teamleitung")
SECTION_KINDS = ("text", "tip", "checklist", "dialogue", "reflection", "warning", "example", "text")
QUESTION_TYPES = ("single", "multiple", "true_false", "order", "match", "text", "single", "multiple")
TRACK_SIZE = 20
GLOSSARY_SIZE = 50


class Writer:
    """German-ish text from a seeded generator; glossary terms are mixed into bodies."""

    def __init__(self, seed: int, terms: list[str]):
        self.random = random.Random(seed)
        self.terms = terms

    def words(self, count: int) -> list[str]:
        return [self.random.choice(WORDS) for _ in range(count)]

    def sentence(self, low: int = 8, high: int = 18, term: bool = False) -> str:
        words = self.words(self.random.randint(low, high))
        if term and self.terms:
            words.insert(self.random.randrange(len(words)), self.random.choice(self.terms))
        if self.random.random() < 0.15:
            position = self.random.randrange(len(words))
            words[position] = f"**{words[position]}**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.random.choice(".....?!")

    def inline(self, low: int = 6, high: int = 14) -> str:
        return self.sentence(low, high)

    def paragraph(self, sentences: int) -> str:
        lines, line = [], []
        for _ in range(sentences):
            line.append(self.sentence(term=self.random.random() < 0.4))
        text = " ".join(line)
        # wrap at ~88 characters like the hand-written modules
        out, current = [], ""
        for word in text.split(" "):
            if current and len(current) + len(word) + 1 > 88:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
        lines.extend(out)
        return "\n".join(lines)

    def body(self) -> str:
        parts = [self.paragraph(self.random.randint(3, 5))]
        if self.random.random() < 0.6:
            parts.append("\n".join(f"- {self.sentence(6, 14, term=True)}" for _ in range(self.random.randint(3, 5))))
        parts.append(self.paragraph(self.random.randint(2, 4)))
        return "\n\n".join(parts) + "\n"


def glossary_terms() -> list[dict]:
    rng = random.Random(4711)
    stems = [
        "Anwahl", "Auftraggeber", "CRM", "Einwand", "Entscheider", "Gatekeeper", "Kaltakquise",
        "Leitfaden", "Nachfassen", "Pipeline", "Terminquote", "Wiedervorlage", "Erreichbarkeit",
        "Gesprächsnotiz", "Bedarfsanalyse", "Nutzenargument", "Zielgruppe", "Sprechzeit",
        "Rückruf", "Absagequote", "Einstiegsfrage", "Zusammenfassung", "Abschlussfrage",
        "Terminbestätigung", "Kalendereinladung", "Ansprechpartner", "Durchwahl", "Zentrale",
        "Mailbox", "Kontaktversuch", "Kampagne", "Adressliste", "Datenschutz", "Einwilligung",
        "Opt-out", "Sperrliste", "Qualifizierung", "Lead", "Verkaufschance", "Angebotsphase",
        "Entscheidungsweg", "Budgetfreigabe", "Quartalsziel", "Schichtplan", "Coaching",
        "Mithören", "Rollenspiel", "Skript", "Tonalität", "Sprechpause",
    ]
    terms = []
    for stem in stems[:GLOSSARY_SIZE]:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 18)))
        term = {"term": stem, "definition": sentence[0].upper() + sentence[1:] + "."}
        if rng.random() < 0.4:
            term["aliases"] = [stem + "en" if not stem.endswith("e") else stem + "n"]
        terms.append(term)
    return terms


def module_id(number: int) -> str:
    return f"modul-{number:04d}"


def section(writer: Writer, kind: str, title: str) -> dict:
    data: dict = {"title": title}
    if kind != "text":
        data["kind"] = kind
    if kind in ("text", "tip", "warning", "example", "reflection"):
        data["body"] = writer.body()
    elif kind == "checklist":
        data["intro"] = writer.paragraph(2) + "\n"
        data["items"] = [writer.inline() for _ in range(writer.random.randint(4, 7))]
    elif kind == "dialogue":
        data["intro"] = writer.paragraph(2) + "\n"
        data["lines"] = [
            {"speaker": SPEAKERS[i % len(SPEAKERS)] if i % 7 else "caller", "text": writer.sentence(8, 24)}
            for i in range(writer.random.randint(6, 9))
        ]
        data["debrief"] = writer.paragraph(3) + "\n"
    return data


def unique_texts(writer: Writer, count: int, low: int = 4, high: int = 10) -> list[str]:
    texts: list[str] = []
    while len(texts) < count:
        text = writer.inline(low, high)
        if text not in texts:
            texts.append(text)
    return texts


def question(writer: Writer, kind: str, number: int) -> dict:
    data: dict = {"type": kind, "prompt": f"Frage {number}: {writer.inline(8, 16)}"}
    if kind in ("single", "multiple"):
        texts = unique_texts(writer, writer.random.randint(3, 5))
        correct = {0} if kind == "single" else set(writer.random.sample(range(len(texts)), 2))
        options = []
        for index, text in enumerate(texts):
            option: dict = {"text": text}
            if index in correct:
                option["correct"] = True
            if writer.random.random() < 0.5:
                option["feedback"] = writer.inline()
            options.append(option)
        data["options"] = options
    elif kind == "true_false":
        data["answer"] = writer.random.random() < 0.5
        data["feedback_true"] = writer.inline()
        data["feedback_false"] = writer.inline()
    elif kind == "order":
        data["items"] = unique_texts(writer, writer.random.randint(4, 6))
    elif kind == "match":
        lefts = unique_texts(writer, 3, 2, 5)
        rights = unique_texts(writer, 3, 6, 12)
        data["pairs"] = [{"left": left, "right": right} for left, right in zip(lefts, rights)]
    elif kind == "text":
        data["accept"] = [writer.random.choice(WORDS[:40]) + suffix for suffix in ("", "-Test", " Test")]
    data["explanation"] = writer.paragraph(2) + "\n"
    return data


def module(number: int, count: int, terms: list[str], seed: int) -> dict:
    writer = Writer(seed * 100_003 + number, terms)
    kinds = list(SECTION_KINDS)
    writer.random.shuffle(kinds)
    data: dict = {
        "title": f"Modul {number + 1}: {writer.inline(2, 5).rstrip('.?!')}",
        "summary": writer.sentence(12, 24),
        "duration": writer.random.choice((10, 15, 20, 25, 30)),
        "level": writer.random.choice(("basic", "intermediate", "advanced")),
    }
    track_start = number - number % TRACK_SIZE
    if number > track_start:  # a prerequisite earlier in the same track: no cycles
        data["requires"] = [module_id(writer.random.randrange(track_start, number))]
    data["objectives"] = [writer.inline(8, 16) for _ in range(4)]
    sections = [section(writer, kind, f"Abschnitt {i + 1}: {writer.inline(2, 4).rstrip('.?!')}") for i, kind in enumerate(kinds[:5])]
    if count > 1:  # one link to another module, as trainers write them
        other = module_id((number + 1) % count)
        sections[0]["body" if "body" in sections[0] else "intro"] += f"\nLies dazu auch [das nächste Modul](module:{other}).\n"
    data["sections"] = sections
    data["key_points"] = [writer.inline(8, 16) for _ in range(5)]
    data["quiz"] = {"questions": [question(writer, kind, i + 1) for i, kind in enumerate(QUESTION_TYPES)]}
    return data


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks (`|`), the way trainers write it."""


def _text(dumper: yaml.SafeDumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_course(root: Path, count: int, seed: int = 1) -> Path:
    """Write a course of `count` modules under `root` (created) and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "modules").mkdir(exist_ok=True)
    glossary = glossary_terms()
    terms = [term["term"] for term in glossary] + [alias for term in glossary for alias in term.get("aliases", [])]
    ids = [module_id(number) for number in range(count)]
    tracks = [
        {
            "title": f"Lernpfad {index // TRACK_SIZE + 1}",
            "description": "Ein Abschnitt des Lernpfads mit *zwanzig* Modulen.",
            "modules": ids[index : index + TRACK_SIZE],
        }
        for index in range(0, count, TRACK_SIZE)
    ]
    course = {
        "id": f"benchmark-{count}",
        "title": f"Benchmark-Kurs mit {count} Modulen",
        "language": "de",
        "description": "Ein synthetischer Kurs zum Messen der Laufzeit.",
        "welcome": Writer(seed, terms).body(),
        "pass_mark": 80,
        "tracks": tracks,
    }
    (root / "course.yaml").write_text(dump(course), encoding="utf-8")
    (root / "glossary.yaml").write_text(dump({"terms": glossary}), encoding="utf-8")
    for number in range(count):
        (root / "modules" / f"{ids[number]}.yaml").write_text(dump(module(number, count, terms, seed)), encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: synthetic.py MODULES FOLDER")
    print(write_course(Path(sys.argv[2]), int(sys.argv[1])))
