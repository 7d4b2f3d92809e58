"""Practice calls in Chromium, on both engines: every path of the fixture calls walked by
mouse and by keyboard, the shown points and outcome against the ones computed (helpers.walk) from
the YAML, restart, the stored best result after reload and after save/load, axe mid-call
and at an ending, 360 px, instant navigation and the choose-your-path without JavaScript."""

from __future__ import annotations

import json

import pytest
from helpers import CALLS, call_of, expected, inside_the_article, module_url, stored, walk
from support import page_url
from playwright.sync_api import expect

MODULE = "einwaende"
CALL = CALLS[MODULE]
FULL = call_of("full", MODULE)
OUTCOME = {"success": "Geschafft", "neutral": "Offen geblieben", "failure": "Nicht geschafft"}


def open_call(page, site):
    page.goto(module_url(site, MODULE))
    page.wait_for_selector(f'[data-rb-call="{CALL}"][data-rb-ready]', state="attached")
    return page.locator(f'[data-rb-call="{CALL}"]')


RESULT = {"de": ("Punkt", "Punkte", "(zum Bestehen: ein gelungenes Ende und mindestens {} Punkte)", "bestanden",
                 "nicht bestanden"),
          "en": ("point", "points", "(to pass: a successful ending and at least {} points)", "passed", "not passed")}


def result_text(score: int, pass_points: int, passed: bool, language: str = "de") -> str:
    """The points against what passing takes: "−1 Punkt (zum Bestehen: …) – nicht bestanden"."""
    one, many, needs, yes, no = RESULT[language]
    return (f"{str(score).replace('-', '−')} {one if abs(score) == 1 else many} {needs.format(pass_points)} – "
            f"{yes if passed else no}")


def assert_ending(box, call: dict, path: dict, language: str = "de"):
    _, passed = expected(call, path)
    result = box.get_by_role("status")
    assert result.inner_text() == result_text(path["score"], call.get("pass_points", 0), passed, language)
    return passed


def test_the_fixture_has_paths_to_every_ending():
    paths = walk(FULL)
    assert {p["ending"] for p in paths} == set(FULL["endings"])
    assert len(paths) == 4 and sum(expected(FULL, p)[1] for p in paths) == 1


@inside_the_article()
def test_every_path_by_mouse_with_restart(page, site):
    box = open_call(page, site)
    assert box.locator(".rb-call-script").is_hidden()
    assert box.get_by_role("log").locator(".rb-line-client").inner_text().startswith("Frau Krause FxAnrufPersona")
    for number, path in enumerate(walk(FULL)):
        if number:
            box.get_by_role("button", name="Nochmal anrufen").click()
            assert box.get_by_role("log").locator(".rb-line").count() == 1
            assert box.get_by_role("status").inner_text() == ""
        for say in path["says"]:
            box.get_by_role("button", name=say, exact=True).click()
            if say != path["says"][-1]:   # focus on what the client said, never on one choice
                assert page.evaluate("() => document.activeElement.matches('.rb-call-log .rb-line-client:last-child')")
        log = box.get_by_role("log").inner_text()
        assert all(say in log for say in path["says"]) and log.count("Du") >= len(path["says"])
        assert box.locator(".rb-call-end .rb-call-outcome").inner_text() == f"Ende des Anrufs: {OUTCOME[path['outcome']]}"
        assert_ending(box, FULL, path)
        assert box.get_by_role("button", name="Nochmal anrufen").is_visible()
        assert box.locator(".rb-call-choice").count() == 0
    entry = stored(page)["modules"][MODULE]["calls"][CALL]
    assert entry == {"best": 4, "passed": True, "ending": "termin"}


