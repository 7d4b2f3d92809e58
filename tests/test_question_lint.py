"""The lint for good questions and calls (content/lint.py): each rule with a module that
fails it and one that passes, through `load_content` as `check` runs it."""

from __future__ import annotations

import pytest

from rufbereit.content.load import load_content

COURSE = "title: Testkurs\nreview_every: 12\ntracks:\n  - title: Start\n    modules:\n{modules}"
HEAD = """title: {title}
summary: Ein Modul.
duration: 5
objectives:
  - Du lernst etwas.
{reviewed}sections:
  - title: Einstieg
    body: Ein Text.
"""


def single(prompt: str, options: list[tuple[str, bool]]) -> str:
    lines = [f"    - type: single\n      prompt: {prompt}\n      explanation: Darum.\n      options:\n"]
    lines += [f"        - text: {text}\n          correct: {'true' if right else 'false'}\n" for text, right in options]
    return "".join(lines)


def quiz(*questions: str, shuffle: bool = True) -> str:
    return f"quiz:\n  shuffle: {'true' if shuffle else 'false'}\n  questions:\n" + "".join(questions)


def call(pass_points: int, pushy_points: int, pushy_end: str, neutral_points: int = 0) -> str:
    return f"""  - title: Übungsanruf
    kind: call
    pass_points: {pass_points}
    start: begruessung
    steps:
      begruessung:
        client: Guten Tag?
        choices:
          - say: Guten Tag, hier ist Alex.
            points: 2
            next: einwand
          - say: Sie brauchen das, unterschreiben Sie.
            points: {pushy_points}
            next: {pushy_end}
      einwand:
        client: Kein Bedarf.
        choices:
          - say: Wie lösen Sie das heute?
            points: 2
            next: termin
          - say: Dann rufe ich später an.
            points: {neutral_points}
            next: offen
          - say: Das ist doch Unsinn.
            points: -2
            next: abgewimmelt
    endings:
      termin:
        outcome: success
        debrief: Termin.
      offen:
        outcome: neutral
        debrief: Offen.
      abgewimmelt:
        outcome: failure
        debrief: Abgewimmelt.
"""


def codes(tmp_path, *modules: str, code: str) -> list[tuple[str, int]]:
    folder = tmp_path / "kurs"
    (folder / "modules").mkdir(parents=True)
    names = [f"m{number}" for number in range(len(modules))]
    (folder / "course.yaml").write_text(COURSE.format(modules="".join(f"      - {name}\n" for name in names)), encoding="utf-8")
    for name, text in zip(names, modules):
        (folder / "modules" / f"{name}.yaml").write_text(text, encoding="utf-8")
    content = load_content(folder)
    assert not content.errors, [problem.format("de") for problem in content.errors]
    return [(problem.file.rsplit("/", 1)[1], problem.line) for problem in content.problems if problem.code == code]


def module(body: str = "", title: str = "Eins", reviewed: str = "") -> str:
    return HEAD.format(title=title, reviewed=reviewed) + body


EVEN = [("Zuhören", True), ("Vortragen", False), ("Abwarten", False)]
LONG = [("Erst zuhören, dann nachfragen und zusammenfassen", True), ("Reden", False), ("Warten", False)]


def test_right_longest_fails_when_most_right_options_are_the_longest(tmp_path):
    questions = [single(f"Frage {n}?", LONG) for n in "ABC"]
    assert codes(tmp_path, module(quiz(*questions)), code="lint_right_longest") == [("m0.yaml", 9)]


def test_right_longest_passes_when_lengths_vary(tmp_path):
    questions = [single(f"Frage {n}?", EVEN) for n in "ABC"]
    assert codes(tmp_path, module(quiz(*questions)), code="lint_right_longest") == []


def test_right_same_place_fails_without_shuffle(tmp_path):
    questions = [single(f"Frage {n}?", EVEN) for n in "ABC"]
    assert codes(tmp_path, module(quiz(*questions, shuffle=False)), code="lint_right_same_place") == [("m0.yaml", 9)]


@pytest.mark.parametrize("shuffle", [True, False])
def test_right_same_place_passes_when_shuffled_or_varied(tmp_path, shuffle):
    varied = [EVEN, EVEN[1:] + EVEN[:1], EVEN] if not shuffle else [EVEN] * 3
    questions = [single(f"Frage {n}?", options) for n, options in zip("ABC", varied)]
    assert codes(tmp_path, module(quiz(*questions, shuffle=shuffle)), code="lint_right_same_place") == []


