"""The learner record (issue 20): nothing a reader did is ever lost."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from support import copy_docs

from helpers import FIXTURES, answer_all, call_of, inside_the_article, open_module, play_call, question, stored, walk

ROOT = FIXTURES.parents[1]


@inside_the_article()
def test_a_failed_call_with_negative_points_keeps_everything_else(page, site):
    open_module(page, site, "einwaende")
    answer_all(page, "einwaende")
    page.locator("textarea[data-rb-note]").fill("FxNotizBleibt")
    worst = min(walk(call_of("full", "einwaende")), key=lambda p: p["score"])
    assert worst["score"] < 0
    play_call(page, "einwaende", worst)
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    data = stored(page)
    module = data["modules"]["einwaende"]
    assert module["calls"]["anruf-muster"]["best"] == worst["score"]
    assert module["calls"]["anruf-muster"]["passed"] is False
    assert len(module["questions"]) == 4 and module["passed"] is True
    assert page.locator("textarea[data-rb-note]").input_value() == "FxNotizBleibt"
    assert page.locator(".rb-question[data-rb-checked]").count() == 4
    status = page.locator('[data-rb-status="einwaende"]').first
    assert status.inner_text() == "Status: begonnen – Übungsanruf noch offen"
    result = page.locator(".rb-call-best").inner_text()
    assert "−1 Punkt (zum Bestehen: ein gelungenes Ende und mindestens 3 Punkte) – nicht bestanden" in result
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    assert page.locator('.rb-card [data-rb-status="einwaende"]').inner_text() == "Status: begonnen – Übungsanruf noch offen"


EVENTS = """for (const name of ["answer", "tick", "read", "call-choice", "call-end", "status", "saved"]) {
  document.addEventListener("rufbereit:" + name, (e) => {
    (window.__rbEvents = window.__rbEvents || []).push([name, name === "saved" ? {} : e.detail]);
  });
}"""


@inside_the_article()
def test_every_step_is_announced_as_an_event(new_context, site):
    context = new_context()
    context.add_init_script(EVENTS)
    page = context.new_page()
    open_module(page, site, "einwaende")
    answer_all(page, "einwaende")
    play_call(page, "einwaende")
    events = page.evaluate("() => window.__rbEvents")
    names = [name for name, _ in events]
    answers = [detail for name, detail in events if name == "answer"]
    assert len(answers) == 4 and all(a["module"] == "einwaende" and a["correct"] is True for a in answers)
    assert {a["type"] for a in answers} == {"order", "match", "text", "single"}
    assert [d for n, d in events if n == "call-end"] == [
        {"module": "einwaende", "call": "anruf-muster", "ending": "termin", "outcome": "success", "points": 4,
         "passed": True}]
    assert [d for n, d in events if n == "status"] == [{"module": "einwaende", "passed": True, "status": "passed"}]
    assert names.index("status") > names.index("call-end") and "saved" in names
    open_module(page, site, "erste-schritte")
    page.get_by_label("FxHakenZwei").check()
    assert page.evaluate("() => window.__rbEvents").count(
        ["tick", {"module": "erste-schritte", "section": "vorbereitung", "item": "leitfaden", "checked": True}]) == 1


@inside_the_article()
def test_a_newer_record_survives_an_older_page(page, site):
    """A record written by a newer page (version 3, fields this page does not know) is kept as it
    is: answering a question here adds the answer and deletes nothing."""
    from helpers import KEY
    newer = {"course": "fx-vollkurs", "version": 3, "settings": {"theme": "dunkel"}, "modules": {
        "erste-schritte": {"streak": 5, "review": {"einzelwahl-frage": {"due": "2026-12-24", "future": [1]}},
                           "questions": {}},
        "abschluss": {"read": True, "lernzeit": {"minuten": 12}}}}
    page.goto(site.url(""))
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [KEY, newer])
    open_module(page, site, "erste-schritte")
    from helpers import answer, check, question
    q = question(page, "FxFrageEinzel")
    answer(q, "single", ["FxOptionRichtig"])
    check(q)
    page.locator("textarea[data-rb-note]").count()   # no notes here; the write happened on check
    data = stored(page)
    assert data["version"] == 3 and data["settings"] == {"theme": "dunkel"}
    module = data["modules"]["erste-schritte"]
    assert module["streak"] == 5 and module["review"] == newer["modules"]["erste-schritte"]["review"]
    assert module["questions"]["einzelwahl-frage"]["correct"] is True
    assert data["modules"]["abschluss"] == newer["modules"]["abschluss"]


@inside_the_article()
def test_unknown_keys_of_a_current_record_survive_a_save(page, site):
    from helpers import KEY, answer, check, question
    current = {"course": "fx-vollkurs", "version": 2, "zukunft": 1, "modules": {"erste-schritte": {
        "streak": 5, "questions": {"einzelwahl-frage": {"hash": "alt", "answer": None, "correct": False,
                                                         "confidence": "guess"}}}}}
    page.goto(site.url(""))
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [KEY, current])
    open_module(page, site, "erste-schritte")
    q = question(page, "FxFrageMehrfach")
    answer(q, "multiple", ["FxMehrfachA", "FxMehrfachB"])
    check(q)
    data = stored(page)
    assert data["zukunft"] == 1 and data["modules"]["erste-schritte"]["streak"] == 5


# --- stable ids: a rebuilt course keeps what the reader did -----------------------------

def _build(work, content, engine: str, port: int) -> None:
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/", NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-m", "rufbereit", "build", "--content", str(content), "--engine", engine],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(params=["mkdocs", "zensical"])
def rebuildable(request, tmp_path):
    """The full fixture built into a folder served on one port (one origin, one localStorage),
    and a function that edits erste-schritte.yaml and rebuilds in place."""
    work = tmp_path / "project"
    work.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    copy_docs(work / "docs")
    content = work / "content"
    shutil.copytree(FIXTURES / "full", content)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _build(work, content, request.param, port)
    handler = functools.partial(_Quiet, directory=str(work / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def rebuild(*edits: tuple[str, str]) -> None:
        module = content / "modules" / "erste-schritte.yaml"
        text = module.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        module.write_text(text, encoding="utf-8")
        _build(work, content, request.param, port)

    yield SimpleNamespace(url=lambda path="": f"http://127.0.0.1:{port}/{path}", rebuild=rebuild)
    server.shutdown()
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


OPTIONS = """        - text: Richtige Antwort FxOptionRichtig
          correct: true
          feedback: Rückmeldung richtig, FxFeedbackRichtig.
        - text: Falsche Antwort FxOptionFalsch
          correct: false
          feedback: Rückmeldung falsch, FxFeedbackFalsch.
