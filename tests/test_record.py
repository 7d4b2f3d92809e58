"""The learner record (issue 20): one model (content/record.py), one JSON Schema, and every
reader of the record — the site's script, `results`, the import — reading the same files the
same way: current, version 1, newer with unknown keys, negative call scores, damaged values."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from rufbereit.content import record
from rufbereit.content.load import load_content
from rufbereit.content.model import MultipleQuestion, Option, SingleQuestion
from rufbereit.render.browser_data import read_data_script
from rufbereit.render.pages import SiteRenderer
from rufbereit.tools import results
from support import FIXTURES, ROOT

RECORDS = FIXTURES / "records"
FILES = sorted(RECORDS.glob("*.json"))
COURSE = "fx-vollkurs"


@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURES / "full")


@pytest.fixture(scope="module")
def catalogue(content):
    return record.Catalogue({module_id: source.model for module_id, source in content.modules.items()})


@pytest.fixture(scope="module")
def browser_reading(content, tmp_path_factory):
    """How the site's script (assets-src/site/record.mjs) reads every record file, run by node with the real course.js."""
    node = shutil.which("node")
    if node is None:  # pragma: no cover - node is part of the development setup
        pytest.skip("node is not installed")
    course_js = tmp_path_factory.mktemp("course") / "course.js"
    course_js.write_text(SiteRenderer(content).course_script(), encoding="utf-8")
    run = subprocess.run([node, str(ROOT / "tests" / "record_reader.mjs"), str(course_js), *map(str, FILES)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_committed_schema_is_the_models():
    committed = (ROOT / "docs" / "assets" / "record.schema.json").read_text(encoding="utf-8")
    assert committed == record.schema_text(), "run `python -m rufbereit.content.record` and commit the schema"


def test_course_js_ships_the_same_schema(content):
    script = SiteRenderer(content).course_script()
    data = read_data_script(script, "course")
    assert data["recordSchema"] == record.schema()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_browser_and_python_read_every_record_alike(path, browser_reading, catalogue):
    kept, dropped = record.read(json.loads(path.read_text(encoding="utf-8")), COURSE, catalogue)
    assert browser_reading[path.name] == {"record": kept, "dropped": dropped}
    if kept["version"] <= record.VERSION:
        record.Record.model_validate(kept)   # what is kept fits the model


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_results_reads_every_record_alike(path, tmp_path, catalogue):
    export = tmp_path / path.name
    export.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), "format": "rufbereit-progress"}))
    kept, dropped = results.read_export(export, COURSE, catalogue)
    expected, expected_dropped = record.read(json.loads(export.read_text()), COURSE, catalogue)
    assert (kept, dropped) == (expected, expected_dropped)


def read(name: str, catalogue) -> tuple[dict, list[str]]:
    kept, dropped = record.read(json.loads((RECORDS / name).read_text(encoding="utf-8")), COURSE, catalogue)
    assert kept is not None
    return kept, dropped


def test_a_negative_call_score_is_kept_with_everything_else(catalogue):
    kept, dropped = read("negative-call.json", catalogue)
    module = kept["modules"]["einwaende"]
    assert dropped == [] and module["calls"]["anruf-muster"]["best"] == -6
    assert module["notes"] and module["questions"] and module["passed"] is True


def test_unknown_keys_are_kept_everywhere(catalogue):
    kept, dropped = read("unknown-keys.json", catalogue)
    assert dropped == [] and kept["settings"] == {"theme": "dunkel"}
    module = kept["modules"]["erste-schritte"]
    assert module["streak"] == 5 and module["questions"]["einzelwahl-frage"]["seconds"] == 12
    assert module["review"]["einzelwahl-frage"]["extra"] == [1, 2]
    assert kept["modules"]["einwaende"]["calls"]["anruf-muster"]["tries"] == 3


def test_a_newer_record_is_kept_as_it_is(catalogue):
    raw = json.loads((RECORDS / "newer.json").read_text(encoding="utf-8"))
    assert record.read(raw, COURSE, catalogue) == (raw, [])


