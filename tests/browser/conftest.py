"""Fixtures for the browser tests: build the fixture course with each engine once per
session into a temporary copy of the project, serve it on 127.0.0.1, share one Chromium."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import copy_docs, exclusive, shared_folder

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
ENGINES = ["mkdocs", "zensical"]
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops connections it no longer needs (instant navigation, closed contexts).
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@dataclass
class Site:
    engine: str
    port: int
    root: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


class _SharedPortServer(_Server):
    """A server that shares its port with the other workers' servers of the same site
    (SO_REUSEPORT: the kernel hands each connection to one of them; all serve the same folder)."""

    def server_bind(self):
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        super().server_bind()


@pytest.fixture(scope="session")
def _served_sites(tmp_path_factory):
    """`served(content, engine)`: that course built and served, once for the whole run: the
    first worker to ask builds it into a folder all workers see, on a port it holds from then
    on (the port goes into the site's addresses: Material's instant navigation follows only
    the site's own URL), and every worker serves that folder on that same port. Kept apart
    from the parametrised fixtures below, which pytest sets up again at every change of
    engine: switching back to a site costs nothing."""
    sites: dict[tuple[Path, str], Site] = {}
    servers = []

    def served(content: Path, engine: str) -> Site:
        if (content, engine) not in sites:
            sites[content, engine], server = _build_or_join(shared_folder(tmp_path_factory), content, engine)
            servers.append(server)
        return sites[content, engine]

    yield served
    for server in servers:
        server.shutdown()
        server.server_close()


def _build_or_join(shared: Path, content: Path, engine: str) -> tuple[Site, _Server]:
    # one folder per course folder (a test's own copy of a course is a course of its own)
    name = f"served-{content.name}-{engine}-{hashlib.sha256(str(content).encode()).hexdigest()[:8]}"
    work, port_file = shared / name, shared / f"{name}.port"
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    with exclusive(shared / f"{name}.lock"):
        if port_file.exists():
            server = _SharedPortServer(("127.0.0.1", int(port_file.read_text())), handler)
        else:
            server = _SharedPortServer(("127.0.0.1", 0), handler)
            _build(work, content, engine, server)
            port_file.write_text(str(server.server_address[1]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Site(engine, server.server_address[1], work), server


def _build(work: Path, content: Path, engine: str, server: _Server) -> None:
    """`rufbereit build` of `content` in `work`, with the address of the port `server` holds."""
    shutil.rmtree(work, ignore_errors=True)  # what a failed build left behind
    work.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    copy_docs(work / "docs")
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{server.server_address[1]}/", NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "rufbereit", "build", "--content", str(content), "--engine", engine],
        cwd=work, env=env, capture_output=True, text=True, timeout=180,
    )
    if proc.returncode != 0:
        server.server_close()
        pytest.fail(f"{engine} build failed:\n{proc.stdout}\n{proc.stderr}")


@pytest.fixture(scope="session", params=ENGINES)
def site(request, _served_sites):
    return _served_sites(FIXTURES / "full", request.param)


@pytest.fixture(scope="session", params=ENGINES)
def default_site(request, _served_sites):
    """The repository's own course, as `make site` builds it."""
    return _served_sites(ROOT / "content", request.param)


@pytest.fixture(scope="session", params=ENGINES)
def hostile_site(request, _served_sites):
    """tests/fixtures/hostile: script, HTML and tooltip injection in every text field."""
    return _served_sites(FIXTURES / "hostile", request.param)


@pytest.fixture(scope="session", params=ENGINES)
def titles_site(request, _served_sites):
    """tests/fixtures/titles: markup-like text in every title, heading and label."""
    return _served_sites(FIXTURES / "titles", request.param)


@pytest.fixture(scope="session")
def english_site(_served_sites):
    return _served_sites(FIXTURES / "english", "mkdocs")


@pytest.fixture(scope="session")
def _chromium():
    """One Chromium for the session, launched again when it crashed: a browser that died under
    load fails the test it died in, never the tests after it."""
    from playwright.sync_api import sync_playwright

    def launch():
        return pw.chromium.launch(
            executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), headless=True, args=CHROME_ARGS
        )

    with sync_playwright() as pw:
        holder = {"browser": launch(), "launch": launch}
        yield holder
        if holder["browser"].is_connected():
            holder["browser"].close()


@pytest.fixture
def browser(_chromium):
    if not _chromium["browser"].is_connected():
        _chromium["browser"] = _chromium["launch"]()
    return _chromium["browser"]


@dataclass
class Guard:
    """Records every request that leaves 127.0.0.1:<port>."""

    allowed: str
    foreign: list[str] = field(default_factory=list)

    def watch(self, context):
        context.on("request", self._request)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.allowed:
            self.foreign.append(request.url)


# Every Content-Security-Policy violation on a page is logged to the console, where the
# context's listener collects it; Chromium's own console report is collected as well.
REPORT_CSP = """document.addEventListener('securitypolicyviolation', event => console.error(
    'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber));"""


def watch_csp(context, violations: list[str]) -> None:
    """Collect every CSP violation in `context`: the site must work entirely within its policy."""
    context.add_init_script(REPORT_CSP)

    def console(message):
        if message.type == "error" and ("CSP violation" in message.text or "Content Security Policy" in message.text):
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", console)


