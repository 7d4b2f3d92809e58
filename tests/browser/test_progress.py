"""Progress in localStorage: reload, statuses, reset, save/load, edited questions, notes."""

from __future__ import annotations

import json

from playwright.sync_api import expect
from helpers import KEY, answer, answer_all, check, inside_the_article, open_module, question, stored, summary_text


STILL_OPEN = "Selbstcheck noch offen, Übungsanruf noch offen"   # what einwaende still needs


def _status(page, module: str) -> str:
    return page.locator(f'[data-rb-status="{module}"]').first.inner_text()


@inside_the_article()
def test_reload_keeps_answers_results_notes_and_ticks(page, site):
    open_module(page, site, "einwaende")
    order = question(page, "FxFrageReihenfolge")
    answer(order, "order", {"FxSchrittEins": "1", "FxSchrittZwei": "2", "FxSchrittDrei": "3"})
    check(order)
    match = question(page, "FxFrageZuordnung")
    answer(match, "match", {"FxLinksEins": "1", "FxLinksZwei": "0", "FxLinksDrei": "2"})
    check(match)
    page.locator("textarea[data-rb-note]").fill("Meine Notiz FxNotiz")
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    order = question(page, "FxFrageReihenfolge")
    assert order.locator(".rb-result").inner_text().startswith("Richtig")
    assert order.locator(".rb-item", has_text="FxSchrittZwei").locator("select").input_value() == "2"
    match = question(page, "FxFrageZuordnung")
    assert match.locator(".rb-result").inner_text().startswith("Falsch")
    assert match.locator(".rb-pair", has_text="FxLinksEins").locator("select").input_value() == "1"
    assert page.locator("textarea[data-rb-note]").input_value() == "Meine Notiz FxNotiz"
    # Unchecked questions stay open.
    assert question(page, "FxFrageTextKlein").get_by_role("button", name="Prüfen").is_visible()

    open_module(page, site, "erste-schritte")
    page.get_by_label("FxHakenZwei").check()
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    assert page.get_by_label("FxHakenZwei").is_checked()
    assert not page.get_by_label("FxHakenEins").is_checked()
    data = stored(page)
    assert data["course"] == "fx-vollkurs"
    assert data["modules"]["erste-schritte"]["checklists"]
    q = data["modules"]["einwaende"]["questions"]["reihenfolge-frage"]
    assert q["correct"] is True and q["hash"] and q["answer"]


@inside_the_article()
def test_summary_survives_reload(page, site):
    open_module(page, site, "abschluss")
    answer_all(page, "abschluss", wrong={"FxFrageBestaetigung"})
    before = summary_text(page)
    assert "1 von 2 richtig (50 %)" in before and "nicht bestanden" in before
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    assert summary_text(page) == before
    assert page.locator(".rb-retry").is_visible()


@inside_the_article()
def test_edited_question_starts_fresh(page, site):
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte")
    page.evaluate(f"""() => {{
        const d = JSON.parse(localStorage.getItem({KEY!r}));
        // As stored before the right flag moved to another option (the texts unchanged).
        const a = d.modules["erste-schritte"].questions["einzelwahl-frage"];
        a.right = [a.options.find((k) => !a.right.includes(k))];
        a.hash = "0000";
        localStorage.setItem({KEY!r}, JSON.stringify(d));
    }}""")
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    q = question(page, "FxFrageEinzel")
    # Its right answer changed: just this question says so and is open again.
    assert q.locator(".rb-result").inner_text().strip() == "Diese Frage wurde aktualisiert – bitte neu beantworten."
    assert q.locator("input:checked").count() == 0
    assert q.get_by_role("button", name="Prüfen").is_visible()
    assert question(page, "FxFrageMehrfach").locator(".rb-result").inner_text().startswith("Richtig")
    assert "einzelwahl-frage" not in stored(page)["modules"]["erste-schritte"]["questions"]


def _make_progress(page, site):
    """erste-schritte passed (100 %), einwaende started, abschluss untouched."""
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte")
    open_module(page, site, "einwaende")
    q = question(page, "FxFrageTextKlein")
    answer(q, "text", "Hallo")
    check(q)
    page.locator("textarea[data-rb-note]").fill("Notiz FxGespeichert")


def _assert_progress_page(page, site):
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    row = page.locator('tr[data-rb-module="erste-schritte"]')
    assert row.locator("[data-rb-status]").inner_text() == "bestanden (100 %)"
    assert row.locator("[data-rb-best]").inner_text() == "100 %"
    assert row.locator("[data-rb-date]").inner_text() not in ("", "–")
    row = page.locator('tr[data-rb-module="einwaende"]')
    assert row.locator("[data-rb-status]").inner_text() == "begonnen – " + STILL_OPEN
    row = page.locator('tr[data-rb-module="abschluss"]')
    assert row.locator("[data-rb-status]").inner_text() == "nicht begonnen"
    assert row.locator("[data-rb-best]").inner_text() == "–"


