"""The browser tests' own fixtures: a Chromium that crashed under load fails only its own test."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error


@pytest.mark.browser
def test_a_crashed_browser_is_launched_again_for_the_next_test(request, _chromium):
    crashed = _chromium["browser"]
    with pytest.raises(Error):  # the browser process dies, as it does under load
        crashed.new_browser_cdp_session().send("Browser.crash")
    assert not crashed.is_connected()
    browser = request.getfixturevalue("browser")
    assert browser is not crashed and browser.is_connected()
    page = browser.new_page()
    page.set_content("<p>bereit</p>")
    assert page.text_content("p") == "bereit"
    page.close()
