"""Practice calls as graphs: what `check` says about them, and what the site and the report show.

One depth-first search from `start` does everything, in time linear in steps + choices:
it colours nodes (white → grey while on the path → black when done), so a choice whose
`next` is grey closes a loop, and it names the loop from the path it holds; it finds the
reachable steps and endings; and as each step turns black, all the nodes it leads to are
done, so the best total to a `success` ending (the longest path in what is, without the
loops, a DAG) and the number of paths are memoised there. The search keeps its own stack
(no recursion), so a call of any length fits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import CallSection
from .problems import Problem
from .validate import did_you_mean
from .yamlread import Path

WHITE, GREY, BLACK = 0, 1, 2


@dataclass
class CallAnalysis:
    best: int | None  # best total on a path to a success ending; None: no such path
    paths: int = 0  # paths from start to any ending (loops left out)
    best_path: list[tuple[str, int]] = field(default_factory=list)  # (step id, choice index) along the best path
    best_ending: str | None = None
    reached: set[str] = field(default_factory=set)
    loops: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (step, choice index, loop ids)


def analyse(call: CallSection) -> CallAnalysis:
    """The graph facts of one call (unknown `next` targets are skipped; `check` reports them)."""
    steps, endings = call.steps, call.endings
    best: dict[str, int | None] = {}
    paths: dict[str, int] = {}
    choice_of: dict[str, int] = {}  # the step's choice on its best path
    for ending_id, ending in endings.items():
        best[ending_id] = 0 if ending.outcome == "success" else None
        paths[ending_id] = 1
    result = CallAnalysis(best=None)
    if call.start not in steps:
        return result
    colour = dict.fromkeys(steps, WHITE)
    colour[call.start] = GREY
    stack: list[tuple[str, int]] = [(call.start, 0)]  # (step, index of the next choice to follow)
    result.reached.add(call.start)
    while stack:
        step_id, index = stack[-1]
        choices = steps[step_id].choices
        if index == len(choices):
            stack.pop()
            colour[step_id] = BLACK
            _settle(step_id, choices, best, paths, choice_of, colour)
            continue
        stack[-1] = (step_id, index + 1)
        target = choices[index].next
        if target in endings:
            result.reached.add(target)
        elif target in steps:
            result.reached.add(target)
            if colour[target] == GREY:
                on_path = [sid for sid, _ in stack]
                result.loops.append((step_id, index, [*on_path[on_path.index(target):], target]))
            elif colour[target] == WHITE:
                colour[target] = GREY
                stack.append((target, 0))
    result.best = best.get(call.start)
    result.paths = paths.get(call.start, 0)
    result.best_path, result.best_ending = _follow(call, best, choice_of)
    return result


def _settle(step_id, choices, best, paths, choice_of, colour) -> None:
    """A step is done: every node it leads to is done too (or grey: a loop, left out)."""
    top: int | None = None
    count = 0
    for index, choice in enumerate(choices):
        target = choice.next
        if target not in best or colour.get(target) == GREY:
            continue
        count += paths[target]
        if best[target] is not None and (top is None or choice.points + best[target] > top):
            top, choice_of[step_id] = choice.points + best[target], index
    best[step_id], paths[step_id] = top, count


def _follow(call: CallSection, best: dict, choice_of: dict) -> tuple[list[tuple[str, int]], str | None]:
    if best.get(call.start) is None:
        return [], None
    path, node = [], call.start
    # An id that names a step and an ending is the ending here, as in `analyse` (and `check`
    # reports it as `call_duplicate_id`).
    while node in call.steps and node not in call.endings:
        index = choice_of[node]
        path.append((node, index))
        node = call.steps[node].choices[index].next
    return path, node


# --- check --------------------------------------------------------------------------------


def call_problems(file: str, document, base: Path, call: CallSection) -> list[Problem]:
    """Every rule of the spec's "Practice calls", each at the place concerned."""
    steps, endings = call.steps, call.endings
    at = document.mark
    value_at = lambda path: document.values.get(path) or at(path)  # noqa: E731
    problems: list[Problem] = []
    known = sorted({*steps, *endings})
    duplicates = sorted(set(steps) & set(endings))
    for both in duplicates:
        for where in ("steps", "endings"):
            problems.append(Problem.error(file, at((*base, where, both)), "call_duplicate_id", id=both))
    if call.start not in steps:
        hint = did_you_mean(call.start, sorted(steps))
        code, params = ("call_unknown_start_hint", {"hint": hint}) if hint else ("call_unknown_start", {})
        problems.append(Problem.error(file, value_at((*base, "start")), code, id=call.start, **params))
    incoming: dict[str, list[int]] = defaultdict(list)  # node id -> points of the choices leading there
    unknown = 0
    for step_id, step in steps.items():
        here = (*base, "steps", step_id)
        problems += _duplicate_says(file, at, here, step)
        for index, choice in enumerate(step.choices):
            incoming[choice.next].append(choice.points)
            if choice.next not in steps and choice.next not in endings:
                unknown += 1
                problems.append(_unknown_next(file, value_at((*here, "choices", index, "next")), choice.next, known))
        if len({choice.next for choice in step.choices}) == 1:
            problems.append(Problem.warning(file, at(here), "call_same_next", id=step.choices[0].next))
    analysis = analyse(call)
    for step_id, index, loop in analysis.loops:
        mark = value_at((*base, "steps", step_id, "choices", index, "next"))
        problems.append(Problem.error(file, mark, "call_loop", cycle=" → ".join(loop)))
    # The rules about the whole graph hold only once every id is known and unambiguous:
    # a typo in `next` would otherwise also make its target "unreachable".
    if call.start in steps and not unknown and not duplicates:
        problems += _graph_problems(file, at, value_at, base, call, analysis)
    for ending_id in endings:
        points = incoming.get(ending_id)
        if points and not any(points):
            problems.append(Problem.warning(file, at((*base, "endings", ending_id)), "call_ending_without_points", id=ending_id))
    return problems


def _graph_problems(file, at, value_at, base: Path, call: CallSection, analysis: CallAnalysis) -> list[Problem]:
    problems = []
    for where, ids in (("steps", call.steps), ("endings", call.endings)):
        for node in ids:
            if node not in analysis.reached:
                problems.append(Problem.error(file, at((*base, where, node)), f"call_unreachable_{where}", id=node))
    endings = call.endings
    if not any(endings[node].outcome == "success" for node in analysis.reached if node in endings):
        problems.append(Problem.error(file, at((*base, "endings")), "call_no_success"))
    elif not analysis.loops and analysis.best is not None and call.pass_points > analysis.best:
        problems.append(Problem.error(file, value_at((*base, "pass_points")), "call_pass_points",
                                      points=call.pass_points, best=analysis.best))
    return problems


def _unknown_next(file: str, mark, target: str, known: list[str]) -> Problem:
    hint = did_you_mean(target, known)
    if hint:
        return Problem.error(file, mark, "call_unknown_next_hint", id=target, hint=hint)
    return Problem.error(file, mark, "call_unknown_next", id=target)


def _duplicate_says(file: str, at, here: Path, step) -> list[Problem]:
    places: dict[str, list[int]] = defaultdict(list)
    for index, choice in enumerate(step.choices):
        places[choice.say.strip()].append(index)
    return [
        Problem.error(file, at((*here, "choices", index, "say")), "call_duplicate_say", text=say)
        for say, indexes in places.items()
        if len(indexes) > 1
        for index in indexes
    ]
