"""The shared page of the browser tests (conftest.py: `shared_page`) is, after its reset, what a
new page is: a warm page equals a cold one, or it is not reused."""

from __future__ import annotations

import pytest
from conftest import _SharedPage
from helpers import module_url

STATE = """() => [localStorage.length, sessionStorage.length, document.cookie, innerWidth, innerHeight,
                  document.querySelectorAll('[data-rb-ready]').length]"""
LEAVE_TRACES = """() => { localStorage.setItem('rufbereit:v1:spur', '{}'); sessionStorage.setItem('spur', '1');
                         document.cookie = 'spur=1; path=/'; }"""


def _state(page, url: str) -> list:
    page.goto(url)
    return page.evaluate(STATE)


@pytest.mark.parametrize("site", ["mkdocs"], indirect=True)
def test_a_reset_page_shows_what_a_new_page_shows(browser, site):
    url = module_url(site, "erste-schritte")
    shared = _SharedPage.open(browser, site, {})
    fresh = browser.new_context(accept_downloads=True)
    try:
        page, viewport = shared.page, shared.page.viewport_size
        page.goto(url)
        page.evaluate(LEAVE_TRACES)
        page.on("console", lambda message: None)
        page.set_viewport_size({"width": 400, "height": 500})
        assert page.evaluate(STATE)[:3] != [0, 0, ""]   # the traces are there
        assert shared.reset(site, viewport)
        assert page.url == "about:blank" and not shared.listeners
        assert _state(page, url) == _state(fresh.new_page(), url)
    finally:
        shared.context.close()
        fresh.close()


@pytest.mark.parametrize("site", ["mkdocs"], indirect=True)
@pytest.mark.parametrize("change", ["init script", "clock", "second page"])
def test_a_page_changed_for_good_is_not_reused(browser, site, change):
    shared = _SharedPage.open(browser, site, {})
    try:
        page = shared.page
        page.goto(module_url(site, "erste-schritte"))
        if change == "init script":
            page.context.add_init_script("window.spur = 1")
        elif change == "clock":
            page.clock.install()
        else:
            page.context.new_page()
        assert not shared.reset(site, page.viewport_size)
    finally:
        shared.context.close()
