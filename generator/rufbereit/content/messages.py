"""Every message a trainer can see, in German and English: say what is wrong and how to fix it."""

SEVERITY = {
    "de": {"error": "Fehler", "warning": "Warnung"},
    "en": {"error": "error", "warning": "warning"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # Reading the file
    "not_utf8": {
        "de": "Die Datei ist nicht in UTF-8 gespeichert. Speichere sie in deinem Editor mit der Kodierung UTF-8.",
        "en": "The file is not saved as UTF-8. Save it with the UTF-8 encoding in your editor.",
    },
    "empty_file": {
        "de": "Die Datei ist leer. Trage den Inhalt ein oder lösche die Datei.",
        "en": "The file is empty. Add its content or delete the file.",
    },
    "read_error": {
        "de": "Die Datei lässt sich nicht lesen ({detail}).",
        "en": "The file cannot be read ({detail}).",
    },
    "several_documents": {
        "de": "Eine Datei darf nur einen Inhalt haben; entferne die Trennlinie `---`.",
        "en": "A file may hold only one document; remove the `---` separator.",
    },
    "alias": {
        "de": "Verweise mit `*` (Aliase) sind nicht erlaubt. Schreibe den Text an dieser Stelle aus.",
        "en": "Aliases (`*name`) are not allowed. Write the text out in full here.",
    },
    "anchor": {
        "de": "Anker mit `&` sind nicht erlaubt. Entferne das `&name` und schreibe Texte jeweils aus.",
        "en": "Anchors (`&name`) are not allowed. Remove the `&name` and write texts out in full.",
    },
    "tag": {
        "de": "Typ-Angaben mit `!` (wie `!!str`) sind nicht erlaubt. Setze Text stattdessen in Anführungszeichen.",
        "en": "Tags with `!` (such as `!!str`) are not allowed. Put text in quotes instead.",
    },
    "complex_key": {
        "de": "Ein Schlüssel muss ein einfaches Wort sein, keine Liste oder Zuordnung.",
        "en": "A key must be a plain word, not a list or mapping.",
    },
    "duplicate_key": {
        "de": "Der Schlüssel `{key}` steht hier zum zweiten Mal (zuerst in Zeile {first_line}). Lösche eine der beiden Zeilen.",
        "en": "The key `{key}` appears a second time (first on line {first_line}). Delete one of the two lines.",
    },
    "yaml_tab": {
        "de": "Hier wird mit einem Tabulator eingerückt. YAML erlaubt nur Leerzeichen: ersetze den Tabulator durch zwei Leerzeichen.",
        "en": "This line is indented with a tab. YAML allows only spaces: replace the tab with two spaces.",
    },
    "yaml_colon": {
        "de": "Ein Doppelpunkt mit Leerzeichen dahinter steht mitten im Text. Setze den ganzen Text in Anführungszeichen, z. B. `title: \"Ziel: Termin\"`, oder schreibe ihn als Block mit `|`.",
        "en": "A colon followed by a space stands inside the text. Put the whole text in quotes, e.g. `title: \"Goal: meeting\"`, or write it as a block with `|`.",
    },
    "yaml_text_after_quote": {
        "de": "Nach dem Text in Anführungszeichen folgt noch mehr Text. Setze den ganzen Wert in ein Paar Anführungszeichen, oder mache daraus eine Liste mit `-`.",
        "en": "More text follows the quoted text. Put the whole value inside one pair of quotes, or make it a list with `-`.",
    },
    "yaml_unclosed_quote": {
        "de": "Ein Anführungszeichen wird geöffnet, aber nicht geschlossen. Ergänze das schließende Anführungszeichen.",
        "en": "A quote is opened but never closed. Add the closing quote.",
    },
    "yaml_unclosed_bracket": {
        "de": "Eine Klammer (`[` oder `{{`) wird hier geöffnet, aber nicht geschlossen. Ergänze die schließende Klammer oder schreibe die Liste mit `- ` untereinander.",
        "en": "A bracket (`[` or `{{`) is opened here but never closed. Add the closing bracket or write the list as `- ` lines.",
    },
    "yaml_bad_character": {
        "de": "Ein Wert darf nicht mit `{character}` beginnen. Setze den Text in Anführungszeichen.",
        "en": "A value cannot start with `{character}`. Put the text in quotes.",
    },
    "yaml_indentation": {
        "de": "Die Einrückung stimmt hier nicht. Gleichrangige Einträge müssen genau gleich weit eingerückt sein (mit Leerzeichen).",
        "en": "The indentation is off here. Entries on the same level must be indented by exactly the same number of spaces.",
    },
    "yaml_syntax": {
        "de": "Die YAML-Schreibweise ist hier fehlerhaft ({detail}). Prüfe Einrückung, Doppelpunkte und Anführungszeichen.",
        "en": "The YAML syntax is broken here ({detail}). Check indentation, colons and quotes.",
    },
    # Files of the course
    "no_course": {
        "de": "Die Datei `course.yaml` fehlt. Lege sie im Inhaltsordner an: sie enthält Titel und Lernpfad.",
        "en": "The file `course.yaml` is missing. Create it in the content folder: it holds the title and the learning path.",
    },
    "not_a_mapping": {
        "de": "Die Datei muss aus Einträgen der Form `schlüssel: wert` bestehen.",
        "en": "The file must consist of `key: value` entries.",
    },
    "bad_module_filename": {
        "de": "Der Dateiname `{name}` ist keine gültige Modul-ID. Erlaubt sind Kleinbuchstaben, Ziffern und einzelne Bindestriche, z. B. `erste-anrufe.yaml`.",
        "en": "The file name `{name}` is not a valid module id. Use lower-case letters, digits and single hyphens, e.g. `first-calls.yaml`.",
    },
    # Shape of the values
    "missing": {
        "de": "Hier fehlt der Pflichteintrag `{field}`. Ergänze eine Zeile `{field}: …` auf dieser Ebene.",
        "en": "The required key `{field}` is missing here. Add a line `{field}: …` at this level.",
    },
    "unknown_key": {
        "de": "Den Schlüssel `{key}` gibt es hier nicht. Meintest du `{hint}`?",
        "en": "There is no key `{key}` here. Did you mean `{hint}`?",
    },
    "unknown_key_nohint": {
        "de": "Den Schlüssel `{key}` gibt es hier nicht. Erlaubt sind: {choices}.",
        "en": "There is no key `{key}` here. Allowed keys: {choices}.",
    },
    "no_value": {
        "de": "Hier fehlt der Wert. Trage ihn hinter dem Doppelpunkt ein.",
        "en": "The value is missing. Write it after the colon.",
    },
    "expected_text": {
        "de": "Hier wird Text erwartet. Setze den Wert in Anführungszeichen, z. B. `\"2024\"`.",
        "en": "Text is expected here. Put the value in quotes, e.g. `\"2024\"`.",
    },
    "expected_bool": {
        "de": "Hier wird `true` oder `false` erwartet; `{value}` ist in YAML ein Text, kein Wahrheitswert.",
        "en": "`true` or `false` is expected here; `{value}` is text in YAML, not a yes/no value.",
    },
    "expected_int": {
        "de": "Hier wird eine ganze Zahl ohne Anführungszeichen erwartet, z. B. `20`.",
        "en": "A whole number without quotes is expected here, e.g. `20`.",
    },
    "expected_list": {
        "de": "Hier wird eine Liste erwartet: jeder Eintrag in einer eigenen Zeile, beginnend mit `- `.",
        "en": "A list is expected here: each entry on its own line, starting with `- `.",
    },
    "expected_mapping": {
        "de": "Hier werden Einträge der Form `schlüssel: wert` erwartet.",
        "en": "Entries of the form `key: value` are expected here.",
    },
    "too_small": {
        "de": "Die Zahl ist zu klein: erlaubt ist mindestens {limit}.",
        "en": "The number is too small: the minimum is {limit}.",
    },
    "too_large": {
        "de": "Die Zahl ist zu groß: erlaubt ist höchstens {limit}.",
        "en": "The number is too large: the maximum is {limit}.",
    },
    "list_too_short": {
        "de": "`{field}` braucht mindestens {limit} Einträge, hier sind es {count}. Ergänze die fehlenden Einträge.",
        "en": "`{field}` needs at least {limit} entries, it has {count}. Add the missing entries.",
    },
    "list_too_long": {
        "de": "`{field}` darf höchstens {limit} Einträge haben, hier sind es {count}. Kürze die Liste oder teile sie auf.",
        "en": "`{field}` may have at most {limit} entries, it has {count}. Shorten the list or split it up.",
    },
    "bad_choice": {
        "de": "`{value}` ist hier nicht erlaubt. Möglich sind: {choices}.",
        "en": "`{value}` is not allowed here. Possible values: {choices}.",
    },
    "bad_choice_hint": {
        "de": "`{value}` ist hier nicht erlaubt. Meintest du `{hint}`? Möglich sind: {choices}.",
        "en": "`{value}` is not allowed here. Did you mean `{hint}`? Possible values: {choices}.",
    },
    "missing_kind_key": {
        "de": "Hier fehlt `{field}`. Möglich sind: {choices}.",
        "en": "`{field}` is missing here. Possible values: {choices}.",
    },
    "bad_id": {
        "de": "`{value}` ist keine gültige ID. Erlaubt sind Kleinbuchstaben, Ziffern und einzelne Bindestriche, z. B. `erste-anrufe`.",
        "en": "`{value}` is not a valid id. Use lower-case letters, digits and single hyphens, e.g. `first-calls`.",
    },
    "list_empty": {
        "de": "`{field}` darf nicht leer sein. Trage mindestens einen Eintrag ein, jeden in einer eigenen Zeile mit `- `.",
        "en": "`{field}` must not be empty. Add at least one entry, each on its own line starting with `- `.",
    },
    "blank": {
        "de": "Der Text darf nicht leer sein. Trage einen Text ein oder lösche die Zeile, falls der Eintrag freiwillig ist.",
        "en": "The text must not be empty. Write a text or delete the line if the key is optional.",
    },
    "invalid": {
        "de": "Dieser Wert ist hier ungültig ({detail}).",
        "en": "This value is not valid here ({detail}).",
    },
    # Rules of questions and the glossary
    "single_one_correct": {
        "de": "Eine `single`-Frage braucht genau eine Option mit `correct: true` (hier: {count}). Für mehrere richtige Antworten nimm `type: multiple`.",
        "en": "A `single` question needs exactly one option with `correct: true` (here: {count}). For several right answers use `type: multiple`.",
    },
    "multiple_needs_correct": {
        "de": "Eine `multiple`-Frage braucht mindestens eine Option mit `correct: true`.",
        "en": "A `multiple` question needs at least one option with `correct: true`.",
    },
    "duplicate_option": {
        "de": "Die Option `{text}` kommt in dieser Frage zweimal vor. Formuliere die Optionen unterschiedlich.",
        "en": "The option `{text}` appears twice in this question. Word the options differently.",
    },
    "duplicate_item": {
        "de": "Der Eintrag `{text}` kommt in dieser Reihenfolge-Frage zweimal vor. Jeder Eintrag darf nur einmal vorkommen: formuliere ihn um oder lösche ihn.",
        "en": "The item `{text}` appears twice in this ordering question. Every item may appear only once: reword or delete it.",
    },
    "duplicate_left": {
        "de": "Der linke Wert `{text}` kommt in dieser Zuordnung zweimal vor. Jeder linke Wert darf nur einmal vorkommen: formuliere ihn um oder fasse die Paare zusammen.",
        "en": "The left value `{text}` appears twice in this matching question. Every left value may appear only once: reword it or merge the pairs.",
    },
    "duplicate_right": {
        "de": "Der rechte Wert `{text}` kommt in dieser Zuordnung zweimal vor. Jeder rechte Wert darf nur einmal vorkommen: formuliere ihn um oder fasse die Paare zusammen.",
        "en": "The right value `{text}` appears twice in this matching question. Every right value may appear only once: reword it or merge the pairs.",
    },
    "duplicate_question_id": {
        "de": "Die Fragen-ID `{id}` gibt es in diesem Modul zweimal. Jede Frage braucht eine eigene `id`.",
        "en": "The question id `{id}` is used twice in this module. Every question needs its own `id`.",
    },
    "duplicate_prompt": {
        "de": "Zwei Fragen haben denselben Text und keine `id`. Gib mindestens einer von ihnen eine eigene `id`, z. B. `id: frage-2`.",
        "en": "Two questions have the same prompt and no `id`. Give at least one of them its own `id`, e.g. `id: question-2`.",
    },
    "duplicate_term": {
        "de": "Der Begriff `{term}` steht zweimal im Glossar (auch als Alias, Groß-/Kleinschreibung zählt nicht). Behalte nur einen Eintrag.",
        "en": "The term `{term}` appears twice in the glossary (aliases included, case does not matter). Keep only one entry.",
    },
    # Rules across files
    "module_in_no_track": {
        "de": "Das Modul `{id}` steht in keinem Track. Trage `{id}` in `course.yaml` unter `modules` eines Tracks ein.",
        "en": "The module `{id}` is in no track. Add `{id}` to the `modules` of a track in `course.yaml`.",
    },
    "module_in_two_tracks": {
        "de": "Das Modul `{id}` steht mehrfach im Lernpfad. Jedes Modul gehört in genau einen Track; entferne die übrigen Einträge.",
        "en": "The module `{id}` appears more than once in the learning path. Every module belongs to exactly one track; remove the other entries.",
    },
    "unknown_module": {
        "de": "Es gibt kein Modul `{id}` (keine Datei `modules/{id}.yaml`). Prüfe die Schreibweise oder lege die Datei an.",
        "en": "There is no module `{id}` (no file `modules/{id}.yaml`). Check the spelling or create the file.",
    },
    "unknown_module_hint": {
        "de": "Es gibt kein Modul `{id}`. Meintest du `{hint}`?",
        "en": "There is no module `{id}`. Did you mean `{hint}`?",
    },
    "requires_cycle": {
        "de": "Die Voraussetzungen (`requires`) bilden einen Kreis: {cycle}. Entferne eine der Voraussetzungen.",
        "en": "The prerequisites (`requires`) form a cycle: {cycle}. Remove one of them.",
    },
    "media_missing": {
        "de": "Die Datei `{path}` gibt es nicht. Lege sie in den Ordner `media/` oder korrigiere den Namen.",
        "en": "The file `{path}` does not exist. Put it into the `media/` folder or fix the name.",
    },
    "external_resource": {
        "de": "Bilder, Audio und andere eingebettete Dateien müssen aus `media/` kommen, nicht von `{url}`: die Seite lädt nichts von fremden Servern. Lade die Datei herunter und lege sie in `media/`.",
        "en": "Images, audio and other embedded files must come from `media/`, not from `{url}`: the site loads nothing from other hosts. Download the file and put it into `media/`.",
    },
    "html_removed": {
        "de": "Hier wurde HTML aus Sicherheitsgründen entfernt ({what}). Skripte, Ereignis-Attribute und `javascript:`-Links sind nicht erlaubt.",
        "en": "HTML was removed here for safety ({what}). Scripts, event attributes and `javascript:` links are not allowed.",
    },
    "list_needs_blank_line": {
        "de": "Vor einer Liste muss eine Leerzeile stehen, sonst erscheint sie als Fließtext. Füge vor Zeile {list_line} eine Leerzeile ein.",
        "en": "A list needs a blank line before it, or it shows as running text. Add a blank line before line {list_line}.",
    },
    "question_without_explanation": {
        "de": "Diese Frage hat keine `explanation`. Eine kurze Erklärung hilft beim Lernen, gerade nach einer falschen Antwort.",
        "en": "This question has no `explanation`. A short explanation helps learning, especially after a wrong answer.",
    },
    "module_without_quiz": {
        "de": "Das Modul `{id}` hat keinen Selbstcheck (`quiz`). Ergänze ein paar Fragen, damit Neue ihr Wissen prüfen können.",
        "en": "The module `{id}` has no self-check (`quiz`). Add a few questions so that new hires can check what they learned.",
    },
}
