"""A mistyped command line is said in the course's language, with the fix; following the fix works.

argparse writes its usage errors in English; a trainer who types `rufbereit chek` gets German
(or the course's language), the valid words, and the closest of them as the command to run."""

from __future__ import annotations

import re
import shutil

import pytest

from support import ROOT

FIX = re.compile(r"Meintest du `([^`]+)`\?|Did you mean `([^`]+)`\?")


def _fix(said: str) -> str:
    hit = FIX.search(said)
    assert hit, said
    return hit[1] or hit[2]


@pytest.mark.parametrize(("typed", "fix"), [
    ("chek", "rufbereit check"),
    ("new modul x", "rufbereit new module"),
    ("export moodle", "rufbereit export moodle-xml"),
    ("build --engine zensica", "rufbereit build --engine zensical"),
    ("check --strikt", "--strict"),
])
def test_a_mistyped_word_gets_the_valid_ones_and_the_closest_as_the_fix(rufbereit_main, typed, fix):
    result = rufbereit_main(*typed.split())
    assert result.returncode == 2
    said = result.stderr.splitlines()[-1]
    assert _fix(said) == fix
    assert "invalid choice" not in said and "unrecognized" not in said, said
    if "gibt es hier nicht" in said:
        assert "Möglich:" in said


def test_following_the_fix_runs_the_command(rufbereit_main, tmp_path):
    assert _fix(rufbereit_main("chek").stderr) == "rufbereit check"
    assert rufbereit_main("check").returncode == 0
    fix = _fix(rufbereit_main("export", "moodle").stderr)
    result = rufbereit_main(*fix.split()[1:], "--out", str(tmp_path / "bank.xml"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bank.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(("typed", "said"), [
    ("export", "rufbereit export: Hier fehlt noch: format. Was dazugehört, zeigt `rufbereit export --help`."),
    ("check --content", "rufbereit check: Nach `--content` fehlt der Wert. Was dazugehört, zeigt `rufbereit check --help`."),
    ("results x.json --today gestern",
     "rufbereit results: `gestern` passt nicht zu `--today`. Was dazugehört, zeigt `rufbereit results --help`."),
])
def test_a_missing_or_unfit_value_is_named(rufbereit_main, typed, said):
    result = rufbereit_main(*typed.split())
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == said


def test_an_english_course_gets_english(rufbereit_main, tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "english", tmp_path / "content")
    said = rufbereit_main("chek", cwd=tmp_path).stderr.splitlines()[-1]
    assert said.startswith("rufbereit: There is no `chek` here. Possible: check, generate"), said
    assert _fix(said) == "rufbereit check"
