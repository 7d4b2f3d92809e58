"""`rufbereit check` in a new process, as a trainer runs it, loads none of what only writing
pages or building the site needs: those imports took most of its time (issue 19)."""

from __future__ import annotations

import subprocess
import sys

from support import FIXTURES

# Imported only by rendering (Jinja, the learner record's models), the engine runner
# (minify-html), the output boundary (lxml) and `serve` (watchdog).
NOT_FOR_CHECK = ("jinja2", "lxml", "minify_html", "watchdog", "rufbereit.render", "rufbereit.content.record",
                 "rufbereit.output.engine", "rufbereit.output.boundary", "rufbereit.output.serve")

PROGRAM = """
import sys
from rufbereit.cli import main
status = main(["check", "--content", sys.argv[1]])
loaded = sorted({name for name in sys.modules for unwanted in sys.argv[2:]
                 if name == unwanted or name.startswith(unwanted + ".")})
print("LOADED", status, " ".join(loaded))
"""


def test_check_loads_nothing_of_rendering_or_building(tmp_path):
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(FIXTURES / "full"), *NOT_FOR_CHECK],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    verdict = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    assert verdict.split(" ", 2)[1] == "0", done.stdout + done.stderr  # the fixture course checks fine
    assert verdict.split(" ", 2)[2:] in ([], [""]), verdict


def test_generate_still_renders_after_a_lazy_import(tmp_path):
    """The imports moved into the functions still run: generate writes the pages."""
    done = subprocess.run([sys.executable, "-m", "rufbereit", "generate", "--content", str(FIXTURES / "full")],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mkdocs.generated.yml").is_file()
    assert any((tmp_path / "docs").rglob("index.md"))


def test_a_breach_found_by_build_is_still_reported_at_its_field(rufbereit_main, tmp_path, monkeypatch):
    """`build` imports the engine runner and the output boundary where it needs them: a breach
    the boundary finds after the engine ran still ends in exit 1 and the field's error."""
    import shutil

    from rufbereit.output import engine
    from rufbereit.output.boundary import Breach, BoundaryError

    shutil.copytree(FIXTURES / "full", tmp_path / "content")

    def breached(project, engine_name):
        raise BoundaryError([Breach("kurs/module/erste-schritte/index.html", "onclick=", "x")])

    monkeypatch.setattr(engine, "build_site", breached)
    result = rufbereit_main("build", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "erste-schritte.yaml" in result.stderr and "onclick=" in result.stderr, result.stderr
