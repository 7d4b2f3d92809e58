"""The default course teaches with its scoring what its text teaches (issue 26): no practice
call passes through a choice with zero or minus points, single-choice questions do not give
the answer away by its length, and every module and call carries its review date and notes
for the trainer edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from rufbereit.content.load import load_content
from rufbereit.content.model import CallSection

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT / "content")
MODULES = sorted(CONTENT.modules)


def calls(module_id: str) -> list[CallSection]:
    return [s for s in CONTENT.modules[module_id].model.sections if isinstance(s, CallSection)]


def passing_paths(call: CallSection) -> list[list[tuple[str, int, int]]]:
    """Every path from `start` to a success ending with at least `pass_points`, as (step, choice, points)."""
    found = []

    def walk(node: str, total: int, trail: list[tuple[str, int, int]]) -> None:
        if node in call.endings:
            if call.endings[node].outcome == "success" and total >= call.pass_points:
                found.append(trail)
            return
        for index, choice in enumerate(call.steps[node].choices):
            walk(choice.next, total + choice.points, [*trail, (node, index, choice.points)])

    walk(call.start, 0, [])
    return found


def test_the_default_course_has_twelve_modules_in_four_tracks():
    course = CONTENT.course.model
    assert len(course.tracks) == 4
    assert sum(len(track.modules) for track in course.tracks) == len(MODULES) == 12


@pytest.mark.parametrize("module_id", MODULES)
def test_no_call_passes_through_a_choice_without_plus_points(module_id):
    for call in calls(module_id):
        paths = passing_paths(call)
        assert paths, f"{call.title}: no path passes"
        weak = [step for path in paths for step in path if step[2] <= 0]
        assert not weak, f"{call.title}: a passing path goes through {weak}"


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_and_call_is_dated_and_has_trainer_notes(module_id):
    module = CONTENT.modules[module_id].model
    assert module.reviewed and module.reviewed.on >= "2026-12"
    assert module.trainer_notes
    assert all(call.trainer_notes and call.id for call in calls(module_id))


def test_the_right_option_is_rarely_the_longest_and_not_always_in_one_place():
    singles = [question for module_id in MODULES for question in (CONTENT.modules[module_id].model.quiz.questions
               if CONTENT.modules[module_id].model.quiz else []) if question.type == "single"]
    longest = 0
    seen = set()
    for question in singles:
        right = next(index for index, option in enumerate(question.options) if option.correct)
        lengths = [len(option.text) for option in question.options]
        longest += lengths[right] == max(lengths)
        seen.add(right)
    assert longest * 3 <= len(singles), f"the right option is the longest in {longest} of {len(singles)}"
    assert len(seen) >= 3, f"the right option only ever stands at {sorted(seen)}"
