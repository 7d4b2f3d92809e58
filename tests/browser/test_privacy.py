"""Every page of the built default course loads nothing from another host."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import watch_csp


def test_no_page_requests_another_host(browser, default_site):
    pages = sorted(default_site.root.joinpath("site").rglob("*.html"))
    assert len(pages) >= 6
    foreign: list[str] = []
    context = browser.new_context()
    violations: list[str] = []
    watch_csp(context, violations)  # every page works within its Content-Security-Policy
    allowed = f"127.0.0.1:{default_site.port}"
    context.on(
        "request",
        lambda request: foreign.append(request.url)
        if urlsplit(request.url).scheme not in ("data", "blob", "about") and urlsplit(request.url).netloc != allowed
        else None,
    )
    page = context.new_page()
    for html_file in pages:
        page.goto(default_site.url(html_file.relative_to(default_site.root / "site").as_posix()))
        page.wait_for_load_state("networkidle")
    context.close()
    assert foreign == []
    assert violations == []
