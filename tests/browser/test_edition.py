"""Issue 25 in the browser: the content version a reader sees in the footer is the one their
progress export, the passed module in their record and the certificate carry; the
trainer edition's role-play cards print on A4, one card per half page, in black and white."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ONE_GLOBAL, answer_all, names_without_our_scripts, open_module, stored, window_names
from lms_server import LmsFileServer

ROOT_DIR = Path(__file__).resolve().parents[2]
HALF_A4_PX = 138 * 96 / 25.4  # (297 mm − 2 × 10 mm margin) / 2, at 96 px per inch


def footer_version(page) -> str:
    return re.search(r"[0-9a-f]{12}", page.locator(".md-copyright").inner_text()).group(0)


def test_footer_export_record_and_certificate_name_one_content_version(page, site, tmp_path):
    open_module(page, site, "erste-schritte")
    answer_all(page, "erste-schritte")
    version = footer_version(page)
    modules = page.evaluate("() => Object.fromEntries(window.Rufbereit.course.modules.map((m) => [m.id, m.version]))")
    assert page.evaluate("() => window.Rufbereit.course.version") == version
    assert stored(page)["modules"]["erste-schritte"]["version"] == modules["erste-schritte"]
    page.goto(site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert footer_version(page) == version
    with page.expect_download() as info:
        page.get_by_role("button", name="Fortschritt als Datei sichern").click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["course_version"] == version
    assert saved["modules"]["erste-schritte"]["version"] == modules["erste-schritte"]
    assert "version" not in saved["modules"].get("einwaende", {})  # not passed, no version
    page.goto(site.url("kurs/abschluss/"))
    assert version in page.locator(".rb-certificate-version").text_content()


def build_trainer_edition(work: Path, course: str) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT_DIR / "generator"), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "rufbereit", "build", "--edition", "trainer", "--content",
         str(ROOT_DIR / "tests" / "fixtures" / course)],
        cwd=work, env=env, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return work / "site-trainer"


@pytest.fixture(scope="session")
def trainer_site(tmp_path_factory):
    return build_trainer_edition(tmp_path_factory.mktemp("trainer"), "full")


def test_hostile_course_text_runs_nothing_in_the_trainer_edition(browser, tmp_path):
    site = build_trainer_edition(tmp_path, "hostile")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(site.rglob("*.html"))
    assert any("rb-card-client" in path.read_text(encoding="utf-8") for path in pages)
    for path in pages:
        page.goto(path.as_uri())
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes])"
            ".filter((a) => a.name.startsWith('on')).map((a) => a.name)"
        )
        assert handlers == [], path
        page.locator(".md-content *").evaluate_all(
            "els => els.forEach((e) => ['mouseover', 'mouseenter', 'focus', 'click'].forEach("
            "(t) => e.dispatchEvent(new Event(t))))"
        )
    assert dialogs == []
    page.close()


def test_role_play_cards_print_on_a4_one_card_per_half_page(browser, trainer_site, tmp_path):
    page = browser.new_page()
    page.goto((trainer_site / "kurs" / "module" / "einwaende" / "anruf-muster" / "index.html").as_uri())
    page.emulate_media(media="print")
    cards = page.locator(".rb-card").evaluate_all(
        """cards => cards.map((card) => {
             const box = card.getBoundingClientRect(), style = getComputedStyle(card);
             return {top: box.top + scrollY, height: box.height, fits: card.scrollHeight <= card.clientHeight + 1,
                     color: style.color, background: style.backgroundColor, border: style.borderTopColor};
           })"""
    )
    assert len(cards) == 3  # caller, client, scoring sheet
    first = cards[0]["top"]
    for index, card in enumerate(cards):
        assert abs(card["height"] - HALF_A4_PX) < 2, card
        assert abs(card["top"] - first - index * HALF_A4_PX) < 2, card
        assert card["fits"], card
        # Black on white: nothing on the card depends on colour.
        assert (card["color"], card["background"], card["border"]) == ("rgb(0, 0, 0)", "rgb(255, 255, 255)",
                                                                       "rgb(0, 0, 0)")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2  # three half pages: two sheets of A4
    media_box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    width, height = float(media_box.group(1)), float(media_box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points (Chromium rounds to whole pixels)
    page.close()


def test_review_date_and_legal_disclaimer_as_a_reader_sees_them(page, site):
    open_module(page, site, "erste-schritte")
    assert page.locator(".rb-reviewed").inner_text() == "Stand: November 2026 · geprüft von Team Recht FxGeprueftVon"
    disclaimer = "Rechtsstand: geprüft im November 2026; keine Rechtsberatung"
    for path in ("", "kurs/glossar/"):
        page.goto(site.url(path))
        assert page.locator(".rb-disclaimer").inner_text() == disclaimer
        assert re.fullmatch(r"Inhaltsversion [0-9a-f]{12}", page.locator(".md-copyright").inner_text().strip())


def test_a_trainer_edition_page_gains_one_global_name(browser, trainer_site):
    """As on the site's pages (test_globals.py): at most `Rufbereit` (the edition for print loads
    none of our scripts today, so none)."""
    server = LmsFileServer(trainer_site)  # served, so that our scripts can be refused
    context = browser.new_context()
    try:
        page = context.new_page()
        url = server.base + "kurs/module/einwaende/anruf-muster/index.html"
        page.goto(url, wait_until="load")
        assert window_names(page.main_frame) - names_without_our_scripts(context, url) <= ONE_GLOBAL
    finally:
        context.close()
        server.close()
