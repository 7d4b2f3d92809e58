"""A lint for good questions and practice calls (issue 22): warnings (errors under --strict),
each saying why it matters for learning and how to change it. One function per rule.

Decisions where the issue left room:
- "most" single-choice questions: more than half of them, and at least 3 in the module.
- "always at the same place": every single-choice question of a module (at least 3) has its
  right option at the same position, and the quiz does not shuffle (`shuffle: false`); a
  shuffled quiz shows another order on every visit.
- "very different length": the longest option at least three times as long as the shortest
  and at least 30 characters longer.
- "repeats words of the prompt": the right option shares at least two words (of 4 or more
  letters) with the prompt and no wrong option shares any: then it can be guessed.
- "near-identical questions": the same words in the prompt (Jaccard ≥ 0.8 of the words of
  4 or more letters) and a similar wording (difflib ratio ≥ 0.85), anywhere in the course.
- a choice "marked as wrong" in a call: negative points. Feedback text is not read for
  words like "falsch": a trainer marks a choice as wrong by giving it minus points.
- a review is overdue when `reviewed.on` (its first day, for `JJJJ-MM`) plus `review_every`
  months lies before today; today is `SOURCE_DATE_EPOCH` when set (reproducible builds).
"""

from __future__ import annotations

import difflib
import itertools
import math
import os
import re
from collections import Counter, defaultdict
from datetime import date, datetime, UTC
from functools import cache
from typing import TYPE_CHECKING

from .model import CallSection, Module, SingleQuestion, stable_digest
from .problems import Problem

if TYPE_CHECKING:
    from .tree import Content, Source

MIN_QUESTIONS = 3
LENGTH_FACTOR, LENGTH_GAP = 3, 30
SAME_WORDS, SAME_TEXT = 0.8, 0.85
_WORD = re.compile(r"[^\W\d_]{4,}")


def lint(content: Content) -> list[Problem]:
    """Every lint warning; a module's own ones and the course's similar prompts are kept
    across runs (ParseCache.rules) while what they read is unchanged."""
    problems: list[Problem] = []
    review_every = content.course.model.review_every if content.course else 12
    memo, now = content.cache.rules, today()
    for source in content.modules.values():
        key = ("lint", source.file, source.digest, review_every, now)
        if key not in memo:
            memo[key] = module_lint(source, review_every, now)
        problems += memo[key]
    problems += near_identical_questions(list(content.modules.values()), memo)
    return problems


def module_lint(source: Source, review_every: int, now: date) -> list[Problem]:
    """The warnings of one module's own questions, calls and review date."""
    return (right_option_longest(source) + right_option_same_place(source)
            + options_of_different_length(source) + option_repeats_prompt(source)
            + call_passes_with_wrong_choice(source) + call_passes_without_success(source)
            + review_overdue(source, review_every, now))


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch.isdigit() else date.today()


def _singles(module: Module) -> list[tuple[int, SingleQuestion]]:
    questions = module.quiz.questions if module.quiz else []
    return [(index, question) for index, question in enumerate(questions) if isinstance(question, SingleQuestion)]


def _words(text: str) -> set[str]:
    return set(map(str.casefold, _WORD.findall(text)))


def right_option_longest(source: Source) -> list[Problem]:
    singles = _singles(source.model)
    longest = [
        index for index, question in singles
        if sum(len(option.text) >= max(len(o.text) for o in question.options) for option in question.options) == 1
        and max(question.options, key=lambda option: len(option.text)).correct
    ]
    if len(singles) < MIN_QUESTIONS or len(longest) * 2 <= len(singles):
        return []
    return [Problem.warning(source.file, source.document.mark(("quiz",)), "lint_right_longest",
                            count=len(longest), total=len(singles))]


def right_option_same_place(source: Source) -> list[Problem]:
    quiz = source.model.quiz
    singles = _singles(source.model)
    if quiz is None or quiz.shuffle or len(singles) < MIN_QUESTIONS:
        return []
    places = {next(i for i, option in enumerate(question.options) if option.correct) for _, question in singles}
    if len(places) != 1:
        return []
    return [Problem.warning(source.file, source.document.mark(("quiz",)), "lint_right_same_place",
                            place=places.pop() + 1, total=len(singles))]


def options_of_different_length(source: Source) -> list[Problem]:
    problems = []
    for index, question in enumerate(source.model.quiz.questions if source.model.quiz else []):
        lengths = [len(option.text) for option in getattr(question, "options", [])]
        if lengths and max(lengths) >= LENGTH_FACTOR * min(lengths) and max(lengths) - min(lengths) >= LENGTH_GAP:
            problems.append(Problem.warning(source.file, source.document.mark(("quiz", "questions", index, "options")),
                                            "lint_option_lengths", shortest=min(lengths), longest=max(lengths)))
    return problems


