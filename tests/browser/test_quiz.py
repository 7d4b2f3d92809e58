"""Self-checks: every question type by mouse and keyboard, summary, retry, ordering."""

from __future__ import annotations

import pytest
from helpers import CASES, PERCENT_RE, RIGHT, answer, answer_all, check, inside_the_article, open_module, question, summary_text


@inside_the_article()
@pytest.mark.parametrize("kind", list(CASES))
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_question_by_mouse(page, site, kind, right):
    module, marker, explanation, good, bad, fb_good, fb_bad = CASES[kind]
    open_module(page, site, module)
    q = question(page, marker)
    assert q.locator("details.rb-solution").is_hidden()
    answer(q, kind, good if right else bad)
    text = check(q)
    assert text.startswith("Richtig" if right else "Falsch"), text
    feedback = fb_good if right else fb_bad
    if feedback:
        assert feedback in text
    # The explanation comes with a right answer; after a wrong one only with the solution.
    assert (explanation in text) == right
    if not right:
        q.get_by_role("button", name="Lösung zeigen").click()
        assert explanation in q.locator(".rb-result").inner_text()
    # Not by colour alone: a class that draws an icon and a border style.
    assert ("rb-correct" if right else "rb-incorrect") in q.locator(".rb-result").get_attribute("class").split()
    icon = q.locator(".rb-verdict").evaluate("el => getComputedStyle(el, '::before').content")
    assert icon in ('"✓"', '"✗"') and icon == ('"✓"' if right else '"✗"')
    # The answer is locked until the next attempt.
    assert q.get_by_role("button", name="Prüfen").is_hidden()


@inside_the_article()
def test_text_is_case_insensitive_and_folds_spaces(page, site):
    open_module(page, site, "einwaende")
    q = question(page, "FxFrageTextKlein")
    answer(q, "text", "  GUTEN    tag ")
    assert check(q).startswith("Richtig")


@inside_the_article()
def test_multiple_needs_exactly_the_right_set(page, site):
    open_module(page, site, "erste-schritte")
    q = question(page, "FxFrageMehrfach")
    answer(q, "multiple", ["FxMehrfachA"])
    assert check(q).startswith("Falsch")


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.className")


def _start_keyboard(page, q):
    """Put the sequential focus starting point just before the question (no focus yet)."""
    q.evaluate("""el => {
        const probe = document.createElement('span'); probe.tabIndex = -1;
        el.querySelector('legend').prepend(probe); probe.focus(); probe.remove();
    }""")


def _press_check(page, q, key="Enter"):
    page.keyboard.press("Tab")
    # "Wie sicher bist du?" comes between the answer and "Prüfen": Space says "sicher".
    assert "confidence-sure" in _focused(page)
    page.keyboard.press("Space")
    assert q.locator(".rb-confidence input:checked").get_attribute("value") == "sure"
    page.keyboard.press("Tab")
    assert "rb-check" in _focused(page)
    page.keyboard.press(key)
    q.locator(".rb-verdict").wait_for()
    return q.locator(".rb-result").inner_text()


def _select_by_keyboard(page, select, value: str):
    """Choose `value` in the focused closed <select> with arrow keys."""
    values = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    page.keyboard.press("Home")
    for _ in range(values.index(value)):
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value


def test_keyboard_only_first_module(page, site):
    open_module(page, site, "erste-schritte")
    # single: Tab into the radio group, Space picks the focused option (no shuffle here).
    q = question(page, "FxFrageEinzel")
    _start_keyboard(page, q)
    page.keyboard.press("Tab")
    assert _focused(page).startswith("erste-schritte-q1-o0")
    page.keyboard.press("ArrowDown")  # move to the wrong option …
    page.keyboard.press("ArrowUp")  # … and back to the right one
    assert q.locator("input:checked").get_attribute("value").startswith("o-")   # the option's key, not its place
    assert q.locator("input:checked").get_attribute("id").endswith("-o0")
    assert _press_check(page, q).startswith("Richtig")
    # multiple: Tab through the checkboxes, Space ticks A and B.
    q = question(page, "FxFrageMehrfach")
    for tick in (True, True, False):
        page.keyboard.press("Tab")
        if tick:
            page.keyboard.press("Space")
    assert _press_check(page, q, "Space").startswith("Richtig")
    # true_false: Space on "Stimmt".
    q = question(page, "FxFrageWahrFalsch")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert _press_check(page, q).startswith("Richtig")
    # text: type and press Enter.
    q = question(page, "FxFrageTextGross")
    page.keyboard.press("Tab")
    page.keyboard.type("Leitfaden")
    page.keyboard.press("Enter")
    assert q.locator(".rb-result").inner_text().startswith("Richtig")
    assert "4 von 4 richtig (100 %)" in summary_text(page)
    assert "bestanden" in summary_text(page)
    # Nochmal versuchen is reachable by keyboard too.
    page.keyboard.press("Tab")
    assert "rb-retry" in _focused(page)


