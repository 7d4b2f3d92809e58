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
PROTOCOL = pickle.HIGHEST_PROTOCOL


def code_version() -> str:
    """The release, the Python version and a digest of the generator's files."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".md", ".yaml"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}-py{sys.version_info[0]}{sys.version_info[1]}-{digest.hexdigest()}"


def cache_file(project: Path) -> Path:
    return project / FOLDER / code_version() / "cache.pickle"


class DiskCache(ParseCache):
    """A ParseCache read from disk, which remembers each entry's pickled bytes: saving it again
    pickles only the entries this run made. Pickling every parsed file anew (its model and the
    places of its values) took a second run at 1,000 modules longer than all it rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.pickled: dict[str, dict] = {name: {} for name in TABLES}  # key -> (value as read, its bytes)


def load_cache(project: Path) -> ParseCache:
    """The cache of the last run, or an empty one (missing, old or damaged file)."""
    cache = DiskCache()
    try:
        tables = pickle.loads(cache_file(project).read_bytes())
        for name in TABLES:
            memo, pickled = Memo(), cache.pickled[name]
            for key, data in tables[name].items():
                value = pickle.loads(data)
                dict.__setitem__(memo, key, value)
                pickled[key] = (value, data)
            setattr(cache, name, memo)
    except Exception:  # noqa: BLE001 - any unreadable cache is a cold start, never an error
        return DiskCache()
    return cache


def _pickled(cache: ParseCache, name: str) -> dict:
    """A table's entries as bytes: those read from disk and still in use as they were read."""
    read = cache.pickled[name] if isinstance(cache, DiskCache) else {}
    entries = {}
    for key, value in getattr(cache, name).items():
        before = read.get(key)
        entries[key] = before[1] if before is not None and before[0] is value else pickle.dumps(value, PROTOCOL)
    return entries


def save_cache(project: Path, cache: ParseCache) -> None:
    """Keep what this run used; remove caches of other generator versions."""
    cache.prune()
    target = cache_file(project)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for other in target.parent.parent.iterdir():
            if other != target.parent:
                shutil.rmtree(other, ignore_errors=True)
        data = pickle.dumps({name: _pickled(cache, name) for name in TABLES}, protocol=PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError:
        pass  # a read-only project still builds; it only stays cold
