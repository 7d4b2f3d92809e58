"""Every broken input in tests/broken/ is reported at the right place with a helpful message.

Each folder under tests/broken/ is a small complete course with ONE mistake in it (or, for
the `*-valid` cases, none). The table below is the only place that says what `check` must
answer: the exit code and, for each expected problem, file, line, column and a fragment of
the message. The command line runs in process (`rufbereit.cli.main`); two smoke tests run
it as a trainer does, as a new process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from rufbereit.texts import text

ROOT = Path(__file__).resolve().parents[1]
BROKEN = "tests/broken"
E, M, C, G = "modules/eins.yaml", "modules/zwei.yaml", "course.yaml", "glossary.yaml"

# case: (exit code, [(file, line, column, fragment of the message), ...])
CASES: dict[str, tuple[int, list[tuple[str, int, int, str]]]] = {
    # YAML traps
    "tab-indentation": (1, [(E, 6, 1, "mit einem Tabulator eingerückt")]),
    "unquoted-colon": (1, [(C, 1, 12, 'Setze den ganzen Text in Anführungszeichen: `title: "Ziel: Termin"`')]),
    "two-quoted-strings": (1, [(E, 2, 10, "Nach dem Text in Anführungszeichen folgt noch mehr Text. Setze den ganzen Wert in ein Paar Anführungszeichen: `summary: '\"a\", \"b\"'`")]),
    "unclosed-quote": (1, [(E, 2, 10, "Anführungszeichen wird geöffnet, aber nicht geschlossen")]),
    # … and closed by the next quoted value, lines later: said once, where it opened, not at the line YAML fails on.
    "unclosed-quote-closed-later": (1, [(E, 2, 10, 'Schreibe die Zeile so: `summary: "Das erste Modul."`')]),
    "unclosed-single-quote-closed-later": (1, [(E, 2, 10, 'Schreibe die Zeile so: `summary: "Das erste Modul."`')]),
    "bool-nein": (1, [(E, 18, 20, "`true` oder `false` erwartet; `nein` ist in YAML ein Text")]),
    "bool-ja-answer": (1, [(M, 16, 15, "`ja` ist in YAML ein Text")]),
    "shuffle-nein": (1, [(E, 12, 12, "`nein` ist in YAML ein Text")]),
    "not-utf8": (1, [(E, 1, 12, "nicht in UTF-8 gespeichert")]),
    "empty-file": (1, [(M, 1, 1, "Die Datei ist leer")]),
    "bom-valid": (0, []),
    "duplicate-key": (1, [(E, 5, 1, "`duration` steht hier zum zweiten Mal (zuerst in Zeile 3)")]),
    "anchor": (1, [(E, 2, 10, 'Der Wert beginnt mit `&`: dieses Zeichen hat am Anfang eines Werts in YAML eine eigene Bedeutung, deshalb wird der Text nicht als Text gelesen. Setze den ganzen Wert in Anführungszeichen: `summary: "&s Das erste Modul."`')]),
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
    # practice calls
    "call-valid": (0, []),
    "call-unknown-next": (1, [(E, 28, 19, "keinen Schritt und kein Ende `termn`. Meintest du `termin`?")]),
    "call-unknown-next-nohint": (1, [(E, 28, 19, "keinen Schritt und kein Ende `xyz`. Trage bei `next` eine ID ein")]),
    "call-unknown-start": (1, [(E, 11, 12, "`start` nennt den Schritt `begrüßung`, den es unter `steps` nicht gibt. Meintest du `begruessung`?")]),
    "call-unreachable": (
        1,
        [(E, 32, 7, "Der Schritt `vergessen` ist von `start` aus nicht erreichbar"),
         (E, 48, 7, "Das Ende `verloren` ist von `start` aus nicht erreichbar")],
    ),
    "call-loop": (1, [(E, 31, 19, "zurück zu einem Schritt, der schon dran war: begruessung → einwand → begruessung")]),
    "call-no-success": (1, [(E, 32, 5, "Kein Weg von `start` aus führt zu einem Ende mit `outcome: success`")]),
    "call-duplicate-id": (
        1,
        [(E, 23, 7, "Die ID `einwand` steht in diesem Anruf unter `steps` und unter `endings`"),
         (E, 36, 7, "Die ID `einwand` steht in diesem Anruf unter `steps` und unter `endings`")],
    ),
    "call-duplicate-say": (
        1,
        [(E, 26, 13, "Die Antwort `Wie lösen Sie das heute?` kommt in diesem Schritt zweimal vor"),
         (E, 29, 13, "Die Antwort `Wie lösen Sie das heute?` kommt in diesem Schritt zweimal vor")],
    ),
    "call-pass-points": (1, [(E, 10, 18, "`pass_points: 5` ist nie zu erreichen: auf dem besten Weg zu einem Ende mit `outcome: success` gibt es höchstens 3 Punkte")]),
    "call-same-next": (0, [(E, 23, 7, "Warnung: Alle Antworten dieses Schritts führen zu `termin`")]),
    "call-ending-without-points": (0, [(E, 34, 7, "Warnung: Keine Antwort, die zum Ende `abgewimmelt` führt, gibt Punkte")]),
    "call-bad-step-id": (1, [(E, 23, 7, "`Einwand` ist keine gültige ID für einen Schritt oder ein Ende")]),
    "call-choice-key-typo": (1, [(E, 28, 13, "Den Schlüssel `nxt` gibt es hier nicht. Meintest du `next`?")]),
    "call-too-many-choices": (1, [(E, 25, 9, "`choices` darf höchstens 4 Einträge haben, hier sind es 5")]),
    "call-points-too-large": (1, [(E, 17, 21, "zu groß: erlaubt ist höchstens 5")]),
    "call-missing-debrief": (1, [(E, 33, 7, "Pflichteintrag `debrief`")]),
    # an English course is told in English
    "english-course": (1, [(E, 18, 11, "error: There is no key `corect` here. Did you mean `correct`?")]),
}


D, V = "modules/drei.yaml", "modules/vier.yaml"
# The slips of issue 12, each class with several instances (different keys, places, files),
# told in German and, with `language: en` added to course.yaml, in English.
# case: (exit code, [(file, line, column, German fragment, English fragment), ...])
SLIPS: dict[str, tuple[int, list[tuple[str, int, int, str, str]]]] = {
    "slip-starts-with-markdown": (1, [
        (E, 2, 10, 'Der Wert beginnt mit `*`: dieses Zeichen hat am Anfang eines Werts in YAML eine eigene Bedeutung, deshalb wird der Text nicht als Text gelesen. Setze den ganzen Wert in Anführungszeichen: `summary: "**Wichtig:** Ruf zurück."`',
         'The value starts with `*`: at the start of a value this character has a meaning of its own in YAML, so the text is not read as text. Put the whole value in quotes: `summary: "**Wichtig:** Ruf zurück."`'),
        (M, 5, 5, 'Der Wert beginnt mit `[`', 'Put the whole value in quotes: `- "[Absage] Kunde legt auf"`'),
        (D, 14, 15, 'Setze den ganzen Wert in Anführungszeichen: `text: "*kursiv* gesprochen"`', 'The value starts with `*`'),
        (V, 25, 17, 'Anführungszeichen: `- text: "`Skript` vorlesen"`', 'quotes: `- text: "`Skript` vorlesen"`'),
    ]),
    "slip-starts-with-indicator": (1, [
        (E, 2, 10, 'Der Wert beginnt mit `&`', 'Put the whole value in quotes: `summary: "& Co KG ruft an"`'),
        (M, 7, 12, 'Anführungszeichen: `- title: "!Wichtig zuerst"`', 'The value starts with `!`'),
        (D, 20, 15, 'Anführungszeichen: `prompt: "> 5 Anrufe am Tag?"`', 'quotes: `prompt: "> 5 Anrufe am Tag?"`'),
        (V, 5, 5, """Nach dem Text in Anführungszeichen folgt noch mehr Text. Setze den ganzen Wert in ein Paar Anführungszeichen: `- "'%20 Rabatt' ist falsch"`""",
         """More text follows the text in quotes. Put the whole value in one pair of quotes: `- "'%20 Rabatt' ist falsch"`"""),
    ]),
    "slip-starts-with-brace": (1, [
        (E, 2, 10, 'Der Wert beginnt mit `{`', 'quotes: `summary: "{Name} ruft an"`'),
        (M, 16, 15, 'Anführungszeichen: `text: "| Trennstrich"`', 'The value starts with `|`'),
        (D, 5, 5, 'Anführungszeichen: `- "%20 Rabatt nennen"`', 'The value starts with `%`'),
        (V, 23, 17, 'Anführungszeichen: `- text: "@Team fragen"`', 'The value starts with `@`'),
    ]),
    "slip-comment": (1, [
        (E, 2, 25, 'Warnung, ändert die Seite: Ab ` #` gilt der Rest der Zeile in YAML als Kommentar und fehlt im Text: `#1 im Team`. Gehört er zum Text, setze den ganzen Wert in Anführungszeichen: `summary: "Ziel ist Platz #1 im Team"`',
         'warning, changes the page: From ` #` on, YAML reads the rest of the line as a comment and drops it from the text: `#1 im Team`. If it belongs to the text, put the whole value in quotes: `summary: "Ziel ist Platz #1 im Team"`'),
        (M, 25, 17, 'Fehler: Der Wert beginnt mit `#`: in YAML beginnt damit ein Kommentar, der Wert ist also leer. Setze den Text in Anführungszeichen: `- text: "#2 im Team"`',
         'error: The value starts with `#`: in YAML that starts a comment, so the value is empty. Put the text in quotes: `- text: "#2 im Team"`'),
        (D, 5, 26, 'Warnung, ändert die Seite: Ab ` #` gilt der Rest der Zeile in YAML als Kommentar und fehlt im Text: `# siehe Handbuch`', 'drops it from the text: `# siehe Handbuch`'),
    ]),
    "slip-typographic-quotes": (1, [
        (E, 1, 8, 'Der Wert beginnt mit dem typografischen Anführungszeichen `„`. YAML zählt nur gerade Anführungszeichen (`"` oder `\'`) als Anführungszeichen. Schreibe die Zeile so: `title: "Einwände: souverän"`',
         'The value starts with the typographic quotation mark `„`. YAML only counts straight quotes (`"` or `\'`) as quotes. Write the line like this: `title: "Einwände: souverän"`'),
        (M, 2, 10, 'Schreibe die Zeile so: `summary: "Ziel: Termin vereinbaren"`', 'Write the line like this: `summary: "Ziel: Termin vereinbaren"`'),
        (D, 10, 12, 'Anführungszeichen `‚`', 'Write the line like this: `- title: "Gespräch: Einstieg"`'),
    ]),
    "slip-missing-dash": (1, [
        (E, 25, 11, 'Hier beginnt ein neuer Listeneintrag, aber das `- ` davor fehlt; so gehört `text` zum Eintrag darüber. Schreibe die Zeile so: `        - text: Jene`',
         'A new list item starts here, but the `- ` in front of it is missing, so `text` belongs to the item above. Write the line like this: `        - text: Jene`'),
        (M, 10, 5, 'Schreibe die Zeile so: `  - title: Gespräch`', 'Write the line like this: `  - title: Gespräch`'),
        (D, 15, 9, 'so gehört `speaker` zum Eintrag darüber. Schreibe die Zeile so: `      - speaker: client`', 'so `speaker` belongs to the item above'),
        (V, 10, 3, 'das `- ` davor fehlt', 'Write the line like this: `- title: Gespräch`'),
    ]),
    "slip-indentation": (1, [
        (E, 8, 1, '`body` ist anders eingerückt als `title` in Zeile 7. Gleichrangige Schlüssel müssen genau gleich weit eingerückt sein (4 Leerzeichen): `    body: |`',
         '`body` is indented differently from `title` in line 7. Keys on the same level must be indented exactly alike (4 spaces): `    body: |`'),
        (M, 11, 1, '`kind` ist anders eingerückt als `title` in Zeile 10', '(4 spaces): `    kind: dialogue`'),
        (D, 21, 1, '`explanation` ist anders eingerückt als `prompt` in Zeile 20', '(6 spaces): `      explanation: Weil es so ist.`'),
        (V, 24, 11, 'Zeile 24 ist mit einem geschützten Leerzeichen eingerückt', 'Line 24 is indented with a no-break space'),
    ]),
    "slip-tab-after-dash": (1, [
        (E, 5, 4, "mit einem Tabulator eingerückt", "indented with a tab"),
        (M, 23, 10, "schreibe die Zeile mit 8 Leerzeichen davor: `        - text: Diese`", "write the line with 8 spaces in front: `        - text: Diese`"),
    ]),
    "slip-missing-space": (1, [
        (E, 3, 10, "Nach dem Doppelpunkt fehlt ein Leerzeichen. Schreibe: `duration: 25`", "A space is missing after the colon. Write: `duration: 25`"),
        (M, 5, 3, "Nach dem Bindestrich fehlt ein Leerzeichen: ohne es ist die Zeile kein Listeneintrag. Schreibe: `- Du kennst das Modul.`",
         "A space is missing after the dash: without it the line is no list item. Write: `- Du kennst das Modul.`"),
        (D, 20, 14, "Schreibe: `prompt: Welche Antwort stimmt?`", "Write: `prompt: Welche Antwort stimmt?`"),
    ]),
    "slip-multiline": (1, [
        (E, 9, 1, "Warnung, ändert die Seite: Diese Zeile gehört zum Text von `body` (Zeile 8), der ohne `|` geschrieben ist", "warning, changes the page: This line belongs to the text of `body` (line 8), written without `|`"),
        (M, 8, 11, "Warnung, ändert die Seite: Mit `>` fügt YAML die Zeilen zu einer zusammen", "warning, changes the page: With `>` YAML joins the lines into one"),
        (M, 10, 1, "Warnung: Vor einer Liste muss eine Leerzeile stehen", "warning:"),
        (D, 8, 11, "Schreibe ihn als Block: die Zeile so: `body: |`, darunter als erste Zeile des Texts `      Erste Zeile`",
         "Write it as a block: this line like this: `body: |`, below it as the text's first line `      Erste Zeile`"),
    ]),

    # class 4, second half: a list item that lacks its first key
    "slip-item-first-key": (1, [
        (E, 26, 11, "Diesem Listeneintrag fehlt der Pflichteintrag `text`. Schreibe ihn als erste Zeile des Eintrags, mit dem Bindestrich davor: `- text: …`",
         "This list item lacks the required key `text`. Write it as the item's first line, with the dash in front: `- text: …`"),
        (M, 26, 11, "fehlt der Pflichteintrag `text`", "lacks the required key `text`"),
        (D, 15, 9, "fehlt der Pflichteintrag `text`", "lacks the required key `text`"),
        (V, 25, 11, "fehlt der Pflichteintrag `left`. Schreibe ihn als erste Zeile des Eintrags, mit dem Bindestrich davor: `- left: …`", "`- left: …`"),
    ]),
    # class 7: files that would be skipped; CR-only line endings and a zero-width character read right
    "slip-ignored-files": (1, [
        ("modules/._eins.yaml", 1, 1, "Hinweis: `._eins.yaml` ist eine Hilfsdatei von macOS und wird nicht gelesen. Du kannst sie löschen.",
         "note: `._eins.yaml` is a macOS helper file and is not read. You can delete it."),
        ("modules/drei.yml", 1, 1, "Fehler: Die Datei `drei.yml` wird nicht gelesen: Moduldateien enden auf `.yaml`. Benenne sie um in `drei.yaml`",
         "error: The file `drei.yml` is not read: module files end in `.yaml`. Rename it to `drei.yaml`"),
        ("modules/vier.yaml.txt", 1, 1, "Benenne sie um in `vier.yaml`", "Rename it to `vier.yaml`"),
        ("modules/Sechs.YAML", 1, 1, "Benenne sie um in `sechs.yaml`", "Rename it to `sechs.yaml`"),
        ("modules/alt/fuenf.yaml", 1, 1, "Warnung: Die Datei `alt/fuenf.yaml` liegt in einem Unterordner und wird nicht gelesen: Module müssen direkt in `modules/` liegen. Verschiebe sie nach `modules/fuenf.yaml`",
         "warning: The file `alt/fuenf.yaml` is in a subfolder and is not read: modules must be directly in `modules/`. Move it to `modules/fuenf.yaml`"),
        ("modules/notizen.txt", 1, 1, "Warnung: Die Datei `notizen.txt` wird nicht gelesen", "warning: The file `notizen.txt` is not read"),
        (E, 2, 4, "Im Schlüssel `summary` steht ein unsichtbares Zeichen (U+200B)", "The key `summary` contains an invisible character (U+200B)"),
        (M, 24, 11, "Den Schlüssel `corect` gibt es hier nicht. Meintest du `correct`?", "There is no key `corect` here. Did you mean `correct`?"),
    ]),
    # class 7 and 10: media files a link cannot reach, that are no image, or too large
    "slip-media-files": (1, [
        (unicodedata.normalize("NFD", "media/übung.png"), 1, 1, "Im Dateinamen `übung.png` sind die Umlaute zerlegt gespeichert",
         "The file name `übung.png` stores its umlauts decomposed"),
        ("media/Headset Bild.png", 1, 1, "Der Dateiname `Headset Bild.png` enthält ein Leerzeichen; ein Link auf die Datei bricht dort ab. Benenne sie um in `Headset-Bild.png`",
         "The file name `Headset Bild.png` contains a space; a link to the file breaks off there. Rename it to `Headset-Bild.png`"),
        ("media/logo.png", 1, 1, "Fehler: `logo.png` endet auf `.png`, ist aber keine solche Datei", "error: `logo.png` ends in `.png`"),
        ("media/plan.png", 1, 1, "Warnung, ändert die Seite: Das Bild ist 1028 KB groß; über 1 MB", "warning, changes the page: The image is 1028 KB; above 1 MB"),
    ]),
    # class 8: links that would break on the site
    "slip-broken-links": (1, [
        (E, 9, 19, "Ein Link auf eine Moduldatei funktioniert auf der Website nicht. Verlinke das Modul mit `module:` und seiner ID: `[Pflicht](module:zwei)`",
         "A link to a module file does not work on the site. Link the module with `module:` and its id: `[Pflicht](module:zwei)`"),
        (E, 9, 49, "`[die Regeln](module:drei)`", "`[die Regeln](module:drei)`"),
        (M, 9, 77, "Auf der Seite des Moduls `eins` gibt es keine Stelle `#gibt-es-nicht`. Möglich sind: `#eins`, `#das-lernst-du-hier`, `#einstieg`, `#gespraech`, `#selbstcheck`.",
         "The page of module `eins` has no place `#gibt-es-nicht`. Possible are: `#eins`, `#what-you-will-learn`, `#einstieg`, `#gespraech`, `#self-check`."),
        (M, 5, 42, "keine Stelle `#gesprach`. Meintest du `#gespraech`?", "no place `#gesprach`. Did you mean `#gespraech`?"),
        (D, 5, 15, "Zwischen `]` und `(` steht ein Leerzeichen, deshalb wird daraus kein Link. Schreibe: `[die Einwände](module:eins)`",
         "There is a space between `]` and `(`, so this does not become a link. Write: `[die Einwände](module:eins)`"),
        (D, 14, 25, "Schreibe: `![Bild](media/bild.png)`", "Write: `![Bild](media/bild.png)`"),
        (V, 11, 7, "Warnung: `# Überschrift` wird eine Überschrift mitten im Text. Überschriften entstehen aus Abschnitten: beginne hier einen neuen Abschnitt mit `- title: Überschrift`",
         "warning: `# Überschrift` becomes a heading in the middle of the text. Headings come from sections: start a new section here with `- title: Überschrift`"),
    ]),
    # class 9: did-you-mean for ids, German words and media names
    "slip-did-you-mean": (1, [
        (C, 8, 9, "`Einwaende` ist keine gültige ID. Meintest du `einwaende`?", "`Einwaende` is not a valid id. Did you mean `einwaende`?"),
        (M, 5, 5, "`einwände` ist keine gültige ID. Meintest du `einwaende`?", "`einwände` is not a valid id. Did you mean `einwaende`?"),
        (D, 9, 24, "Es gibt kein Modul `einwaende.yaml`. Meintest du `einwaende`?", "There is no module `einwaende.yaml`. Did you mean `einwaende`?"),
        (D, 9, 62, "Die Datei `media/Headset.png` gibt es nicht. Meintest du `media/headset.png`?", "The file `media/Headset.png` does not exist. Did you mean `media/headset.png`?"),
        (E, 4, 8, "`Fortgeschritten` ist hier nicht erlaubt. Meintest du `intermediate`?", "Did you mean `intermediate`?"),
        (E, 20, 13, "`zuordnen` ist hier nicht erlaubt. Meintest du `match`?", "Did you mean `match`?"),
        ("modules/einwaende.yaml", 4, 8, "`Profi` ist hier nicht erlaubt. Meintest du `advanced`?", "Did you mean `advanced`?"),
        (M, 13, 11, "`beispiel` ist hier nicht erlaubt. Meintest du `example`?", "Did you mean `example`?"),
    ]),
    # class 10: warnings for what check let pass before (and two errors)
    "slip-warnings": (1, [
        (E, 11, 7, "Warnung: Das Bild `media/bild.png` hat keinen Alternativtext", "warning: The image `media/bild.png` has no alternative text"),
        (M, 14, 15, "Warnung: Das Bild `media/bild.png` hat keinen Alternativtext", "warning: The image `media/bild.png` has no alternative text"),
        (M, 22, 7, "Warnung: Alle Optionen dieser Frage sind richtig", "warning: Every option of this question is correct"),
        (D, 23, 11, "Fehler: Die Einträge `Begrüßen` und `begrüßen` unterscheiden sich nur in Groß- und Kleinschreibung",
         "error: The items `Begrüßen` and `begrüßen` differ only in upper and lower case"),
        (D, 25, 11, "Die Einträge `begrüßen` und `Begrüßen`", "The items `begrüßen` and `Begrüßen`"),
        (E, 1, 1, "Warnung: Das Modul `vier` hat denselben Titel `Eins`", "warning: The module `vier` has the same title `Eins`"),
        (V, 1, 1, "Warnung: Das Modul `eins` hat denselben Titel `Eins`", "warning: The module `eins` has the same title `Eins`"),
        (E, 5, 5, "Warnung: Das Modul `vier` steht im Lernpfad erst nach `eins`, wird hier aber vorausgesetzt",
         "warning: The module `vier` comes after `eins` in the learning path but is required here"),
        (D, 2, 10, "Warnung, ändert die Seite: Hier steht noch der Beispieltext aus `new module`: `Worum es in diesem Modul geht, in ein b…`",
         "warning, changes the page: The sample text from `new module` is still here"),
        (M, 3, 11, "Warnung: `duration: 60` passt nicht zur geschätzten Bearbeitungszeit von etwa 2 Minuten (29 Wörter bei 200 pro Minute, dazu 1 Minute je Frage und je Schritt eines Übungsanrufs). Prüfe die Angabe, z. B. `duration: 2`.",
         "warning: `duration: 60` does not fit the estimated time of about 2 minutes (29 words at 200 a minute, plus 1 minute per question and per practice-call step). Check it, e.g. `duration: 2`."),
    ]),
}


def _lint_openings() -> tuple[str, ...]:
    """How each message of the question lint begins, in every language."""
    from rufbereit.texts import languages, section

    return tuple(
        f"{text(language, 'severity.warning')}: " + message.split("{")[0]
        for language in languages()
        for code, message in section(language, "messages").items()
        if code.startswith("lint_")
    )


def without_lint(lines: list[str]) -> list[str]:
    """The corpus courses are tiny and repeat one prompt: the question lint (tests/test_question_lint.py)
    is not what they test, and each case counts only its own problems."""
    openings = _lint_openings()
    return [line for line in lines if not any(f": {opening}" in line for opening in openings)]


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
    assert folders == set(CASES) | set(SLIPS) | set(LISTS)
    assert len(folders) >= 45


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input(check, case: str):
    status, expected = CASES[case]
    result = check(f"{BROKEN}/{case}")
    assert result.returncode == status, result.stderr
    lines = without_lint(result.stderr.splitlines())
    for file, line, column, fragment in expected:
        place = f"{BROKEN}/{case}/{file}:{line}:{column}: "
        assert any(text.startswith(place) and fragment in text for text in lines), (place, fragment, result.stderr)
    # Nothing else is reported: each case holds exactly one mistake.
    assert len(lines) == len(expected), result.stderr


def test_warning_fails_under_strict(check):
    assert check(f"{BROKEN}/script-warning", "--strict").returncode == 1
    assert check(f"{BROKEN}/bom-valid", "--strict").returncode == 0


def test_alias_bomb_is_refused():
    """Refused, not expanded (how fast: `benchmarks/calls.py`, in `make bench`); the process's
    timeout of 60 s only keeps a regression from hanging the suite."""
    from rufbereit.content.load import load_content

    content = load_content(ROOT / BROKEN / "billion-laughs")
    assert [problem.code for problem in content.errors] == ["anchor"]
    result = check_process(f"{BROKEN}/billion-laughs")
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


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("case", sorted(SLIPS))
def test_slip(case: str, language: str, tmp_path, capsys):
    """In process: the same slips, worded in the course's language."""
    from rufbereit.cli import main

    folder = tmp_path / case
    shutil.copytree(ROOT / BROKEN / case, folder)
    if language == "en":
        with (folder / "course.yaml").open("a", encoding="utf-8") as stream:
            stream.write("language: en\n")
    status, expected = SLIPS[case]
    assert main(["check", "--content", str(folder)]) == status
    lines = without_lint(capsys.readouterr().err.splitlines())
    for file, line, column, german, english in expected:
        place = f"{folder}/{file}:{line}:{column}: "
        fragment = german if language == "de" else english
        assert any(text.startswith(place) and fragment in text for text in lines), (place, fragment, lines)
    assert len(lines) == len(expected), lines
    # No parser jargon reaches a trainer.
    assert not any(word in text for text in lines for word in ("expected", "scanning", "mapping values"))


