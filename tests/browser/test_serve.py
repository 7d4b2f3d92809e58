"""Live preview: a saved YAML file refreshes the open page; a broken save shows its problems
in the browser, and the next good save takes them away again."""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path

import yaml

from helpers import ONE_GLOBAL, added_names
from support import GENERATED_IN_DOCS, ROOT, make_project, tree_bytes


def test_saving_refreshes_the_open_page_and_a_broken_save_shows_its_problems(preview_server, browser):
    from playwright.sync_api import expect

    preview = preview_server(ROOT / "content")
    module = preview.project / "content" / "modules" / "pflicht.yaml"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url + "kurs/module/pflicht/")
        text = module.read_text(encoding="utf-8")
        # How fast a save shows is measured in `make bench` (benchmarks/preview.py); here: that it does.
        # A new title changes the navigation: the engine rebuilds every page (generous guards: a loaded machine).
        for attempt in range(3):
            title = f"Frisch gespeichert {attempt} – "
            module.write_text(text.replace("\ntitle: ", f"\ntitle: {title}", 1), encoding="utf-8")
            expect(page.locator("article h1")).to_contain_text(title.strip(" –"), timeout=60000)
        # The footer names the content version, as the built site's would (the engine keeps its
        # configuration while only that changes; the preview shows the new one by itself).
        version = yaml.safe_load((preview.project / "mkdocs.generated.yml").read_text("utf-8"))["copyright"]
        expect(page.locator(".md-copyright__highlight")).to_have_text(version)

        broken = text.replace("\nduration: ", "\nduration:", 1)
        module.write_text(broken, encoding="utf-8")
        line = broken[: broken.index("\nduration:")].count("\n") + 2
        box = page.locator(".rb-serve-problems")
        expect(box).to_contain_text(f"pflicht.yaml:{line}:10", timeout=60000)  # reloads by itself
        expect(box).to_contain_text("Nach dem Doppelpunkt fehlt ein Leerzeichen")
        expect(page.locator("article h1")).to_contain_text("Frisch gespeichert")  # the last good page below

        module.write_text(text, encoding="utf-8")
        expect(box).to_have_count(0, timeout=60000)
        expect(page.locator("article h1")).not_to_contain_text("Frisch gespeichert", timeout=60000)
    finally:
        context.close()
    output = preview.output()
    assert "pflicht.yaml:" in output and "Fehler" in output
    assert "end of life" not in output  # Material's banner would read like a problem to a trainer


def test_a_saved_text_is_swapped_into_the_open_page_as_the_engine_then_serves_it(preview_server, browser):
    """The quick way (output/preview.py): the saved module's article replaces the shown one without
    a reload, its quiz is set up again, the footer names the new version, and the article is the one
    the engine serves once it has rebuilt the page."""
    from playwright.sync_api import expect

    preview = preview_server(ROOT / "content")
    module = preview.project / "content" / "modules" / "pflicht.yaml"
    heading = "  - title: Anfangen schlägt perfekt vorbereitet\n    body: |\n"
    untouched = outside_the_output(preview.project)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(preview.url + "kurs/module/pflicht/")
        page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
        assert_one_global(page)
        page.evaluate("window.rbSamePage = true")
        text = module.read_text(encoding="utf-8")
        for attempt in range(3):
            marker = f"Frischgespeichert{attempt}"
            module.write_text(text.replace(heading, heading + f"      {marker}.\n\n"), encoding="utf-8")
            expect(page.locator("article")).to_contain_text(marker, timeout=15000)
        assert page.evaluate("window.rbSamePage") is True, "the article was swapped in, the page not reloaded"
        page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
        question = page.locator("fieldset.rb-question", has_text="Was ist der beste Start?")
        question.locator("label", has_text="um 9:10 Uhr wählen").click()
        question.get_by_role("button", name="Prüfen").click()
        expect(question.locator(".rb-verdict")).to_be_visible()
        # Once the engine serves this version of the page, its article is the one shown.
        served = served_with(context, preview, "kurs/module/pflicht/", marker)
        state = context.request.get(preview.url + "_rufbereit-preview/state.json").json()
        quick = context.request.get(preview.url + "_rufbereit-preview/" + state["pages"]["kurs/module/pflicht/"]["file"]).text()
        assert article(served) == " ".join(quick.split())
        version = yaml.safe_load((preview.project / "mkdocs.generated.yml").read_text("utf-8"))["copyright"]
        expect(page.locator(".md-copyright__highlight")).to_have_text(version)
        assert page.evaluate("window.rbSamePage") is True, "the engine's rebuild did not reload the page either"
        assert not errors, f"JavaScript errors: {errors}"
        # A new section title: the article at once, the table of contents beside it with the engine's page.
        module.write_text(text.replace("title: Anfangen schlägt perfekt vorbereitet", "title: Anfangen schlägt Zaudern"),
                          encoding="utf-8")
        expect(page.locator("article h2", has_text="Anfangen schlägt Zaudern")).to_have_count(1, timeout=15000)
        expect(page.locator(".md-sidebar--secondary")).to_contain_text("Anfangen schlägt Zaudern", timeout=60000)
    finally:
        context.close()
    assert "geänderte Seite in" in preview.output()
    assert outside_the_output(preview.project) == untouched, "only the served site and the generated files changed"
    assert not (preview.project / "site" / "_rufbereit-preview").exists(), "the preview's state goes with it"


