"""Issue 19 item 5: our scripts define one name on window, `Rufbereit` (assets-src/global.mjs),
on the site's pages in both engines: the names on a page, less the names on the same page with
our scripts refused (the browser's, Material's, the engine's), are that one. The trainer
edition, the SCORM and cmi5 package pages and the preview are checked where their browser
tests run them (test_edition.py, test_scorm.py, test_cmi5.py, test_serve.py)."""

from __future__ import annotations

import pytest

from helpers import ONE_GLOBAL, names_without_our_scripts, window_names


@pytest.mark.parametrize("path", ["", "kurs/module/einwaende/", "kurs/fortschritt/"])
def test_a_site_page_gains_one_global_name(page, site, path):
    page.goto(site.url(path), wait_until="load")
    page.wait_for_function("() => window.Rufbereit && window.Rufbereit.site")
    added = window_names(page.main_frame) - names_without_our_scripts(page.context, site.url(path))
    assert added == ONE_GLOBAL
    assert sorted(page.evaluate("() => Object.keys(window.Rufbereit)")) == ["course", "site"]
