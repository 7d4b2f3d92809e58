"""The learning loop (issue 11): feedback that teaches, where you stand, the finish page,
mark as read, every screen (360 px, dark, focus, axe on the whole page), search, print,
no-JS, and progress you can trust (hostile imports, confirmation, two tabs)."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from helpers import (CASES, MODULES, RIGHT, answer, answer_all, axe_violations, check, inside_the_article, keep_screenshot,
                     module_url, open_module, pass_module, question, settle, stored, with_axe)
from support import page_url
from playwright.sync_api import expect

PAGES = ["", *(f"kurs/module/{m}/" for m in MODULES), "kurs/glossar/", "kurs/fortschritt/", "kurs/abschluss/", "kurs/wiederholen/"]


def _marks(q) -> list[str]:
    return q.locator(".rb-mark").all_inner_texts()


# --- 1. feedback that teaches ---------------------------------------------------------

RIGHT_NAMED = {"single": ["FxOptionRichtig"], "multiple": ["FxMehrfachA", "FxMehrfachB"], "true_false": ["Stimmt"],
               "text": ["Leitfaden"], "order": ["FxSchrittEins", "FxSchrittZwei", "FxSchrittDrei"],
               "match": ["FxLinksEins", "FxLinksZwei", "FxLinksDrei"]}


@inside_the_article()
@pytest.mark.parametrize("kind", list(CASES))
def test_wrong_answer_judges_the_readers_choices_and_keeps_the_solution_back(page, site, kind):
    module, marker, explanation, good, bad, _, fb_bad = CASES[kind]
    open_module(page, site, module)
    q = question(page, marker)
    answer(q, kind, bad)
    text = check(q)
    assert text.startswith("Falsch")
    assert "Richtige Antwort" not in text and explanation not in text
    for word in RIGHT_NAMED[kind]:
        if word not in str(bad):
            assert word not in text, (word, text)
    if fb_bad:   # the comment on the reader's choice is labelled as theirs
        assert "Deine Wahl: „" in text and text.index("Deine Wahl") < text.index(fb_bad)
    marks = _marks(q)
    assert marks and all(m.startswith(("✓ richtig", "✗ falsch")) for m in marks), marks
    if kind in ("single", "multiple", "true_false"):
        assert all("deine Wahl" in m for m in marks), marks
    assert q.get_by_role("button", name="Nochmal versuchen").is_visible()
    q.get_by_role("button", name="Lösung zeigen").click()
    assert q.get_by_role("button", name="Lösung zeigen").is_hidden()
    assert explanation in q.locator(".rb-result").inner_text()


@inside_the_article()
@pytest.mark.parametrize("kind", list(CASES))
def test_the_solution_names_the_right_answer_and_marks_every_row(page, site, kind):
    module, marker, _, good, bad, _, _ = CASES[kind]
    open_module(page, site, module)
    q = question(page, marker)
    answer(q, kind, bad)
    check(q)
    q.get_by_role("button", name="Lösung zeigen").click()
    text = q.locator(".rb-result").inner_text()
    assert text.startswith("Falsch")
    named = q.locator(".rb-right-answer").inner_text()
    assert named.startswith("Richtige Antwort:")
    for word in RIGHT_NAMED[kind]:
        assert word in named, (word, named)
    rows = q.locator(".rb-option, .rb-item, .rb-pair").count() or 1
    marks = _marks(q)
    assert len(marks) == rows, marks
    assert all(m.startswith(("✓ richtig", "✗ falsch")) for m in marks), marks
    assert any(m.startswith("✗ falsch") for m in marks) or kind == "true_false"
    # The explanation comes with the result.
    assert CASES[kind][2] in text


@inside_the_article()
def test_a_retry_keeps_what_was_right_and_the_second_wrong_try_shows_the_solution(page, site):
    open_module(page, site, "erste-schritte")
    q = question(page, "FxFrageMehrfach")
    answer(q, "multiple", ["FxMehrfachA"])   # right so far, but incomplete
    text = check(q)
    assert "fehlt aber noch" in text and "Richtige Antwort" not in text
    page.evaluate("() => localStorage.clear()")
    open_module(page, site, "erste-schritte")
    q = question(page, "FxFrageMehrfach")
    answer(q, "multiple", ["FxMehrfachA", "FxMehrfachC"])   # A right, C wrong, B missing
    check(q)
    q.get_by_role("button", name="Nochmal versuchen").click()
    assert q.get_by_label("FxMehrfachA").is_checked() and not q.get_by_label("FxMehrfachC").is_checked()
    assert q.get_by_role("button", name="Prüfen").is_visible() and q.locator(".rb-result").inner_text() == ""
    text = check(q)   # a second wrong try in a row: the full solution
    assert "Richtige Antwort" in text and CASES["multiple"][2] in text
    assert q.get_by_role("button", name="Nochmal versuchen").is_hidden()


@inside_the_article()
def test_wrong_order_and_match_rows_say_what_was_right(page, site):
    open_module(page, site, "einwaende")
    q = question(page, "FxFrageZuordnung")
    answer(q, "match", CASES["match"][4])
    check(q)
    assert "richtig wäre" not in q.inner_text()   # the try marks, the solution tells
    q.get_by_role("button", name="Lösung zeigen").click()
    wrong = q.locator(".rb-pair", has_text="FxLinksEins").locator(".rb-mark").inner_text()
    assert wrong.startswith("✗ falsch") and "richtig wäre" in wrong
    assert q.locator(".rb-pair", has_text="FxLinksDrei").locator(".rb-mark").inner_text().startswith("✓ richtig")
    q = question(page, "FxFrageReihenfolge")
    answer(q, "order", CASES["order"][4])
    check(q)
    q.get_by_role("button", name="Lösung zeigen").click()
    assert "richtig wäre: 1" in q.locator(".rb-item", has_text="FxSchrittEins").locator(".rb-mark").inner_text()


@inside_the_article()
@pytest.mark.parametrize("kind", list(CASES))
def test_nothing_chosen_says_what_is_missing_and_locks_nothing(page, site, kind):
    module, marker = CASES[kind][:2]
    open_module(page, site, module)
    q = question(page, marker)
    q.get_by_role("button", name="Prüfen").click()
    hint = q.locator(".rb-result").inner_text()
    assert hint and not hint.startswith(("Richtig", "Falsch")), hint
    assert q.get_by_role("button", name="Prüfen").is_visible()
    assert q.locator("input, select").first.is_enabled()
    assert not (stored(page) or {}).get("modules", {}).get(module, {}).get("questions")
    answer(q, kind, CASES[kind][3])   # and it can still be answered right
    assert check(q).startswith("Richtig")


@inside_the_article()
def test_duplicate_positions_are_named(page, site):
    open_module(page, site, "einwaende")
    q = question(page, "FxFrageReihenfolge")
    answer(q, "order", {"FxSchrittEins": "1", "FxSchrittZwei": "1", "FxSchrittDrei": "1"})
    q.get_by_role("button", name="Prüfen").click()
    hint = q.locator(".rb-result").inner_text()
    assert "Platz 1 ist mehrfach vergeben" in hint
    for item in ("FxSchrittEins", "FxSchrittZwei", "FxSchrittDrei"):
        assert item in hint
    assert q.get_by_role("button", name="Prüfen").is_visible()


@inside_the_article()
def test_question_numbers_and_multiple_hint(page, site):
    open_module(page, site, "erste-schritte")
    legends = page.locator("fieldset.rb-question > legend").all_inner_texts()
    assert [legend.split("\n")[0].strip() for legend in legends] == [f"Frage {i} von {len(legends)}" for i in range(1, len(legends) + 1)]
    assert "Mehrere Antworten können richtig sein." in question(page, "FxFrageMehrfach").locator(":scope > legend").inner_text()
    assert "Mehrere Antworten" not in question(page, "FxFrageEinzel").locator(":scope > legend").inner_text()


@inside_the_article()
def test_failed_summary_says_what_passing_needs(page, site):
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte", wrong={"FxFrageEinzel", "FxFrageMehrfach"})
    text = page.locator(".rb-summary").inner_text()
    assert "nicht bestanden" in text
    assert "Zum Bestehen brauchst du mindestens 3 von 4 richtigen Antworten." in text   # pass mark 75 %


# --- 2. where you stand, where to go ----------------------------------------------------

def test_home_continue_overall_line_numbers_and_finish(page, site):
    page.goto(site.url(""))
    start = page.locator("[data-rb-continue] a")
    start.wait_for()
    assert start.inner_text().startswith("Los geht's")
    assert [t.split(".")[0] for t in page.locator(".rb-card-title").all_inner_texts()] == ["1", "2", "3"]
    pass_module(page, site, "erste-schritte")
    page.goto(site.url(""))
    assert page.locator("[data-rb-continue] a").inner_text().startswith("Weiter lernen: ")
    assert "FxModulZwei" in page.locator("[data-rb-continue] a").inner_text() or "inwä" in page.locator("[data-rb-continue] a").inner_text()
    assert page.locator("[data-rb-continue] a").get_attribute("href").rstrip("/").endswith("einwaende")
    overall = page.locator("[data-rb-overall]").inner_text()
    assert overall.startswith("1 von 3 Modulen bestanden · noch etwa "), overall
    # The track holds two modules: one passed is not the track passed.
    track = page.locator(".md-nav__item--nested > .md-nav__link, .md-nav__item--nested > .md-nav__container > .md-nav__link").first
    assert "bestanden" not in track.inner_text()
    # The finish page stays locked and names what is open.
    page.goto(site.url("kurs/abschluss/"))
    assert page.locator(".rb-finish-locked").is_visible()
    assert page.locator(".rb-finish-open li").count() == 2
    assert page.locator(".rb-certificate").is_hidden()
    for module in MODULES[1:]:
        pass_module(page, site, module)
    page.goto(site.url(""))
    assert page.locator("[data-rb-continue] a").inner_text() == "Zum Kursabschluss"
    assert page.locator("[data-rb-overall]").inner_text() == "Alle 3 Module bestanden."
    assert "bestanden" in track.inner_text()


@inside_the_article()
def test_every_module_ends_with_a_next_step(page, site):
    for number, module in enumerate(MODULES, 1):
        page.goto(module_url(site, module))
        link = page.locator(".rb-next-step a.rb-next-link")
        text = link.inner_text()
        if number < len(MODULES):
            assert text.startswith(f"Weiter mit Modul {number + 1}: ")
        else:
            assert "Kursabschluss" in text and link.get_attribute("href").endswith("abschluss/")


@inside_the_article()
def test_certificate_once_every_module_is_passed(page, site):
    for module in MODULES:
        pass_module(page, site, module)
    page.goto(site.url("kurs/abschluss/"))
    done = page.locator(".rb-finish-done")
    done.wait_for()
    assert "Herzlichen Glückwunsch" in done.inner_text()
    page.get_by_label("Dein Name für die Bestätigung").fill("Erika Mustermann")
    cert = page.locator(".rb-certificate")
    assert "Teilnahmebestätigung" in cert.inner_text() and "Erika Mustermann" in cert.inner_text()
    assert "Vollkurs FxKurstitel" in cert.inner_text() and "Abgeschlossen am" in cert.inner_text()
    assert cert.locator("tbody tr").count() == 3 and "100 %" in cert.locator("tbody").inner_text()
    assert stored(page)["name"] == "Erika Mustermann"   # kept in this browser only
    page.reload()
    assert page.get_by_label("Dein Name für die Bestätigung").input_value() == "Erika Mustermann"
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    page.get_by_role("button", name="Drucken").click()
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")
    assert cert.is_visible() and page.get_by_role("button", name="Drucken").is_hidden()
    keep_screenshot(page, f"certificate-print-{site.engine}")


@pytest.fixture(scope="module")
def reading_site(tmp_path_factory, _served_sites):
    """The English fixture course with its practice call removed: `follow-up` then has neither
    quiz nor call, the one kind of module that passes by being marked read."""
    from conftest import FIXTURES

    content = tmp_path_factory.mktemp("reading") / "english"
    shutil.copytree(FIXTURES / "english", content)
    path = content / "modules" / "follow-up.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"] = [section for section in data["sections"] if section.get("kind") != "call"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return _served_sites(content, "mkdocs")


def test_mark_as_read_for_a_module_without_quiz(browser, english_site, reading_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(english_site.url(page_url("en", "module/follow-up")))
        page.wait_for_selector("[data-rb-read][data-rb-ready]", state="attached")
        assert page.locator("[data-rb-read]").is_hidden()   # it has a practice call
        page.goto(reading_site.url(page_url("en", "module/first-call")))
        page.wait_for_selector("[data-rb-read][data-rb-ready]", state="attached")
        assert page.locator("[data-rb-read]").is_hidden()   # it has a quiz
        page.goto(reading_site.url(page_url("en", "module/follow-up")))
        page.get_by_role("button", name="Mark as read").click()
        button = page.locator("[data-rb-read] button")
        assert button.get_attribute("aria-pressed") == "true"
        assert "Marked as read" in button.inner_text()
        assert page.evaluate("() => window.Rufbereit.site.passed('follow-up')")
        page.goto(reading_site.url(page_url("en", "progress")))
        row = page.locator("tr[data-rb-module='follow-up']")
        assert "passed" in row.inner_text() and "Marked as read" in row.inner_text()
    finally:
        context.close()


# --- 3. every screen --------------------------------------------------------------------

def _no_sideways(page) -> list[str]:
    return page.evaluate("""() => {
        const w = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);
        document.querySelectorAll('.md-content *').forEach((el) => {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > w + 1 && !el.closest('.rb-table-scroll, .highlight, .md-typeset__scrollwrap')) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
        });
        return out.slice(0, 5);
    }""")


def _outline(page) -> tuple[str, str]:
    return page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")


def test_visible_focus_on_every_control(page, site):
    for module, selector in (("erste-schritte", "input[type=radio]"), ("erste-schritte", "input[type=checkbox]"),
                             ("erste-schritte", "input[type=text]"), ("erste-schritte", "button.rb-check"),
                             ("einwaende", "textarea"), ("einwaende", "select"), ("einwaende", "summary")):
        if module not in page.url:
            open_module(page, site, module)
        page.locator(f".md-content {selector}").first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")   # focus by keyboard: :focus-visible
        style, width = _outline(page)
        assert style != "none" and float(width.rstrip("px")) >= 2, (selector, style, width)


@inside_the_article()
def test_glossary_terms_are_links_and_the_glossary_has_an_a_to_z_index(page, site):
    page.goto(module_url(site, "erste-schritte"))
    term = page.locator(".md-content a[title][href*='glossar/#']").first
    term.focus()
    # The definition is the link's title, or the theme's tooltip that replaced it.
    assert page.evaluate("() => document.activeElement.getAttribute('title') || document.activeElement.getAttribute('aria-describedby')")
    href = term.get_attribute("href")
    page.goto(site.url("kurs/glossar/"))
    letters = page.locator(".rb-az a")
    assert letters.count() >= 1
    first = letters.first
    target = first.get_attribute("href").split("#")[1]
    assert page.locator(f"h2[id='{target}']").count() == 1
    anchor = href.split("#")[1]
    assert page.locator(f"dt[id='{anchor}']").count() == 1


# Every page in both schemes, wide and narrow, with axe-core on the whole page (theme included).
# One load a page and scheme: wide first, with a checklist item ticked, one question answered
# rightly and a hint asked for on another (the glossary with an entry as the address's target);
# then narrowed to a phone's width, as a turned tablet does: nothing scrolls sideways, before or
# after every other question is answered wrongly (the longest feedback). Axe looks at both states.
# (A load costs more than an axe run: this walk once loaded every page once per width and scheme.)
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 360, "height": 740}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_screen_accessible_and_nothing_sideways_on_a_phone(new_context, site, scheme):
    page = with_axe(new_context(viewport=WIDE, color_scheme=scheme)).new_page()
    found = {}
    for path in [p if p != "kurs/glossar/" else p + "#leitfaden" for p in PAGES] + ["404.html"]:
        page.set_viewport_size(WIDE)
        page.goto(site.url(path))
        module = path.split("/")[-2] if "module/" in path else None
        if module:
            ticks = page.locator(".rb-check-row input")
            if ticks.count():
                ticks.first.check()
            kind, marker, value = RIGHT[module][0]
            answer(question(page, marker), kind, value)
            check(question(page, marker))
            page.locator(".rb-check:visible").first.click()   # a hint as well
        for width, viewport in ((1366, WIDE), (360, PHONE)):
            page.set_viewport_size(viewport)
            settle(page)
            if width == 360:
                assert not _no_sideways(page), (path, _no_sideways(page))
                if module:
                    answer_all(page, module, wrong={m for _, m, _ in RIGHT[module]}, start=1)
                    assert not _no_sideways(page), (path, "answered", _no_sideways(page))
                    keep_screenshot(page, f"{site.engine}-360-{scheme}-{module}")
            violations = axe_violations(page)
            if violations:
                found[f"{path} {width}"] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    keep_screenshot(page, f"{site.engine}-360-{scheme}-home", url=site.url(""))
    assert not found, found


# --- 4. search, print, no-JS, words -----------------------------------------------------

def _index_text(site) -> str:
    for name in ("search/search_index.json", "search.json"):
        path = site.root / "site" / name
        if path.exists():
            return path.read_text(encoding="utf-8")
    raise AssertionError("no search index")


def test_search_index_holds_course_text_only(site):
    text = json.loads(json.dumps(_index_text(site)))
    for word in ("FxFrageEinzel", "FxWillkommenstext"):
        assert word in text
    for word in ("Prüfen", "Dein Browser erlaubt keine Speicherung", "FxFeedbackRichtig", "FxErklaerungEinzel",
                 "Lösung anzeigen", "Frage 1 von", "Nochmal versuchen", "Fortschritt zurücksetzen", "Teilnahmebestätigung"):
        assert word not in text, word


def test_every_section_kind_is_in_the_table_of_contents(page, site):
    page.goto(module_url(site, "erste-schritte"))
    toc = " ".join(page.locator(".md-nav--secondary").first.all_inner_texts())
    for title in ("FxTippTitel", "FxWarnTitel", "FxListeTitel"):
        assert title in toc, (title, toc)
    page.goto(module_url(site, "einwaende"))
    toc = " ".join(page.locator(".md-nav--secondary").first.all_inner_texts())
    # example, reflection, dialogue and call sections of the fixture
    for title in ("FxBeispielTitel", "FxReflexionTitel", "FxDialogTitel", "FxAnrufTitel"):
        assert title in toc, (title, toc)


def test_print_shows_answers_results_and_solutions_once_taken(page, site):
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte", wrong={"FxFrageEinzel"})
    page.emulate_media(media="print")
    q = question(page, "FxFrageEinzel")
    assert q.locator(".rb-result").is_visible() and "Falsch" in q.locator(".rb-result").inner_text()
    assert q.locator(".rb-solution").is_visible()
    assert page.locator(".rb-summary").is_visible()
    assert q.locator("input:checked").count() == 1
    keep_screenshot(page, f"{site.engine}-print-module")


@inside_the_article()
def test_without_javascript_controls_say_they_keep_nothing(new_context, site):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(module_url(site, "erste-schritte"))
    # (Playwright's text engine skips <noscript>; look for the paragraphs themselves.)
    assert page.locator(".rb-no-js", has_text="Ohne JavaScript wird hier nichts gespeichert.").first.is_visible()
    assert page.locator(".rb-no-js", has_text="Ohne JavaScript kannst du deine Antworten nicht prüfen lassen").is_visible()
    assert page.locator("details.rb-solution").first.is_visible()
    assert page.locator("[data-rb-read]").is_hidden()
    page.goto(site.url("kurs/abschluss/"))
    assert "braucht JavaScript" in page.locator(".rb-finish noscript").inner_text() or page.locator(".rb-finish p", has_text="braucht JavaScript").is_visible()
    page.goto(site.url(""))
    assert page.locator("[data-rb-continue] a").get_attribute("href").endswith("module/erste-schritte/")


def test_theme_words_follow_the_course_language(page, site, english_site, browser):
    page.goto(site.url("404.html"))
    assert "Seite nicht gefunden" in page.locator("h1").inner_text()
    context = browser.new_context()
    english = context.new_page()
    try:
        english.goto(english_site.url("404.html"))
        assert "Page not found" in english.locator("h1").inner_text()
        english.goto(english_site.url(""))
        labels = english.locator("[data-md-component=palette] label").evaluate_all("ls => ls.map(l => l.title || l.getAttribute('aria-label') || '')")
        assert any("dark" in label.lower() or "light" in label.lower() for label in labels), labels
    finally:
        context.close()


# --- 5. progress you can trust ----------------------------------------------------------

def _progress(site, page):
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")


@inside_the_article()
def test_export_file_name_and_format(page, site):
    pass_module(page, site, "abschluss")
    _progress(site, page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Fortschritt als Datei sichern").click()
    download = info.value
    import re
    assert re.fullmatch(r"rufbereit-fx-vollkurs-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    data = json.loads(open(download.path(), encoding="utf-8").read())
    assert data["format"] == "rufbereit-progress" and data["course"] == "fx-vollkurs"
    assert re.fullmatch(r"[0-9a-f]{12}", data["course_version"]) and data["exported"][:4].isdigit()
    assert data["modules"]["abschluss"]["passed"] is True


HOSTILE = {
    "answer-object": {"modules": {"abschluss": {"questions": {"q": {"hash": "x", "answer": {"toString": 1}, "correct": True}}}}},
    "checklist-object": {"modules": {"erste-schritte": {"checklists": {"liste": {"0": True}}}}},
    "best-object": {"modules": {"abschluss": {"best": {"valueOf": 100}, "passed": True}}},
    "best-html": {"modules": {"abschluss": {"best": "<img src=x onerror=alert(1)>", "passed": True}}},
    "passed-string": {"modules": {"abschluss": {"passed": "yes"}}},
    "note-number": {"modules": {"erste-schritte": {"notes": {"n": 5}}}},
    "proto-key": {"modules": {"__proto__": {"passed": True}}},
    "name-object": {"name": {"a": 1}, "modules": {}},
}


def _load(page, tmp_path, name, payload: bytes, accept=True):
    path = tmp_path / name
    path.write_bytes(payload)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", on_dialog)
    page.locator("#rb-load-file").set_input_files(str(path))
    expect(page.locator(".rb-progress-message")).not_to_have_text("")   # isolated world: CSP forbids eval
    page.remove_listener("dialog", on_dialog)
    message = page.locator(".rb-progress-message").inner_text()
    page.evaluate("() => { document.querySelector('.rb-progress-message').textContent = ''; }")
    return message, dialogs


@inside_the_article()
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_import_drops_the_bad_value_alone(page, site, tmp_path, case):
    """Issue 20: a value that breaks the record's schema is left out alone, said in words of
    modules and questions; it never reaches the page or the stored record."""
    pass_module(page, site, "erste-schritte")
    _progress(site, page)
    payload = dict({"course": "fx-vollkurs", "version": 2}, **HOSTILE[case])
    payload["modules"] = dict(payload["modules"], abschluss=payload["modules"].get("abschluss", {}) | {"read": True})
    text = json.dumps(payload).replace('"__proto__"', '"__proto__"')
    message, dialogs = _load(page, tmp_path, f"{case}.json", text.encode())
    assert len(dialogs) == 1 and message.startswith("Fortschritt geladen. Einiges war beschädigt"), message
    assert "/" not in message.split("weggelassen:")[1]   # no field paths
    kept = stored(page)
    assert kept["modules"]["abschluss"]["read"] is True and "__proto__" not in kept["modules"]
    assert not isinstance(kept.get("name", ""), dict)
    assert "<img" not in page.locator(".rb-progress-table").inner_html()
    assert "[object Object]" not in page.locator(".rb-progress-table").inner_text()


@inside_the_article()
def test_import_asks_first_and_too_large_is_refused(page, site, tmp_path):
    pass_module(page, site, "erste-schritte")
    before = stored(page)
    _progress(site, page)
    good = json.dumps({"course": "fx-vollkurs", "version": 1, "format": "rufbereit-progress",
                       "exported": "2026-01-02T10:00:00Z", "modules": {"abschluss": {"best": 100, "passed": True}}})
    message, dialogs = _load(page, tmp_path, "good.json", good.encode(), accept=False)
    assert len(dialogs) == 1 and "good.json" in dialogs[0] and "ersetzt" in dialogs[0]
    assert "bisheriger Fortschritt bleibt" in message and stored(page) == before
    message, dialogs = _load(page, tmp_path, "good.json", good.encode(), accept=True)
    # A passed module is stamped with its content version on the next save (the trainer edition's audit trail).
    loaded = {m: {k: v for k, v in entry.items() if k != "version"} for m, entry in stored(page)["modules"].items()}
    assert message == "Fortschritt geladen." and loaded == {"abschluss": {"best": 100, "passed": True}}
    huge = json.dumps({"course": "fx-vollkurs", "modules": {}, "pad": "x" * (12 * 1024 * 1024)})
    message, dialogs = _load(page, tmp_path, "huge.json", huge.encode())
    assert "zu groß" in message and not dialogs


@inside_the_article()
def test_import_reports_storage_failure_truthfully(page, site, tmp_path):
    _progress(site, page)
    page.evaluate("""() => { const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { if (k.indexOf(':test') < 0) throw new DOMException('full', 'QuotaExceededError'); return set.call(this, k, v); }; }""")
    good = json.dumps({"course": "fx-vollkurs", "version": 1, "modules": {"abschluss": {"best": 100, "passed": True}}})
    message, _ = _load(page, tmp_path, "good.json", good.encode())
    assert "konnte den Fortschritt nicht speichern" in message


@inside_the_article()
def test_two_tabs_never_lose_each_others_answers(new_context, site):
    context = new_context()
    one, two = context.new_page(), context.new_page()
    open_module(one, site, "erste-schritte")
    open_module(two, site, "einwaende")

    def answer_in(tab, module, n):
        tab.bring_to_front()   # as a reader switches tabs (a tab in the background draws no frames)
        kind, marker, value = RIGHT[module][n]
        answer(question(tab, marker), kind, value)
        check(question(tab, marker))

    answer_in(one, "erste-schritte", 0)
    answer_in(two, "einwaende", 0)
    # The second tab's save kept the first tab's answer, and the other way round.
    answer_in(one, "erste-schritte", 1)
    data = stored(one)
    assert len(data["modules"]["erste-schritte"]["questions"]) == 2
    assert len(data["modules"]["einwaende"]["questions"]) == 1