def option_repeats_prompt(source: Source) -> list[Problem]:
    problems = []
    for index, question in _singles(source.model):
        prompt = _words(question.prompt)
        right = next(option for option in question.options if option.correct)
        shared = sorted(prompt & _words(right.text))
        if len(shared) >= 2 and not any(prompt & _words(option.text) for option in question.options if not option.correct):
            where = source.document.mark(("quiz", "questions", index, "options", question.options.index(right), "text"))
            problems.append(Problem.warning(source.file, where, "lint_option_repeats_prompt",
                                            words=", ".join(f"`{word}`" for word in shared[:3])))
    return problems


# Prompts of up to GROUPED_WORDS words are indexed by groups of SHARED of their first words.
# SHARED is 3: a prompt of 3 or more words needs at least 3 shared words, and a shorter one
# can only meet a prompt of its own length, so two prompts that may be similar always form
# groups of the same length (a larger SHARED would miss pairs: tests/test_check_shortcuts.py).
# 3 rather than 4: fewer groups a prompt (10 instead of 15 for 10 words) and few more
# candidates: similar_prompts is 12 % faster on content/, 7 % and 13 % on synthetic courses
# of 30 and 1,000 modules.
GROUPED_WORDS, SHARED = 40, 3


def near_identical_questions(sources: list[Source], memo: dict | None = None) -> list[Problem]:
    """Across the course: a warning at each question whose prompt is the same as, or similar to,
    an earlier one's. Which questions are similar depends on the prompts alone (not on the
    files' other text or lines), so `memo` keeps it across runs while every prompt is unchanged."""
    questions = [(source, index, question.prompt)
                 for source in sources
                 for index, question in enumerate(source.model.quiz.questions if source.model.quiz else [])]
    prompts = [prompt for _, _, prompt in questions]
    memo = {} if memo is None else memo
    key = ("similar prompts", stable_digest(*prompts), len(prompts))
    if key not in memo:
        memo[key] = similar_prompts(prompts)
    return _near_identical_problems(questions, memo[key])


def _near_identical_problems(questions: list[tuple[Source, int, str]], pairs: list[tuple[int, int]]) -> list[Problem]:
    problems = []
    for number, earlier in pairs:
        source, index, _ = questions[number]
        first, first_index, _ = questions[earlier]
        mark = first.document.mark(("quiz", "questions", first_index))
        problems.append(Problem.warning(source.file, source.document.mark(("quiz", "questions", index)),
                                        "lint_near_identical", other=f"{first.file}:{mark.line}"))
    return problems


def similar_prompts(prompts: list[str]) -> list[tuple[int, int]]:
    """(later, earlier) for each prompt the same as, or similar to, an earlier one (the first
    such). The same prompt twice is found by its text alone. Two prompts that
    reach SAME_WORDS share at least a = ceil(SAME_WORDS * n) of the n words of either, so (in one
    order of all words, the rarest first) their first k shared words lie within the first
    n - a + k words of each (prefix filtering). With k = 1 the index of single words makes the
    comparisons grow with the course where prompts draw on few words (1.9 s at 1,000 synthetic
    modules; 9 s at 300 before any filtering); so prompts of up to GROUPED_WORDS words are
    indexed by every group of k = min(SHARED, a) of their first words, and only prompts sharing
    a group are compared. Longer prompts (a group count that would grow too fast) keep the
    index of single words, by size: sizes too far apart cannot reach SAME_WORDS."""
    questions = [(" ".join(prompt.casefold().split()), _words(prompt)) for prompt in prompts]
    frequency = Counter(word for *_, words in questions for word in words)
    # Every word's place in one order of all words, the rarest first: sorting a prompt's words
    # by it is a C-level key (a Python key function per word cost more than the grouping).
    rank = {word: place for place, word in enumerate(sorted(frequency, key=lambda word: (frequency[word], word)))}
    by_text: dict[str, int] = {}
    by_group: dict[tuple[str, ...], list[int]] = {}
    by_word: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))  # word -> size -> prompts
    near_long = SAME_WORDS * GROUPED_WORDS  # a prompt of more words may reach SAME_WORDS with a longer one
    pairs = []
    for number, (text, words) in enumerate(questions):
        size = len(words)
        rare_first = sorted(words, key=rank.__getitem__)
        needed = math.ceil(SAME_WORDS * size - 1e-9)
        prefix = rare_first[: size - needed + 1]
        shared = min(SHARED, needed)
        grouped = size <= GROUPED_WORDS
        groups = list(itertools.combinations(rare_first[: size - needed + shared], shared)) if grouped else []
        # The earlier prompts sharing a group are read and this one filed under its groups in one
        # lookup per group (the candidates are unused where the text itself was seen before).
        candidates: set[int] = set()
        for group in groups:
            filed = by_group.get(group)
            if filed is None:
                by_group[group] = [number]
            else:
                candidates.update(filed)
                filed.append(number)
        earlier = by_text.get(text)
        if earlier is None and words:
            if size > near_long:  # the index of single words, for the sizes that groups do not cover
                candidates.update(earlier for word in prefix if word in by_word for other in _sizes(size)
                                  if not grouped or other > GROUPED_WORDS for earlier in by_word[word].get(other, ()))
            earlier = _similar_prompt(text, words, candidates, questions)
        if earlier is not None:
            pairs.append((number, earlier))
        by_text.setdefault(text, number)
        for word in prefix if size > near_long else ():
            by_word[word][size].append(number)
    return pairs


