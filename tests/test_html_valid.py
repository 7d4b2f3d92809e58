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


# One short run: the quick compiler alone and one garbage collector thread take the checker less
# than half the CPU time of Java's defaults (the same messages); the quick compiler's code needs
# a deeper stack than the checker's 512 KB minimum.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
COURSES = ["default", "full", "english"]  # english: with the redirect pages at its old paths
# Both tests on one worker (pytest-xdist), which checks both sites in one run of the checker.
pytestmark = pytest.mark.xdist_group("vnu")


def _is_materials(message: dict) -> bool:
    return 'class="md-' in message.get("extract", "") or "md-toggle" in message.get("extract", "")


@pytest.fixture(scope="module")
def vnu_errors(built_site) -> dict[str, list[dict]]:
    """The checker's errors on every page of every course's site, by course: one Java process
    for all of them (its start and warm-up cost more than a site's pages)."""
    assert shutil.which("java"), "the HTML validity test needs Java (apt-get install default-jre-headless)"
    assert VNU.is_file(), "run `make test` (it installs vnu-jar from package.json)"
    sites = {course: built_site(course) / "site" for course in COURSES}
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, sites.values())],
        capture_output=True,
        text=True,
    )
    errors = [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    by_course = {course: [m for m in errors if f"{site}/" in m["url"]] for course, site in sites.items()}
    assert sum(map(len, by_course.values())) == len(errors), [m["url"] for m in errors]  # none unplaced
    return by_course


@pytest.mark.parametrize("course", COURSES)
def test_no_html_error_in_our_markup(vnu_errors, course):
    messages = vnu_errors[course]
    ours = [m for m in messages if not _is_materials(m)]
    theirs = sorted({m["message"] for m in messages if _is_materials(m)})
    print("Errors in Material's own markup:", *theirs, sep="\n  ")
    assert [(m["url"].rsplit("/site/", 1)[-1], m["message"], m.get("extract")) for m in ours] == []
