"""Content full of script injection builds with both engines, and none of it runs in a real
browser, whatever a reader hovers, focuses or opens.

Material's and Zensical's tooltips (`content.tooltips`, left off) would insert an element's
`title` (and the text of a truncated navigation or table-of-contents entry) as HTML: a second
unescaping. The fixture's tooltip attacks only become markup after it, so the test touches
every such element.
"""

from __future__ import annotations

from conftest import watch_csp

# Everything a theme may turn into a tooltip, and everything a reader may point at; and of these,
# what a theme truncates (and so may turn into a tooltip) depending on the width.
TOUCHABLE = "[title], abbr, .md-nav__link, .md-ellipsis, .md-header__topic, article a, article summary, a"
TRUNCATED = ".md-nav__link, .md-ellipsis, .md-header__topic"
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


# Which of the elements are visible, as Playwright's `is_visible` decides it (a box, and not
# `visibility: hidden`), and their markup: asked once per page instead of once per element.
VISIBLE = """els => els.map(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' ? e.outerHTML : null; })"""


def _touch_everything(page, touched: set[str], selector: str = TOUCHABLE) -> None:
    """Hover and focus every visible element of `selector` whose markup is not in `touched` yet,
    and add it there. A theme makes a tooltip from an element's own attributes and text, so an
    element of the same markup at the same width (the navigation on every page) was touched once:
    a hover costs a tenth of a second, and the walk had five hundred, four in ten distinct."""
    elements = page.locator(selector)
    for element, markup in zip(elements.all(), elements.evaluate_all(VISIBLE)):
        if markup is None or markup in touched:
            continue
        try:
            element.hover(timeout=500, force=True)
            element.focus(timeout=500)
            touched.add(markup)
        except Exception:  # an element replaced by instant navigation or a tooltip
            continue


# Issue 18: what a second Markdown pass once gave course text. Collected from the live DOM
# (after the themes' scripts ran) of every page.
INSPECT = """() => {
    const found = [];
    const short = el => el.outerHTML.slice(0, 120);
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes)
            if (a.name.startsWith('on') || a.name === 'srcdoc' || a.name === 'formaction')
                found.push('attribute ' + a.name + ': ' + short(el));
    }
    for (const el of document.querySelectorAll('article *')) {
        if (getComputedStyle(el).position === 'fixed') found.push('fixed: ' + short(el));
        if (el.hasAttribute('style') || el.hasAttribute('autofocus') || el.hasAttribute('target'))
            found.push('content attribute: ' + short(el));
    }
    for (const el of document.querySelectorAll('iframe, frame, object, embed, base, article form'))
        found.push('element: ' + short(el));
    for (const a of document.querySelectorAll('a[target]'))
        if (a.target !== '_self' && !a.relList.contains('noopener')) found.push('opener: ' + short(a));
    return found;
}"""


# Every page at two widths, because what a theme truncates depends on the width: everything is
# touched at the first, and the page widened to the second for what it truncates there. The
# practice call writes the same lines at any width, so it is played at the first.
WIDTHS = (1280, 1600)


def test_no_injected_script_runs_and_nothing_content_made_on_any_page(browser, hostile_site):
    """On every page, as loaded: no content-made handler, frame, overlay or opener (INSPECT);
    then, whatever a reader hovers, focuses or plays, no script runs."""
    fired: list[str] = []
    found: list[str] = []
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    context.add_init_script(WATCH)
    violations: list[str] = []
    watch_csp(context, violations)
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (fired.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        touched, truncatable, injected, played = set(), set(), [], 0
        for path in _pages(hostile_site):
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(hostile_site.url(path + "/" if path != "." else ""))
            page.wait_for_load_state("networkidle")
            found += [f"{path}: {item}" for item in page.evaluate(INSPECT)]
            _touch_everything(page, touched)
            played += _play_every_choice(page)
            page.set_viewport_size({"width": WIDTHS[1], "height": 900})
            _touch_everything(page, truncatable, TRUNCATED)
            page.wait_for_timeout(200)
            fired += [f"{path}: {call}" for call in page.evaluate("window.__fired")]
            injected += [f"{path}: {html}" for html in page.evaluate("window.__injected")]
        assert len(touched) > 100 and len(truncatable) > 20, "the test must have touched the pages' elements at both widths"
        page.goto(hostile_site.url("kurs/module/boese-zwei/"))
        assert page.get_by_text("Sitzung abgelaufen").count() >= 1, "the attack's text is still shown, as text"
    finally:
        context.close()
    assert found == [], f"{hostile_site.engine}: " + "\n".join(found)
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


def test_a_linked_page_never_reaches_the_course_tab(browser, hostile_site):
    """Reverse tabnabbing: a page opened from the course must find `window.opener` empty."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(hostile_site.url("kurs/module/boese-zwei/"))
        targets = page.evaluate("() => [...document.querySelectorAll('a[target=_blank]')].map(a => a.getAttribute('href'))")
        page.evaluate("() => document.querySelectorAll('article a[href]').forEach(a => a.target = '_blank')")
        link = page.locator("article a[rel~='noopener']", has_text="zurück").first
        with context.expect_page() as opened:
            link.click()
        popup = opened.value
        popup.wait_for_load_state()
        assert popup.evaluate("() => window.opener") is None, targets
    finally:
        context.close()
