"""Shared knowledge about the fixture course (tests/fixtures/full) and small page helpers."""

from __future__ import annotations

import re

COURSE = "fx-vollkurs"
KEY = f"rufbereit:v1:{COURSE}"
MODULES = ["erste-schritte", "einwaende", "abschluss"]

# type -> (module, prompt marker, explanation marker or None, right answer, wrong answer,
#          feedback expected for the right answer, feedback expected for the wrong answer)
CASES = {
    "single": ("erste-schritte", "FxFrageEinzel", "FxErklaerungEinzel",
               ["FxOptionRichtig"], ["FxOptionFalsch"], "FxFeedbackRichtig", "FxFeedbackFalsch"),
    "multiple": ("erste-schritte", "FxFrageMehrfach", "FxErklaerungMehrfach",
                 ["FxMehrfachA", "FxMehrfachB"], ["FxMehrfachA", "FxMehrfachC"], "FxMehrfachRueckA", "FxMehrfachRueckC"),
    "true_false": ("erste-schritte", "FxFrageWahrFalsch", "FxErklaerungWahrFalsch",
                   "Stimmt", "Stimmt nicht", "FxRueckWahrGewaehlt", "FxRueckFalschGewaehlt"),
    "text": ("erste-schritte", "FxFrageTextGross", "FxErklaerungTextGross",
             "  Leitfaden ", "leitfaden", None, None),
    "order": ("einwaende", "FxFrageReihenfolge", "FxErklaerungReihenfolge",
              {"FxSchrittEins": "1", "FxSchrittZwei": "2", "FxSchrittDrei": "3"},
              {"FxSchrittEins": "2", "FxSchrittZwei": "1", "FxSchrittDrei": "3"}, None, None),
    "match": ("einwaende", "FxFrageZuordnung", "FxErklaerungZuordnung",
              {"FxLinksEins": "0", "FxLinksZwei": "1", "FxLinksDrei": "2"},
              {"FxLinksEins": "1", "FxLinksZwei": "0", "FxLinksDrei": "2"}, None, None),
}

# Right answers for every question of each module, as (type, answer) keyed by prompt marker.
RIGHT = {
    "erste-schritte": [(k, CASES[k][1], CASES[k][3]) for k in ("single", "multiple", "true_false", "text")],
    "einwaende": [
        ("order", "FxFrageReihenfolge", CASES["order"][3]),
        ("match", "FxFrageZuordnung", CASES["match"][3]),
        ("text", "FxFrageTextKlein", "hallo"),
        ("single", "FxFrageNachEinwand", ["FxEinzelZweiRichtig"]),
    ],
    "abschluss": [
        ("multiple", "FxFrageEckdaten", ["FxAbschlussDatum", "FxAbschlussUhrzeit"]),
        ("true_false", "FxFrageBestaetigung", "Stimmt nicht"),
    ],
}


def module_url(site, module: str) -> str:
    return site.url(f"kurs/module/{module}/")


def open_module(page, site, module: str) -> None:
    """Go to a module page and wait until rufbereit.js has set up its quiz."""
    page.goto(module_url(site, module))
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")


def question(page, marker: str):
    return page.locator("fieldset.rb-question", has_text=marker)


def answer(q, kind: str, value) -> None:
    """Answer question `q` with the mouse (select boxes via select_option)."""
    if kind in ("single", "multiple"):
        for marker in value:
            q.locator("label", has_text=marker).click()
    elif kind == "true_false":
        q.get_by_label(value, exact=True).click()
    elif kind == "text":
        q.locator("input[type=text]").fill(value)
    elif kind == "order":
        for marker, position in value.items():
            q.locator(".rb-item", has_text=marker).locator("select").select_option(position)
    elif kind == "match":
        for marker, right in value.items():
            q.locator(".rb-pair", has_text=marker).locator("select").select_option(right)
    else:  # pragma: no cover
        raise ValueError(kind)


def check(q) -> str:
    q.get_by_role("button", name="Prüfen").click()
    result = q.locator(".rb-result")
    result.locator(".rb-verdict").wait_for()
    return result.inner_text()


def answer_all(page, module: str, wrong: set[str] = frozenset()) -> None:
    """Answer and check every question of `module`; markers in `wrong` get a wrong answer."""
    for kind, marker, value in RIGHT[module]:
        q = question(page, marker)
        if marker in wrong:
            value = _wrong(kind, marker)
        answer(q, kind, value)
        check(q)


def _wrong(kind: str, marker: str):
    for case in CASES.values():
        if case[1] == marker:
            return case[4]
    return {"text": "Tschüss", "single": ["FxEinzelZweiFalsch"], "multiple": ["FxAbschlussFarbe"],
            "true_false": "Stimmt"}[kind]


def stored(page) -> dict | None:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r}))")


def summary_text(page) -> str:
    return page.locator(".rb-summary").inner_text()


PERCENT_RE = re.compile(r"(\d+) von (\d+) richtig \((\d+) %\)")
