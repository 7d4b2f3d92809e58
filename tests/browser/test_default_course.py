"""Every page of the repository's own course (content/), 360 px wide and light: axe-core finds
nothing on the whole page (theme included), not
before and not after answering a question wrongly or mid-way through a practice call; no
page scrolls sideways; no Content-Security-Policy violation, no request to another host
(nothing about a reader leaves their browser: every page, answered and mid-call, is watched)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Guard, watch_csp
from helpers import axe_violations, settle, with_axe
from playwright.sync_api import expect

REQUIRED = ["", "kurs/glossar/", "kurs/fortschritt/", "kurs/abschluss/", "404.html"]

# Every script of the course has set itself up (quiz, practice calls, progress table).
NOT_READY = "[data-rb-quiz]:not([data-rb-ready]), [data-rb-call]:not([data-rb-ready]), [data-rb-progress]:not([data-rb-ready])"
SIDEWAYS = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"


def _pages(site) -> list[str]:
    """The address of every HTML page of the built site, home first."""
    out = []
    for html in sorted((site.root / "site").rglob("*.html")):
        rel = html.relative_to(site.root / "site").as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(out, key=lambda path: (path != "", path))


def _answer_first_question_wrongly(page) -> None:
    """Answer the first question with a wrong answer, read from the markup, and check it."""
    q = page.locator("fieldset.rb-question").first
    kind = q.get_attribute("data-rb-type")
    if kind in ("single", "multiple"):
        q.locator(".rb-option:not([data-rb-correct]) label").first.click()
    elif kind == "true_false":
        wrong = "false" if q.get_attribute("data-rb-answer") == "true" else "true"
        q.locator(f'.rb-option[data-rb-option="{wrong}"] label').click()
    elif kind == "text":
        q.locator("input[type=text]").fill("ganz sicher falsch")
    elif kind == "order":
        items = q.locator(".rb-item")
        n = items.count()
        for i in range(n):
            right = int(items.nth(i).get_attribute("data-rb-position"))
            items.nth(i).locator("select").select_option(str(right % n + 1))
    elif kind == "match":
        pairs = q.locator(".rb-pair")
        n = pairs.count()
        for i in range(n):
            right = int(pairs.nth(i).get_attribute("data-rb-right"))
            pairs.nth(i).locator("select").select_option(str((right + 1) % n))
    else:  # pragma: no cover
        raise AssertionError(f"unknown question type {kind}")
    q.get_by_role("button", name="Prüfen").click()
    expect(q.locator(".rb-result .rb-verdict")).to_have_text("Falsch", use_inner_text=True)


# Every page at a phone's width in the light scheme, on one engine: the articles are the same under
# both (test_build.py: test_every_article_is_the_same_under_both_engines), and every width, scheme
# and engine is walked on the full fixture (test_learning.py), which shows every kind of element
# this course shows (test_build.py: test_the_full_fixture_shows_every_kind_of_element_...).
WIDTH, LIGHT = 360, "light"


@pytest.mark.parametrize("default_site", ["mkdocs"], indirect=True)
def test_every_page_accessible_and_narrow(browser, default_site):
    site = default_site
    pages = _pages(site)
    modules = [p for p in pages if p.startswith("kurs/module/")]
    assert len(modules) == len(list((ROOT / "content" / "modules").glob("*.yaml"))), modules
    assert set(REQUIRED) <= set(pages), pages

    context = with_axe(browser.new_context(viewport={"width": WIDTH, "height": 900}, color_scheme=LIGHT))
    guard = Guard(f"127.0.0.1:{site.port}")
    guard.watch(context)
    csp: list[str] = []
    watch_csp(context, csp)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    found: dict[str, list] = {}
    sideways: list[tuple[str, int, int]] = []
    runs = 0

    def inspect(label: str, within: str | None = None) -> None:
        """Axe on the page, or on `within` alone: after an answer or a call choice only the quiz
        or the call has changed (a module page takes 4–6 times as long as its quiz)."""
        nonlocal runs
        settle(page)
        violations = axe_violations(page, within)
        runs += 1
        if violations:
            found[label] = [(v["id"], [(n["target"], n.get("failureSummary", "")[:200]) for n in v["nodes"][:3]])
                            for v in violations]
        scroll, client = page.evaluate(SIDEWAYS)
        if scroll > client:
            sideways.append((label, scroll, client))

    calls = 0
    try:
        for path in pages:
            page.goto(site.url(path))
            expect(page.locator(NOT_READY)).to_have_count(0)
            assert page.evaluate("() => document.body.dataset.mdColorScheme") == "default", path
            inspect(path or "home")
            if path in modules:
                _answer_first_question_wrongly(page)
                inspect(f"{path} after a wrong answer", "[data-rb-quiz]")
                box = page.locator("[data-rb-call]").first
                if box.count():
                    calls += 1
                    box.locator(".rb-call-choice").first.click()
                    expect(box.locator(".rb-call-log .rb-line-caller")).to_have_count(1)
                    # focus on what the client said next (or on the ending: the choices are shuffled)
                    expect(page.locator(":focus")).to_have_class(re.compile(r"rb-line-client|rb-call-outcome"))
                    inspect(f"{path} mid-call", "[data-rb-call]")
        # What a page asks for after its load (the search index, fonts) is asked for while the
        # walk looks at it, or at the latest now.
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert calls >= 1   # the default course has practice calls: the mid-call check ran
    assert runs == len(pages) + len(modules) + calls
    assert not found, "axe violations:\n" + "\n".join(f"{label}: {v}" for label, v in found.items())
    assert not sideways, sideways
    assert not guard.foreign, f"requests to other hosts: {guard.foreign}"
    assert not csp, "Content-Security-Policy violations:\n" + "\n".join(csp)
    assert not errors, f"JavaScript errors: {errors}"
