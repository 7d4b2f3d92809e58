"""Links in a package name files, never folders.

An LMS serves a package's files through its own file server (Moodle: pluginfile.php), which
serves no `index.html` for a folder: a link to `kurs/module/x/` shows a blank frame. The
package's copy of the site therefore gets every folder link rewritten to `…/index.html`, and
the export refuses a package in which a page still links to a folder. Links the site's script
builds at run time are rewritten by the launcher (rufbereit-lms.js, `fileLinks`)."""

from __future__ import annotations

import posixpath
import re

# One start tag; inside it, the attributes that name another file of the package.
TAG = re.compile(r"<[A-Za-z][^<>]*>")
ATTRIBUTE = re.compile(
    r"""(?P<name>\s(?:href|src|data-rb-finish-url)=)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)
EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#|/)")


def split_link(value: str) -> tuple[str, str]:
    """`path`, `?query#fragment` of a link."""
    cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    return value[:cut], value[cut:]


def file_link(value: str) -> str:
    """The link with `index.html` added where it names a folder; others unchanged."""
    if not value or EXTERNAL.match(value):
        return value
    path, rest = split_link(value)
    if not path:
        return value
    if path.endswith("/"):
        return path + "index.html" + rest
    if path in (".", "..") or path.endswith(("/.", "/..")):
        return path + "/index.html" + rest
    return value


def _rewrite_tag(match: re.Match) -> str:
    def attribute(found: re.Match) -> str:
        quote = '"' if found.group("dq") is not None else "'" if found.group("sq") is not None else ""
        value = next(v for v in (found.group("dq"), found.group("sq"), found.group("uq")) if v is not None)
        return f"{found.group('name')}{quote}{file_link(value)}{quote}"

    return ATTRIBUTE.sub(attribute, match.group(0))


def rewrite_page(html: str) -> str:
    return TAG.sub(_rewrite_tag, html)


def page_links(html: str) -> list[str]:
    """Every package-internal link of a page (href, src, data-rb-finish-url)."""
    links = []
    for tag in TAG.finditer(html):
        for found in ATTRIBUTE.finditer(tag.group(0)):
            value = next(v for v in (found.group("dq"), found.group("sq"), found.group("uq")) if v is not None)
            if value and not EXTERNAL.match(value) and split_link(value)[0]:
                links.append(value)
    return links


def folder_links(files: dict[str, bytes]) -> list[str]:
    """`page: link` for every link that still names a folder of the package (or ends in `/`)."""
    folders = {posixpath.dirname(name) for name in files}
    folders |= {f.rsplit("/", i)[0] for f in folders for i in range(1, f.count("/") + 1)}
    found = []
    for name, data in sorted(files.items()):
        if not name.endswith(".html"):
            continue
        for link in page_links(data.decode("utf-8", "replace")):
            path = split_link(link)[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            if path.endswith("/") or target in folders or target == ".":
                found.append(f"{name}: {link}")
    return found


def file_links(files: dict[str, bytes]) -> dict[str, bytes]:
    """The package's pages with every folder link naming its index.html; raises ValueError
    when one still names a folder."""
    out = {
        name: rewrite_page(data.decode("utf-8")).encode("utf-8") if name.endswith(".html") else data
        for name, data in files.items()
    }
    left = folder_links(out)
    if left:
        raise ValueError("links to a folder, which an LMS does not serve: " + ", ".join(left[:10]))
    return out