@inside_the_article()
def test_every_path_by_keyboard(page, site):
    box = open_call(page, site)
    box.locator(".rb-call-choice").first.focus()
    for number, path in enumerate(walk(FULL)):
        for step, index in enumerate(path["indexes"]):
            # After a choice focus sits on the client's new line; Tab leads to the choices
            # (source order: the fixture's call has `shuffle: false`), then to the wanted one.
            if step or number:
                assert page.evaluate("() => document.activeElement.matches('.rb-call-log .rb-line-client:last-child')")
                while not page.evaluate("() => document.activeElement.classList.contains('rb-call-choice')"):
                    page.keyboard.press("Tab")
            for _ in range(index):
                page.keyboard.press("Tab")
            page.keyboard.press("Enter" if number % 2 else "Space")
        assert_ending(box, FULL, path)
        assert page.evaluate("() => document.activeElement.classList.contains('rb-call-outcome')")
        while not page.evaluate("() => document.activeElement.classList.contains('rb-call-restart')"):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")


@inside_the_article()
def test_feedback_and_points_show_in_the_log(page, site):
    box = open_call(page, site)
    box.get_by_role("button", name=FULL["steps"]["begruessung"]["choices"][0]["say"]).click()
    log = box.get_by_role("log").inner_text()
    assert "FxRueckVorstellen" in log and "+2 Punkte" in log and "FxSchrittEinwand" in log


