"""Caches that cannot go stale: after any edit, a warm run writes exactly what a cold run writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from support import FIXTURES, make_project, tree_bytes
from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.content.tree import ParseCache
from rufbereit.output.cache import FOLDER, cache_file
from rufbereit.output.files import generated_files


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def rename_module(content: Path) -> None:
    (content / "modules" / "einwaende.yaml").rename(content / "modules" / "einwand-behandlung.yaml")
    for path in [content / "course.yaml", *(content / "modules").glob("*.yaml")]:
        path.write_text(path.read_text(encoding="utf-8").replace("einwaende", "einwand-behandlung"), encoding="utf-8")


PNG = b"\x89PNG\r\n\x1a\n"  # the signature the media check looks for

EDITS: dict[str, Callable[[Path], None]] = {
    "glossary definition": lambda c: replace(c / "glossary.yaml", "(FxDefKaltakquise)", "(FxDefGeaendert)"),
    "neighbour's title": lambda c: replace(c / "modules" / "einwaende.yaml", "Einwände FxModulZweiTitel", "Neu FxNeuerTitel"),
    "media file added": lambda c: (c / "media" / "neu.png").write_bytes(PNG + b"new"),
    "media file changed": lambda c: (c / "media" / "bild.png").write_bytes(PNG + b"changed"),
    "course settings": lambda c: replace(c / "course.yaml", "language: de", "language: en"),
    "course pass mark": lambda c: replace(c / "course.yaml", "pass_mark: 70", "pass_mark: 90"),
    "question reworded": lambda c: replace(c / "modules" / "abschluss.yaml", "FxFrageBestaetigung", "FxFrageNeu"),
    "module moved to another track": lambda c: replace(
        c / "course.yaml", "      - einwaende\n  - title: Vertiefung FxSpurZweiTitel\n    description: Alles zum **FxSpurZweiHinweis** Abschluss.\n    modules:\n",
        "  - title: Vertiefung FxSpurZweiTitel\n    description: Alles zum **FxSpurZweiHinweis** Abschluss.\n    modules:\n      - einwaende\n"),
    "question added before others": lambda c: replace(
        c / "modules" / "abschluss.yaml", "  questions:\n",
        "  questions:\n    - type: true_false\n      prompt: Vorne eingefügt, FxFrageVorn.\n      answer: true\n",
    ),
    "module renamed": rename_module,
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", target)
    return target


@pytest.mark.parametrize("edit", EDITS)
def test_a_warm_cache_gives_the_bytes_of_a_cold_run_after_any_edit(content, edit):
    cache = ParseCache()
    before = generated_files(load_content(content, cache))
    cache.prune()
    EDITS[edit](content)
    warm = generated_files(load_content(content, cache))
    cold = generated_files(load_content(content, ParseCache()))
    assert warm != before, "the edit must show somewhere"
    assert warm == cold


def test_entries_the_last_run_did_not_use_are_dropped(content):
    cache = ParseCache()
    sizes = []
    for round_ in range(4):
        if round_:
            replace(content / "modules" / "abschluss.yaml", f"FxModulDreiTitel{round_ - 1}", f"FxModulDreiTitel{round_}")
        else:
            replace(content / "modules" / "abschluss.yaml", "FxModulDreiTitel", "FxModulDreiTitel0")
        generated_files(load_content(content, cache))
        cache.prune()
        sizes.append((len(cache.entries), len(cache.pages), len(cache.html)))
    # One entry per file and per page, whatever the number of edits: old versions are gone.
    assert sizes[0][:2] == sizes[-1][:2] == (5, 3)
    assert sizes[1] == sizes[2] == sizes[3]


def test_an_edit_renders_again_only_the_review_page_part_of_the_module_it_changed(content):
    """The review page holds every question of the course; after an edit of one module the
    other modules' part of it (and of course.js) is the very one the first run made."""
    cache = ParseCache()
    generated_files(load_content(content, cache))
    cache.prune()
    first = dict(cache.parts)
    reviewed = [key for key in first if key[0] == "review"]
    assert len(reviewed) == 3 and len([key for key in first if key[0] == "course.js"]) == 3
    replace(content / "modules" / "abschluss.yaml", "FxFrageBestaetigung", "FxFrageNeu")
    files = generated_files(load_content(content, cache))
    cache.prune()
    assert "FxFrageNeu" in files["kurs/wiederholen/index.md"].decode()
    kept = {key for key in first if key in cache.parts and cache.parts[key] is first[key]}
    assert {key for key in first if key[0] in ("review", "course.js") and "abschluss.yaml" not in key[1]} <= kept
    assert not any("abschluss.yaml" in str(key) for key in kept)