@pytest.mark.parametrize(
    ("case", "language", "line"),
    [
        ("bom-valid", "de", "Kurs in Ordnung: 2 Module, 2 Fragen, 0 Warnungen"),
        ("bom-valid", "en", "Course OK: 2 modules, 2 questions, 0 warnings"),
        ("question-without-explanation", "de", "Kurs in Ordnung: 2 Module, 2 Fragen, 1 Warnungen"),
    ],
)
def test_a_successful_check_prints_one_status_line(case, language, line, tmp_path, capsys):
    from rufbereit.cli import main

    folder = tmp_path / case
    shutil.copytree(ROOT / BROKEN / case, folder)
    if language == "en":
        with (folder / "course.yaml").open("a", encoding="utf-8") as stream:
            stream.write("language: en\n")
    assert main(["check", "--content", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [line]


def test_a_macos_helper_file_never_blocks(tmp_path, capsys):
    """`._eins.yaml` is noted, even under --strict the course passes."""
    from rufbereit.cli import main

    folder = tmp_path / "course"
    shutil.copytree(ROOT / BROKEN / "bom-valid", folder)
    (folder / "modules" / "._eins.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    assert main(["check", "--strict", "--content", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"{folder}/modules/._eins.yaml:1:1: Hinweis: `._eins.yaml` ist eine Hilfsdatei von macOS und wird nicht gelesen. Du kannst sie löschen.\n"
    assert captured.out == "Kurs in Ordnung: 2 Module, 2 Fragen, 0 Warnungen\n"


def test_skeleton_text_fails_under_strict(tmp_path, capsys):
    from rufbereit.cli import main

    folder = tmp_path / "course"
    shutil.copytree(ROOT / BROKEN / "slip-warnings", folder)
    drei = folder / "modules" / "drei.yaml"
    drei.write_text(drei.read_text(encoding="utf-8").replace("        - begrüßen\n", "        - Abschließen\n"), encoding="utf-8")
    assert main(["check", "--content", str(folder)]) == 0
    assert main(["check", "--strict", "--content", str(folder)]) == 1
    assert "Beispieltext aus `new module`" in capsys.readouterr().err


F5, S6, S7, A8, N9, Z10, E11, Z12 = (f"modules/{name}.yaml" for name in ("fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwoelf"))
# Issue 22: every way a list or a block text goes wrong, in checklists, objectives, key
# points, options, dialogue lines and call steps; each message shows the corrected line
# (tests/test_follow_fix.py applies it). German keys and values. One file, several mistakes.
# case: (exit code, [(file, line, column, fragment of the message), ...])
LISTS: dict[str, tuple[int, list[tuple[str, int, int, str]]]] = {
    "list-colon": (1, [
        (E, 16, 9, 'Ein Doppelpunkt mit Leerzeichen dahinter steht mitten im Text. Setze den ganzen Text in Anführungszeichen: `      - "Wichtig: Notizen lesen"`'),
        (M, 6, 5, 'Anführungszeichen: `  - "Ziel: Du übst einen Anruf."`'),
        (D, 49, 5, 'Anführungszeichen: `  - "Merke: ehrlich bleiben."`'),
        (V, 58, 28, 'Anführungszeichen: `- text: "Das Angebot: sofort"`'),
        (F5, 23, 28, 'Anführungszeichen: `text: "Worum geht es: Vertrag?"`'),
        (S6, 31, 29, 'Anführungszeichen: `client: "Firma Muster: guten Tag?"`'),
    ]),
    "list-comment": (0, [
        (E, 15, 22, 'Warnung, ändert die Seite: Ab ` #` gilt der Rest der Zeile in YAML als Kommentar und fehlt im Text: `#1 bereitlegen`. Gehört er zum Text, setze den ganzen Wert in Anführungszeichen: `- "Kundennummer #1 bereitlegen"`'),
        (M, 6, 19, '`- "Du übst Anruf #2."`'),
        (D, 58, 29, '`- text: "Das Angebot #2"`'),
        (V, 49, 21, '`- "Ehrlich bleiben #1"`'),
    ]),
    "list-quotes": (1, [
        (E, 15, 9, """Nach dem Text in Anführungszeichen folgt noch mehr Text. Setze den ganzen Wert in ein Paar Anführungszeichen: `- '"Kundennummer" bereitlegen'`"""),
        (M, 49, 5, """`- "'Ehrlich' bleiben."`"""),
        (D, 58, 17, """`- text: '"Das" Angebot'`"""),
        (V, 49, 5, 'Ein Anführungszeichen wird geöffnet, aber nicht geschlossen. Schreibe die Zeile so: `- "Ehrlich bleiben."`'),
    ]),
    "list-indentation": (1, [
        (E, 16, 1, "Dieser Listeneintrag ist um 1 Leerzeichen anders eingerückt als der Eintrag in Zeile 15. Einträge derselben Liste beginnen genau untereinander: schreibe die Zeile mit 6 Leerzeichen davor: `      - Notizen vom letzten Gespräch lesen`"),
        (M, 16, 1, "um 3 Leerzeichen anders eingerückt als der Eintrag in Zeile 15"),
        (D, 49, 1, "um 2 Leerzeichen anders eingerückt als der Eintrag in Zeile 48. Einträge derselben Liste beginnen genau untereinander: schreibe die Zeile mit 2 Leerzeichen davor: `  - Ehrlich bleiben.`"),
        (V, 16, 1, "um 1 Leerzeichen anders eingerückt als der Eintrag in Zeile 15"),
        (F5, 58, 1, "in Zeile 56. Einträge derselben Liste beginnen genau untereinander: schreibe die Zeile mit 8 Leerzeichen davor: `        - text: Das Angebot`"),
        (S6, 22, 1, "mit 6 Leerzeichen davor: `      - speaker: client`"),
        (S7, 37, 1, "mit 10 Leerzeichen davor: `          - say: Stellen Sie mich durch.`"),
        (A8, 6, 1, "mit 2 Leerzeichen davor: `  - Du übst einen Anruf.`"),
    ]),
    "list-missing-dash": (1, [
        (E, 16, 7, "Hier beginnt ein neuer Listeneintrag, aber das `- ` davor fehlt, deshalb liest YAML die Zeile nicht als Eintrag. Schreibe die Zeile mit 6 Leerzeichen und dem Bindestrich davor: `      - Notizen vom letzten Gespräch lesen`"),
        (M, 6, 3, "`  - Du übst einen Anruf.`"),
        (D, 49, 3, "`  - Ehrlich bleiben.`"),
        (V, 48, 3, "`  - Vorbereitung spart Zeit.`"),
        (F5, 4, 13, "Hier wird eine Liste erwartet: `objectives:` allein in einer Zeile, darunter jeder Eintrag in einer eigenen Zeile mit `- ` davor. Lass `objectives:` in dieser Zeile stehen und schreibe den Eintrag in die nächste Zeile, mit 2 Leerzeichen davor: `  - Du kennst den Ablauf eines Nachfass-Anrufs.`"),
    ]),
    "block-missing-pipe": (1, [
        (E, 9, 10, "Der Text von `body` steht in den Zeilen darunter, aber ohne `|`: so liest YAML einen Doppelpunkt oder ein `- ` darin als Schlüssel oder Liste. Schreibe die Zeile so: `body: |` und lass den Text darunter eingerückt."),
        (M, 10, 1, "Warnung, ändert die Seite: Diese Zeile gehört zum Text von `body` (Zeile 9), der ohne `|` geschrieben ist: YAML fügt alle Zeilen zu einer zusammen, die Liste erscheint als Fließtext. Schreibe die Zeile 9 so: `body: |`, darunter eingerückt wie die Liste `      Ein guter Nachfass-Anruf hat drei Teile.`, dann eine Leerzeile, dann die Liste."),
        (D, 9, 10, "Der Text von `body` steht in den Zeilen darunter, aber ohne `|`"),
        (V, 9, 11, "Warnung, ändert die Seite: Mit `>` fügt YAML die Zeilen zu einer zusammen: Listen und Zeilenumbrüche gehen verloren. Schreibe `|` statt `>`: `body: |`"),
        (F5, 9, 50, "Ein Doppelpunkt mit Leerzeichen dahinter steht mitten im Text von `body`, und der Text geht in den Zeilen darunter weiter. Schreibe ihn als Block: die Zeile so: `body: |`, darunter als erste Zeile des Texts `      Ein guter Nachfass-Anruf hat drei Teile:`; die übrigen Zeilen bleiben, wie sie sind."),
        (S6, 9, 11, "Schreibe ihn als Block: die Zeile so: `body: |`, darunter als erste Zeile des Texts `      Ein guter Nachfass-Anruf hat drei Teile.`"),
    ]),
    "list-tabs": (1, [
        (E, 16, 1, "Hier wird mit einem Tabulator eingerückt. YAML erlaubt nur Leerzeichen: schreibe die Zeile mit 6 Leerzeichen davor: `      - Notizen vom letzten Gespräch lesen`"),
        (M, 16, 8, "mit 6 Leerzeichen davor: `      - Notizen vom letzten Gespräch lesen`"),
        (D, 11, 1, "mit 6 Leerzeichen davor: `      Erst kommt die Begrüßung.`"),
    ]),
    "german-keys": (1, [
        (E, 52, 7, "Den Schlüssel `typ` gibt es hier nicht. Meintest du `type`? Schreibe die Zeile so: `- type: single`"),
        (M, 29, 5, "Meintest du `steps`? Schreibe die Zeile so: `steps:`"),
        (D, 32, 9, "Meintest du `choices`? Schreibe die Zeile so: `choices:`"),
        (V, 37, 13, "Meintest du `say`? Schreibe die Zeile so: `- say: Stellen Sie mich durch.`"),
        (F5, 57, 11, "Meintest du `correct`? Schreibe die Zeile so: `correct: true`"),
        (S6, 35, 13, "Meintest du `feedback`? Schreibe die Zeile so: `feedback: Klar und ehrlich.`"),
        (S7, 55, 7, "Meintest du `options`? Schreibe die Zeile so: `options:`"),
        (A8, 51, 3, "Meintest du `questions`? Schreibe die Zeile so: `questions:`"),
        (N9, 8, 5, "Meintest du `title`? Schreibe die Zeile so: `- title: Einstieg`"),
        (Z10, 13, 5, "Den Schlüssel `art` gibt es hier nicht. Meintest du `kind`? Schreibe die Zeile so: `kind: checklist`"),
        (E11, 42, 18, "`erfolg` ist hier nicht erlaubt. Meintest du `success`?"),
        (Z12, 4, 1, "Meintest du `objectives`? Schreibe die Zeile so: `objectives:`"),
    ]),
    "several-in-one-file": (1, [
        (E, 16, 1, "mit einem Tabulator eingerückt"),
        (E, 23, 28, 'Anführungszeichen: `text: "Worum geht es: Vertrag?"`'),
        (E, 49, 3, "das `- ` davor fehlt"),
        (E, 57, 11, "Den Schlüssel `richtig` gibt es hier nicht. Meintest du `correct`?"),
    ]),
}


@pytest.mark.parametrize("case", sorted(LISTS))
def test_list_and_block_slips(check, case: str):
    status, expected = LISTS[case]
    result = check(f"{BROKEN}/{case}")
    assert result.returncode == status, result.stderr
    lines = without_lint(result.stderr.splitlines())
    for file, line, column, fragment in expected:
        place = f"{BROKEN}/{case}/{file}:{line}:{column}: "
        assert any(text.startswith(place) and fragment in text for text in lines), (place, fragment, result.stderr)
    assert len(lines) == len(expected), result.stderr


VERDICTS = [
    ("bom-valid", 0, "Kurs in Ordnung: 2 Module, 2 Fragen, 0 Warnungen"),
    ("question-without-explanation", 0, "Kurs in Ordnung: 2 Module, 2 Fragen, 1 Warnungen"),
    ("list-comment", 0, "Kurs nicht in Ordnung: 4 von 4 Warnungen ändern, was Lernende sehen (oben zuerst genannt). 4 Module, 4 Fragen."),
    ("list-colon", 1, "Kurs nicht in Ordnung: 6 Fehler, 0 Warnungen. Korrigiere die Fehler oben; solange einer bleibt, wird nichts gebaut."),
]


@pytest.mark.parametrize(("case", "status", "verdict"), VERDICTS)
def test_the_verdict_is_the_last_line(rufbereit_main, case, status, verdict):
    result = rufbereit_main("check", "--content", f"{BROKEN}/{case}")
    assert result.returncode == status
    assert result.stdout.splitlines() == [verdict]


def test_warnings_that_change_the_page_come_first(tmp_path, capsys):
    """A cut text and an oversized image are named before an ordinary warning of an earlier file."""
    from rufbereit.cli import main

    folder = tmp_path / "course"
    shutil.copytree(ROOT / BROKEN / "list-comment", folder)
    eins = folder / "modules" / "eins.yaml"
    eins.write_text(eins.read_text(encoding="utf-8").replace("      explanation: Ohne Begrüßung kein Gespräch.\n", ""), encoding="utf-8")
    (folder / "media").mkdir()
    (folder / "media" / "gross.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (1100 * 1024))
    assert main(["check", "--content", str(folder)]) == 0
    captured = capsys.readouterr()
    labels = [line.split(": ")[1] for line in captured.err.splitlines()]
    assert labels == ["Warnung, ändert die Seite"] * 5 + ["Warnung"], captured.err
    assert captured.out.startswith("Kurs nicht in Ordnung: 5 von 6 Warnungen ändern, was Lernende sehen")


@pytest.mark.parametrize("case", sorted(LISTS))
def test_list_and_block_slips_in_english(case: str, tmp_path, capsys):
    """The same places, told in English: no German label, each message with its corrected line."""
    from rufbereit.cli import main

    folder = tmp_path / case
    shutil.copytree(ROOT / BROKEN / case, folder)
    with (folder / "course.yaml").open("a", encoding="utf-8") as stream:
        stream.write("language: en\n")
    status, expected = LISTS[case]
    assert main(["check", "--content", str(folder)]) == status
    captured = capsys.readouterr()
    lines = without_lint(captured.err.splitlines())
    assert sorted(line.split(": ")[0].removeprefix(f"{folder}/") for line in lines) == sorted(
        f"{file}:{line}:{column}" for file, line, column, _ in expected)
    assert not any(word in line for line in lines for word in ("Fehler", "Warnung", "Schreibe", "Meintest"))
    assert all(line.count("`") >= 2 for line in lines)
    assert captured.out.startswith("Course ")
