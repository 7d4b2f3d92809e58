"""The browser tests' own fixtures: a Chromium that crashed under load fails only its own test."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_a_crashed_browser_is_launched_again_for_the_next_test(request, _chromium):
    _chromium["browser"].close()  # disconnected, as a crash leaves it
    browser = request.getfixturevalue("browser")
    assert browser.is_connected()
    page = browser.new_page()
    page.set_content("<p>bereit</p>")
    assert page.text_content("p") == "bereit"
    page.close()