def test_home_cards_nav_and_progress_page_show_status(page, site):
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    assert "nicht begonnen" in _status(page, "erste-schritte")
    _make_progress(page, site)
    # The nav on a module page carries a badge.
    nav = page.locator('.md-nav__link[href$="erste-schritte/"] .rb-nav-status').first
    assert nav.inner_text() == "bestanden"
    assert page.locator('.md-nav__link[href^="#"] .rb-nav-status').count() == 0  # not on the TOC
    assert page.locator('.md-nav__link[href$="abschluss/"] .rb-nav-status').count() == 0  # not started
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    assert _status(page, "erste-schritte") == "Status: bestanden (100 %)"
    assert _status(page, "einwaende") == "Status: begonnen – " + STILL_OPEN
    assert _status(page, "abschluss") == "Status: nicht begonnen"
    assert page.locator(".rb-card [data-rb-status]").evaluate_all("els => els.every(e => !e.hidden)")
    _assert_progress_page(page, site)
    assert page.locator(".rb-progress-actions").is_visible()
    # The module page shows its own status too.
    open_module(page, site, "einwaende")
    assert _status(page, "einwaende") == "Status: begonnen – " + STILL_OPEN


@inside_the_article()
def test_reset(page, site):
    _make_progress(page, site)
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    messages = []

    def on_dialog(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.get_by_role("button", name="Fortschritt zurücksetzen").click()
    assert page.locator(".rb-progress-message").inner_text() == "Fortschritt gelöscht."
    assert messages and "wirklich löschen" in messages[0]
    assert stored(page) is None
    for module in ("erste-schritte", "einwaende", "abschluss"):
        assert _status(page, module) == "nicht begonnen"
    open_module(page, site, "erste-schritte")
    assert question(page, "FxFrageEinzel").locator(".rb-result").inner_text().strip() == ""


@inside_the_article()
def test_reset_can_be_cancelled(page, site):
    _make_progress(page, site)
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Fortschritt zurücksetzen").click()
    assert stored(page) is not None
    assert _status(page, "erste-schritte") == "bestanden (100 %)"


@inside_the_article()
def test_save_and_load_into_fresh_context(page, site, new_context, tmp_path):
    _make_progress(page, site)
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    with page.expect_download() as info:
        page.get_by_role("button", name="Fortschritt als Datei sichern").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["course"] == "fx-vollkurs"
    assert info.value.suggested_filename.endswith(".json")

    other = new_context().new_page()
    other.goto(site.url("kurs/fortschritt/"))
    other.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert _status(other, "erste-schritte") == "nicht begonnen"
    # A file for another course is refused.
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"course": "anderer-kurs", "modules": {}}))
    other.locator('[data-rb-action="load"]').set_input_files(wrong)
    # Locator waits run in Playwright's isolated world: the page's CSP forbids string eval.
    expect(other.locator(".rb-progress-message")).not_to_have_text("")
    assert other.locator(".rb-progress-message").inner_text() == "Diese Datei enthält keinen Fortschritt für diesen Kurs."
    assert stored(other) is None
    # The saved file restores everything, once the reader confirms (issue 11).
    other.on("dialog", lambda dialog: dialog.accept())
    other.locator('[data-rb-action="load"]').set_input_files(path)
    expect(other.locator(".rb-progress-message")).to_have_text("Fortschritt geladen.")
    _assert_progress_page(other, site)
    open_module(other, site, "einwaende")
    assert question(other, "FxFrageTextKlein").locator(".rb-result").inner_text().startswith("Richtig")
    assert question(other, "FxFrageTextKlein").locator(".rb-answers input").input_value() == "Hallo"
    assert other.locator("textarea[data-rb-note]").input_value() == "Notiz FxGespeichert"
    open_module(other, site, "erste-schritte")
    assert "4 von 4 richtig (100 %)" in summary_text(other)


@inside_the_article()
def test_malformed_progress_file_does_not_break_pages(page, site, tmp_path):
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"course": "fx-vollkurs", "modules": {
        "erste-schritte": 5, "einwaende": {"questions": "x", "best": 40},
        "abschluss": {"questions": {"q-x": "nonsense"}}}}))
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('[data-rb-action="load"]').set_input_files(odd)
    # Every value is checked; a damaged one is left out alone, in words of modules and
    # questions (issue 20), and the rest is kept.
    expect(page.locator(".rb-progress-message")).to_have_text(
        "Fortschritt geladen. Einiges war beschädigt und wurde weggelassen: Angaben zu „Erste Schritte FxModulEinsTitel“; "
        "Angaben zu „Einwände FxModulZweiTitel“; 1 Antwort(en) in „Abschluss FxModulDreiTitel“.")
    assert _status(page, "einwaende") == "begonnen – " + STILL_OPEN
    assert page.locator('tr[data-rb-module="einwaende"] [data-rb-best]').inner_text() == "40 %"
    for module in ("erste-schritte", "einwaende", "abschluss"):
        open_module(page, site, module)
        answer_all(page, module)
        assert "(100 %)" in summary_text(page)
    # Not JSON at all.
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    junk = tmp_path / "junk.json"
    junk.write_text("not json {")
    page.locator('[data-rb-action="load"]').set_input_files(junk)
    expect(page.locator(".rb-progress-message")).not_to_have_text("")
    assert page.locator(".rb-progress-message").inner_text() == "Diese Datei enthält keinen Fortschritt für diesen Kurs."
    assert _status(page, "erste-schritte") == "bestanden (100 %)"
