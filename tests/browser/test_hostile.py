"""Content full of script injection builds, and none of it runs in a real browser."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from support import FIXTURES, make_project, run_cli


def test_no_injected_script_runs_on_any_page(tmp_path, browser):
    project = make_project(tmp_path / "project")
    result = run_cli("build", "--content", str(FIXTURES / "hostile"), cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fired: list[str] = []
    played = 0
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (fired.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for html_file in sorted(site.rglob("index.html")):
            url = f"http://127.0.0.1:{server.server_port}/{html_file.parent.relative_to(site).as_posix()}/"
            page.goto(url)
            # Hover over everything a reader might touch: injected handlers would fire now.
            for element in page.locator("article a, article div, article table, article summary").all()[:60]:
                if element.is_visible():
                    element.hover(timeout=1000, force=True)
            page.wait_for_timeout(100)
            played += _play_every_choice(page)
    finally:
        context.close()
        server.shutdown()
    assert fired == []
    assert played >= 5, "the hostile practice call was not played"


def _play_every_choice(page) -> int:
    """Walk the hostile practice call along every path (choice `a` first, then `b` at each
    later step), so that each line, feedback, last words and debrief enters the conversation;
    the hostile text must stay text."""
    played = 0
    for box in page.locator("[data-rb-call][data-rb-ready]").all():
        for a in range(4):
            for b in range(4):
                if box.locator(".rb-call-choice").count() <= a:
                    break
                box.locator(".rb-call-choice").nth(a).click()
                played += 1
                while box.locator(".rb-call-choice").count():
                    buttons = box.locator(".rb-call-choice")
                    buttons.nth(min(b, buttons.count() - 1)).click()
                    played += 1
                assert box.get_by_role("status").inner_text()
                assert box.locator(".rb-call-player :is(script, iframe, [onerror], [onclick], [onload])").count() == 0
                box.locator(".rb-call-restart").click()
    return played
