"""`rufbereit report` in its three formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FULL = "tests/fixtures/full"


@pytest.fixture
def report(rufbereit_main):
    """`rufbereit report` in process, from the repository root."""
    return lambda *args: rufbereit_main("report", *args)


def test_json_report(report):
    result = report("--format", "json", "--content", FULL)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["course"]["title"] == "Vollkurs FxKurstitel"
    assert data["total_minutes"] == 62 == sum(track["minutes"] for track in data["tracks"])
    assert [track["minutes"] for track in data["tracks"]] == [32, 30]
    assert [m["id"] for m in data["tracks"][0]["modules"]] == ["erste-schritte", "einwaende"]
    assert data["questions_by_type"] == {"single": 2, "multiple": 2, "true_false": 2, "order": 1, "match": 1, "text": 2}
    assert data["question_count"] == 10 and data["objective_count"] == 5 and data["module_count"] == 3
    # 4 content warnings, 2 stated durations far from the reading time of the short fixture
    # texts, and the call whose pass mark a path to a neutral ending meets (content/lint.py)
    assert data["errors"] == 0 and data["warnings"] == 7
    assert all(problem["severity"] == "warning" for problem in data["problems"])


def test_text_report(report):
    result = report("--content", FULL)
    assert result.returncode == 0
    assert "Kurs: Vollkurs FxKurstitel" in result.stdout
    assert "Gesamtdauer: 62 Min. · 3 Module · 10 Fragen · 5 Lernziele" in result.stdout
    assert "Track: Grundlagen FxSpurEinsTitel (32 Min.)" in result.stdout
    assert "  - einwaende: Einwände FxModulZweiTitel (20 Min., 4 Fragen)" in result.stdout
    assert "· Einwände erkennen, FxLernzielDrei." in result.stdout
    assert "Fragen nach Art: single 2, multiple 2, true_false 2, order 1, match 1, text 2" in result.stdout
    assert "(0 Fehler, 7 Warnungen)" in result.stdout
    assert "abschluss.yaml:23:7: Warnung: Diese Frage hat keine `explanation`" in result.stdout


def test_markdown_report(report):
    result = report("--format", "markdown", "--content", FULL)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Vollkurs FxKurstitel"
    assert "## Grundlagen FxSpurEinsTitel (32 Min.)" in lines
    assert "| Erste Schritte FxModulEinsTitel (`erste-schritte`) | 12 | basic | 4 | 2 |" in lines
    assert "| `text` | 2 |" in lines


def test_english_report(report):
    result = report("--format", "markdown", "--content", "tests/fixtures/english")
    assert "**Total time:** 15 min" in result.stdout
    # follow-up has a practice call: it needs no quiz, so no warning about one.
    assert "has no self-check" not in result.stdout
    assert "| Practice call EnCallTitle | `follow-up` | 2 | 2 | 3 | 3 |" in result.stdout


def test_report_lists_each_call_with_its_best_path(report):
    text = report("--content", FULL).stdout
    assert ("☎ Übungsanrufe: Übungsanruf FxAnrufTitel (2 Schritte, 3 Enden, 4 Wege, bestes Ergebnis 4)") in text
    assert ('bester Weg: "Guten Tag, hier ist Alex von Rufbereit. FxWahlVorstellen" (+2) → '
            '"Verstehe. Wie lösen Sie das heute? FxWahlNachfrage" (+2) → termin') in text
    data = json.loads(report("--format", "json", "--content", FULL).stdout)
    call = data["tracks"][0]["modules"][1]["calls"][0]
    assert call["id"] == "anruf-muster" and call["paths"] == 4 and call["best"] == 4
    assert [choice["step"] for choice in call["best_path"]] == ["begruessung", "einwand"]


def test_report_with_errors_lists_them_and_fails(report):
    result = report("--content", "tests/broken/requires-unknown")
    assert result.returncode == 1
    assert "zwei.yaml:5:5: Fehler: Es gibt kein Modul `einz`. Meintest du `eins`?" in result.stdout
    broken = report("--format", "json", "--content", "tests/broken/empty-file")
    data = json.loads(broken.stdout)
    assert data["errors"] == 1
    assert {"id": "zwei", "valid": False}.items() <= data["tracks"][0]["modules"][1].items()


# --- issue 12: what the course holds beyond the numbers; run in process


def in_process(capsys, *args: str) -> str:
    from rufbereit.cli import main

    main(["report", *args])
    return capsys.readouterr().out


def test_report_lists_kinds_reading_time_glossary_pass_marks_requires_and_drafts(capsys):
    out = in_process(capsys, "--content", FULL)
    assert "Abschnitte nach Art: text 3, tip 1, warning 1, example 1, reflection 1, checklist 1, dialogue 1" in out
    assert "  - abschluss: 55 Wörter, ~3 Min. (angegeben: 30 Min.)" in out
    assert "Begriffe im Text: Einwand, Gatekeeper, Kaltakquise, Leitfaden" in out
    assert "Begriffe nirgends im Text: keine" in out
    assert "Bestehensgrenzen (Standard des Kurses: 70 %):" in out
    assert "  - erste-schritte: 75 %\n  - einwaende: 70 % (vom Kurs)" in out
    assert "  abschluss ← erste-schritte, einwaende" in out
    assert "Entwürfe: keine" in out
    # Plain words in the text format: the reader's words, not Markdown.
    assert "· Du kennst das Ziel FxLernzielEins." in out and "**Ziel**" not in out
    assert "None" not in out


def test_markdown_report_keeps_markdown(capsys):
    out = in_process(capsys, "--format", "markdown", "--content", FULL)
    assert "- `erste-schritte`: Du kennst das **Ziel** FxLernzielEins. · Du kannst `Code` lesen, FxLernzielZwei." in out
    assert "| `abschluss` | 55 | 3 | 30 |" in out
    assert "```text\neinwaende ← erste-schritte\nabschluss ← erste-schritte, einwaende\n```" in out
    assert "None" not in out


def test_json_report_facts(capsys):
    data = json.loads(in_process(capsys, "--format", "json", "--content", FULL))
    assert data["reading"][0] == {"id": "erste-schritte", "words": 235, "estimate": 6, "duration": 12}
    assert data["glossary"] == {"used": ["Einwand", "Gatekeeper", "Kaltakquise", "Leitfaden"], "unused": []}
    assert data["requires"]["einwaende"] == ["erste-schritte"]
    assert "**" not in json.dumps(data["tracks"])


def test_report_shows_drafts_and_unused_terms(tmp_path, capsys):
    import shutil

    folder = tmp_path / "course"
    shutil.copytree(ROOT / FULL, folder)
    module = folder / "modules" / "abschluss.yaml"
    module.write_text("draft: true\n" + module.read_text(encoding="utf-8"), encoding="utf-8")
    with (folder / "glossary.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - term: Nachfassen\n    definition: Ein zweiter Anruf.\n")
    out = in_process(capsys, "--content", str(folder))
    assert "Entwürfe: abschluss" in out
    assert "Begriffe nirgends im Text: Nachfassen" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_broken_course_never_prints_none(fmt, tmp_path, capsys):
    import shutil

    folder = tmp_path / "course"
    shutil.copytree(ROOT / "tests/broken/missing-required", folder)
    (folder / "course.yaml").unlink()
    out = in_process(capsys, "--format", fmt, "--content", str(folder))
    assert "None" not in out and "null" not in out
