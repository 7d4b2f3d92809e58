"""Spaced review: the browser's schedule (assets-src/site/review-core.mjs with the pinned
ts-fsrs, bundled into docs/assets/rufbereit.js) equals py-fsrs, the reference scheduler, for the
same answers and dates; the due list and "sicher gewusst" follow their stated rules.

The browser code runs under Node: the ES module the bundle is made of (tests/test_site_script.py
holds the bundle to its sources).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime, timedelta, UTC

import pytest
from fsrs import Card, Rating, Scheduler
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import ROOT

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (installed by .ci/run)")

CORE = ROOT / "assets-src" / "site" / "review-core.mjs"
# Imports the review's pure part as the bundle does, then runs `body` with `core` and `input`
# (JSON from Python).
HARNESS = """
import fs from "fs";
const core = await import(%s);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
%s
"""


def run_node(body: str, data) -> object:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", HARNESS % (json.dumps(CORE.as_uri()), body)], input=json.dumps(data),
        capture_output=True, text=True, timeout=60, env={"TZ": "Pacific/Kiritimati", "PATH": os.environ.get("PATH", "")},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SCHEDULE = """
const out = input.map((history) => {
  let entry = null;
  return history.map((step) => {
    entry = core.schedule(entry, { correct: step.correct, confidence: step.confidence || undefined, hash: "h" }, step.day);
    return entry;
  });
});
process.stdout.write(JSON.stringify(out));
"""

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}


SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def reference(history: list[dict]) -> list[tuple[Card, datetime]]:
    """py-fsrs with default weights, no fuzz and no same-day learning steps (the site's choice),
    each review at noon UTC of its day: (the card, its due date)."""
    card, out = Card(), []
    for step in history:
        rating = 1 if not step["correct"] else {"guess": 2, "sure": 4}.get(step["confidence"], 3)
        now = datetime.fromisoformat(step["day"] + "T12:00:00+00:00")
        after, _ = SCHEDULER.review_card(card, RATINGS[rating], review_datetime=now)
        out.append((after, now + timedelta(days=ordered_interval(card, rating, now))))
        card = after
    return out


def ordered_interval(card: Card, rating: int, now: datetime) -> int:
    """The interval of `rating` with ts-fsrs's rule for a card in review, which py-fsrs does
    not apply: hard ≤ good, good ≥ hard + 1, easy ≥ good + 1 (days)."""
    def days(r: int) -> int:
        return (SCHEDULER.review_card(card, RATINGS[r], review_datetime=now)[0].due - now).days

    if card.last_review is None or rating == 1:
        return days(rating)
    hard, good = min(days(2), days(3)), days(3)
    good = max(good, hard + 1)
    return {2: hard, 3: good, 4: max(days(4), good + 1)}[rating]


START = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
steps = st.fixed_dictionaries({
    "gap_days": st.integers(min_value=0, max_value=60),
    "correct": st.booleans(),
    "confidence": st.sampled_from([None, "sure", "unsure", "guess"]),
})


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(steps, min_size=1, max_size=12), min_size=30, max_size=30))
def test_the_browser_schedule_equals_py_fsrs(histories):
    for history in histories:
        day = START.date()
        for step in history:
            day += timedelta(days=step.pop("gap_days"))
            step["day"] = day.isoformat()
    browser = run_node(SCHEDULE, histories)
    for history, entries in zip(histories, browser):
        for step, entry, (card, due) in zip(history, entries, reference(history)):
            # A confident error comes back the same day; everything else is FSRS as it is.
            if step["confidence"] == "sure" and not step["correct"]:
                due = datetime.fromisoformat(step["day"] + "T12:00:00+00:00")
            assert datetime.fromisoformat(entry["due"].replace("Z", "+00:00")) == due, (history, step)
            # ts-fsrs rounds to eight decimals at every step: the drift stays far below a day.
            assert entry["stability"] == pytest.approx(card.stability, rel=1e-6)
            assert entry["difficulty"] == pytest.approx(card.difficulty, rel=1e-6)
            assert entry["state"] == card.state.value


def test_ratings_follow_correctness_and_confidence():
    ratings = run_node(
        "process.stdout.write(JSON.stringify(input.map(([c, s]) => core.rating(c, s || undefined))));",
        [[False, "sure"], [False, None], [True, "guess"], [True, "unsure"], [True, None], [True, "sure"]],
    )
    assert ratings == [1, 1, 2, 3, 3, 4]


def test_a_changed_answer_key_starts_a_new_schedule():
    body = """
const now = "2026-12-01", later = "2026-12-05";
const first = core.schedule(null, { correct: true, confidence: "sure", hash: "a" }, now);
const same = core.schedule(first, { correct: true, confidence: "sure", hash: "a" }, later);
const changed = core.schedule(first, { correct: true, confidence: "sure", hash: "b" }, later);
process.stdout.write(JSON.stringify({ first, same, changed }));
"""
    out = run_node(body, None)
    assert out["same"]["reps"] == 2 and out["same"]["streak"] == 2
    assert out["changed"]["reps"] == 1 and out["changed"]["streak"] == 1
    assert out["changed"]["stability"] == out["first"]["stability"]


def test_due_list_is_interleaved_and_counts_local_days():
    record = {"modules": {
        "a": {"review": {"a1": {"due": "2026-12-02T08:00:00Z"}, "a2": {"due": "2026-12-01T08:00:00Z"},
                         "a3": {"due": "2026-12-09T08:00:00Z"}}},
        "b": {"review": {"b1": {"due": "2026-12-03T12:00:00Z"}, "b2": {"due": "not a date"}}},
        "c": {"questions": {}},
    }}
    body = """process.stdout.write(JSON.stringify({
  today: core.dueList(input, ["a", "b", "c"], "2026-12-02").map((d) => d.question),
  before: core.dueList(input, ["a", "b", "c"], "2026-12-01").map((d) => d.question),
  next: core.nextDue(input, ["a", "b", "c"]),
}));"""
    out = run_node(body, record)
    assert out["today"] == ["a2", "a1"]
    assert out["before"] == ["a2"]
    assert out["next"] == "2026-12-01T08:00:00Z"
    interleaved = run_node(
        'process.stdout.write(JSON.stringify(core.dueList(input, ["a", "b"], "2026-12-31").map((d) => d.question)));',
        {"modules": {"a": {"review": {f"a{i}": {"due": f"2026-12-0{i}T08:00:00Z"} for i in (1, 2, 3)}},
                     "b": {"review": {f"b{i}": {"due": f"2026-12-0{i}T09:00:00Z"} for i in (1, 2)}}}},
    )
    assert interleaved == ["a1", "b1", "a2", "b2", "a3"]


def test_known_for_sure_needs_two_right_answers_in_a_row_not_guessed():
    record = {"modules": {"m": {"review": {
        "twice": {"due": "2026-12-09T08:00:00Z", "streak": 2, "confidence": "sure"},
        "guessed": {"due": "2026-12-09T08:00:00Z", "streak": 3, "confidence": "guess"},
        "once": {"due": "2026-12-09T08:00:00Z", "streak": 1, "confidence": "sure"},
        "plain": {"due": "2026-12-09T08:00:00Z", "streak": 2},
    }}}}
    assert run_node('process.stdout.write(JSON.stringify(core.known(input, "m")));', record) == 2
