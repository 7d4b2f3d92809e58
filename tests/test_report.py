"""`rufbereit report` in its three formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = "tests/fixtures/full"


def report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rufbereit", "report", *args], cwd=ROOT, capture_output=True,
                          text=True)


def test_json_report():
    result = report("--format", "json", "--content", FULL)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["course"]["title"] == "Vollkurs FxKurstitel"
    assert data["total_minutes"] == 62 == sum(track["minutes"] for track in data["tracks"])
    assert [track["minutes"] for track in data["tracks"]] == [32, 30]
    assert [m["id"] for m in data["tracks"][0]["modules"]] == ["erste-schritte", "einwaende"]
    assert data["questions_by_type"] == {"single": 2, "multiple": 2, "true_false": 2, "order": 1, "match": 1, "text": 2}
    assert data["question_count"] == 10 and data["objective_count"] == 5 and data["module_count"] == 3
    # 4 content warnings plus 2 stated durations far from the reading time of the short fixture texts
    assert data["errors"] == 0 and data["warnings"] == 6
    assert all(problem["severity"] == "warning" for problem in data["problems"])


def test_text_report():
    result = report("--content", FULL)
    assert result.returncode == 0
    assert "Kurs: Vollkurs FxKurstitel" in result.stdout
    assert "Gesamtdauer: 62 Min. · 3 Module · 10 Fragen · 5 Lernziele" in result.stdout
    assert "Track: Grundlagen FxSpurEinsTitel (32 Min.)" in result.stdout
    assert "  - einwaende: Einwände FxModulZweiTitel (20 Min., 4 Fragen)" in result.stdout
    assert "· Einwände erkennen, FxLernzielDrei." in result.stdout
    assert "Fragen nach Art: single 2, multiple 2, true_false 2, order 1, match 1, text 2" in result.stdout
    assert "(0 Fehler, 6 Warnungen)" in result.stdout
    assert "abschluss.yaml:23:7: Warnung: Diese Frage hat keine `explanation`" in result.stdout


def test_markdown_report():
    result = report("--format", "markdown", "--content", FULL)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Vollkurs FxKurstitel"
    assert "## Grundlagen FxSpurEinsTitel (32 Min.)" in lines
    assert "| Erste Schritte FxModulEinsTitel (`erste-schritte`) | 12 | basic | 4 | 2 |" in lines
    assert "| `text` | 2 |" in lines


def test_english_report():
    result = report("--format", "markdown", "--content", "tests/fixtures/english")
    assert "**Total time:** 15 min" in result.stdout
    assert "warning: The module `follow-up` has no self-check" in result.stdout


def test_report_with_errors_lists_them_and_fails():
    result = report("--content", "tests/broken/requires-unknown")
    assert result.returncode == 1
    assert "zwei.yaml:5:5: Fehler: Es gibt kein Modul `einz`. Meintest du `eins`?" in result.stdout
    broken = report("--format", "json", "--content", "tests/broken/empty-file")
    data = json.loads(broken.stdout)
    assert data["errors"] == 1
    assert {"id": "zwei", "valid": False}.items() <= data["tracks"][0]["modules"][1].items()