"""
ITEMS = """      - Headset aufsetzen FxHakenEins
      - id: leitfaden
        text: Leitfaden **bereitlegen** FxHakenZwei
      - Erste Nummer wählen FxHakenDrei
"""
OPTIONS_SWAPPED = """        - text: Falsche Antwort FxOptionFalsch
          correct: false
          feedback: Rückmeldung falsch, FxFeedbackFalsch.
        - text: Richtige Antwort FxOptionRichtig
          correct: true
          feedback: Rückmeldung richtig, FxFeedbackRichtig.
"""
ITEMS_REVERSED = """      - Erste Nummer wählen FxHakenDrei
      - id: leitfaden
        text: Leitfaden **bereitlegen** FxHakenZwei
      - Headset aufsetzen FxHakenEins
"""
TIP = """  - title: Tipp FxTippTitel
    kind: tip
    body: |
      Ein Tipp im Kasten, FxTippKoerper.
"""


@inside_the_article("rebuildable")
def test_rewording_and_reordering_keep_answers_and_ticks_a_changed_answer_marks_one_question(
        browser, rebuildable):
    context = browser.new_context()
    page = context.new_page()
    page.goto(rebuildable.url("kurs/module/erste-schritte/"))
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    answer_all(page, "erste-schritte", wrong={"FxFrageEinzel"})
    page.get_by_label("FxHakenZwei").check()
    page.get_by_label("FxHakenDrei").check()
    rebuildable.rebuild(
        ("Erklärung zur Einzelwahl, FxErklaerungEinzel.", "Neu erklärt: die Einzelwahl, FxErklaerungEinzel."),
        ("Stimmt, FxMehrfachRueckA.", "Ja, genau so, FxMehrfachRueckA."),
        (OPTIONS, OPTIONS_SWAPPED),
        (ITEMS, ITEMS_REVERSED),
        (TIP, ""),                                                          # the tip section moved …
        ("  - title: Checkliste FxListeTitel\n", TIP + "  - title: Checkliste FxListeTitel\n"),   # … down
        ("      answer: true\n", "      answer: false\n"),                  # a right answer changed
    )
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    single = question(page, "FxFrageEinzel")
    assert single.locator(".rb-result").inner_text().startswith("Falsch")
    assert single.locator("input:checked + label").inner_text() == "Falsche Antwort FxOptionFalsch"
    # The explanation (reworded) comes with the solution, which the reader asks for.
    single.get_by_role("button", name="Lösung zeigen").click()
    assert "Neu erklärt" in single.locator(".rb-result").inner_text()
    multiple = question(page, "FxFrageMehrfach")
    assert multiple.locator(".rb-result").inner_text().startswith("Richtig")
    assert question(page, "FxFrageTextGross").locator(".rb-result").inner_text().startswith("Richtig")
    changed = question(page, "FxFrageWahrFalsch")
    assert changed.locator(".rb-result").inner_text() == "Diese Frage wurde aktualisiert – bitte neu beantworten."
    assert changed.get_by_role("button", name="Prüfen").is_visible()
    assert page.get_by_label("FxHakenZwei").is_checked() and page.get_by_label("FxHakenDrei").is_checked()
    assert not page.get_by_label("FxHakenEins").is_checked()
    context.close()


RIGHT_OPTIONS = """        - text: Richtige Antwort FxOptionRichtig
          correct: true