def test_keyboard_only_order_match_single(page, site):
    open_module(page, site, "einwaende")
    q = question(page, "FxFrageReihenfolge")
    _start_keyboard(page, q)
    for item in q.locator(".rb-item").all():
        page.keyboard.press("Tab")
        select = item.locator("select")
        assert _focused(page) == select.get_attribute("id")
        _select_by_keyboard(page, select, item.get_attribute("data-rb-position"))
    assert _press_check(page, q).startswith("Richtig")

    q = question(page, "FxFrageZuordnung")
    for pair in q.locator(".rb-pair").all():
        page.keyboard.press("Tab")
        _select_by_keyboard(page, pair.locator("select"), pair.get_attribute("data-rb-right"))
    assert _press_check(page, q).startswith("Richtig")

    q = question(page, "FxFrageTextKlein")
    page.keyboard.press("Tab")
    page.keyboard.type("Hallo")
    assert _press_check(page, q).startswith("Richtig")

    q = question(page, "FxFrageNachEinwand")
    page.keyboard.press("Tab")  # first radio in DOM order (the options may be shuffled)
    options = q.locator(".rb-option").all()
    right = next(i for i, o in enumerate(options) if o.get_attribute("data-rb-correct") is not None)
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    if right == 0:
        page.keyboard.press("Space")
    assert _press_check(page, q).startswith("Richtig")
    assert "4 von 4 richtig (100 %)" in summary_text(page)


@inside_the_article()
def test_summary_pass_fail_and_retry(page, site):
    open_module(page, site, "erste-schritte")  # pass mark 75
    answer_all(page, "erste-schritte", wrong={"FxFrageTextGross"})
    text = summary_text(page)
    assert PERCENT_RE.search(text).groups() == ("3", "4", "75")
    assert "bestanden" in text and "nicht bestanden" not in text
    retry = page.locator(".rb-retry")
    assert retry.is_visible() and retry.inner_text() == "Nochmal versuchen"
    retry.click()
    assert summary_text(page).strip() == ""
    assert retry.is_hidden()
    # Only the question answered wrong starts again; the right answers stay.
    for q in page.locator("fieldset.rb-question").all():
        wrong = "FxFrageTextGross" in q.locator(":scope > legend").inner_text()
        assert (q.locator(".rb-result").inner_text().strip() == "") == wrong
        assert q.get_by_role("button", name="Prüfen").is_visible() == wrong
        assert (q.locator("input:disabled, select:disabled").count() == 0) == wrong
    assert page.locator(".rb-question input[type=text]").input_value() == ""
    assert question(page, "FxFrageEinzel").locator("input:checked").count() == 1
    # Second attempt at the one open question, wrong again: 3 of 4 stay right.
    q = question(page, "FxFrageTextGross")
    answer(q, "text", "Tschüss")
    check(q)
    assert PERCENT_RE.search(summary_text(page)).groups() == ("3", "4", "75")
    # Once every answer was right, the retry starts the whole quiz again.
    page.locator(".rb-retry").click()
    q = question(page, "FxFrageTextGross")
    answer(q, "text", CASES["text"][3])
    check(q)
    page.locator(".rb-retry").click()
    assert page.locator(".rb-question[data-rb-checked]").count() == 0
    answer_all(page, "erste-schritte", wrong={"FxFrageTextGross", "FxFrageEinzel"})
    text = summary_text(page)
    assert PERCENT_RE.search(text).groups() == ("2", "4", "50")
    assert "nicht bestanden" in text


@inside_the_article()
def test_order_and_match_never_in_solution_order(page, site):
    for _ in range(4):
        open_module(page, site, "einwaende")
        positions = page.locator(".rb-item").evaluate_all("els => els.map(e => e.dataset.rbPosition)")
        assert positions != sorted(positions)
        values = question(page, "FxFrageZuordnung").locator(".rb-pair select").first.evaluate(
            "s => Array.from(s.options).map(o => o.value).filter(Boolean)")
        assert values != sorted(values)
        # every select in the question offers the same order
        orders = question(page, "FxFrageZuordnung").locator(".rb-pair select").evaluate_all(
            "ss => ss.map(s => Array.from(s.options).map(o => o.value).join())")
        assert len(set(orders)) == 1
    # Retrying also reshuffles and still never shows the solution order.
    answer_all(page, "einwaende")
    page.locator(".rb-retry").click()
    positions = page.locator(".rb-item").evaluate_all("els => els.map(e => e.dataset.rbPosition)")
    assert positions != sorted(positions)


@inside_the_article()
def test_shuffle_flag(page, site):
    # erste-schritte has shuffle: false -> options keep the authored order.
    open_module(page, site, "erste-schritte")
    order = question(page, "FxFrageEinzel").locator(".rb-option input").evaluate_all("els => els.map(e => e.id.slice(-2))")
    assert order == ["o0", "o1", "o2"]
    # abschluss has shuffle: true -> over several loads some other order shows up.
    seen = set()
    for _ in range(12):
        open_module(page, site, "abschluss")
        seen.add(tuple(question(page, "FxFrageEckdaten").locator(".rb-option").evaluate_all(
            "els => els.map(e => e.dataset.rbOption)")))
        if len(seen) > 1:
            break
    assert len(seen) > 1


@inside_the_article()
def test_all_modules_pass(page, site):
    for module in RIGHT:
        open_module(page, site, module)
        answer_all(page, module)
        assert "(100 %)" in summary_text(page)
