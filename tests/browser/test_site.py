"""Whole-site behaviour: instant navigation, no JavaScript, no storage, nothing broken or
from elsewhere on any page, and the English text table."""

from __future__ import annotations

import pytest
from helpers import MODULES, RIGHT, answer, answer_all, check, inside_the_article, module_url, open_module, question, summary_text
from support import page_url

PAGES = ["", *[f"kurs/module/{m}/" for m in MODULES], "kurs/glossar/", "kurs/fortschritt/"]


def test_instant_navigation_keeps_quizzes_working(page, site):
    open_module(page, site, "erste-schritte")
    page.evaluate("() => { window.__rbMarker = 'kept'; }")
    page.locator('.md-sidebar--primary a.md-nav__link[href$="einwaende/"]').first.click()
    page.wait_for_url(module_url(site, "einwaende"))
    page.wait_for_selector('[data-rb-quiz][data-rb-module="einwaende"][data-rb-ready]', state="attached")
    assert page.evaluate("() => window.__rbMarker") == "kept", "full reload instead of instant navigation"
    q = question(page, "FxFrageNachEinwand")
    answer(q, "single", ["FxEinzelZweiRichtig"])
    assert check(q).startswith("Richtig")
    # Solutions stay hidden until their question was checked (issue 11).
    assert page.locator(".rb-question:not([data-rb-checked]) details.rb-solution").evaluate_all("ds => ds.every(d => d.hidden)")
    # Onwards to the next module and back: quizzes are set up once per page.
    page.locator('.md-sidebar--primary a.md-nav__link[href$="abschluss/"]').first.click()
    page.wait_for_url(module_url(site, "abschluss"))
    page.wait_for_selector('[data-rb-quiz][data-rb-module="abschluss"][data-rb-ready]', state="attached")
    answer_all(page, "abschluss")
    assert "2 von 2 richtig (100 %)" in summary_text(page)
    page.go_back()
    page.wait_for_selector('[data-rb-quiz][data-rb-module="einwaende"][data-rb-ready]', state="attached")
    assert question(page, "FxFrageNachEinwand").locator(".rb-result").inner_text().startswith("Richtig")
    assert page.locator(".rb-check:visible").count() == 3  # exactly one button per open question
    page.locator('.md-sidebar--primary a.md-nav__link[href$="fortschritt/"]').first.click()
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert page.locator('tr[data-rb-module="abschluss"] [data-rb-status]').inner_text() == "bestanden (100 %)"
    assert page.evaluate("() => window.__rbMarker") == "kept"


@inside_the_article()
def test_without_javascript_solutions_are_there(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    for module in MODULES:
        page.goto(module_url(site, module))
        questions = page.locator("fieldset.rb-question")
        assert questions.count() == len(RIGHT[module])
        for q in questions.all():
            details = q.locator("details.rb-solution")
            assert details.is_visible()
            assert q.locator(".rb-check").is_hidden()
            details.locator("summary").click()
            body = details.locator(".rb-solution-body")
            assert body.is_visible()
            assert any(word in body.inner_text() for word in ("Richtige Antwort", "Akzeptierte Antworten", "richtig"))
    page.goto(site.url("kurs/fortschritt/"))
    assert page.locator(".rb-progress-actions").is_hidden()


BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""


@inside_the_article()
def test_storage_unavailable(new_context, site):
    context = new_context()
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    page.goto(module_url(site, "erste-schritte"))
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    assert page.locator(".rb-storage-notice").is_visible()
    answer_all(page, "erste-schritte", wrong={"FxFrageEinzel"})
    assert "3 von 4 richtig (75 %)" in summary_text(page)
    assert question(page, "FxFrageEinzel").locator(".rb-result").inner_text().startswith("Falsch")
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert page.locator(".rb-storage-notice").is_visible()


# Whole-page accessibility of these pages, answered and not, light and dark, wide and narrow:
# test_learning.py (test_every_screen_accessible_and_nothing_sideways_on_a_phone), which fails on
# any finding.

@pytest.mark.parametrize("path", PAGES + ["404.html"])
def test_pages_load_nothing_broken_and_nothing_from_elsewhere(page, site, path):
    # The `page` fixture fails the test on any request not to 127.0.0.1:<port>
    # and on any JavaScript error.
    broken = []
    page.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    assert not broken


def test_english_texts(browser, english_site):
    context = browser.new_context()
    foreign = []
    context.on("request", lambda r: foreign.append(r.url) if f"127.0.0.1:{english_site.port}" not in r.url else None)
    page = context.new_page()
    try:
        page.goto(english_site.url(page_url("en", "module/first-call")))
        page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
        q = page.locator("fieldset.rb-question").first
        q.get_by_label("True", exact=True).click()
        q.get_by_role("button", name="Check").click()
        assert q.locator(".rb-result").inner_text().startswith("Incorrect")
        assert "Your choice: “True” – ✗ wrong" in q.locator(".rb-result").inner_text()
        q.get_by_role("button", name="Show solution").click()
        assert "EnExplanation" in q.locator(".rb-result").inner_text()
        assert "0 of 1 correct (0 %)" in page.locator(".rb-summary").inner_text()
        assert "not passed" in page.locator(".rb-summary").inner_text()
        page.locator(".rb-retry").click()
        q.get_by_label("False", exact=True).click()
        q.get_by_role("button", name="Check").click()
        assert q.locator(".rb-result").inner_text().startswith("Correct")
        assert "1 of 1 correct (100 %)" in page.locator(".rb-summary").inner_text()
        page.goto(english_site.url(""))
        page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
        assert "Status: passed (100 %)" in page.locator('[data-rb-status="first-call"]').inner_text()
        assert "not started" in page.locator('[data-rb-status="follow-up"]').inner_text()
    finally:
        context.close()
    assert not foreign, foreign


def test_print_shows_questions_only(page, site):
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte", wrong={"FxFrageEinzel"})
    page.emulate_media(media="print")
    assert page.locator("fieldset.rb-question > legend").first.is_visible()
    for selector in (".rb-check", ".rb-retry"):
        assert page.locator(f"{selector}:visible").count() == 0, selector
    # Issue 11: the reader's results and the solutions of checked questions print.
    for selector in (".rb-result", ".rb-summary", "details.rb-solution"):
        assert page.locator(f"{selector}:visible").count() > 0, selector
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert page.locator(".rb-progress-actions").is_hidden()
    assert page.locator(".rb-progress-table").is_visible()
