"""Every internal link and anchor of a built site resolves, raw-HTML links included."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import shutil

from support import page_url


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and tag in ("a", "img", "audio", "source", "video", "link", "script"):
                self.links.append(attributes[name])


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    pages = {page: _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        base = "/" + page.parent.relative_to(site).as_posix() + "/"
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # ordinary links to other sites are allowed; embeds are checked elsewhere
            target_path = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else base + page.name
            target = site / target_path.lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} (anchor)")
    return broken


@pytest.mark.parametrize("course", ["default", "full", "english"])
def test_every_internal_link_and_anchor_resolves(built_site, course):
    assert broken_links(built_site(course) / "site") == []


def test_the_link_check_notices_a_missing_page(tmp_path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site("english") / "site", site)
    (site / page_url("en", "module/follow-up") / "index.html").unlink()
    assert any("follow-up/" in link for link in broken_links(site))