def test_a_damaged_value_is_dropped_alone(catalogue):
    kept, dropped = read("damaged.json", catalogue)
    module = kept["modules"]["erste-schritte"]
    assert module == {
        "read": True, "checklists": {"vorbereitung": ["leitfaden"]}, "notes": {"gut": "ok"},
        "questions": {"einzelwahl-frage": {"hash": "773741eb44af", "answer": "o-5729e178", "correct": True,
                                           # the question's option keys, for a later rewording
                                           "options": ["o-5729e178", "o-ce8c6655", "o-64f895c5"],
                                           "right": ["o-5729e178"]}},
        "calls": {"anruf-muster": {"passed": False}},
    }
    assert set(kept["modules"]) == {"erste-schritte"} and "name" not in kept
    assert "/modules/einwaende" in dropped and "/modules/erste-schritte/best" in dropped


def test_version_1_ticks_move_to_item_ids(catalogue):
    kept, _ = read("version-1.json", catalogue)
    assert kept["version"] == 2
    assert kept["modules"]["erste-schritte"]["checklists"] == {"vorbereitung": ["i-c6025bb7", "i-3caa5cd0"], "constructor": ["0"]}
    # The answer keeps its version-1 form here; the page and `results` migrate it with its question.
    answer = kept["modules"]["erste-schritte"]["questions"]["einzelwahl-frage"]
    assert catalogue.answer("erste-schritte", "einzelwahl-frage", answer) == {
        "hash": "773741eb44af", "answer": "o-5729e178", "correct": True}


def test_the_pass_rule(content):
    modules = {module_id: source.model for module_id, source in content.modules.items()}
    rule = record.pass_rule(modules["einwaende"])
    assert [need["what"] for need in rule] == ["quiz", "call"]
    assert not record.passed(rule, {"passed": True})
    assert not record.passed(rule, {"passed": True, "calls": {"anruf-muster": {"passed": False, "best": -6}}})
    assert record.passed(rule, {"passed": True, "calls": {"anruf-muster": {"passed": True}}})
    assert [n["what"] for n in record.missing(rule, {"passed": True})] == ["call"]


def test_check_warns_when_two_sections_or_checklist_items_would_share_an_id(tmp_path, rufbereit_main):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    module = content / "modules" / "erste-schritte.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("    id: vorbereitung\n", "    id: tipp-fxtipptitel\n", 1)
    text = text.replace("Erste Nummer wählen FxHakenDrei", "Headset aufsetzen FxHakenEins", 1)
    module.write_text(text, encoding="utf-8")
    result = rufbereit_main("check", "--content", str(content))
    assert "Ein anderer Abschnitt dieses Moduls hat schon die ID `tipp-fxtipptitel`" in result.stdout + result.stderr
    assert "Zwei Punkte dieser Checkliste haben die ID" in result.stdout + result.stderr


# --- a stored choice answer across rewordings (content format v3, "Stable ids") -----------

def single(*options: str, right: int = 0) -> SingleQuestion:
    return SingleQuestion(type="single", prompt="Was tust du zuerst?",
                          options=[Option(text=text, correct=i == right) for i, text in enumerate(options)])


def answered(question, *picked: int) -> dict:
    """What the page stores when the reader checks `picked` (record.choice: the page's data)."""
    now, keys = record.choice(question), question.option_keys
    chosen = sorted(keys[i] for i in picked)
    answer = chosen[0] if question.type == "single" else chosen
    correct = chosen == sorted(now["right"])
    return {"hash": now["hash"], "answer": answer, "correct": correct, "options": now["options"], "right": now["right"]}


def kept(question, stored: dict) -> bool:
    """The page shows the stored answer (not "aktualisiert") when its hash is the question's."""
    return record.resolve(record.choice(question), stored)["hash"] == question.content_hash


BEFORE = single("Begrüßen", "Auflegen", "Preis nennen")


def test_a_typo_fixed_in_the_right_option_keeps_the_answer():
    stored = answered(BEFORE, 0)
    after = single("Freundlich begrüßen", "Auflegen", "Preis nennen")
    assert after.content_hash != BEFORE.content_hash   # the key of the right option changed
    now = record.resolve(record.choice(after), stored)
    assert kept(after, stored) and now["answer"] == after.option_keys[0] and now["correct"] is True


def test_a_typo_fixed_in_a_chosen_wrong_option_keeps_the_answer():
    stored = answered(BEFORE, 1)
    after = single("Begrüßen", "Einfach auflegen", "Preis nennen")
    now = record.resolve(record.choice(after), stored)
    assert kept(after, stored) and now["answer"] == after.option_keys[1] and now["correct"] is False