"""
RIGHT_OPTIONS_REWORDED = """        - text: Die richtige Antwort FxOptionRichtig
          correct: true
"""
FLAG_MOVED = (("        - text: Die richtige Antwort FxOptionRichtig\n          correct: true\n",
               "        - text: Die richtige Antwort FxOptionRichtig\n          correct: false\n"),
              ("        - text: Falsche Antwort FxOptionFalsch\n          correct: false\n",
               "        - text: Falsche Antwort FxOptionFalsch\n          correct: true\n"))


def _quiz_after_reload(page):
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    return question(page, "FxFrageEinzel"), question(page, "FxFrageMehrfach")


# One engine: the matching runs in the site's script, the same on both.
@pytest.mark.parametrize("rebuildable", ["mkdocs"], indirect=True)
def test_a_reworded_right_option_keeps_the_answer_a_moved_right_flag_marks_the_question(browser, rebuildable):
    context = browser.new_context()
    page = context.new_page()
    page.goto(rebuildable.url("kurs/module/erste-schritte/"))
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    answer_all(page, "erste-schritte")
    rebuildable.rebuild((RIGHT_OPTIONS, RIGHT_OPTIONS_REWORDED),
                        ("Zweite richtige FxMehrfachB", "Die zweite richtige FxMehrfachB"))
    single, multiple = _quiz_after_reload(page)
    assert single.locator(".rb-result").inner_text().startswith("Richtig")
    assert single.locator("input:checked + label").inner_text() == "Die richtige Antwort FxOptionRichtig"
    assert multiple.locator(".rb-result").inner_text().startswith("Richtig")
    assert sorted(multiple.locator("input:checked + label").all_inner_texts()) == [
        "Die zweite richtige FxMehrfachB", "Erste richtige FxMehrfachA"]
    assert page.locator("[data-rb-updated]").count() == 0
    rebuildable.rebuild(*FLAG_MOVED)   # the same texts, another right answer
    single, multiple = _quiz_after_reload(page)
    assert single.locator(".rb-result").inner_text() == "Diese Frage wurde aktualisiert – bitte neu beantworten."
    assert single.get_by_role("button", name="Prüfen").is_visible()
    assert multiple.locator(".rb-result").inner_text().startswith("Richtig")
    assert page.locator("[data-rb-updated]").count() == 1
    context.close()


@inside_the_article()
def test_saving_names_the_file_after_the_reader_and_says_where_it_went(page, site):
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    hint = page.locator("[data-rb-elsewhere]")
    assert hint.is_visible() and "anderen Gerät" in hint.inner_text()   # an empty browser
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    page.get_by_label("Dein Name", exact=False).fill("Jörg Weiß")
    with page.expect_download() as info:
        page.get_by_role("button", name="Fortschritt als Datei sichern").click()
    name = info.value.suggested_filename
    assert name.startswith("rufbereit-fx-vollkurs-joerg-weiss-") and name.endswith(".json")
    message = page.locator(".rb-progress-message").inner_text()
    assert name in message and "Downloads" in message and "Fortschritt laden" in message
    assert stored(page)["name"] == "Jörg Weiß"
    open_module(page, site, "abschluss")
    answer_all(page, "abschluss")
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    assert page.locator("[data-rb-elsewhere]").is_hidden()   # progress in this browser now