def outside_the_output(project: Path) -> dict[str, bytes]:
    """Every file of the project but the content, the generated ones, the served site and caches."""
    skipped = ("content/", *(f"docs/{name}" for name in GENERATED_IN_DOCS), "site/", ".cache/", ".site-",
               "mkdocs.generated.yml")
    return {path: data for path, data in tree_bytes(project).items() if not path.startswith(skipped)}


def test_the_other_engine_still_reloads_the_page_after_a_save_and_a_fix(preview_server, browser):
    """MkDocs serves from a folder of its own: no quick way there, the page reloads once it serves
    the saved version; a broken save shows its problems, the fix takes them away."""
    from playwright.sync_api import expect

    preview = preview_server(ROOT / "content", engine="mkdocs")
    module = preview.project / "content" / "modules" / "pflicht.yaml"
    heading = "  - title: Anfangen schlägt perfekt vorbereitet\n    body: |\n"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url + "kurs/module/pflicht/")
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace(heading, heading + "      Frischgespeichert.\n\n"), encoding="utf-8")
        expect(page.locator("article")).to_contain_text("Frischgespeichert", timeout=60000)
        module.write_text(text.replace("\nduration: ", "\nduration:", 1), encoding="utf-8")
        expect(page.locator(".rb-serve-problems")).to_contain_text("pflicht.yaml:", timeout=60000)
        module.write_text(text, encoding="utf-8")
        expect(page.locator(".rb-serve-problems")).to_have_count(0, timeout=60000)
        expect(page.locator("article")).not_to_contain_text("Frischgespeichert", timeout=60000)
    finally:
        context.close()
    assert "end of life" not in preview.output()


def assert_one_global(page) -> None:
    """Issue 19 item 5: the preview's page gains one name on window, `Rufbereit` (its data, the
    site's seam and the watch under it), beside the browser's, the theme's and the engine's own."""
    page.wait_for_function("() => window.Rufbereit && window.Rufbereit.watch && window.Rufbereit.site")
    assert added_names(page.main_frame) == ONE_GLOBAL
    assert sorted(page.evaluate("() => Object.keys(window.Rufbereit)")) == ["course", "preview", "site", "watch"]


def served_with(context, preview, page: str, needle: str, limit: float = 60.0) -> str:
    """The `page` once the engine serves it with `needle` (asked every 0.2 s), or fail."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        served = context.request.get(preview.url + page).text()
        if needle in served:
            return served
        time.sleep(0.2)  # a poll: the engine is still rebuilding
    docs = (preview.project / "docs" / page / "index.md").read_text("utf-8")
    built = (preview.project / "site" / page / "index.html").read_text("utf-8")
    raise AssertionError(f"the engine did not serve {needle} at {page} (in docs: {needle in docs}, "
                         f"in site: {needle in built}, served: {served[-300:]!r})")


def article(page: str) -> str:
    """The content of a served page's <article>, whitespace as one space."""
    skip = '<a id="__skip" tabindex="-1"></a>'
    return " ".join(page[page.index(skip) + len(skip): page.index("</article>")].split())


def test_a_broken_course_still_starts_and_recovers(preview_server, browser):
    """Broken from the start: serve runs, the browser lists the problems, a fix shows the site."""
    from playwright.sync_api import expect

    preview = preview_server(ROOT / "tests" / "broken" / "slip-missing-space")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url)
        box = page.locator(".rb-serve-problems")
        expect(box).to_contain_text("Die Vorschau ist nicht aktuell: der Kurs hat 3 Problem(e).", timeout=15000)
        expect(box).to_contain_text("modules/eins.yaml:3:10")
        expect(box).to_contain_text("Schreibe: `duration: 25`")
        expect(box.locator("li")).to_have_count(3)
        assert_one_global(page)

        modules = preview.project / "content" / "modules"
        for name, slip, fix in (
            ("eins", "duration:25", "duration: 25"),
            ("zwei", "  -Du kennst", "  - Du kennst"),
            ("drei", "prompt:Welche", "prompt: Welche"),
        ):
            path = modules / f"{name}.yaml"
            path.write_text(path.read_text("utf-8").replace(slip, fix), "utf-8")
        expect(box).to_have_count(0, timeout=30000)
        expect(page.locator("article")).to_contain_text("Testkurs", timeout=30000)
    finally:
        context.close()
    assert "eins.yaml:3:10" in preview.output()


def test_a_busy_port_is_one_line_naming_a_free_one(tmp_path, capsys):
    from rufbereit.cli import main

    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests" / "broken" / "bom-valid", project / "content")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        cwd = os.getcwd()
        os.chdir(project)
        try:
            assert main(["serve", "--content", "content", "--dev-addr", f"127.0.0.1:{port}"]) == 2
        finally:
            os.chdir(cwd)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.startswith(f"rufbereit: Port {port} ist schon belegt. Frei ist z. B. ")
    free = int(line.split("PORT=")[1].rstrip("`."))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", free))


def test_a_port_left_by_a_stopped_preview_is_free():
    """Right after a preview stops, its port waits out closed connections (TIME_WAIT): the engine's
    server can bind it again, so `serve` must not call it busy."""
    from rufbereit.output.serve import free_port

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server side closes first, as a stopped preview does: its side waits
    server.close()
    client.recv(1)
    client.close()
    assert free_port("127.0.0.1", port) is None
