"""Spaced review in the browser with a controlled clock: answers of day 0 come back on the days
py-fsrs schedules them, a confident error is named and comes back the same day, the home page
counts what is due, export → import keeps the schedule, and a changed answer key restarts only
its own question."""

from __future__ import annotations

from datetime import datetime, timedelta

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from helpers import CASES, answer, check, inside_the_article, open_module, question, stored
from test_review_schedule import reference

MODULE = "erste-schritte"
DAY0 = datetime(2026, 12, 1, 10, 0)
# Day 0 in the module: (type, how sure, right?) — wrong and sure, wrong, right and sure, right.
PLAN = {"single": ("sure", False), "multiple": (None, False), "true_false": ("sure", True), "text": (None, True)}
SURE = {"sure": "sicher", "unsure": "eher sicher", "guess": "geraten"}


ERRORS: list[str] = []


def at(context, day: int):
    """A new page on `day` (0 = 1 December 2026); script errors fail the test."""
    page = context.new_page()
    page.on("pageerror", lambda exc: ERRORS.append(f"{exc}: {exc.stack}"))
    page.clock.install(time=DAY0 + timedelta(days=day))
    return page


def answer_with_confidence(q, kind: str, value, confidence: str | None) -> str:
    answer(q, kind, value)
    if confidence:
        q.locator(".rb-confidence").get_by_label(SURE[confidence], exact=True).check()
    return check(q)


def expected_due(histories: dict[str, list[dict]], day: int) -> set[str]:
    """Markers of the questions py-fsrs has due on `day` (the confident error: the same day)."""
    due = set()
    for marker, history in histories.items():
        step, (_, when) = history[-1], reference(history)[-1]
        if step["confidence"] == "sure" and not step["correct"]:
            when = datetime.fromisoformat(step["day"] + "T12:00:00+00:00")
        if when.date() <= (DAY0 + timedelta(days=day)).date():
            due.add(marker)
    return due


def review_session(page, site, histories, day: int) -> list[str]:
    """Open the review page on `day`, answer every due question right and sure; the markers seen."""
    page.goto(site.url("kurs/wiederholen/"))
    seen = []
    status = page.locator("[data-rb-review-status]")
    while True:
        q = page.locator("[data-rb-review-session] fieldset.rb-question")
        if not q.count():
            break
        marker = next(case[1] for case in CASES.values() if case[0] == MODULE and q.locator(".rb-prompt").inner_text().find(case[1]) >= 0)
        kind = next(k for k, case in CASES.items() if case[1] == marker)
        expect(q.locator(".rb-question-number")).to_contain_text(f"Frage {len(seen) + 1} von")
        assert answer_with_confidence(q, kind, CASES[kind][3], "sure").startswith("Richtig"), marker
        histories[marker].append({"day": (DAY0 + timedelta(days=day)).date().isoformat(), "correct": True, "confidence": "sure"})
        seen.append(marker)
        assert not ERRORS, ERRORS
        page.get_by_role("button", name="Nächste Frage").click()
    expect(status).not_to_be_empty()
    return seen


@inside_the_article()
def test_answers_come_back_on_their_days(new_context, site, tmp_path):
    context = new_context(timezone_id="Europe/Berlin")
    page = at(context, 0)
    open_module(page, site, MODULE)
    histories: dict[str, list[dict]] = {}
    for kind, (confidence, right) in PLAN.items():
        case = CASES[kind]
        text = answer_with_confidence(question(page, case[1]), kind, case[3] if right else case[4], confidence)
        if confidence == "sure" and not right:
            assert "Da warst du dir sicher – und es stimmt nicht." in text
        else:
            assert "Da warst du dir sicher" not in text
        histories[case[1]] = [{"day": "2026-12-01", "correct": right, "confidence": confidence}]
    # Reviews never change the module's own result.
    module_before = {k: v for k, v in stored(page)["modules"][MODULE].items() if k != "review"}

    page.goto(site.url(""))
    expect(page.locator("[data-rb-review-due]")).to_have_text("1 Frage fällig · etwa 1 Min.")
    for day in (0, 1, 3, 10):
        page = at(context, day)
        due = expected_due(histories, day)
        assert set(review_session(page, site, histories, day)) == due, day
    after = stored(page)["modules"][MODULE]
    assert {k: v for k, v in after.items() if k not in ("review", "date")} == {
        k: v for k, v in module_before.items() if k != "date"}

    # Export, import into a fresh browser: the same questions are due on the same day.
    page = at(context, 30)
    page.goto(site.url("kurs/fortschritt/"))
    with page.expect_download() as info:
        page.locator('[data-rb-action="save"]').click()
    path = tmp_path / "progress.json"
    info.value.save_as(path)
    page.goto(site.url(""))
    due_text = page.locator("[data-rb-review-due]").inner_text()
    other = new_context(timezone_id="Europe/Berlin").new_page()
    other.clock.install(time=DAY0 + timedelta(days=30))
    other.goto(site.url("kurs/fortschritt/"))
    other.on("dialog", lambda dialog: dialog.accept())
    other.locator('[data-rb-action="load"]').set_input_files(path)
    expect(other.locator(".rb-progress-message")).not_to_be_empty()
    other.goto(site.url(""))
    expect(other.locator("[data-rb-review-due]")).to_have_text(due_text)
    assert stored(other)["modules"][MODULE]["review"] == stored(page)["modules"][MODULE]["review"]


def test_review_page_is_accessible_and_empty_state_says_so(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url("kurs/wiederholen/"))
    expect(page.locator("[data-rb-review-status]")).to_contain_text("Noch nichts zu wiederholen")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@inside_the_article()
def test_a_changed_answer_key_restarts_only_its_question(page, site):
    open_module(page, site, MODULE)
    for kind in ("single", "text"):
        answer_with_confidence(question(page, CASES[kind][1]), kind, CASES[kind][3], "sure")
    data = stored(page)
    review = data["modules"][MODULE]["review"]
    single = page.locator(f'fieldset.rb-question:has-text("{CASES["single"][1]}")').get_attribute("data-rb-question")
    text = page.locator(f'fieldset.rb-question:has-text("{CASES["text"][1]}")').get_attribute("data-rb-question")
    # As if the trainer changed the right answer of the single-choice question: its stored key differs.
    for entry in review.values():
        entry["due"] = "2026-01-01T12:00:00Z"
    review[single]["hash"] = "an-older-answer-key"
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))", [f"rufbereit:v1:{data['course']}", data])
    page.goto(site.url("kurs/wiederholen/"))
    session = page.locator("[data-rb-review-session] fieldset.rb-question")
    expect(session).to_contain_text(CASES["text"][1])
    after = stored(page)["modules"][MODULE]["review"]
    assert single not in after and text in after
