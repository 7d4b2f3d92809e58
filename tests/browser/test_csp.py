"""Every page carries a Content-Security-Policy that blocks what injected content would need
(inline handlers, `javascript:` URLs, plugins, other origins), and the site works within it
(the `page` and `new_context` fixtures fail any test on a violation)."""

from __future__ import annotations

import re
import time

from conftest import watch_csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_starts_with_the_policy(site):
    pages = sorted((site.root / "site").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        source = page.read_text(encoding="utf-8")
        policies = META.findall(source)
        assert len(policies) == 1, page
        head = source[source.index("<head>"):]
        assert head.index("Content-Security-Policy") < head.index("<script"), "before every script"
        policy = policies[0]
        for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
            assert directive in policy
        scripts = re.search(r"script-src ([^;]+)", policy).group(1)
        assert "unsafe-inline" not in scripts and "unsafe-eval" not in scripts and "http" not in scripts


def test_the_policy_blocks_handlers_script_urls_and_other_origins(browser, site):
    violations: list[str] = []
    context = browser.new_context()
    watch_csp(context, violations)
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.goto(site.url("kurs/module/erste-schritte/"))
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.setAttribute('onerror', 'alert("handler")');
        img.src = 'nicht-da.png';
        document.body.append(img);
        const link = document.createElement('a');
        link.href = 'javascript:alert("url")';
        link.textContent = 'x';
        document.body.append(link);
        link.click();
        const script = document.createElement('script');
        script.textContent = 'alert("inline")';
        document.body.append(script);
        const remote = document.createElement('img');
        remote.src = 'http://127.0.0.2:9/pixel.png';  // another origin, still on this machine
        document.body.append(remote);
    }""")
    deadline = time.monotonic() + 10  # the browser reports violations asynchronously
    while not all(any(d in v for v in violations) for d in ("script-src", "img-src")) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    context.close()
    assert ran == []
    blocked = "\n".join(violations)
    for directive in ("script-src", "img-src"):
        assert directive in blocked, blocked
    assert len(violations) >= 4