@cache
def _sizes(size: int) -> list[int]:
    """The word counts a prompt of `size` words may have to reach SAME_WORDS with it."""
    return [other for other in range(math.floor(SAME_WORDS * size), math.ceil(size / SAME_WORDS) + 1)
            if min(size, other) >= SAME_WORDS * max(size, other) - 1e-9]


def _similar_prompt(text: str, words: set[str], candidates: set[int], questions: list) -> int | None:
    """The first earlier question whose prompt is similar to this one, if any."""
    size = len(words)
    for earlier in sorted(candidates):
        first_text, first_words = questions[earlier]
        shared = len(words & first_words)
        if shared / (size + len(first_words) - shared) < SAME_WORDS:  # the share of all their words
            continue
        matcher = difflib.SequenceMatcher(None, text, first_text)
        if matcher.quick_ratio() >= SAME_TEXT and matcher.ratio() >= SAME_TEXT:
            return earlier
    return None


def _calls(source: Source) -> list[tuple[int, CallSection]]:
    return [(index, section) for index, section in enumerate(source.model.sections) if isinstance(section, CallSection)]


_DESCEND = object()


def _best_totals(call: CallSection, outcomes: set[str], through_wrong: bool) -> int | None:
    """The most points on a path from `start` to an ending with one of `outcomes` (with
    `through_wrong`: only paths with at least one choice of negative points). Loops are left out.
    A depth-first search with its own stack: a call may have more steps than Python's recursion limit."""
    memo: dict[tuple[str, bool], int | None] = {}
    on_path: set[str] = set()

    def known(node: str, wrong_seen: bool):
        """The node's best total where it needs no search, else _DESCEND."""
        if node in call.endings:
            return 0 if call.endings[node].outcome in outcomes and (wrong_seen or not through_wrong) else None
        if node not in call.steps or node in on_path:
            return None
        return memo[(node, wrong_seen)] if (node, wrong_seen) in memo else _DESCEND

    first = known(call.start, False)
    if first is not _DESCEND:
        return first
    # frames: [node, wrong_seen, index of the next choice, totals so far]
    stack: list[list] = [[call.start, False, 0, []]]
    on_path.add(call.start)
    while True:
        node, wrong_seen, index, totals = stack[-1]
        choices = call.steps[node].choices
        if index < len(choices):
            choice = choices[index]
            wrong = wrong_seen or choice.points < 0
            value = known(choice.next, wrong)
            if value is _DESCEND:
                on_path.add(choice.next)
                stack.append([choice.next, wrong, 0, []])
                continue
        else:
            on_path.discard(node)
            value = memo[(node, wrong_seen)] = max(totals) if totals else None
            stack.pop()
            if not stack:
                return value
            node, _, index, totals = stack[-1]
            choice = call.steps[node].choices[index]
        if value is not None:
            totals.append(choice.points + value)
        stack[-1][2] += 1


def call_passes_with_wrong_choice(source: Source) -> list[Problem]:
    problems = []
    for index, call in _calls(source):
        total = _best_totals(call, {"success"}, through_wrong=True)
        if total is not None and total >= call.pass_points:
            problems.append(Problem.warning(source.file, source.document.mark(("sections", index, "pass_points")),
                                            "lint_call_wrong_passes", total=total, pass_points=call.pass_points))
    return problems


def call_passes_without_success(source: Source) -> list[Problem]:
    problems = []
    for index, call in _calls(source):
        total = _best_totals(call, {"neutral", "failure"}, through_wrong=False)
        if total is not None and call.pass_points > 0 and total >= call.pass_points:
            problems.append(Problem.warning(source.file, source.document.mark(("sections", index, "pass_points")),
                                            "lint_call_points_without_success", total=total, pass_points=call.pass_points))
    return problems


def review_overdue(source: Source, months: int, now: date) -> list[Problem]:
    reviewed = source.model.reviewed
    if reviewed is None:
        return []
    first = reviewed.first_day
    year, month = divmod(first.month - 1 + months, 12)
    due = date(first.year + year, month + 1, min(first.day, 28))
    if due >= now:
        return []
    return [Problem.warning(source.file, source.document.mark(("reviewed", "on")), "lint_review_overdue",
                            on=reviewed.on, months=months, due=due.isoformat())]
