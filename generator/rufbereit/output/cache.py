"""The work cache on disk, so that a second `rufbereit generate` or `build` re-renders only
what an edit changed.

It lives in `.cache/rufbereit/` of the project (git-ignored, safe to delete) in a folder
named after the generator's own code: a new release, or any edit of the generator, reads
none of an old cache. A file that cannot be read or unpickled is ignored. Entries are keyed
by everything they depend on (see `ParseCache`), and only what the last run used is kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

from .. import __version__
from ..content.tree import Memo, ParseCache

FOLDER = Path(".cache") / "rufbereit"
PACKAGE = Path(__file__).resolve().parents[1]
TABLES = ("entries", "html", "pages", "parts", "rules")


def code_version() -> str:
    """The release, the Python version and a digest of the generator's files."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".md", ".yaml"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}-py{sys.version_info[0]}{sys.version_info[1]}-{digest.hexdigest()}"


def cache_file(project: Path) -> Path:
    return project / FOLDER / code_version() / "cache.pickle"


def load_cache(project: Path) -> ParseCache:
    """The cache of the last run, or an empty one (missing, old or damaged file)."""
    cache = ParseCache()
    try:
        tables = pickle.loads(cache_file(project).read_bytes())
        for name in TABLES:
            memo = Memo()
            dict.update(memo, tables[name])
            setattr(cache, name, memo)
    except Exception:  # noqa: BLE001 - any unreadable cache is a cold start, never an error
        return ParseCache()
    return cache


def save_cache(project: Path, cache: ParseCache) -> None:
    """Keep what this run used; remove caches of other generator versions."""
    cache.prune()
    target = cache_file(project)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for other in target.parent.parent.iterdir():
            if other != target.parent:
                shutil.rmtree(other, ignore_errors=True)
        data = pickle.dumps({name: dict(getattr(cache, name)) for name in TABLES}, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError:
        pass  # a read-only project still builds; it only stays cold
