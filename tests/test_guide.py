"""The trainer guide (content/README.md) against the product (issue 22, item 5).

- Every `check` message the guide quotes is one that `check` really prints for a course in
  tests/broken/ (the guide rewrites only the path to `content/`).
- Every command in its `sh` blocks runs: `rufbereit …` in process on a copy of the default
  course, `make X` as the in-process command of the Makefile target it names; `git` lines
  are the user's own tool and only listed.
- The `new module` skeleton passes `check --strict` once its sample texts are replaced.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from rufbereit.content.load import load_content

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
BROKEN = ROOT / "tests" / "broken"
MESSAGE = re.compile(r"^content/(\S+?:\d+:\d+: (?:Fehler|Warnung|Warnung, ändert die Seite|Hinweis): .*)$")
# make targets the guide names, and the command each runs (Makefile).
MAKE = {"check": ["check"], "report": ["report"], "check STRICT=1": ["check", "--strict"]}
NOT_RUN_HERE = {"site", "serve"}  # an engine build and a server: tests/test_build.py and the serve tests


def blocks(language: str) -> list[str]:
    """The fenced blocks of one language (`` for the plain ones that quote messages)."""
    found: list[str] = []
    current: list[str] | None = None
    for line in GUIDE.splitlines():
        if line.startswith("```"):
            if current is None:
                current = [] if line[3:].strip() == language else None
                if current is None:
                    current = ["<other>"]
            else:
                if current[:1] != ["<other>"]:
                    found.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return found


def quoted_messages() -> list[str]:
    return [match.group(1) for block in blocks("") for line in block.splitlines() if (match := MESSAGE.match(line))]


def corpus_messages() -> set[str]:
    said = set()
    for case in sorted(path for path in BROKEN.iterdir() if path.is_dir()):
        for problem in load_content(case).problems:
            said.add(problem.format("de").removeprefix(f"{case}/"))
    return said


def test_every_quoted_message_is_what_check_says():
    quoted = quoted_messages()
    assert len(quoted) >= 20
    said = corpus_messages()
    assert [line for line in quoted if line not in said] == []


def commands() -> list[list[str]]:
    return [shlex.split(line.split(" #")[0]) for block in blocks("sh") for line in block.splitlines() if line.strip()]


def test_the_guide_shows_the_first_module_steps_in_order():
    shown = [" ".join(words[:3]) for words in commands()]
    first = [shown.index(step) for step in ("make site", ".venv/bin/rufbereit new module", "make serve", "make check",
                                            "git add content/modules/erste-anrufe.yaml")]
    assert first == sorted(first) and first[0] < 3
    assert "Strg+C" in GUIDE and "make report" in GUIDE


def test_every_command_of_the_guide_runs(tmp_path, monkeypatch, rufbereit_main):
    project = tmp_path / "projekt"
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("schema"))
    exports = project / "export"
    exports.mkdir()
    for name in ("anna", "ben"):  # the guide's progress exports, as readers send them
        shutil.copy(ROOT / "tests" / "fixtures" / "results" / "rufbereit-fx-vollkurs-anna.json", exports / f"{name}.json")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    ran = []
    for words in commands():
        if words[0] == "git":
            continue
        if words[0] == "make":
            target = " ".join(words[1:])
            assert re.search(rf"^{words[1]}:", makefile, re.MULTILINE), target
            if target in NOT_RUN_HERE:
                continue
            words = [".venv/bin/rufbereit", *MAKE[target]]
        assert words[0] == ".venv/bin/rufbereit", words
        arguments = words[1:]
        if arguments[0] == "results":  # its reports name the course the exports came from
            arguments += ["--content", str(ROOT / "tests" / "fixtures" / "full")]
        result = rufbereit_main(*arguments, cwd=project)
        # `--strict` right after `new module`: the skeleton's sample texts are still there.
        assert result.returncode == (1 if "--strict" in arguments else 0), (words, result.stdout, result.stderr)
        ran.append(arguments[0])
    assert {"new", "check", "report", "export", "results"} <= set(ran)
    assert sorted(path.name for path in (project / "export").iterdir() if path.suffix != ".json")  # exports go to export/
    assert "/export/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


SAMPLES = {
    "Worum es in diesem Modul geht, in ein bis zwei Sätzen.": "Wie du einen Nachfass-Anruf vorbereitest.",
    "Du kannst in einem Satz sagen, worum es in diesem Modul geht.": "Du bereitest einen Nachfass-Anruf vor.",
    "Hier steht der Text des Abschnitts.": "Lies vor dem Anruf die Notizen vom letzten Gespräch.",
    "Ein kurzer Tipp, der im Alltag am Telefon hilft.": "Leg dir die Kundennummer bereit.",
    "Das Wichtigste dieses Moduls in einem Satz.": "Vorbereitung spart dem Kunden Zeit.",
    "Erkläre hier kurz, warum die richtige Antwort richtig ist.": "Wer die Notizen kennt, muss nicht erneut fragen.",
    "Welche Antwort ist richtig?": "Was liest du vor dem Anruf?",
    "Diese hier": "Die Notizen",
    "Diese nicht": "Das Wetter",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_skeleton_passes_strict_once_its_samples_are_replaced(tmp_path, rufbereit_main, language):
    content = tmp_path / "content"
    shutil.copytree(BROKEN / "call-valid", content)
    if language == "en":
        with (content / "course.yaml").open("a", encoding="utf-8") as stream:
            stream.write("language: en\n")
    assert rufbereit_main("new", "module", "nachfassen", "--title", "Nachfassen", "--content", str(content)).returncode == 0
    module = content / "modules" / "nachfassen.yaml"
    skeleton = module.read_text(encoding="utf-8")
    for sample, own in SAMPLES.items():
        skeleton = skeleton.replace(sample, own)
    module.write_text(skeleton, encoding="utf-8")
    result = rufbereit_main("check", "--strict", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
