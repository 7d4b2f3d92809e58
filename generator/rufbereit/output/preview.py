"""The saved module shown at once: `rufbereit serve` renders the article of a changed module page
itself and the open page swaps it in, before the engine has rebuilt anything.

Why: a save took 1.4 s at 10 modules and 6–7 s at 300 until it showed (round 4): the whole
course loaded and linted, every page generated, then the engine's rebuild, then a full reload of
the page. Here a save of module texts only (the navigation and the course's other files as they
were) takes the quick way: the changed files parsed and validated (each file is cached by its
bytes), the module's page rendered, its Markdown turned into HTML as the engine does (the same
Python-Markdown with the same extensions), checked by the boundary (boundary.py: the same pass
as a build's pages), and written into the engine's served folder beside a small state file that
the open page asks for. The full regeneration (course-wide rules, every page, the engine's
rebuild) follows as before; when it ends, the state keeps only what agrees with it.

Only engines that serve their site folder from disk as it is (`Engine.serves_site_dir`) take the
quick way; with the others the page reloads once the engine serves the new version.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

import markdown

from ..content.load import load_content
from ..content.problems import Problem
from ..content.tree import Content, ParseCache
from ..render.pages import CONFIG_FILE, SiteRenderer, markdown_extensions
from ..texts import section, text
from .boundary import inspect_page

# Under the site folder: the state the open pages ask for, and the articles it names.
STATE_DIR = "_rufbereit-preview"
STATE_FILE = "state.json"
PAGE_STAMP = "rufbereit-preview"


def stamp(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def layout(config: bytes) -> bytes:
    """The generated configuration without its footer, the content version, which changes with
    every save. The rest (navigation, names) changes only with the course's structure, and only
    then must the engine rebuild every page with a new configuration; the preview shows the
    current footer by itself."""
    return b"".join(line for line in config.splitlines(keepends=True) if not line.startswith(b"copyright:"))


def stamped(page: bytes, config_layout: bytes) -> bytes:
    """A generated page with the comment naming its version (its Markdown and the layout, which
    holds the navigation). A comment shows nowhere, so the preview shows what the built site shows."""
    return page + f"\n\n<!-- {PAGE_STAMP} {stamp(page + config_layout)} -->\n".encode("ascii")


def problem_data(problems: list[Problem], language: str) -> dict | None:
    """What the problem box shows (None: no box), as the page builds it: text only."""
    if not problems:
        return None
    ordered = sorted(dict.fromkeys(problems), key=lambda problem: problem.sort_key)  # ties in the order found
    return {
        "title": text(language, "cli.serve_problems_title", count=len(ordered)),
        "hint": text(language, "cli.serve_problems_hint"),
        "items": [
            [f"{p.file}:{p.line}:{p.column}", text(language, f"severity.{p.severity}"), p.message(language)] for p in ordered
        ],
    }


def article_html(page: str, language: str) -> str:
    """A generated page's Markdown as the engine puts it into <article>: Python-Markdown with the
    extensions of the generated configuration. The search plugins drop `data-search-exclude`
    from what they serve; so does this."""
    html = _markdown(language).reset().convert(page)
    return re.sub(r" data-search-exclude(?:=\"[^\"]*\")?(?=[\s>])", "", html)


@functools.cache
def _markdown(language: str) -> markdown.Markdown:
    """One converter per language, reset before each page (setting up the extensions costs more
    than converting a page)."""
    names, configs = [], {}
    for extension in markdown_extensions(section(language, "theme")["permalink_title"]):
        if isinstance(extension, dict):
            ((name, config),) = extension.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(extension)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def url_of(page: str) -> str:
    """The URL path (from the site root) of a generated page, e.g. kurs/module/x/."""
    return page.removesuffix("index.md")


class QuickPreview:
    """The state the open pages ask for: the problems the box shows, and for each page shown
    the quick way its version and the file with its article."""

    def __init__(self, project: Path, site_dir: str, folder: Path, strict: bool, cache: ParseCache):
        self.folder, self.strict, self.cache = folder, strict, cache
        self.folder_out = project / site_dir / STATE_DIR
        self.pages: dict[str, dict[str, str]] = {}  # URL path -> {"stamp", "file"}
        self.problems: list[Problem] = []  # of the last full regeneration
        self.language = "de"
        self.layout: bytes | None = None  # of the last full regeneration
        self.digests: dict[str, str] = {}  # file -> digest of its bytes, as last shown
        self.inputs = ""  # `Content.inputs` as last shown
        self.footer = ""  # the content version, as the page's footer shows it
        self.started = time.time()

    # --- the quick way ----------------------------------------------------------------

    def show_changes(self) -> bool:
        """Show what a save changed, if it can be shown the quick way; True if it was."""
        if self.layout is None or not self.engine_ready:
            return False
        content = load_content(self.folder, self.cache, drafts=True, rules=False)
        now = _digests(content)
        changed = {file for file in now.keys() | self.digests.keys() if now.get(file) != self.digests.get(file)}
        # Each file's own problems, of every file: what the course-wide rules find (some of them in
        # files that were not saved, such as a track naming a module that is broken) follows with
        # the full run.
        problems = [p for p in content.problems if p.severity == "error" or (self.strict and p.severity == "warning")]
        if problems or content.course is None:
            self._write(problems, content.language)  # the box at once; the course is blocked
            return False
        if self.problems:
            self._write([], content.language)  # the box goes at once (the full run may find more)
        if content.inputs != self.inputs or not changed:
            return False  # course settings, glossary, modules or media added or removed: the engine's way
        renderer = SiteRenderer(content)
        config_layout = layout(renderer.config().encode("utf-8"))
        if config_layout != self.layout:
            return False  # navigation or names: every page changes
        shown = {}
        for index, entry in enumerate(renderer.entries):
            if content.modules[entry.id].file in changed:
                page = stamped(renderer.module_page(index).encode("utf-8"), config_layout).decode("utf-8")
                html = article_html(page, content.language)
                breaches, _ = inspect_page(f"<html><body><article>{html}</article></body></html>", entry.page)
                if breaches:
                    return False  # the engine's way, and the build will say what is wrong
                shown[url_of(entry.page)] = html
        if not shown:
            return False
        self.footer = renderer.texts["content_version"].format(version=renderer.content_version())
        for url, html in shown.items():
            version = re.search(rf"<!-- {PAGE_STAMP} (\w+) -->", html)
            # Not .html: the engine's server puts its own reload script into every HTML file it serves.
            name = f"{version.group(1) if version else stamp(html.encode())}.txt"
            _write_atomic(self.folder_out / name, html.encode("utf-8"))
            self.pages[url] = {"stamp": version.group(1) if version else "", "file": name}
        self.digests = now
        self._write([], content.language)
        return True

    # --- after each full regeneration -----------------------------------------------

    def settle(self, content: Content, files: dict[str, bytes] | None, problems: list[Problem], footer: str = "") -> None:
        """The full regeneration is written (`files`, stamped, with the `footer` it shows) or refused
        (`problems`): the box shows its problems, and a page keeps its quick version only while it
        is the current one."""
        self.problems = list(problems)
        if files is not None:
            self.footer = footer
            _markdown(content.language)  # set up now, not on the first save
            self.layout = layout(files[f"../{CONFIG_FILE}"])
            current = {url_of(path): stamp_of(data) for path, data in files.items() if path.endswith(".md")}
            self.pages = {url: entry for url, entry in self.pages.items() if current.get(url) == entry["stamp"]}
        self.digests, self.inputs = _digests(content), content.inputs
        self._write(self.problems, content.language)

    @property
    def engine_ready(self) -> bool:
        """True once the engine has built the site since the preview started: it empties the
        site folder when it starts, and fails if a file appears there meanwhile."""
        home = self.folder_out.parent / "index.html"
        return home.is_file() and home.stat().st_mtime >= self.started

    def _write(self, problems: list[Problem], language: str) -> None:
        self.language = language
        if not self.engine_ready:
            return  # the page asks the engine itself until then
        state = {"problems": problem_data(problems, language), "pages": self.pages, "footer": self.footer}
        _write_atomic(self.folder_out / STATE_FILE, json.dumps(state, ensure_ascii=True, sort_keys=True).encode("ascii"))
        wanted = {entry["file"] for entry in self.pages.values()} | {STATE_FILE}
        for old in self.folder_out.iterdir():
            if old.name not in wanted and not old.name.startswith(".tmp-"):
                old.unlink(missing_ok=True)

    def remove(self) -> None:
        for path in self.folder_out.glob("*"):
            path.unlink(missing_ok=True)
        if self.folder_out.is_dir():
            self.folder_out.rmdir()


def _digests(content: Content) -> dict[str, str]:
    sources = [content.course, content.glossary, *content.modules.values()]
    return {source.file: source.digest for source in sources if source}


def stamp_of(page: bytes) -> str:
    found = re.search(rb"<!-- " + PAGE_STAMP.encode() + rb" (\w+) -->\n$", page)
    return found.group(1).decode() if found else ""


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)
