"""The reader, second look (issue 21), on both engines at 360 and 1366 px: practice calls that
don't give the answer away, targets of at least 24 × 24 px, checklist rows that tick as a whole,
the progress page without words broken inside, a certificate that prints as one A4 page, the
glossary entry a link leads to, module cards clickable as a whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from conftest import shared_page
from helpers import MODULES, inside_the_article, open_module, stored

WIDTHS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1366, "height": 900}}


@pytest.fixture(params=list(WIDTHS))
def sized(request, browser, site):
    """A page on the fixture course, 360 and 1366 px wide."""
    yield from _sized_page(request, browser, site)


@pytest.fixture(params=list(WIDTHS))
def sized_default(request, browser, default_site):
    """A page on the repository's own course, 360 and 1366 px wide."""
    yield from _sized_page(request, browser, default_site)


def _sized_page(request, browser, built):
    """A page at the width of the test's parameter on `built` (conftest.py: shared_page)."""
    phone = request.param == "phone"
    yield from shared_page(request, browser, built, viewport=WIDTHS[request.param], is_mobile=phone, has_touch=phone)


# --- 1. calls that don't give the answer away --------------------------------------------

# At each step of a call: the choices shown, in order; how each choice button is drawn (colours,
# border, weight: nothing singled out); whether focus sits on a choice; the lines said so far.
# One question to the page a step, not five.
STEP = """box => ({
    choices: Array.from(box.querySelectorAll('.rb-call-now .rb-call-choice')).map(b => b.innerText),
    looks: Array.from(box.querySelectorAll('.rb-call-choice')).map(b => {
        const s = getComputedStyle(b);
        return [s.color, s.backgroundColor, s.borderColor, s.borderWidth, s.fontWeight, s.outlineStyle, s.boxShadow].join('|');
    }),
    focusOnChoice: !!document.activeElement && document.activeElement.classList.contains('rb-call-choice'),
    lines: box.querySelectorAll('.rb-call-log .rb-line').length,
})"""


def _play_to_the_end(page, box) -> list[list[str]]:
    """Tap the first shown choice at every step; returns each step's order of choices."""
    orders = []
    while True:
        if page.viewport_size["width"] >= 400:
            page.mouse.move(0, 0)   # a mouse's hover follows the pointer; a touch leaves none
        step = box.evaluate(STEP)
        if not step["choices"]:
            break
        orders.append(step["choices"])
        assert len(set(step["looks"])) == 1, "a choice is drawn differently"
        assert not step["focusOnChoice"], "focus sits on a choice"
        box.locator(".rb-call-now .rb-call-choice").first.click()
        page.wait_for_function("([b, n]) => b.querySelectorAll('.rb-call-log .rb-line').length > n",
                               arg=[box.element_handle(), step["lines"]])
    box.locator(".rb-call-end .rb-call-outcome").wait_for()
    return orders


@inside_the_article("default_site")
def test_every_call_twice_in_a_new_order_with_no_choice_singled_out(sized_default, default_site):
    page = sized_default
    page.goto(default_site.url(""))
    modules = page.evaluate("() => window.Rufbereit.course.modules.filter(m => (m.calls || []).length).map(m => m.id)")
    assert len(modules) >= 4
    # The order is drawn alike at any width; what the width changes is how choices are drawn
    # (a mouse's hover, a tap's none): a phone plays the first module's calls.
    if page.viewport_size["width"] < 400:
        modules = modules[:1]
    for module in modules:
        page.goto(default_site.url(f"kurs/module/{module}/"))
        page.wait_for_selector("[data-rb-call][data-rb-ready]", state="attached")
        for box in page.locator("[data-rb-call]").all():
            source = box.locator(".rb-call-step").first.locator(".rb-call-say").all_inner_texts()
            first = _play_to_the_end(page, box)
            assert first[0] != source, (module, "the first play shows the source order")
            box.get_by_role("button", name="Nochmal anrufen").click()
            assert page.evaluate("() => document.activeElement.matches('.rb-call-log .rb-line-client')")
            second = _play_to_the_end(page, box)
            assert sorted(first[0]) == sorted(second[0]) and first[0] != second[0], module


@inside_the_article("default_site")
def test_the_choice_is_recorded_by_its_source_index(sized_default, default_site):
    page = sized_default
    page.goto(default_site.url(""))
    module = page.evaluate("() => window.Rufbereit.course.modules.find(m => (m.calls || []).length).id")
    page.goto(default_site.url(f"kurs/module/{module}/"))
    page.wait_for_selector("[data-rb-call][data-rb-ready]", state="attached")
    page.evaluate("() => { window.__choices = []; document.addEventListener('rufbereit:call-choice', e => window.__choices.push(e.detail)); }")
    box = page.locator("[data-rb-call]").first
    source = box.locator(".rb-call-step").first.locator(".rb-call-say").all_inner_texts()
    shown = box.evaluate(STEP)["choices"]
    box.locator(".rb-call-now .rb-call-choice").first.click()
    detail = page.evaluate("() => window.__choices[0]")
    assert detail["choice"] == str(source.index(shown[0]) + 1)


