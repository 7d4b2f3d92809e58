"""Practice calls as graphs: best total, paths, loops, every rule in both languages, and
the cost of the analysis on a long call."""

from __future__ import annotations

import pytest

from rufbereit.content.calls import analyse, call_problems
from rufbereit.content.model import CallSection
from rufbereit.content.yamlread import read_yaml


def call(steps: dict, endings: dict, start: str = "a", pass_points: int = 0) -> CallSection:
    def step(choices):
        return {"client": "Hallo?", "choices": [{"say": f"Satz {i}", "points": p, "next": n} for i, (n, p) in enumerate(choices)]}

    return CallSection.model_validate({
        "title": "Anruf", "kind": "call", "start": start, "pass_points": pass_points,
        "steps": {sid: step(choices) for sid, choices in steps.items()},
        "endings": {eid: {"outcome": outcome, "debrief": "Gut."} for eid, outcome in endings.items()},
    })


def problems_of(section: CallSection):
    document = read_yaml(b"title: x\n", "m.yaml")
    return call_problems("m.yaml", document, ("sections", 0), section)


def codes(section: CallSection) -> list[str]:
    return sorted(problem.code for problem in problems_of(section))


def test_best_total_and_paths():
    section = call(
        {"a": [("b", 2), ("ok", -1)], "b": [("ok", 1), ("no", 3)]},
        {"ok": "success", "no": "failure"},
    )
    analysis = analyse(section)
    # a→b→ok = 3, a→ok = -1; a→b→no scores 5 but ends in failure, so it does not count.
    assert analysis.best == 3 and analysis.paths == 3
    assert analysis.best_path == [("a", 0), ("b", 0)] and analysis.best_ending == "ok"
    assert codes(section) == []


def test_shared_steps_are_counted_once_per_path():
    # A diamond: two ways into c, c has two ways out -> four paths.
    section = call(
        {"a": [("b", 1), ("c", 0)], "b": [("c", 1), ("no", 0)], "c": [("ok", 1), ("no", -1)]},
        {"ok": "success", "no": "failure"},
    )
    assert analyse(section).paths == 5 and analyse(section).best == 3


def test_an_id_used_for_a_step_and_an_ending_gets_the_promised_message():
    section = call({"a": [("b", 1), ("ok", 0)], "b": [("ok", 1), ("no", -1)]},
                   {"ok": "success", "no": "failure", "b": "success"})
    assert codes(section) == ["call_duplicate_id", "call_duplicate_id"]


def test_loop_is_named_at_the_choice_that_closes_it():
    section = call({"a": [("b", 1), ("ok", 0)], "b": [("c", 1), ("ok", 1)], "c": [("a", 0), ("ok", 1)]},
                   {"ok": "success"})
    problems = [p for p in problems_of(section) if p.code == "call_loop"]
    assert len(problems) == 1
    assert "a → b → c → a" in problems[0].message("de")
    assert "comes back to a step it has passed: a → b → c → a" in problems[0].message("en")


def test_no_success_and_unreachable():
    section = call({"a": [("no", -1), ("meh", 1)], "z": [("ok", 1), ("no", -1)]},
                   {"ok": "success", "no": "failure", "meh": "neutral"})
    assert codes(section) == ["call_no_success", "call_unreachable_endings", "call_unreachable_steps"]


def test_pass_points_above_the_best_total_names_it():
    section = call({"a": [("ok", 2), ("no", -1)]}, {"ok": "success", "no": "failure"}, pass_points=3)
    (problem,) = problems_of(section)
    assert problem.code == "call_pass_points"
    assert "höchstens 2 Punkte" in problem.message("de") and "at most 2 points" in problem.message("en")
    assert codes(call({"a": [("ok", 2), ("no", -1)]}, {"ok": "success", "no": "failure"}, pass_points=2)) == []


