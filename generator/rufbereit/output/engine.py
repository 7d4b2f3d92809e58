"""Drive the site engine, never leaving a half-written site: a build goes to a temporary
folder first and replaces `site/` only on success."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

import minify_html

from .boundary import Breach, BoundaryError, inspect_page, script_hash
from .engines import ENGINES

# A build's temporary folder (and Zensical's config beside it) names the building process.
STAGING = re.compile(r"^\.site-(?:(\d+)-)?[^/]*?(\.yml)?$")


def build_site(project: Path, engine: str = "mkdocs", site: Path | None = None, trainer_edition: bool = False) -> int:
    """Build into a fresh folder beside `site/`, then swap it in; on failure `site/` is kept.
    SIGTERM stops a build like Ctrl+C: the engine is stopped and the folder removed."""
    site = site or project / "site"
    clean_leftovers(project)
    staging = Path(tempfile.mkdtemp(dir=project, prefix=f".site-{os.getpid()}-"))
    adapter = ENGINES[engine]
    extra: Path | None = None
    restore = _terminate_as_interrupt()
    try:
        command, extra = adapter.build_command(project, staging)
        returncode = _run_engine(command, project, adapter.environment())
        if returncode != 0:
            return returncode
        finish_pages(staging, trainer_edition)
        _swap(staging, site)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if extra is not None:
            extra.unlink(missing_ok=True)
        restore()


def clean_leftovers(project: Path) -> list[str]:
    """Remove what builds killed outright (SIGKILL, power loss) left behind: temporary
    folders and Zensical configs of processes that no longer run."""
    removed = []
    for path in project.glob(".site-*"):
        match = STAGING.match(path.name)
        if not match or (match.group(1) and _running(int(match.group(1)))) or path.is_symlink():
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_engine(command: list[str], project: Path, env: dict) -> int:
    """The engine in its own process group, so that it is stopped as a whole with us;
    on Linux it also receives SIGTERM when we die without a chance to stop it."""
    engine = subprocess.Popen(command, cwd=project, env=env, start_new_session=True, preexec_fn=_die_with_parent)
    try:
        return engine.wait()
    except BaseException:
        _stop(engine)
        raise


def _stop(engine: subprocess.Popen) -> None:
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(engine.pid, sent)
            engine.wait(timeout=5)
            return
        except (ProcessLookupError, subprocess.TimeoutExpired):
            if engine.poll() is not None:
                return


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _terminate_as_interrupt():
    """While building, SIGTERM raises KeyboardInterrupt so that the same cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def minify(page: str) -> str:
    """Drop the themes' indentation: a quarter of a module page's bytes, whichever engine built
    it. Closing tags stay, and inline scripts and styles are left alone."""
    return minify_html.minify(
        page,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        keep_input_type_text_attr=True,
        minify_css=False,
        minify_js=False,
    )


# GitHub Pages cannot send headers, so the policy is a <meta> in every page. It forbids inline
# event handlers and `javascript:` URLs (no 'unsafe-inline' for scripts; only the themes' own
# inline scripts, by hash), plugins, frames of any kind (a `srcdoc` document would run under
# the site's origin) and every other origin. Inline styles stay allowed: the themes set style
# attributes, and course text can never set one (see boundary.py). `frame-ancestors` is
# ignored in a <meta>, so it is not set.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; media-src 'self'; connect-src 'self'; "
    "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "child-src 'none'; frame-src 'none'; manifest-src 'self'"
)
_HEAD = re.compile(r"<head>(<meta charset=[^>]*>)?", re.IGNORECASE)


def content_security_policy(scripts: set[str]) -> str:
    """One policy for the whole site: every known inline script of every page by its hash, so
    that instant navigation, which carries scripts from page to page, stays within it."""
    hashes = sorted(script_hash(script) for script in scripts)
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def finish_pages(site: Path, trainer_edition: bool = False) -> None:
    """Every built page minified, inspected (boundary.py) and given the policy first in its
    <head>, before any script it governs: one read and one write per page. A breach stops
    the build before anything is written."""
    files = sorted(site.rglob("*.html"))
    pages = [minify(path.read_text(encoding="utf-8")) for path in files]
    breaches: list[Breach] = []
    scripts: set[str] = set()
    for path, page in zip(files, pages):
        found, run = inspect_page(page, path.relative_to(site).as_posix(), trainer_edition)
        breaches += found
        scripts |= run
    if breaches:
        raise BoundaryError(breaches)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(scripts)}">'
    for path, page in zip(files, pages):
        page, count = _HEAD.subn(lambda head: head.group(0) + meta, page, count=1)
        if count != 1:
            raise RuntimeError(f"{path}: no <head> to put the Content-Security-Policy into")
        path.write_text(page, encoding="utf-8")


def _swap(fresh: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
