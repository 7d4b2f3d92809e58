"""Content full of script injection builds with both engines, and none of it runs in a real
browser, whatever a reader hovers, focuses or opens.

Material's and Zensical's tooltips insert an element's `title` (and the text of a truncated
navigation or table-of-contents entry) as HTML: a second unescaping. The fixture's tooltip
attacks only become markup after it, so the test touches every such element.
"""

from __future__ import annotations

import pytest

from conftest import watch_csp

# Everything a theme may turn into a tooltip, and everything a reader may point at.
TOUCHABLE = "[title], abbr, .md-nav__link, .md-ellipsis, .md-header__topic, article a, article summary, a"
# Any script that runs calls one of these: record the call instead of opening a dialog. And
# record every element with an event handler that ever enters the page, even for a moment
# (a tooltip is removed when the pointer leaves it).
WATCH = """
window.__fired = [];
window.__injected = [];
for (const name of ['alert', 'confirm', 'prompt', 'print'])
    window[name] = (...args) => window.__fired.push(name + ':' + args.join());
const record = node => {
    if (node.nodeType !== 1) return;
    for (const el of [node, ...node.querySelectorAll('*')])
        if ([...el.attributes].some(a => a.name.startsWith('on')))
            window.__injected.push(el.outerHTML.slice(0, 120));
};
new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(record)))
    .observe(document, {childList: true, subtree: true});
"""


def _pages(site) -> list[str]:
    root = site.root / "site"
    return [html.parent.relative_to(root).as_posix() for html in sorted(root.rglob("index.html"))]


def _touch_everything(page) -> int:
    touched = 0
    for element in page.locator(TOUCHABLE).all():
        try:
            if not element.is_visible():
                continue
            element.hover(timeout=500, force=True)
            element.focus(timeout=500)
            touched += 1
        except Exception:  # an element replaced by instant navigation or a tooltip
            continue
    return touched


@pytest.mark.parametrize("width", [1280, 1600])
def test_no_injected_script_runs_on_any_page(browser, hostile_site, width):
    fired: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(WATCH)
    violations: list[str] = []
    watch_csp(context, violations)
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (fired.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        touched, injected, played = 0, [], 0
        for path in _pages(hostile_site):
            page.goto(hostile_site.url(path + "/" if path != "." else ""))
            page.wait_for_load_state("networkidle")
            touched += _touch_everything(page)
            played += _play_every_choice(page)
            page.wait_for_timeout(200)
            fired += [f"{path}: {call}" for call in page.evaluate("window.__fired")]
            injected += [f"{path}: {html}" for html in page.evaluate("window.__injected")]
        assert touched > 100, "the test must have touched the pages' elements"
    finally:
        context.close()
    assert injected == [], f"{hostile_site.engine}: injected markup: " + "\n".join(injected)
    assert fired == [], f"{hostile_site.engine}: script ran: " + "\n".join(fired)
    assert violations == [], f"{hostile_site.engine}: CSP violations: " + "\n".join(violations)
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
