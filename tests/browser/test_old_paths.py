"""An English course's pages are at English paths; its old German paths still arrive there
(a redirect page each), and the reader's record, which names no path, comes along."""

from __future__ import annotations

from playwright.sync_api import expect
from support import page_url

COURSE_KEY = "rufbereit:v1:phone-basics-encoursetitle"
MOVED = [("kurs/module/first-call/", "module/first-call"), ("kurs/glossar/", "glossary"),
         ("kurs/abschluss/", "finish"), ("kurs/fortschritt/", "progress")]


def test_an_old_german_address_leads_to_the_english_page_with_the_record(browser, english_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(english_site.url(page_url("en", "module/first-call")))
        page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
        question = page.locator("fieldset.rb-question").first
        question.get_by_label("False", exact=True).click()
        question.get_by_role("button", name="Check").click()
        question.locator(".rb-result .rb-verdict").wait_for()
        record = page.evaluate(f"() => localStorage.getItem({COURSE_KEY!r})")
        assert record and "first-call" in record
        for old, new in MOVED:
            page.goto(english_site.url(old))
            page.wait_for_url(english_site.url(page_url("en", new)))
            page.wait_for_selector("article h1")
        # The old progress address ended on the new progress page, the answer still counted.
        expect(page.locator("tr[data-rb-module='first-call']")).to_contain_text("passed")
        assert page.evaluate(f"() => localStorage.getItem({COURSE_KEY!r})") is not None
        assert [key for key in page.evaluate("() => Object.keys(localStorage)") if key.startswith("rufbereit")] == [COURSE_KEY]
    finally:
        context.close()