def test_option_lengths_fails_for_very_different_lengths(tmp_path):
    options = [("Kurz", True), ("Eine sehr viel längere Antwort mit vielen Wörtern darin", False)]
    assert codes(tmp_path, module(quiz(single("Was stimmt?", options))), code="lint_option_lengths") == [("m0.yaml", 15)]


def test_option_lengths_passes_for_similar_lengths(tmp_path):
    assert codes(tmp_path, module(quiz(single("Was stimmt?", EVEN))), code="lint_option_lengths") == []


def test_option_repeating_the_prompt_fails(tmp_path):
    options = [("Den Kunden ausreden lassen", True), ("Sofort das Angebot nennen", False)]
    found = codes(tmp_path, module(quiz(single("Was tust du, wenn Kunden reden und ausreden wollen?", options))),
                  code="lint_option_repeats_prompt")
    assert found == [("m0.yaml", 16)]


def test_option_repeating_the_prompt_passes_when_wrong_options_repeat_too(tmp_path):
    options = [("Den Kunden ausreden lassen", True), ("Den Kunden unterbrechen", False)]
    found = codes(tmp_path, module(quiz(single("Was tust du, wenn Kunden reden und ausreden wollen?", options))),
                  code="lint_option_repeats_prompt")
    assert found == []


def test_near_identical_questions_fail_across_modules(tmp_path):
    first = module(quiz(single("Was sagst du in den ersten Sekunden des Anrufs?", EVEN)))
    second = module(quiz(single("Was sagst du in den ersten Sekunden eines Anrufs?", EVEN)), title="Zwei")
    assert codes(tmp_path, first, second, code="lint_near_identical") == [("m1.yaml", 12)]


def test_different_questions_pass(tmp_path):
    first = module(quiz(single("Was sagst du in den ersten Sekunden des Anrufs?", EVEN)))
    second = module(quiz(single("Wann schreibst du die Notiz zum Gespräch?", EVEN)), title="Zwei")
    assert codes(tmp_path, first, second, code="lint_near_identical") == []


def test_call_passing_after_a_wrong_choice_fails(tmp_path):
    # The pushy choice (-1) still reaches the success ending: -1 + 2 = 1 point, pass_points 1.
    text = module(call(pass_points=1, pushy_points=-1, pushy_end="einwand"))
    assert codes(tmp_path, text, code="lint_call_wrong_passes") == [("m0.yaml", 11)]


def test_call_where_a_wrong_choice_ends_the_call_passes(tmp_path):
    text = module(call(pass_points=3, pushy_points=-1, pushy_end="abgewimmelt"))
    assert codes(tmp_path, text, code="lint_call_wrong_passes") == []


def test_call_whose_pass_mark_a_neutral_ending_meets_fails(tmp_path):
    text = module(call(pass_points=4, pushy_points=-1, pushy_end="abgewimmelt", neutral_points=2))
    assert codes(tmp_path, text, code="lint_call_points_without_success") == [("m0.yaml", 11)]


def test_call_whose_pass_mark_only_success_meets_passes(tmp_path):
    text = module(call(pass_points=4, pushy_points=-1, pushy_end="abgewimmelt", neutral_points=0))
    assert codes(tmp_path, text, code="lint_call_points_without_success") == []


def test_review_overdue_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    text = module(reviewed="reviewed:\n  on: 2024-11\n  by: Team Recht\n")
    assert codes(tmp_path, text, code="lint_review_overdue") == [("m0.yaml", 7)]


def test_review_within_review_every_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    text = module(reviewed="reviewed:\n  on: 2025-06-30\n  by: Team Recht\n")
    assert codes(tmp_path, text, code="lint_review_overdue") == []


def test_lint_warnings_are_errors_under_strict(tmp_path, rufbereit_main):
    folder = tmp_path / "kurs"
    codes(tmp_path, module(quiz(*[single(f"Frage {n}?", LONG) for n in "ABC"])), code="lint_right_longest")
    assert rufbereit_main("check", "--content", str(folder)).returncode == 0
    strict = rufbereit_main("check", "--strict", "--content", str(folder))
    assert strict.returncode == 1 and "ist die richtige Antwort die längste" in strict.stderr
