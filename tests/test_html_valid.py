"""The Nu HTML Checker finds no error in the project's own markup.

Errors inside Material's own elements (class names starting with `md-`) are listed
separately: they are the theme's to fix, not ours.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from support import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _is_materials(message: dict) -> bool:
    return 'class="md-' in message.get("extract", "") or "md-toggle" in message.get("extract", "")


@pytest.mark.parametrize("course", ["default", "full"])
def test_no_html_error_in_our_markup(built_site, course):
    assert shutil.which("java"), "the HTML validity test needs Java (apt-get install default-jre-headless)"
    assert VNU.is_file(), "run `make test` (it installs vnu-jar from package.json)"
    project = built_site(course)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(project / "site")],
        capture_output=True,
        text=True,
    )
    messages = [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    ours = [m for m in messages if not _is_materials(m)]
    theirs = sorted({m["message"] for m in messages if _is_materials(m)})
    print("Errors in Material's own markup:", *theirs, sep="\n  ")
    assert [(m["url"].rsplit("/site/", 1)[-1], m["message"], m.get("extract")) for m in ours] == []
