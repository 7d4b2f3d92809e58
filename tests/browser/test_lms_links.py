"""Every link of every page of a package works in an LMS's file server: one that serves the
package under a deep path prefix and gives 404 for a folder (Moodle's pluginfile.php). The
pages are loaded in the launcher's frame, as a learner sees them, links built by the site's
script included; every same-origin link is requested and must answer 200."""

from __future__ import annotations

import zipfile

import pytest

from rufbereit.cli import main

from conftest import ROOT
from lms_server import LmsFileServer, script_errors, watch_errors

LINKED = "a[href], area[href], link[href], script[src], img[src], iframe[src], source[src], audio[src], video[src]"


# The launcher page and its key under window.Rufbereit (assets-src/global.mjs).
LAUNCHERS = {"scorm12": ("rufbereit-lms.html", "scorm"), "scorm2004": ("rufbereit-lms.html", "scorm"),
             "cmi5": ("rufbereit-cmi5.html", "cmi5")}


@pytest.fixture(scope="module", params=list(LAUNCHERS))
def served(request, tmp_path_factory):
    kind = request.param
    launcher, bridge = LAUNCHERS[kind]
    root = tmp_path_factory.mktemp(kind)
    package = root / "package.zip"
    assert main(["export", kind, "--content", str(ROOT / "tests/fixtures/full"), "--out", str(package)]) == 0
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "unpacked")
        pages = sorted(n for n in archive.namelist() if n.endswith(".html") and n != launcher)
    server = LmsFileServer(root / "unpacked")
    yield server.base, pages, launcher, bridge
    server.close()


def links_of(frame) -> list[str]:
    return frame.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel), (e) => e.href || e.src)"
        ".filter((u) => typeof u === 'string' && u.startsWith(location.origin))"
        ".map((u) => u.split('#')[0])", LINKED)


def test_every_link_of_every_page_answers_in_an_lms_file_server(browser, served):
    base, pages, launcher, bridge = served
    context = browser.new_context()
    page = context.new_page()
    watch_errors(page)
    page.goto(base + launcher)
    page.wait_for_function(f"() => window.Rufbereit?.{bridge}?.page")
    queue, visited, checked, broken = [base + p for p in pages], set(), {}, []
    while queue:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        page.evaluate(f"(u) => {{ window.Rufbereit.{bridge}.page = ''; document.getElementById('rb-course').src = u; }}", url)
        page.wait_for_function(f"(u) => window.Rufbereit.{bridge}.page === u", arg=url)
        frame = next(f for f in page.frames if f.name == "rb-course")
        for link in links_of(frame):
            if link not in checked:
                checked[link] = context.request.get(link).status
            if checked[link] != 200:
                broken.append(f"{url[len(base):]} -> {link[len(base):] if link.startswith(base) else link}")
            elif link.startswith(base) and link.endswith(".html") and link not in visited:
                queue.append(link)
    errors = script_errors(page)
    context.close()
    assert not broken, f"{len(broken)} links answer 404 in an LMS: {broken[:20]}"
    assert len(visited) >= len(pages) and len(checked) > 10
    assert not errors