@inside_the_article()
def test_best_result_survives_reload_and_a_worse_run(page, site):
    box = open_call(page, site)
    assert box.locator(".rb-call-best").is_hidden()
    best_path = next(p for p in walk(FULL) if expected(FULL, p)[1])
    worst = min(walk(FULL), key=lambda p: p["score"])
    for say in best_path["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    page.reload()
    box = open_call(page, site)
    assert box.locator(".rb-call-best").inner_text() == "Dein bestes Ergebnis bisher: " + result_text(4, 3, True)
    for say in worst["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    assert "nicht bestanden" in box.get_by_role("status").inner_text()
    assert box.locator(".rb-call-best").inner_text().endswith(result_text(4, 3, True))
    assert stored(page)["modules"][MODULE]["calls"][CALL]["best"] == 4


@inside_the_article()
def test_module_passes_only_with_quiz_and_call(page, site, new_context, tmp_path):
    from helpers import answer_all, open_module

    open_module(page, site, MODULE)
    answer_all(page, MODULE)
    status = page.locator(f'[data-rb-status="{MODULE}"]').first
    assert status.inner_text() == "Status: begonnen – Übungsanruf noch offen", "the quiz alone does not pass a module with a call"
    box = open_call(page, site)
    for say in next(p for p in walk(FULL) if expected(FULL, p)[1])["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    assert status.inner_text() == "Status: bestanden (100 %)"
    assert page.locator(f'.md-nav__link[href$="{MODULE}/"] .rb-nav-status').first.inner_text() == "bestanden"
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert page.locator(f'tr[data-rb-module="{MODULE}"] [data-rb-status]').inner_text() == "bestanden (100 %)"
    with page.expect_download() as info:
        page.get_by_role("button", name="Fortschritt als Datei sichern").click()
    file = tmp_path / "progress.json"
    info.value.save_as(file)
    assert json.loads(file.read_text())["modules"][MODULE]["calls"][CALL]["passed"] is True
    other = new_context().new_page()
    other.goto(site.url("kurs/fortschritt/"))
    other.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    other.on("dialog", lambda dialog: dialog.accept())   # loading replaces progress only once confirmed
    other.locator('[data-rb-action="load"]').set_input_files(file)
    # Locator waits run in Playwright's isolated world: the page's CSP forbids string eval.
    expect(other.locator(".rb-progress-message")).to_have_text("Fortschritt geladen.")
    expect(other.locator(f'tr[data-rb-module="{MODULE}"] [data-rb-status]')).to_have_text("bestanden (100 %)")
    box = open_call(other, site)
    assert box.locator(".rb-call-best").inner_text().endswith(result_text(4, 3, True))


@inside_the_article()
def test_a_failed_call_keeps_the_module_unpassed(page, site):
    from helpers import answer_all, open_module

    open_module(page, site, MODULE)
    answer_all(page, MODULE)
    box = open_call(page, site)
    almost = next(p for p in walk(FULL) if p["outcome"] == "neutral")
    for say in almost["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    assert page.locator(f'[data-rb-status="{MODULE}"]').first.inner_text() == "Status: begonnen – Übungsanruf noch offen"
    assert stored(page)["modules"][MODULE]["calls"][CALL] == {"best": 3, "passed": False, "ending": "offen"}


@pytest.mark.parametrize("moment", ["mid-call", "ending"])
def test_accessibility_mid_call_and_at_an_ending(page, site, moment):
    from axe_playwright_python.sync_playwright import Axe

    box = open_call(page, site)
    path = walk(FULL)[0]
    says = path["says"][:1] if moment == "mid-call" else path["says"]
    for say in says:
        box.get_by_role("button", name=say, exact=True).click()
    response = Axe().run(page, context={"include": [[f'[data-rb-call="{CALL}"]']]}).response
    assert not response["violations"], [(v["id"], [(n["target"], n.get("failureSummary")) for n in v["nodes"]]) for v in response["violations"]]


def test_360_px_without_sideways_scrolling(new_context, site):
    page = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    box = open_call(page, site)
    for say in walk(FULL)[0]["says"]:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        box.get_by_role("button", name=say, exact=True).tap()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert box.get_by_role("status").is_visible()


def test_instant_navigation_sets_the_call_up_once(page, site):
    page.goto(module_url(site, "erste-schritte"))
    page.wait_for_load_state("load")
    page.evaluate("() => { window.__rbMarker = 'kept'; }")
    page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{MODULE}/"]').first.click()
    page.wait_for_selector(f'[data-rb-call="{CALL}"][data-rb-ready]', state="attached")
    assert page.evaluate("() => window.__rbMarker") == "kept", "full reload instead of instant navigation"
    box = page.locator(f'[data-rb-call="{CALL}"]')
    assert box.locator(".rb-call-player").count() == 1
    for say in walk(FULL)[0]["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    assert_ending(box, FULL, walk(FULL)[0])


@inside_the_article()
def test_without_javascript_every_ending_is_reachable_by_links(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    anchor = f"rb-call-{CALL}--"
    for path in walk(FULL):
        page.goto(module_url(site, MODULE))
        script = page.locator(f'[data-rb-call="{CALL}"] .rb-call-script')
        assert script.is_visible()
        assert script.locator("details.rb-call-feedback[open]").count() == 0
        node = FULL["start"]
        for say in path["says"]:
            step = page.locator(f"#{anchor}{node}")
            step.get_by_role("link", name=say, exact=True).click()
            node = FULL["steps"][node]["choices"][[c["say"] for c in FULL["steps"][node]["choices"]].index(say)]["next"]
            assert page.evaluate("() => location.hash") == f"#{anchor}{node}"
        ending = page.locator(f"#{anchor}{path['ending']}")
        assert OUTCOME[path["outcome"]] in ending.locator(".rb-call-outcome").inner_text()
        assert ending.get_by_role("link", name="Zum Anfang des Anrufs").is_visible()


def test_english_call(browser, english_site):
    call = call_of("english", "follow-up")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(english_site.url(page_url("en", "module/follow-up")))
        page.wait_for_selector("[data-rb-call][data-rb-ready]", state="attached")
        box = page.locator("[data-rb-call]")
        assert box.get_by_role("log").locator(".rb-call-who").first.inner_text() == "Client"
        for number, path in enumerate(walk(call)):
            if number:
                box.get_by_role("button", name="Call again").click()
            for say in path["says"]:
                box.get_by_role("button", name=say, exact=True).click()
            assert "You" in box.get_by_role("log").inner_text()
            assert_ending(box, call, path, "en")
        page.goto(english_site.url(""))
        page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
        # follow-up has a call and no quiz: the call alone passes it.
        assert page.locator('[data-rb-status="follow-up"]').inner_text() == "Status: passed"
    finally:
        context.close()