def test_a_run_without_an_edit_keeps_every_entry_of_the_run_before(content):
    """An entry a run finds must count as used, or the next `prune` drops it and the run after
    works it out again. (Not `html`: a field is rendered only for a page not kept whole, so the
    fields of kept pages go after the first run by design.)"""
    cache = ParseCache()
    tables = ("entries", "pages", "parts", "rules")
    kept = []
    for _ in range(3):
        generated_files(load_content(content, cache))
        cache.prune()
        kept.append({name: set(getattr(cache, name)) for name in tables})
    assert kept[0] == kept[1] == kept[2]


def test_the_disk_cache_makes_a_second_generate_match_a_cold_one(content, tmp_path, monkeypatch, capsys):
    warm, cold = make_project(tmp_path / "warm"), make_project(tmp_path / "cold")
    monkeypatch.chdir(warm)
    assert main(["generate", "--content", str(content)]) == 0
    assert cache_file(warm).is_file()
    for edit in EDITS.values():
        edit(content)
        monkeypatch.chdir(warm)
        assert main(["generate", "--content", str(content)]) == 0
        shutil.rmtree(cold / FOLDER.parent, ignore_errors=True)
        monkeypatch.chdir(cold)
        assert main(["generate", "--content", str(content)]) == 0
        assert tree_bytes(warm / "docs") == tree_bytes(cold / "docs")
        assert (warm / "mkdocs.generated.yml").read_bytes() == (cold / "mkdocs.generated.yml").read_bytes()
    capsys.readouterr()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K"])
def test_a_damaged_or_old_cache_is_ignored(content, tmp_path, monkeypatch, capsys, damage):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    old = project / FOLDER / "0.0.1-py30-0000" / "cache.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"from an old release")
    cache_file(project).parent.mkdir(parents=True, exist_ok=True)
    cache_file(project).write_bytes(damage)
    assert main(["generate", "--content", str(content)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert not old.exists(), "caches of other versions are removed"
    assert cache_file(project).stat().st_size > 100


def test_a_broken_save_in_the_preview_keeps_the_rendered_pages(tmp_path, monkeypatch):
    """serve: the save that fixes a broken one renders only what changed, not the whole course."""
    from rufbereit.output.serve import _Regenerate

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    monkeypatch.chdir(make_project(tmp_path / "project"))
    handler = _Regenerate(content, False, ParseCache())
    handler.run()
    pages = dict(handler.cache.pages)
    module = next((content / "modules").glob("*.yaml"))
    good = module.read_text(encoding="utf-8")
    module.write_text(good.replace("\nduration: ", "\nduration:", 1), encoding="utf-8")
    handler.run()
    module.write_text(good, encoding="utf-8")
    handler.run()
    # Nothing changed in the end: every page is the very one rendered first, not rendered again.
    assert all(handler.cache.pages.get(key) is page for key, page in pages.items())


def said(content: Path, cache: ParseCache) -> list[str]:
    """What `check` prints about the content, in its order."""
    loaded = load_content(content, cache)
    cache.prune()
    return [problem.format("de") for problem in loaded.problems]


CHECK_EDITS: dict[str, Callable[[Path], None]] = {
    "a prompt made the same as another module's": lambda c: replace(
        c / "modules" / "abschluss.yaml", "Was bestätigst du am Ende? FxFrageEckdaten", "Welche Antwort ist richtig? FxFrageEinzel"),
    "lines added above both questions": lambda c: [
        replace(c / "modules" / name, "sections:\n", "sections:\n  - title: Neu FxNeu\n    body: |\n      Eins.\n\n      Zwei.\n")
        for name in ("abschluss.yaml", "erste-schritte.yaml")],
    "the first of the two moved down": lambda c: replace(
        c / "modules" / "erste-schritte.yaml", "sections:\n", "sections:\n  - title: Noch FxNoch\n    body: Drei.\n"),
    "review interval": lambda c: replace(c / "course.yaml", "review_every: 18", "review_every: 1"),
    "the prompt made different again": lambda c: replace(
        c / "modules" / "abschluss.yaml", "Welche Antwort ist richtig? FxFrageEinzel", "Was bestätigst du am Ende? FxFrageEckdaten"),
}


def test_check_with_a_warm_cache_says_what_a_cold_check_says_after_each_edit(content, monkeypatch):
    """The lint's findings are kept across runs: each module's own, and which prompts are alike
    in the whole course (whose lines are found anew, since an edit above a question moves it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01: the review of 2026-11 is due within 18 months
    cache = ParseCache()
    said(content, cache)
    seen = []
    for edit in CHECK_EDITS.values():
        edit(content)
        warm = said(content, cache)
        assert warm == said(content, ParseCache())
        seen.append(warm)
    near = [[line for line in lines if "FxFrageEinzel" in line or "erste-schritte.yaml:" in line] for lines in seen]
    assert [len(lines) for lines in seen[:3]] and all(near[:3]), "the prompts alike are said while they are"
    assert len({tuple(lines) for lines in near[:3]}) == 3, "with lines that follow each edit"
    assert any("review_every" in line or "überfällig" in line for line in set(seen[3]) - set(seen[2])), "the interval shows"
