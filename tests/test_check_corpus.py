"""Every broken input in tests/broken/ is reported at the right place with a helpful message.

Each folder under tests/broken/ is a small complete course with ONE mistake in it (or, for
the `*-valid` cases, none). The table below is the only place that says what `check` must
answer: the exit code and, for each expected problem, file, line, column and a fragment of
the message. The command line runs in process (`rufbereit.cli.main`); two smoke tests run
it as a trainer does, as a new process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROKEN = "tests/broken"
E, M, C, G = "modules/eins.yaml", "modules/zwei.yaml", "course.yaml", "glossary.yaml"

# case: (exit code, [(file, line, column, fragment of the message), ...])
CASES: dict[str, tuple[int, list[tuple[str, int, int, str]]]] = {
    # YAML traps
    "tab-indentation": (1, [(E, 6, 1, "mit einem Tabulator eingerückt")]),
    "unquoted-colon": (1, [(C, 1, 12, 'Setze den ganzen Text in Anführungszeichen, z. B. `title: "Ziel: Termin"`')]),
    "two-quoted-strings": (1, [(E, 2, 13, "Nach dem Text in Anführungszeichen folgt noch mehr Text")]),
    "unclosed-quote": (1, [(E, 2, 10, "Anführungszeichen wird geöffnet, aber nicht geschlossen")]),
    "bool-nein": (1, [(E, 18, 20, "`true` oder `false` erwartet; `nein` ist in YAML ein Text")]),
    "bool-ja-answer": (1, [(M, 16, 15, "`ja` ist in YAML ein Text")]),
    "shuffle-nein": (1, [(E, 12, 12, "`nein` ist in YAML ein Text")]),
    "not-utf8": (1, [(E, 1, 12, "nicht in UTF-8 gespeichert")]),
    "empty-file": (1, [(M, 1, 1, "Die Datei ist leer")]),
    "bom-valid": (0, []),
    "duplicate-key": (1, [(E, 5, 1, "`duration` steht hier zum zweiten Mal (zuerst in Zeile 3)")]),
    "anchor": (1, [(E, 2, 10, "Anker mit `&` sind nicht erlaubt")]),
    "billion-laughs": (1, [(E, 2, 10, "Anker mit `&` sind nicht erlaubt")]),
    "several-documents": (1, [(E, 11, 1, "entferne die Trennlinie `---`")]),
    "merge-key": (1, [(E, 11, 5, "Verweise mit `*` (Aliase) sind nicht erlaubt")]),
    "not-a-mapping": (1, [(M, 1, 1, "Einträgen der Form `schlüssel: wert`")]),
    # keys and values
    "unknown-key-hint": (1, [(E, 18, 11, "Den Schlüssel `corect` gibt es hier nicht. Meintest du `correct`?")]),
    "unknown-key-nohint": (1, [(C, 2, 1, "`farbe` gibt es hier nicht. Erlaubt sind: `id`, `title`")]),
    "glossary-unknown-key": (1, [(G, 6, 5, "`defintion` gibt es hier nicht. Meintest du `definition`?")]),
    "missing-required": (1, [(E, 1, 1, "Hier fehlt der Pflichteintrag `summary`")]),
    "missing-value": (1, [(E, 2, 9, "Hier fehlt der Wert")]),
    "section-kind-typo": (1, [(M, 10, 11, "`tipp` ist hier nicht erlaubt. Meintest du `tip`?")]),
    "question-type-typo": (1, [(E, 13, 13, "`singel` ist hier nicht erlaubt. Meintest du `single`?")]),
    "question-type-missing": (1, [(E, 13, 7, "Hier fehlt `type`. Möglich sind: `single`")]),
    "string-where-int": (1, [(E, 3, 11, "ganze Zahl ohne Anführungszeichen")]),
    "int-where-string": (1, [(E, 1, 8, "Hier wird Text erwartet. Setze den Wert in Anführungszeichen")]),
    "list-where-string": (1, [(E, 5, 13, "Hier wird eine Liste erwartet")]),
    "duration-zero": (1, [(E, 3, 11, "zu klein: erlaubt ist mindestens 1")]),
    "duration-too-long": (1, [(E, 3, 11, "zu groß: erlaubt ist höchstens 240")]),
    "pass-mark-0": (1, [(C, 2, 12, "zu klein: erlaubt ist mindestens 1")]),
    "pass-mark-101": (1, [(E, 12, 14, "zu groß: erlaubt ist höchstens 100")]),
    "level-typo": (1, [(E, 4, 8, "`basik` ist hier nicht erlaubt. Meintest du `basic`?")]),
    "language-fr": (1, [(C, 2, 11, "`fr` ist hier nicht erlaubt. Möglich sind: `de`, `en`")]),
    "bad-course-id": (1, [(C, 1, 5, "`Mein Kurs` ist keine gültige ID")]),
    "blank-title": (1, [(E, 1, 8, "Der Text darf nicht leer sein")]),
    "objectives-empty": (1, [(E, 5, 1, "`objectives` darf nicht leer sein")]),
    "objectives-too-many": (1, [(E, 5, 1, "`objectives` darf höchstens 10 Einträge haben, hier sind es 11")]),
    "track-without-modules": (1, [(C, 8, 5, "`modules` darf nicht leer sein")]),
    "dialogue-missing-speaker": (1, [(M, 14, 9, "Pflichteintrag `speaker`")]),
    # course structure
    "track-unknown-module": (
        1,
        [(C, 6, 9, "Es gibt kein Modul `zwie`. Meintest du `zwei`?"), (M, 1, 1, "`zwei` steht in keinem Track")],
    ),
    "track-missing-module": (1, [(C, 7, 9, "kein Modul `drei` (keine Datei `modules/drei.yaml`)")]),
    "module-in-no-track": (1, [("modules/drei.yaml", 1, 1, "Das Modul `drei` steht in keinem Track")]),
    "module-in-two-tracks": (
        1,
        [(C, 5, 9, "`eins` steht mehrfach im Lernpfad"), (C, 9, 9, "`eins` steht mehrfach im Lernpfad")],
    ),
    "requires-unknown": (1, [(M, 5, 5, "Es gibt kein Modul `einz`. Meintest du `eins`?")]),
    "requires-cycle": (
        1,
        [(E, 6, 5, "bilden einen Kreis: eins → zwei → eins"), (M, 5, 5, "bilden einen Kreis: zwei → eins → zwei")],
    ),
    "requires-self": (1, [(E, 6, 5, "bilden einen Kreis: eins → eins")]),
    "requires-cycle-three": (
        1,
        [
            (E, 6, 5, "Kreis: eins → drei → zwei → eins"),
            (M, 5, 5, "Kreis: zwei → eins → drei → zwei"),
            ("modules/drei.yaml", 5, 5, "Kreis: drei → zwei → eins → drei"),
        ],
    ),
    "tracks-empty": (1, [(C, 2, 1, "`tracks` darf nicht leer sein")]),
    "sections-empty": (1, [(E, 7, 1, "`sections` darf nicht leer sein")]),
    "bad-module-filename": (1, [("modules/Erstes_Modul.yaml", 1, 1, "`Erstes_Modul.yaml` ist keine gültige Modul-ID")]),
    "no-course-yaml": (1, [(C, 1, 1, "Die Datei `course.yaml` fehlt")]),
    # quiz rules
    "single-no-correct": (1, [(E, 16, 7, "genau eine Option mit `correct: true` (hier: 0)")]),
    "single-two-correct": (1, [(E, 16, 7, "genau eine Option mit `correct: true` (hier: 2)")]),
    "multiple-no-correct": (1, [(E, 16, 7, "`multiple`-Frage braucht mindestens eine Option mit `correct: true`")]),
    "options-too-few": (1, [(E, 16, 7, "`options` braucht mindestens 2 Einträge, hier sind es 1")]),
    "options-too-many": (1, [(E, 16, 7, "`options` darf höchstens 8 Einträge haben, hier sind es 9")]),
    "duplicate-options": (1, [(E, 17, 11, "Die Option `Gleich` kommt"), (E, 20, 11, "Die Option `Gleich` kommt")]),
    "order-two-items": (1, [(E, 16, 7, "`items` braucht mindestens 3 Einträge, hier sind es 2")]),
    "duplicate-order-items": (1, [(E, 17, 11, "Der Eintrag `Erst` kommt"), (E, 19, 11, "Der Eintrag `Erst` kommt")]),
    "duplicate-match-left": (1, [(E, 17, 11, "linke Wert `A`"), (E, 19, 11, "linke Wert `A`")]),
    "duplicate-match-right": (1, [(E, 18, 11, "rechte Wert `Gleich`"), (E, 20, 11, "rechte Wert `Gleich`")]),
    "match-one-pair": (1, [(E, 16, 7, "`pairs` braucht mindestens 2 Einträge")]),
    "text-accept-empty": (1, [(E, 16, 7, "`accept` darf nicht leer sein")]),
    "text-accept-blank": (1, [(E, 17, 11, "Der Text darf nicht leer sein")]),
    "text-accept-too-many": (1, [(E, 16, 7, "`accept` darf höchstens 20 Einträge haben")]),
    "duplicate-question-ids": (
        1,
        [(E, 17, 7, "Die Fragen-ID `gleich` gibt es in diesem Modul zweimal"), (E, 22, 7, "Fragen-ID `gleich`")],
    ),
    "duplicate-prompts": (
        1,
        [(E, 14, 7, "denselben Text und keine `id`. Gib mindestens einer"), (E, 18, 7, "denselben Text und keine `id`")],
    ),
    "quiz-no-questions": (1, [(E, 12, 3, "`questions` darf nicht leer sein")]),
    # glossary
    "glossary-duplicate-term": (
        1,
        [(G, 2, 5, "Der Begriff `Kaltakquise` steht zweimal"), (G, 7, 5, "Der Begriff `kaltakquise` steht zweimal")],
    ),
    "glossary-duplicate-alias": (
        1,
        [(G, 4, 15, "Der Begriff `Kaltanruf` steht zweimal"), (G, 7, 15, "Der Begriff `KALTANRUF` steht zweimal")],
    ),
    # text in fields
    "module-link-unknown": (1, [(E, 10, 20, "Es gibt kein Modul `zwie`")]),
    "media-missing": (1, [(E, 10, 18, "Die Datei `media/fehlt.png` gibt es nicht")]),
    "audio-missing": (1, [(E, 10, 19, "Die Datei `media/anruf.mp3` gibt es nicht")]),
    "media-present-valid": (0, []),
    "external-image": (1, [(E, 10, 12, "nicht von `https://example.org/a.png`")]),
    "script-warning": (0, [(E, 10, 13, "Warnung: Hier wurde HTML aus Sicherheitsgründen entfernt (<script>)")]),
    "list-without-blank-line": (0, [(E, 11, 7, "Warnung: Vor einer Liste muss eine Leerzeile stehen")]),
    "question-without-explanation": (0, [(M, 15, 7, "Warnung: Diese Frage hat keine `explanation`")]),
    "module-without-quiz": (0, [(M, 1, 1, "Warnung: Das Modul `zwei` hat keinen Selbstcheck")]),
    # an English course is told in English
    "english-course": (1, [(E, 18, 11, "error: There is no key `corect` here. Did you mean `correct`?")]),
}


@pytest.fixture
def check(rufbereit_main):
    """`rufbereit check` in process, from the repository root."""
    return lambda folder, *options, env=None: rufbereit_main("check", "--content", folder, *options, env=env)


def check_process(folder: str, *options: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, for the smoke tests of start-up and timing."""
    return subprocess.run(
        [sys.executable, "-m", "rufbereit", "check", "--content", folder, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_corpus_is_complete():
    folders = {path.name for path in (ROOT / BROKEN).iterdir() if path.is_dir()}
    assert folders == set(CASES)
    assert len(folders) >= 45


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input(check, case: str):
    status, expected = CASES[case]
    result = check(f"{BROKEN}/{case}")
    assert result.returncode == status, result.stderr
    lines = result.stderr.splitlines()
    for file, line, column, fragment in expected:
        place = f"{BROKEN}/{case}/{file}:{line}:{column}: "
        assert any(text.startswith(place) and fragment in text for text in lines), (place, fragment, result.stderr)
    # Nothing else is reported: each case holds exactly one mistake.
    assert len(lines) == len(expected), result.stderr


def test_warning_fails_under_strict(check):
    assert check(f"{BROKEN}/script-warning", "--strict").returncode == 1
    assert check(f"{BROKEN}/bom-valid", "--strict").returncode == 0


def test_alias_bomb_is_refused_fast():
    from rufbereit.content.load import load_content

    # Timed in-process: the interpreter's start-up on a busy CI machine is not what we measure.
    started = time.monotonic()
    content = load_content(ROOT / BROKEN / "billion-laughs")
    assert time.monotonic() - started < 2
    assert [problem.code for problem in content.errors] == ["anchor"]
    started = time.monotonic()
    result = check_process(f"{BROKEN}/billion-laughs")
    assert time.monotonic() - started < 10
    assert result.returncode == 1 and "Anker mit `&` sind nicht erlaubt" in result.stderr


def test_missing_content_folder_is_a_usage_error():
    result = check_process(f"{BROKEN}/does-not-exist")
    assert result.returncode == 2
    assert "does-not-exist" in result.stderr


def test_github_annotations(check):
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = check(f"{BROKEN}/unknown-key-hint", env=env)
    assert result.returncode == 1
    assert f"::error file={BROKEN}/unknown-key-hint/{E},line=18,col=11::Den Schlüssel `corect`" in result.stderr
    warning = check(f"{BROKEN}/script-warning", env=env)
    assert f"::warning file={BROKEN}/script-warning/{E},line=10,col=13::" in warning.stderr


def test_english_course_uses_english_labels(check):
    result = check(f"{BROKEN}/english-course")
    assert "Fehler" not in result.stderr and "Meintest" not in result.stderr