@pytest.fixture
def new_context(browser, site):
    """Factory for fresh browser contexts on `site`; checks for foreign requests and
    Content-Security-Policy violations at the end."""
    guards: list[Guard] = []
    contexts = []
    violations: list[str] = []

    def make(**kwargs):
        context = browser.new_context(accept_downloads=True, **kwargs)
        guard = Guard(f"127.0.0.1:{site.port}")
        guard.watch(context)
        watch_csp(context, violations)
        guards.append(guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    foreign = [url for guard in guards for url in guard.foreign]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


# --- one page per worker, site and kind of context ----------------------------------------------
# A new page costs Chromium a renderer process, about 2 CPU seconds on a CI machine: more than
# most tests' own work. So the tests that ask for `page` (or a sized page: test_reader.py) share
# one per worker, site and context options, made as new as a new one between tests: the site's
# local and session storage and the cookies cleared, the test's listeners removed, the viewport
# put back, the page on about:blank. A page that a test changed for good (an init script, a
# route, emulated media, a clock…), closed, opened others beside, or failed on is thrown away instead.
STICKY = ("add_init_script", "route", "route_from_har", "expose_function", "expose_binding", "emulate_media",
          "set_extra_http_headers", "set_geolocation", "set_offline", "grant_permissions", "add_cookies")
CLOCK = ("install", "set_fixed_time", "set_system_time", "pause_at", "run_for", "fast_forward", "resume")
CLEAR_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"


@dataclass
class _SharedPage:
    context: object
    page: object
    guard: Guard
    violations: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)     # the sticky calls of the current test
    listeners: list[tuple] = field(default_factory=list)  # what the current test added with on/once

    @classmethod
    def open(cls, browser, site, options: dict) -> _SharedPage:
        context = browser.new_context(accept_downloads=True, **options)
        shared = cls(context, context.new_page(), Guard(f"127.0.0.1:{site.port}"))
        shared.guard.watch(context)
        watch_csp(context, shared.violations)
        for target in (shared.page, context):
            for name in STICKY:
                if hasattr(target, name):
                    setattr(target, name, _noting(shared.changed, name, getattr(target, name)))
        for name in CLOCK:  # the page's and the context's clock are one object
            setattr(context.clock, name, _noting(shared.changed, f"clock.{name}", getattr(context.clock, name)))
        for name in ("on", "once"):
            setattr(shared.page, name, _noting(shared.listeners, name, getattr(shared.page, name)))
        return shared

    def reset(self, site, viewport) -> bool:
        """Make the page as a new one; False where that cannot be done."""
        page = self.page
        if self.changed or page.is_closed() or self.context.pages != [page] or not page.url.startswith(site.base):
            return False
        for _, (event, handler) in self.listeners:
            page.remove_listener(event, handler)
        self.listeners.clear()
        page.evaluate(CLEAR_STORAGE)
        self.context.clear_cookies()
        if page.viewport_size != viewport:
            page.set_viewport_size(viewport)
        page.goto("about:blank")
        self.guard.foreign.clear()
        self.violations.clear()
        return True


def _noting(calls: list, name: str, method):
    def noted(*args, **kwargs):
        calls.append((name, args[:2]))
        return method(*args, **kwargs)

    return noted


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash.setdefault(FAILED, True)
    return report


@pytest.fixture(scope="session")
def _shared_pages():
    pages: dict[tuple, _SharedPage] = {}
    yield pages
    for shared in pages.values():
        with contextlib.suppress(Exception):
            shared.context.close()


def shared_page(request, browser, site, **options):
    """The shared page for `site` and these context options (as a generator fixture yields it),
    checked at the end for JavaScript errors, requests to other hosts and CSP violations."""
    pages = request.getfixturevalue("_shared_pages")
    key = (id(browser), site.port, repr(sorted(options.items())))
    if key not in pages or not pages[key].context.browser or not pages[key].context.browser.is_connected():
        pages[key] = _SharedPage.open(browser, site, options)
    shared = pages[key]
    viewport = shared.page.viewport_size
    errors: list[str] = []
    shared.page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield shared.page
        foreign, violations = list(shared.guard.foreign), list(shared.violations)
    finally:
        kept = False
        if not request.node.stash.get(FAILED, False):
            with contextlib.suppress(Exception):
                kept = shared.reset(site, viewport)
        if not kept:
            pages.pop(key)
            with contextlib.suppress(Exception):
                shared.context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(request, browser, site):
    yield from shared_page(request, browser, site)


@dataclass
class Preview:
    """`rufbereit serve` running in `project` (a copy of this project) on `url`."""

    project: Path
    url: str
    process: subprocess.Popen

    def output(self) -> str:
        """Stop the preview and return what it printed."""
        self.process.terminate()
        return self.process.communicate(timeout=30)[0]


def wait_until_served(url: str, process: subprocess.Popen, limit: float = 120.0) -> None:
    """Ask until the engine serves `url` (not its own "not found"), or fail."""
    import time
    import urllib.request

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # a poll: the server is not up yet
    pytest.fail(f"the preview did not serve {url}")


@pytest.fixture
def preview_server(tmp_path):
    """`preview_server(content)` starts `rufbereit serve` (its default engine, or `engine`) on a
    copy of `content` and returns once the home page is served."""
    started: list[Preview] = []

    def start(content: Path, engine: str | None = None) -> Preview:
        from support import make_project

        project = make_project(tmp_path / "project")
        shutil.copytree(content, project / "content")
        port = _free_port()
        env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "generator"), env.get("PYTHONPATH")]))
        chosen = ["--engine", engine] if engine else []
        process = subprocess.Popen([sys.executable, "-m", "rufbereit", "serve", "--dev-addr", f"127.0.0.1:{port}", *chosen],
                                   cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                   start_new_session=True)
        preview = Preview(project, f"http://127.0.0.1:{port}/", process)
        started.append(preview)
        wait_until_served(preview.url, process)
        return preview

    yield start
    for preview in started:
        if preview.process.poll() is None:
            os.killpg(preview.process.pid, 15)
            # Shown with a failing test's report only: what the preview and its engine said.
            print("rufbereit serve printed:\n" + (preview.process.communicate(timeout=30)[0] or ""))
