"""`rufbereit export cmi5` launched as an LMS launches an AU, against the LRS test double
(lrs_double.py) that validates every statement against the xAPI statement schema and the cmi5
rules. Two sessions of one registration: answer and leave; come back and pass every module.
The site's answer events (CONTRACTS.md) are dispatched here where the site does not yet."""

from __future__ import annotations

import time
import zipfile

import pytest

from rufbereit.cli import main

from conftest import ROOT
from helpers import CALLS, MODULES, ONE_GLOBAL, RIGHT, added_names, answer, check, play_call, question
from lms_server import script_errors, watch_errors
from lrs_double import Lrs


@pytest.fixture(scope="module")
def lrs(tmp_path_factory):
    root = tmp_path_factory.mktemp("cmi5")
    package = root / "course-cmi5.zip"
    assert main(["export", "cmi5", "--content", str(ROOT / "tests/fixtures/full"), "--out", str(package)]) == 0
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "unpacked")
    server = Lrs(root / "unpacked")
    yield server
    server.close()


def wait_for(page, condition, what: str) -> None:
    """Poll the LRS double (another thread) while the page runs."""
    deadline = time.monotonic() + 30   # a guard for a loaded machine, not a budget
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the LRS never saw {what}")
        page.wait_for_timeout(50)


def course(page):
    return next(f for f in page.frames if f.name == "rb-course")


def visit(page, module):
    page.evaluate("(m) => { window.Rufbereit.cmi5.page = ''; "
                  "document.getElementById('rb-course').src = 'kurs/module/' + m + '/index.html'; }", module)
    page.wait_for_function("() => window.Rufbereit.cmi5.page")
    frame = course(page)
    frame.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    return frame


def dispatch(frame, name: str, detail: dict) -> None:
    frame.evaluate("([n, d]) => document.dispatchEvent(new CustomEvent(n, {detail: d}))", [name, detail])


def launch(page, lrs):
    page.goto(lrs.launch_url())
    page.wait_for_function("() => window.Rufbereit && window.Rufbereit.cmi5 && window.Rufbereit.cmi5.page")
    wait_for(page, lambda: lrs.verbs()[:1] == ["initialized"], "initialized")


def leave(page, lrs):
    session = lrs.session
    page.goto("about:blank")   # the learner closes the AU's window
    wait_for(page, lambda: lrs.verbs(session)[-1:] == ["terminated"], "terminated")


def test_a_registration_from_first_launch_to_passed(browser, lrs):
    context = browser.new_context()
    page = context.new_page()
    watch_errors(page)

    launch(page, lrs)
    first = lrs.session
    frame = visit(page, MODULES[0])
    # One global name (assets-src/global.mjs) on the launcher and on the course page in its frame.
    assert added_names(page.main_frame) == added_names(frame) == ONE_GLOBAL
    assert sorted(page.evaluate("() => Object.keys(window.Rufbereit)")) == ["cmi5", "course", "lms"]
    dispatch(frame, "rufbereit:answer", {"module": MODULES[0], "question": "einzelwahl-frage", "type": "single",
                                         "answer": "1", "correct": False, "confidence": "unsure"})
    dispatch(frame, "rufbereit:call-choice", {"module": "einwaende", "call": "anruf-muster", "step": "start",
                                              "choice": 1, "points": 2, "next": "einwand"})
    wait_for(page, lambda: "interacted" in lrs.verbs(), "the call choice")
    leave(page, lrs)
    verbs = lrs.verbs(first)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated" and verbs.count("initialized") == 1
    assert {"answered", "interacted"} <= set(verbs) and not {"completed", "passed"} & set(verbs)
    answered = next(s for s in lrs.statements if s["verb"]["id"].endswith("/answered"))
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert answered["result"] == {"success": False, "response": "1",
                                  "extensions": {"https://rufbereit.de/xapi/extensions/confidence": "unsure"}}
    assert not lrs.move_on_met()

    launch(page, lrs)   # the same registration, a new session
    for module in MODULES:
        frame = visit(page, module)
        for qtype, marker, value in RIGHT[module]:
            q = question(frame, marker)
            answer(q, qtype, value)
            check(q)
        if module in CALLS:
            play_call(frame, module)
        dispatch(frame, "rufbereit:status", {"module": module, "passed": True, "status": "passed"})
    wait_for(page, lambda: "passed" in lrs.verbs(), "passed")
    leave(page, lrs)
    verbs = lrs.verbs()
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs.count("completed") == verbs.count("passed") == 1
    passed = next(s for s in lrs.statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1
    assert lrs.move_on_met()
    assert lrs.errors == []
    assert not script_errors(page)
    context.close()


def test_a_third_launch_sends_no_second_completed(browser, lrs):
    """completed and passed once per registration: a relaunch after passing sends neither; a
    new browser resumes from the learner record the AU keeps in the registration's state."""
    if not lrs.move_on_met():
        pytest.skip("needs the registration of the test before")
    context = browser.new_context()
    page = context.new_page()
    launch(page, lrs)   # in a browser that has never seen the course: the LRS's record
    frame = visit(page, MODULES[0])
    frame.wait_for_function("(ms) => ms.every((m) => window.Rufbereit.site.passed(m))", arg=MODULES)
    leave(page, lrs)
    assert lrs.verbs() == ["initialized", "terminated"]
    assert lrs.errors == []
    context.close()


def test_leaving_at_once_still_sends_what_was_on_its_way(browser, lrs):
    """The learner answers and closes the window before the LRS has replied: the answer and
    terminated still arrive, in that order (a page that is going away runs no more promises)."""
    context = browser.new_context()
    page = context.new_page()
    launch(page, lrs)
    frame = visit(page, MODULES[0])
    lrs.reply_after = 0.5
    try:
        for n in range(3):
            dispatch(frame, "rufbereit:answer", {"module": MODULES[0], "question": f"frage-{n}", "type": "single",
                                                 "answer": "1", "correct": True})
        leave(page, lrs)
    finally:
        lrs.reply_after = 0.0
    assert lrs.verbs() == ["initialized", "answered", "answered", "answered", "terminated"]
    assert lrs.errors == []
    context.close()


def test_the_lrs_double_refuses_what_cmi5_forbids(lrs):
    """The double's checks are real: a statement breaking a rule is named, not stored."""
    session = lrs.launch_url() and lrs.session
    base = {"id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", "actor": lrs.actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
            "object": {"id": lrs.activity_id, "objectType": "Activity"},
            "context": {"registration": lrs.registration,
                        "contextActivities": {"grouping": [{"id": lrs.publisher_id}]},
                        "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": session}},
            "timestamp": "2026-12-01T10:00:00Z"}
    assert "defined statement without the cmi5 category" in lrs.check(base)
    wrong = dict(base, verb={"id": "http://adlnet.gov/expapi/verbs/answered"})
    assert "first statement of a session is not initialized" in lrs.check(wrong)
    assert any(p.startswith("schema:") for p in lrs.check(dict(base, id="not-a-uuid")))
    assert any(p.startswith("schema:") for p in lrs.check(dict(base, result={"duration": "5 minutes"})))
