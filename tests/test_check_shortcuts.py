"""The shortcuts `check` takes for speed say what the long way says: a check from the disk cache
(files read before, each file's texts walked once for all rules) reports exactly what a cold
check reports, and the cache keeps no walked texts (they are the model's own)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from support import ROOT
from rufbereit.content.load import load_content
from rufbereit.content.tree import ParseCache
from rufbereit.output.cache import cache_file

# Courses whose texts carry the slips the text rules find: links, images, headings, list lines.
CASES = ["slip-broken-links", "slip-warnings", "list-without-blank-line"]


@pytest.mark.parametrize("case", CASES)
def test_a_check_from_the_disk_cache_says_what_a_cold_check_says(rufbereit_main, case, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "broken" / case, content)
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    warm.mkdir(), cold.mkdir()
    first = rufbereit_main("check", "--content", str(content), cwd=warm)
    assert cache_file(warm).is_file()
    again = rufbereit_main("check", "--content", str(content), cwd=warm)
    fresh = rufbereit_main("check", "--content", str(content), cwd=cold)
    assert str(content) in first.stderr, "the case must report something"
    assert again == fresh == first


def test_the_cache_keeps_no_walked_texts():
    cache = ParseCache()
    loaded = load_content(ROOT / "tests" / "fixtures" / "full", cache)
    assert all(source.texts for source in loaded.modules.values())  # walked by the rules
    copy = pickle.loads(pickle.dumps(dict(cache.entries)))
    sources = [source for source, _ in copy.values() if source is not None]
    assert sources and all("texts" not in vars(source) for source in sources)
    assert [source.texts for source in sources] == [
        source.texts for source, _ in cache.entries.values() if source is not None
    ]


def test_a_warm_check_in_process_matches_a_cold_one():
    root = ROOT / "tests" / "broken" / "slip-broken-links"
    cache = ParseCache()
    cold = load_content(root, cache).problems
    cache.prune()
    assert load_content(root, cache).problems == cold == load_content(Path(root), ParseCache()).problems
