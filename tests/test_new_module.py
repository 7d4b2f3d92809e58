"""`rufbereit new module`: a commented skeleton that passes check, added to a track."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rufbereit.content.hints import SKELETON_TEXTS

ROOT = Path(__file__).resolve().parents[1]
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.fixture
def cli(rufbereit_main):
    """`rufbereit …` in process, from the repository root."""
    return rufbereit_main


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_new_module_passes_check_and_joins_the_track(cli, content: Path):
    before = (content / "course.yaml").read_text(encoding="utf-8")
    result = cli("new", "module", "erste-anrufe", "--title", "Erste Anrufe: so geht's", "--track", "Im Gespräch",
                 "--content", str(content))
    assert result.returncode == 0, result.stderr
    module = content / "modules" / "erste-anrufe.yaml"
    text = module.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/module.schema.json\n")
    assert 'title: "Erste Anrufe: so geht\'s"' in text
    assert text.count("\n# ") >= 8  # every key explained in a German comment
    assert "Bearbeitungszeit in Minuten" in text

    # The skeleton passes `check`, but its sample texts are warnings, errors under --strict
    # (so CI keeps them off the published site).
    check = cli("check", "--content", str(content))
    assert check.returncode == 0, check.stderr
    strict = cli("check", "--strict", "--content", str(content))
    assert strict.returncode == 1
    for sample in SKELETON_TEXTS:
        assert sample in text
        assert f"Beispieltext aus `new module`: `{sample[:39]}" in strict.stderr

    after = (content / "course.yaml").read_text(encoding="utf-8")
    # Only one line was added: comments, block texts and layout are exactly as before.
    assert after.splitlines() == before.replace("      - termin\n", "      - termin\n      - erste-anrufe\n").splitlines()
    assert after.startswith("# yaml-language-server: $schema=schema/course.schema.json\n")
    schema = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(ROOT / "content/schema/module.schema.json"),
                             str(module)], capture_output=True, text=True)
    assert schema.returncode == 0, schema.stdout


def test_comments_in_course_yaml_survive(cli, content: Path):
    course = content / "course.yaml"
    text = course.read_text(encoding="utf-8").replace(
        "tracks:\n", "# Der Lernpfad: hier stehen alle Tracks.\ntracks:  # Reihenfolge zählt\n"
    ).replace("      - pflicht\n", "      - pflicht  # zuerst!\n")
    course.write_text(text, encoding="utf-8")
    result = cli("new", "module", "neu", "--title", "Neu", "--track", "grundhaltung", "--content", str(content))
    assert result.returncode == 0, result.stderr
    after = course.read_text(encoding="utf-8")
    assert "# Der Lernpfad: hier stehen alle Tracks.\ntracks:  # Reihenfolge zählt\n" in after
    assert "      - pflicht  # zuerst!\n" in after
    assert "      - krisen\n      - neu\n" in after
    assert cli("check", "--content", str(content)).returncode == 0


def test_unknown_track_is_a_clear_error(cli, content: Path):
    before = (content / "course.yaml").read_bytes()
    result = cli("new", "module", "neu", "--title", "Neu", "--track", "Im Gesprch", "--content", str(content))
    assert result.returncode == 2
    assert "Den Track „Im Gesprch“ gibt es nicht. Meintest du „Im Gespräch“?" in result.stderr
    assert not (content / "modules" / "neu.yaml").exists()
    assert (content / "course.yaml").read_bytes() == before


def test_existing_id_is_an_error(cli, content: Path):
    before = (content / "modules" / "pflicht.yaml").read_bytes()
    result = cli("new", "module", "pflicht", "--title", "Neu", "--track", "Grundhaltung", "--content", str(content))
    assert result.returncode == 2
    assert "Das Modul `pflicht` gibt es schon" in result.stderr
    assert (content / "modules" / "pflicht.yaml").read_bytes() == before


def test_bad_id_is_an_error(cli, content: Path):
    result = cli("new", "module", "Erste_Anrufe", "--title", "Neu", "--track", "Grundhaltung", "--content", str(content))
    assert result.returncode == 2
    assert "keine gültige Modul-ID" in result.stderr


def test_track_is_needed_when_there_are_several(cli, content: Path):
    result = cli("new", "module", "neu", "--title", "Neu", "--content", str(content))
    assert result.returncode == 2
    assert "„Grundhaltung“, „Sauber ins Gespräch“, „Im Gespräch“" in result.stderr


def test_single_track_needs_no_track_option(cli, tmp_path: Path):
    content = tmp_path / "english"
    shutil.copytree(ROOT / "tests" / "fixtures" / "english", content)
    result = cli("new", "module", "closing", "--title", "Closing", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "rufbereit: created" in result.stdout
    assert "      - closing\n" in (content / "course.yaml").read_text(encoding="utf-8")
    assert cli("check", "--content", str(content)).returncode == 0


def test_english_course_gets_english_messages(cli, tmp_path: Path):
    content = tmp_path / "english"
    shutil.copytree(ROOT / "tests" / "fixtures" / "english", content)
    result = cli("new", "module", "closing", "--title", "Closing", "--track", "Getting Startd", "--content", str(content))
    assert result.returncode == 2
    assert (
        "rufbereit: error: There is no track “Getting Startd”. Did you mean “Getting Started EnTrackTitle”? "
        "Tracks: “Getting Started EnTrackTitle”." in result.stderr
    )


@pytest.mark.parametrize(
    "layout",
    [
        "title: X\ntracks:\n- title: A  # erster Track\n  modules:\n  - eins\n",
        "title: X\ntracks:\n    -   title: A\n        modules:\n            -   eins\n",
    ],
)
def test_list_layout_of_course_yaml_is_kept(cli, tmp_path: Path, layout: str):
    (tmp_path / "course.yaml").write_text(layout, encoding="utf-8")
    result = cli("new", "module", "neu", "--title", "Neu", "--content", str(tmp_path))
    assert result.returncode == 0, result.stderr
    last = layout.splitlines()[-1]
    assert (tmp_path / "course.yaml").read_text(encoding="utf-8") == layout + last.replace("eins", "neu") + "\n"


def test_broken_course_yaml_is_a_clear_error(cli, tmp_path: Path):
    (tmp_path / "course.yaml").write_text("title: Ziel: Termin\ntracks: []\n", encoding="utf-8")
    result = cli("new", "module", "neu", "--title", "Neu", "--content", str(tmp_path))
    assert result.returncode == 2
    assert "Prüfe den Kurs zuerst mit `make check`" in result.stderr
    assert not (tmp_path / "modules" / "neu.yaml").exists()


def test_an_english_course_gets_an_english_skeleton_that_passes_check(cli, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "english", content)
    result = cli("new", "module", "objections", "--title", "Handling objections", "--content", str(content))
    assert result.returncode == 0, result.stderr
    text = (content / "modules" / "objections.yaml").read_text(encoding="utf-8")
    assert "# Estimated time in minutes" in text and "Bearbeitungszeit" not in text
    assert "# text (default), tip, warning, example, reflection, checklist, dialogue or call." in text
    assert "added it to the track" in result.stdout
    check = cli("check", "--content", str(content))
    assert check.returncode == 0, check.stderr
    # The skeleton's sample texts and its duration only warn, as in German.
    assert all(": warning: " in line for line in check.stderr.splitlines() if "objections.yaml" in line)