# --- 2. targets and checklists -------------------------------------------------------------

# Every visible control's box, except links inside running text (WCAG 2.5.8's inline exception)
# and what the theme hides until hovered (heading permalinks).
TARGETS = """() => Array.from(document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, label.md-button, a[href], label[for]'))
  .filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (!r.width || !r.height || s.visibility === 'hidden' || s.opacity === '0') return false;
    if (e.matches('.headerlink, .rb-load-file, .md-skip, label[for]:not(.md-button)')) return false;
    if (e.tagName === 'A' && s.display === 'inline' && e.closest('p, li, dd, td, th, label, .rb-call-said, blockquote, figcaption')
        && !e.matches('.md-nav__link')) return false;
    return true;
  })
  .map(e => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 120), Math.round(r.width), Math.round(r.height)]; })
  .filter(([, w, h]) => w < 24 || h < 24)"""


def test_every_control_is_at_least_24_px(sized, site):
    page = sized
    for path in ["", *(f"kurs/module/{m}/" for m in MODULES), "kurs/glossar/", "kurs/fortschritt/"]:
        page.goto(site.url(path))
        page.wait_for_load_state("load")
        small = page.evaluate(TARGETS)
        assert not small, (path, small)


@inside_the_article()
def test_a_tap_on_a_checklist_items_words_ticks_it_and_stays(sized, site):
    page = sized
    open_module(page, site, "erste-schritte")
    url = page.url   # the theme may add the hash of the section scrolled to: that is still the page
    here = lambda: page.url.split("#")[0] == url.split("#")[0]  # noqa: E731
    row = page.locator(".rb-checklist li", has_text="FxHakenZwei")
    box = row.locator("input[type=checkbox]")
    # the glossary term inside the item is a tooltip, not a link
    term = row.locator("label abbr", has_text="Leitfaden")
    assert term.get_attribute("title").startswith("Die abgestimmte")
    assert row.locator("label a").count() == 0
    if page.viewport_size["width"] < 400:
        term.tap()
    else:
        term.click()
    assert box.is_checked() and here()
    row.locator("strong", has_text="bereitlegen").click()
    assert not box.is_checked() and here()
    # a tap at the row's far end ticks it too
    label = row.locator("label").bounding_box()
    page.mouse.click(label["x"] + label["width"] - 3, label["y"] + label["height"] / 2)
    assert box.is_checked()
    size = box.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    assert stored(page)["modules"]["erste-schritte"]["checklists"]
    # the definition stays one tap away, outside the label
    link = row.locator("a.rb-term-link")
    assert link.get_attribute("aria-label") == "Begriff „Leitfaden“ im Glossar"
    link.click()
    page.wait_for_url(re.compile(r"glossar/#leitfaden$"))
    expect(page.locator("[id='leitfaden']")).to_be_in_viewport()


# --- 4. progress page, glossary, cards, navigation ------------------------------------------

