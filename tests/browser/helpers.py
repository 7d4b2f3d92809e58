"""Shared knowledge about the fixture course (tests/fixtures/full) and small page helpers."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from support import page_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def keep_screenshot(page, name: str, url: str | None = None) -> None:
    """A full-page picture for a person to look at, into the folder named by RUFBEREIT_SCREENS
    (e.g. `RUFBEREIT_SCREENS=/tmp/screens make test`); nothing otherwise: no test reads it, and
    encoding a whole page as PNG is among the dearest things a browser test can do."""
    folder = os.environ.get("RUFBEREIT_SCREENS")
    if folder:
        if url:
            page.goto(url)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def inside_the_article(served: str = "site"):
    """For a test of what happens inside a page's <article> alone (a quiz's judgement, the
    learner record, the practice call): run it on the engine that publishes the site only.
    Everything in the article is ours, the generated HTML and the scripts, and it is the same
    under both engines (tests/test_build.py: test_every_article_is_the_same_under_both_engines);
    what a theme shows or lays out around it (navigation, whole-page accessibility, widths,
    print, instant navigation) is tested on both."""
    return pytest.mark.parametrize(served, ["mkdocs"], indirect=True)

COURSE = "fx-vollkurs"
KEY = f"rufbereit:v1:{COURSE}"
MODULES = ["erste-schritte", "einwaende", "abschluss"]
# module -> id of its practice call; a module with a quiz and a call passes only with both.
CALLS = {"einwaende": "anruf-muster"}

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


# The theme fades some colours in (the back-to-top button, the header title, links) and follows a
# change of width with transitions (drawer, sidebars): axe looks at the page once they have
# settled, as a reader sees it, not half-way through. Two frames first: the theme reacts to a
# scroll or a resize in the next frame.
SETTLE = """async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const finite = document.getAnimations().filter((a) => a.effect.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => null)));
}"""


def settle(page) -> None:
    page.evaluate(SETTLE)


# axe-core with the options of axe_playwright_python's `Axe().run(page)`, for a walk of many
# pages: the script comes with every page of a context (`with_axe`) instead of being sent
# before every run. `within` narrows a run to what changed (a quiz after an answer).
AXE_RUN = "(within) => axe.run(within ? {include: [[within]]} : document, {resultTypes: ['violations']})"


def with_axe(context):
    from axe_playwright_python.sync_playwright import Axe

    context.add_init_script(Axe().axe_script)
    return context


def axe_violations(page, within: str | None = None) -> list[dict]:
    return page.evaluate(AXE_RUN, within)["violations"]


def module_url(site, module: str) -> str:
    return site.url(page_url("de", f"module/{module}"))


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


def answer_all(page, module: str, wrong: set[str] = frozenset(), start: int = 0) -> None:
    """Answer and check every question of `module` (from the `start`th on); markers in `wrong`
    get a wrong answer."""
    for kind, marker, value in RIGHT[module][start:]:
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


def call_of(course: str, module: str) -> dict:
    """The practice call section of `module` in tests/fixtures/`course`, straight from the YAML."""
    data = yaml.safe_load((FIXTURES / course / "modules" / f"{module}.yaml").read_text(encoding="utf-8"))
    return next(section for section in data["sections"] if section.get("kind") == "call")


def walk(call: dict) -> list[dict]:
    """Every path from start to an ending: the choices (say, index), points and ending.
    Computed here, independently of the generator, straight from the YAML."""
    paths = []

    def go(node, says, indexes, score):
        if node in call["endings"]:
            paths.append({"says": says, "indexes": indexes, "score": score, "ending": node,
                          "outcome": call["endings"][node]["outcome"]})
            return
        for index, choice in enumerate(call["steps"][node]["choices"]):
            go(choice["next"], [*says, choice["say"]], [*indexes, index], score + choice.get("points", 0))

    go(call["start"], [], [], 0)
    return paths


def expected(call: dict, path: dict) -> tuple[int, bool]:
    """(best possible points, whether `path` passes the call)."""
    best = max(p["score"] for p in walk(call) if p["outcome"] == "success")
    return best, path["outcome"] == "success" and path["score"] >= call.get("pass_points", 0)


def play_call(page, module: str, path: dict | None = None, course: str = "full") -> dict:
    """Walk the practice call of `module` on the open page (or frame) by mouse, along `path`
    (default: a path that passes the call); returns the path walked."""
    call = call_of(course, module)
    path = path or next(p for p in walk(call) if expected(call, p)[1])
    page.wait_for_selector(f'[data-rb-call="{CALLS[module]}"][data-rb-ready]', state="attached")
    box = page.locator(f'[data-rb-call="{CALLS[module]}"]')
    for say in path["says"]:
        box.get_by_role("button", name=say, exact=True).click()
    box.locator(".rb-call-end").wait_for()
    return path


def pass_module(page, site, module: str) -> None:
    """Pass `module` of the fixture course: every question right and, if it has one, its call."""
    open_module(page, site, module)
    answer_all(page, module)
    if module in CALLS:
        play_call(page, module)


def stored(page) -> dict | None:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r}))")


def summary_text(page) -> str:
    return page.locator(".rb-summary").inner_text()


PERCENT_RE = re.compile(r"(\d+) von (\d+) richtig \((\d+) %\)")


# r6-globals: the one name our scripts define on window (assets-src/global.mjs). Ours are the
# generator's data scripts (course.js, a package's map) and our bundles (rufbereit*.js).
ONE_GLOBAL = {"Rufbereit"}
_OUR_SCRIPTS = re.compile(r"/(course|rufbereit[a-z0-9-]*)\.js$")


def window_names(frame) -> set[str]:
    """Every name on the frame's window, enumerable or not."""
    return set(frame.evaluate("() => Object.getOwnPropertyNames(window)"))


def names_without_our_scripts(context, url: str) -> set[str]:
    """The names on the window of `url` loaded with our scripts refused: the browser's, the
    theme's and the engine's own."""
    from urllib.parse import urlsplit

    page = context.new_page()
    page.route(lambda address: bool(_OUR_SCRIPTS.search(urlsplit(address).path)), lambda route: route.abort())
    page.goto(url, wait_until="load")
    names = window_names(page.main_frame)
    page.close()
    return names


def added_names(frame) -> set[str]:
    """The names our scripts added to the frame's window: its names less those of its address
    loaded with our scripts refused (in a page of its own, in the same browser context)."""
    return window_names(frame) - names_without_our_scripts(frame.page.context, frame.url)
