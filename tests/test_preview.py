"""The preview's quick way (output/preview.py): a saved module's article, rendered at once, is
exactly what the full run then writes for the engine; a broken save names its problems at once,
its fix takes them away; a change of the navigation is left to the engine."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import FIXTURES, make_project
from rufbereit.content.tree import ParseCache
from rufbereit.output.preview import STATE_DIR, STATE_FILE, QuickPreview, article_html
from rufbereit.output.serve import _Regenerate
from rufbereit.render.browser_data import data_script

PAGE = "kurs/module/einwaende/"


def _regeneration(tmp_path, monkeypatch) -> _Regenerate:
    """A preview's regeneration of a copy of the full fixture (no watcher, no engine)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    handler = _Regenerate(content, False, ParseCache())
    handler.quick = QuickPreview(project, "site", content, False, handler.cache)
    return handler


@pytest.fixture
def preview(tmp_path, monkeypatch):
    """A preview's regeneration after its first full run, the engine's first build done."""
    handler = _regeneration(tmp_path, monkeypatch)
    built(tmp_path / "project" / "site")
    handler.run()
    return handler


def built(site: Path) -> None:
    """What the engine's first build leaves: until then, the preview writes nothing into its folder."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<html></html>", encoding="utf-8")


def state(handler) -> dict:
    return json.loads((handler.quick.folder_out / STATE_FILE).read_text("utf-8"))


def module(handler) -> Path:
    return handler.folder / "modules" / "einwaende.yaml"


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_quick_article_is_the_one_the_full_run_writes(preview):
    assert state(preview)["pages"] == {} and state(preview)["problems"] is None
    save(module(preview), "FxBeispielTitel", "FxBeispielTitel Neu gespeichert")
    assert preview.quick.show_changes()
    entry, footer = state(preview)["pages"][PAGE], state(preview)["footer"]
    quick = (preview.quick.folder_out / entry["file"]).read_text("utf-8")
    assert "Neu gespeichert" in quick
    preview.run()  # the full run: course-wide rules, every page written
    config = yaml.safe_load((Path.cwd() / "mkdocs.generated.yml").read_text("utf-8"))
    assert footer == html.unescape(config["copyright"]) == state(preview)["footer"]
    written = (Path.cwd() / "docs" / PAGE / "index.md").read_text("utf-8")
    assert quick == article_html(written, "de")
    assert f"<!-- rufbereit-preview {entry['stamp']} -->" in written
    assert state(preview)["pages"] == {PAGE: entry}, "the quick version is the current one: it stays"
    # Warm equals cold: a new preview with an empty cache renders the same article.
    cold = QuickPreview(Path.cwd(), "cold-site", preview.folder, False, ParseCache())
    built(Path.cwd() / "cold-site")
    handler = _Regenerate(preview.folder, False, cold.cache)
    handler.quick = cold
    handler.run()
    cold.digests[str(module(preview))] = "as if saved"
    assert cold.show_changes()
    assert (cold.folder_out / state(handler)["pages"][PAGE]["file"]).read_text("utf-8") == quick


def test_a_broken_save_shows_its_problems_at_once_and_its_fix_takes_them_away(preview):
    good = module(preview).read_text(encoding="utf-8")
    module(preview).write_text(good.replace("\nduration: ", "\nduration:", 1), encoding="utf-8")
    assert not preview.quick.show_changes()
    problems = state(preview)["problems"]
    line = good[: good.index("\nduration: ")].count("\n") + 2
    assert problems["items"][0][0] == f"{module(preview)}:{line}:10"
    assert "Problem" in problems["title"]
    preview.run()
    assert state(preview)["problems"] == problems, "the full run finds the same"
    module(preview).write_text(good.replace("FxBeispielTitel", "FxBeispielTitel Repariert"), encoding="utf-8")
    assert preview.quick.show_changes()
    assert state(preview)["problems"] is None
    assert "Repariert" in (preview.quick.folder_out / state(preview)["pages"][PAGE]["file"]).read_text("utf-8")


def test_a_new_title_is_left_to_the_engine(preview):
    """The navigation holds the title: every page changes, and the engine rebuilds them all."""
    save(module(preview), "FxBeispielTitel", "FxBeispielTitel Neu")
    assert preview.quick.show_changes()
    save(module(preview), "\ntitle: ", "\ntitle: Neu ")
    assert not preview.quick.show_changes()
    assert PAGE in state(preview)["pages"]
    preview.run()
    assert state(preview)["pages"] == {}, "the full run's page is another version: the engine's way"
    assert sorted(p.name for p in preview.quick.folder_out.iterdir()) == [STATE_FILE]


def test_a_newer_save_stops_the_full_run_before_anything_is_written(preview):
    """Saves in a row: each is shown the quick way; the full run of one that a newer save follows
    stops (at 1,000 modules it takes seconds), so the newer one is not kept waiting."""
    from rufbereit.output.serve import INTERRUPTED, regenerate

    page = Path.cwd() / "docs" / PAGE / "index.md"
    before = page.read_bytes()
    save(module(preview), "FxBeispielTitel", "FxBeispielTitel Neu")
    assert preview.quick.show_changes()
    assert regenerate(preview.folder, False, preview.cache, preview.quick, newer=lambda: True)[0] == INTERRUPTED
    assert page.read_bytes() == before
    preview.run()
    assert b"Neu" in page.read_bytes()


def test_the_preview_script_is_valid_javascript(tmp_path):
    from rufbereit.output.serve import _preview_script

    script = tmp_path / "course.js"
    script.write_text(_preview_script(data_script("course", {}), "Inhaltsversion 1"), encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_nothing_is_written_into_the_site_folder_before_the_engine_has_built_it(tmp_path, monkeypatch):
    handler = _regeneration(tmp_path, monkeypatch)
    handler.run()
    save(module(handler), "FxBeispielTitel", "FxBeispielTitel Neu")
    assert not handler.quick.show_changes()
    assert not (tmp_path / "project" / "site").exists()


def test_the_state_goes_with_the_preview(preview):
    save(module(preview), "FxBeispielTitel", "FxBeispielTitel Neu")
    assert preview.quick.show_changes()
    preview.quick.remove()
    assert not (Path.cwd() / "site" / STATE_DIR).exists()


@pytest.mark.parametrize("built_after_the_write", [True, False])
def test_a_page_the_engine_missed_is_written_again(tmp_path, monkeypatch, built_after_the_write):
    """Of the old version, built after the write began or not built since, and the engine quiet
    on it: the page is written again (one more newline) so that the engine builds it once more."""
    import os
    import time

    from rufbereit.output.serve import _Nudge

    project = make_project(tmp_path / "project")
    page, data = "kurs/module/x/index.md", b"# X\n\n<!-- rufbereit-preview new -->\n"
    (project / "docs" / "kurs" / "module" / "x").mkdir(parents=True)
    (project / "docs" / page).write_bytes(data)
    built = project / "site" / "kurs" / "module" / "x" / "index.html"
    built.parent.mkdir(parents=True)
    built.write_text("<html><!-- rufbereit-preview old --></html>", encoding="utf-8")
    written = time.time() - 1
    if not built_after_the_write:  # the engine's last build of the page came before the write
        os.utime(built, (written - 5, written - 5))
    monkeypatch.setattr(_Nudge, "QUIET", 0.0)
    monkeypatch.setattr(_Nudge, "latest", None)  # not the pages of other tests' previews
    nudge = _Nudge(project, {page: data}, since=written)
    nudge.start()
    deadline = time.monotonic() + 30
    while (project / "docs" / page).read_bytes() == data and time.monotonic() < deadline:
        time.sleep(0.05)  # a poll: the thread looks every 0.2 s
    assert (project / "docs" / page).read_bytes() == data + b"\n"
    built.write_text("<html><!-- rufbereit-preview new --></html>", encoding="utf-8")
    nudge.join(timeout=30)
    assert not nudge.is_alive() and not nudge.waiting