# Every word of the progress table stays on one line: a word broken inside has two boxes.
BROKEN_WORDS = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('.rb-progress-table td, .rb-progress-table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\\s\\u2013-]+/g)) {
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width).map(x => Math.round(x.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""


def test_progress_page_breaks_no_word_inside(sized_default, default_site):
    page = sized_default
    page.goto(default_site.url("kurs/fortschritt/"))
    page.wait_for_selector("[data-rb-progress][data-rb-ready]", state="attached")
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= page.viewport_size["width"]
    # the date column is on screen
    for cell in page.locator("td[data-rb-date]").all():
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= page.viewport_size["width"]


def test_a_wide_table_says_it_scrolls(sized_default, default_site):
    page = sized_default
    page.goto(default_site.url("kurs/module/einwaende/"))
    page.wait_for_load_state("load")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content .md-typeset table')).filter(t => {
        const box = t.closest('.md-typeset__scrollwrap') || t.parentElement; return box.scrollWidth > box.clientWidth + 1; }).length""")
    hints = page.locator(".rb-scroll-hint")
    assert hints.count() == wide
    if wide:
        assert hints.first.is_visible() and hints.first.inner_text().startswith("Tabelle, seitlich verschiebbar")


@inside_the_article()
def test_a_glossary_entry_reached_by_a_link_stands_out_and_leads_back(page, site):
    open_module(page, site, "erste-schritte")
    title = page.locator(".md-content h1").evaluate("h => h.firstChild.textContent.trim()")
    page.locator(".md-content a[href*='glossar/#']").first.click()
    page.wait_for_url(re.compile(r"glossar/#"))
    anchor = page.evaluate("() => location.hash.slice(1)")
    entry = page.locator(f"dt[id='{anchor}']")
    background = entry.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator(f"dl.rb-glossary dt:not([id='{anchor}'])").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != other
    back = page.locator(".rb-glossary-back")
    assert back.count() == 1 and back.inner_text() == f"← Zurück zu „{title}“"
    back.click()
    page.wait_for_url(re.compile(r"module/erste-schritte/$"))


@inside_the_article()
def test_a_whole_module_card_opens_the_module(page, site):
    page.goto(site.url(""))
    card = page.locator(".rb-card").first
    box = card.bounding_box()
    card.click(position={"x": box["width"] - 8, "y": box["height"] - 8})   # far from the title's link
    page.wait_for_url(re.compile(r"kurs/module/[^/]+/(#.*)?$"))   # the theme may add a section hash


def test_navigation_labels_are_whole_next_to_their_badges(page, site):
    open_module(page, site, "erste-schritte")
    page.get_by_label("FxHakenEins").check()
    cut = page.evaluate("""() => Array.from(document.querySelectorAll('.md-nav__link .md-ellipsis'))
        .filter(e => e.offsetWidth && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())""")
    assert cut == []
    assert page.locator(".md-sidebar--primary .rb-nav-status").count() >= 1


def test_back_to_top_never_covers_text(sized, site):
    page = sized
    open_module(page, site, "einwaende")
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -600)
    top = page.locator(".md-top")
    if not top.count() or not top.is_visible():
        return
    box = top.bounding_box()
    content = page.locator(".md-content__inner").bounding_box()
    assert box["x"] >= content["x"] + content["width"] or box["x"] + box["width"] <= content["x"]


# --- 5. the certificate --------------------------------------------------------------------

def _pass_everything(page, site) -> None:
    page.goto(site.url(""))
    page.wait_for_load_state("load")
    page.evaluate("""() => {
        const R = window.Rufbereit.course, modules = {};
        R.modules.forEach((m, i) => { modules[m.id] = { questions: {}, best: 90 + i, passed: true, read: true,
            date: '2026-11-2' + i, passedDate: '2026-11-2' + i,
            calls: Object.fromEntries((m.calls || []).map(c => [c, { best: 4, passed: true, ending: 'x' }])) }; });
        localStorage.setItem('rufbereit:v1:' + R.course, JSON.stringify({ course: R.course, version: 1, name: 'Erika Musterfrau', modules }));
    }""")


def test_the_certificate_prints_alone_on_one_a4_page(page, site):
    _pass_everything(page, site)
    page.goto(site.url("kurs/abschluss/"))
    page.locator(".rb-finish-done").wait_for()
    version = page.evaluate("() => window.Rufbereit.course.version")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-content h1", ".rb-certificate-field", ".rb-congrats"):
        assert page.locator(hidden).first.is_hidden(), hidden
    text = page.locator(".rb-certificate").inner_text()
    for words in ("Teilnahmebestätigung", "Erika Musterfrau", "Vollkurs FxKurstitel", f"Kursinhalt in der Version {version}",
                  "Ausgestellt von: Ausbildungsteam FxAussteller", "Ort, Datum, Unterschrift"):
        assert words in text, (words, text)
    rows = page.locator(".rb-certificate-modules tbody tr")
    assert rows.count() == len(MODULES)
    for i in range(len(MODULES)):
        cells = rows.nth(i).locator("td")
        assert cells.nth(1).inner_text() == f"{90 + i} %"
        assert cells.nth(2).inner_text() == f"2{i}.11.2026"
        # columns that don't touch: a gap of at least 8 px between the cells' texts
        gaps = cells.evaluate_all("""cs => cs.slice(1).map((c, k) => {
            const r = document.createRange(); r.selectNodeContents(cs[k]); const left = r.getBoundingClientRect();
            r.selectNodeContents(c); return r.getBoundingClientRect().left - left.right; })""")
        assert min(gaps) >= 8, gaps
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, pages


# Axe on this round's parts (a ticked checklist, a wrongly answered question with "Nochmal
# versuchen" and "Lösung zeigen", the progress page, the glossary with an entry as the address's
# target) looks at them in both schemes at both widths on both engines in test_learning.py's walk
# of every page (test_every_screen_accessible_and_nothing_sideways_on_a_phone).