def test_unknown_next_with_and_without_hint_and_nothing_derived_from_it():
    section = call({"a": [("okk", 1), ("no", -1)]}, {"ok": "success", "no": "failure"})
    (problem,) = problems_of(section)
    assert problem.code == "call_unknown_next_hint" and "Did you mean `ok`?" in problem.message("en")
    section = call({"a": [("zzz", 1), ("no", -1)]}, {"ok": "success", "no": "failure"})
    assert codes(section) == ["call_unknown_next"]


def test_warnings():
    same = call({"a": [("ok", 1), ("ok", 2)]}, {"ok": "success"})
    assert codes(same) == ["call_same_next"]
    flat = call({"a": [("ok", 1), ("no", 0)]}, {"ok": "success", "no": "failure"})
    (problem,) = problems_of(flat)
    assert problem.severity == "warning" and problem.code == "call_ending_without_points"
    assert "`no`" in problem.message("en")


def test_every_call_message_exists_in_both_languages():
    from rufbereit.texts import section

    for language in ("de", "en"):
        messages = section(language, "messages")
        for code in ("call_unknown_next", "call_unknown_next_hint", "call_unknown_start", "call_unknown_start_hint",
                     "call_unreachable_steps", "call_unreachable_endings", "call_loop", "call_no_success",
                     "call_duplicate_id", "call_duplicate_say", "call_pass_points", "call_same_next",
                     "call_ending_without_points", "call_bad_id"):
            assert messages[code], (language, code)


def chain(length: int) -> CallSection:
    """A call of `length` steps, each with three choices: on, a shortcut ahead, or out."""
    steps = {}
    for index in range(length):
        on = f"s{index + 1}" if index + 1 < length else "ok"
        ahead = f"s{index + 2}" if index + 2 < length else "ok"
        steps[f"s{index}"] = [(on, 1), (ahead, 2), ("no", -1)]
    return call(steps, {"ok": "success", "no": "failure"}, start="s0")


def test_a_call_of_200_steps_is_analysed_without_recursion():
    # How fast (≤ 50 ms): benchmarks/calls.py, in `make bench`.
    section = chain(200)
    analysis = analyse(section)
    assert analysis.best == 201  # a point per step, and 2 for the last (both its choices end the call)
    assert analysis.paths > 10**40  # Fibonacci-many paths, counted without walking them
    assert analyse(chain(5000)).best == 5001  # far beyond Python's recursion limit


def test_the_lint_of_a_call_longer_than_the_recursion_limit_finds_its_best_totals():
    """`check` on an 800-step call ended in a RecursionError (benchmarks/calls.py found it)."""
    from rufbereit.content.lint import _best_totals

    section = chain(3000)
    assert _best_totals(section, {"success"}, through_wrong=False) == 3001
    assert _best_totals(section, {"success"}, through_wrong=True) is None  # a wrong choice always ends the call


@pytest.mark.parametrize("size", [100, 200, 400])
def test_the_analysis_grows_linearly(size):
    # Not a timing test (the machine is shared): the search visits each choice once.
    section = chain(size)
    assert len(analyse(section).reached) == size + 2


def test_the_trainer_guide_example_is_a_clean_call(tmp_path):
    """A trainer can write a call from the guide alone: its example passes `check` unchanged."""
    import re
    from pathlib import Path

    from rufbereit.content.load import load_content

    guide = (Path(__file__).resolve().parents[1] / "content" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", guide[guide.index("## Übungsanrufe"):], re.S).group(1)
    (tmp_path / "modules").mkdir()
    (tmp_path / "course.yaml").write_text("title: K\ntracks:\n  - title: A\n    modules: [eins]\n", encoding="utf-8")
    module = "title: Eins\nsummary: S.\nduration: 5\nobjectives:\n  - Z.\nsections:\n" + example
    (tmp_path / "modules" / "eins.yaml").write_text(module, encoding="utf-8")
    content = load_content(tmp_path)
    assert content.problems == []
    section = content.modules["eins"].model.sections[0]
    analysis = analyse(section)
    assert analysis.best == 4 and analysis.best_ending == "rueckruf" and analysis.paths == 3