def test_reordered_options_and_an_added_wrong_option_keep_the_answer():
    stored = answered(BEFORE, 0)
    for after in (single("Preis nennen", "Begrüßen", "Auflegen", right=1),
                  single("Begrüßen", "Auflegen", "Preis nennen", "Weiterleiten")):
        now = record.resolve(record.choice(after), stored)
        assert kept(after, stored) and now["answer"] == BEFORE.option_keys[0] and now["correct"] is True


def test_moving_the_right_flag_makes_the_answer_stale():
    after = single("Begrüßen", "Auflegen", "Preis nennen", right=1)
    for picked in (0, 1):   # right before (now wrong), wrong before (now right): both retaken
        stored = answered(BEFORE, picked)
        assert record.resolve(record.choice(after), stored) == stored and not kept(after, stored)


def test_a_reworded_right_option_that_also_moved_its_flag_is_stale():
    stored = answered(BEFORE, 0)
    after = single("Freundlich begrüßen", "Auflegen", "Preis nennen", right=2)
    assert not kept(after, stored)


def test_multiple_choice_keeps_answers_across_a_typo_and_marks_a_new_right_option():
    before = MultipleQuestion(type="multiple", prompt="Was gehört dazu?", options=[
        Option(text="Datum", correct=True), Option(text="Uhrzeit", correct=True), Option(text="Farbe")])
    stored = answered(before, 0, 1)
    typo = before.model_copy(update={"options": [Option(text="Datum", correct=True),
                                                 Option(text="Die Uhrzeit", correct=True), Option(text="Farbe")]})
    now = record.resolve(record.choice(typo), stored)
    assert kept(typo, stored) and now["answer"] == sorted(typo.option_keys[:2]) and now["correct"] is True
    more = before.model_copy(update={"options": [*before.options[:2], Option(text="Farbe", correct=True)]})
    assert not kept(more, stored)


def test_an_answer_of_version_2_without_option_keys():
    stored = {k: v for k, v in answered(BEFORE, 0).items() if k not in ("options", "right")}
    assert record.resolve(record.choice(BEFORE), stored) == answered(BEFORE, 0)   # keys filled in
    after = single("Freundlich begrüßen", "Auflegen", "Preis nennen")
    assert not kept(after, stored)   # written before the keys were stored: it cannot be matched


def test_the_review_card_follows_a_matched_answer(content, catalogue):
    stored = answered(BEFORE, 0)
    module_record = {"questions": {"einzelwahl-frage": {**stored, "options": ["o-aaaaaaaa", *catalogue.choices[
        "erste-schritte", "einzelwahl-frage"]["options"][1:]], "right": ["o-aaaaaaaa"], "answer": "o-aaaaaaaa"}},
        "review": {"einzelwahl-frage": {"hash": stored["hash"], "due": "2026-12-01T12:00:00.000Z"}}}
    out = catalogue.resolve("erste-schritte", module_record)
    current = catalogue.choices["erste-schritte", "einzelwahl-frage"]
    assert out["questions"]["einzelwahl-frage"]["answer"] == current["right"][0]
    assert out["review"]["einzelwahl-frage"]["hash"] == current["hash"]


def test_every_reader_matches_answers_given_before_a_rewording(catalogue):
    """tests/fixtures/records/reworded.json; the browser's reading is held equal above."""
    kept, _ = read("reworded.json", catalogue)
    es, ew, ab = (kept["modules"][m]["questions"] for m in ("erste-schritte", "einwaende", "abschluss"))
    assert es["einzelwahl-frage"]["answer"] == "o-5729e178" and es["einzelwahl-frage"]["hash"] == "773741eb44af"
    assert es["einzelwahl-frage"]["confidence"] == "sure"
    assert kept["modules"]["erste-schritte"]["review"]["einzelwahl-frage"]["hash"] == "773741eb44af"
    assert es["q-6dd3350a59"]["right"] == ["o-ba66d997", "o-676d745a"]
    assert ew["q-c43fbdc42d"] == {"hash": "0c2e3029e10e", "answer": "o-583fd7e6", "correct": False,
                                  "options": ["o-fe6eddb3", "o-583fd7e6"], "right": ["o-fe6eddb3"]}
    assert ab["q-a39cbd078d"]["hash"] == "0123456789ac"   # the right answer changed: stale, kept as it was
