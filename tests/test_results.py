"""`rufbereit results`: golden progress exports (tests/fixtures/results) of the full fixture
course, among them broken, foreign and hostile ones, merged into the four report formats."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import markdown
import pytest

from rufbereit.cli import main
from rufbereit.content.load import load_content
from support import FIXTURES, ROOT

EXPORTS = FIXTURES / "results"
GOLDEN = ROOT / "tests" / "golden" / "results"
GOOD = ["rufbereit-fx-vollkurs-anna.json", "rufbereit-fx-vollkurs-ohne-name.json"]


def results(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["results", "--content", str(FIXTURES / "full"), "--today", "2026-12-01", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("markdown", "md"), ("json", "json"), ("html", "html")])
def test_reports_match_golden_files(capsys, fmt, suffix):
    """UPDATE_GOLDEN=1 rewrites them; review the diff."""
    code, out, _ = results(capsys, "--format", fmt, *sorted(str(p) for p in EXPORTS.glob("*.json")))
    assert code == 0
    golden = GOLDEN / f"report.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def report(capsys, *names: str) -> dict:
    code, out, _ = results(capsys, "--format", "json", *(str(EXPORTS / n) for n in names))
    assert code == 0
    return json.loads(out)


def test_pass_rates_medians_and_wrong_answers(capsys):
    data = report(capsys, *GOOD)
    modules = {m["id"]: m for m in data["modules"]}
    assert (modules["erste-schritte"]["passed"], modules["erste-schritte"]["median_best"]) == (1, 87.5)
    assert (modules["einwaende"]["pass_rate"], modules["abschluss"]["median_best"]) == (0, 100)
    single = next(w for w in data["wrong"] if "FxFrageEinzel" in w["question"])
    assert single["wrong"] == 1 and single["answers"] == [["Falsche Antwort FxOptionFalsch", 1]]
    # einwaende has a practice call nobody of them played: its quiz alone does not pass it.
    assert {p["name"]: p["passed"] for p in data["people"]} == {
        "Anna": ["erste-schritte"], "ohne Namen (rufbereit-fx-vollkurs-ohne-name.json)": ["abschluss"]}
    assert data["skipped"] == []


CALLERS = ["rufbereit-fx-vollkurs-bernd-2026-11-23.json", "rufbereit-fx-vollkurs-carla-2026-11-24.json"]


def test_a_module_with_a_call_passes_only_with_the_call_passed(capsys):
    """Bernd passed quiz and call; Carla passed the quiz and failed the call with −1 points."""
    data = report(capsys, *CALLERS)
    assert {p["name"]: p["passed"] for p in data["people"]} == {"Bernd": ["einwaende"], "Carla": []}
    assert data["calls"] == [{"module": "einwaende", "call": "anruf-muster", "ending": "abgewimmelt", "count": 1},
                             {"module": "einwaende", "call": "anruf-muster", "ending": "termin", "count": 1}]
    einwaende = next(m for m in data["modules"] if m["id"] == "einwaende")
    assert (einwaende["passed"], einwaende["median_best"]) == (1, 100)
    # Carla's damaged date is left out alone; her answers (with a confidence rating) count.
    assert data["skipped"] == ["rufbereit-fx-vollkurs-carla-2026-11-24.json: 1 beschädigte Angabe(n) weggelassen; "
                               "der Rest zählt."]
    single = next(w for w in data["wrong"] if "FxFrageEinzel" in w["question"])
    assert single["answers"] == [["Falsche Antwort FxOptionFalsch", 1]]


def test_an_answer_of_record_version_1_counts_for_the_unchanged_question(capsys):
    """Anna's file is record version 1: answers by option position and the old whole-question
    hash are migrated with the current course."""
    data = report(capsys, GOOD[0])
    assert not any("anderen Fassung" in note for note in data["skipped"])
    assert sum(w["answered"] for w in data["wrong"]) >= 1


@pytest.mark.parametrize("name,message", [
    ("kaputt.json", "kein lesbares JSON"),
    ("kein-export.json", "kein Rufbereit-Fortschrittsexport"),
    ("rufbereit-anderer-kurs.json", "gehört zum Kurs „ein-anderer-kurs“"),
    ("falscher-aufbau.json", "Aufbau der Datei stimmt nicht"),
])
def test_a_file_that_is_not_this_course_is_reported_and_not_mixed_in(capsys, name, message):
    code, out, err = results(capsys, "--format", "json", str(EXPORTS / name), *(str(EXPORTS / n) for n in GOOD))
    assert code == 0 and message in err
    data = json.loads(out)
    assert len(data["people"]) == 2 and any(message in note for note in data["skipped"])
    assert data == {**report(capsys, *GOOD), "files": 3, "skipped": data["skipped"]}


def test_nothing_usable_is_an_error(capsys):
    code, out, err = results(capsys, str(EXPORTS / "kaputt.json"))
    assert code == 1 and out == "" and "Keine Datei" in err


def test_an_answer_to_an_older_question_version_is_not_counted(capsys):
    data = report(capsys, "rufbereit-fx-vollkurs-boese.json")
    assert any("anderen Fassung" in note for note in data["skipped"])
    assert not any("FxFrageEinzel" in w["question"] for w in data["wrong"])
    assert data["people"][0]["passed"] == []   # "passed": "ja" is not true


def test_an_oversized_file_is_not_read(capsys, tmp_path):
    big = tmp_path / "gross.json"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    code, _, err = results(capsys, str(big), str(EXPORTS / GOOD[0]))
    assert code == 0 and "größer als 1 MB" in err


def _export_with(tmp_path, name: str, module: str, question: str, answer) -> str:
    data = json.loads((EXPORTS / GOOD[0]).read_text(encoding="utf-8"))
    quiz = load_content(FIXTURES / "full").modules[module].model.quiz
    current = next(q for q in quiz.questions if q.question_id == question).content_hash  # the answer applies
    data["modules"].setdefault(module, {"best": 0, "passed": False, "questions": {}})
    data["modules"][module]["questions"][question] = {"hash": current, "answer": answer, "correct": False}
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_huge_answer_file_is_refused_in_one_line(capsys, tmp_path):
    """Issue 18: a 4.9 MB string answer to a `multiple` question made every character an option
    (75 s, 2.65 GB, a 446 MB report)."""
    huge = _export_with(tmp_path, "riesig.json", "erste-schritte", "q-6dd3350a59", "0" * (4_900 * 1024))
    code, out, err = results(capsys, huge, str(EXPORTS / GOOD[0]))
    assert code == 0
    assert err.count("riesig.json") == 1 and "größer als 1 MB" in err
    assert len(out) < 5_000


@pytest.mark.parametrize("question,answer", [
    ("q-6dd3350a59", "0" * 900_000),  # a string where a list of options belongs
    ("q-6dd3350a59", list(range(50_000))),  # more options than the question has
    ("einzelwahl-frage", "9" * 100),  # no option has that key
    ("q-abfdaed595", "x" * 600_000),  # a text answer longer than the field takes
])
def test_an_answer_that_does_not_fit_its_question_is_not_used(capsys, tmp_path, question, answer):
    path = _export_with(tmp_path, "komisch.json", "erste-schritte", question, answer)
    code, out, err = results(capsys, "--format", "markdown", path)
    assert code == 0
    # Left out by the record's schema (size, shape) or by its question's type, and said so.
    assert "komisch.json: 1 Antworten passen nicht zu ihrer Frage" in err or "komisch.json: 2 beschädigte Angabe" in err
    assert len(out) < 5_000


def test_control_characters_from_an_export_never_reach_the_terminal(capsys, tmp_path):
    path = _export_with(tmp_path, "steuer.json", "erste-schritte", "q-abfdaed595", "a\x1b]0;pwned\x07\u202eb")
    for fmt in ("text", "markdown"):
        code, out, err = results(capsys, "--format", fmt, path)
        assert code == 0
        assert not any(char in out + err for char in "\x1b\x07\u202e")


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_hostile_values_never_become_markup(capsys):
    _, page, _ = results(capsys, "--format", "html", str(EXPORTS / "rufbereit-fx-vollkurs-boese.json"))
    _, md, _ = results(capsys, "--format", "markdown", str(EXPORTS / "rufbereit-fx-vollkurs-boese.json"))
    _, text, _ = results(capsys, str(EXPORTS / "rufbereit-fx-vollkurs-boese.json"))
    for source in (page, markdown.markdown(md, extensions=["tables"])):
        parsed = Elements()
        parsed.feed(source)
        assert not {"script", "img", "a", "b", "i", "strong"} & set(parsed.tags)
        assert not [a for a in parsed.attributes if a.startswith("on") or a in ("href", "src")]
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in page
    assert "\x1b" not in text and "\u202e" not in text
    rows = [line for line in md.splitlines() if "FxFrageTextGross" in line]
    assert rows and all(line.count(" | ") == 3 for line in rows)   # a "|" from a file stays in its cell


def test_review_known_due_and_confident_errors(capsys):
    """Ben's export (tests/fixtures/results) holds review schedules and confidence: one question
    known for sure (right twice, sure), one right twice but guessed, a schedule of an older
    answer key, and two answers wrong although he was sure."""
    data = report(capsys, "rufbereit-fx-vollkurs-ben.json", "rufbereit-fx-vollkurs-anna.json")["review"]
    assert data["today"] == "2026-12-01"
    known = {k["id"]: (k["known"], k["questions"]) for k in data["known"]}
    assert known == {"erste-schritte": (1, 8), "einwaende": (0, 8), "abschluss": (0, 4)}
    # Due: on or before today; overdue: before today. The older answer key's schedule counts nowhere.
    assert {d["name"]: (d["due"], d["overdue"]) for d in data["due"]} == {"Ben": (3, 2), "Anna": (0, 0)}
    assert [(w["module"], w["people"]) for w in data["sure_wrong"]] == [("einwaende", 1), ("erste-schritte", 1)]
    assert "FxFrageEinzel" in data["sure_wrong"][1]["question"]


def test_an_answer_given_before_its_option_was_reworded_is_counted_with_todays_text(capsys, tmp_path):
    """The reader chose a wrong option whose text (so its key) was fixed since: still counted."""
    data = json.loads((EXPORTS / GOOD[0]).read_text(encoding="utf-8"))
    data["modules"]["erste-schritte"]["questions"]["einzelwahl-frage"] = {
        "hash": "773741eb44af", "answer": "o-00000002", "correct": False,
        "options": ["o-5729e178", "o-00000002", "o-64f895c5"], "right": ["o-5729e178"]}
    path = tmp_path / "rufbereit-fx-vollkurs-anna-vorher.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = results(capsys, "--format", "json", str(path))
    report_ = json.loads(out)
    single = next(w for w in report_["wrong"] if "FxFrageEinzel" in w["question"])
    assert code == 0 and single["answers"] == [["Falsche Antwort FxOptionFalsch", 1]]
    assert report_["skipped"] == []
