"""The generator's data for the browser code (render/browser_data.py): one line of script per
key under the one global, `window.Rufbereit`, that hands over any course text as data. Run in
node's `vm` with a window of its own: what the scripts leave on it is that one name."""

from __future__ import annotations

import json
import subprocess

from rufbereit.output.serve import _preview_script
from rufbereit.render.browser_data import data_script, read_data_script

HOSTILE = {"title": "\"; window.evil = 1; \"</script><script>alert(1)</script>", "lines": "a\nb\u2028c\u2029d\\",
           "key \"quoted\"": ["'", "`${x}`", "<!--", "-->"]}

# The scripts run in order in one context whose global object is its window, as in a page.
RUN = """
const vm = require("vm");
const scripts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const window = { document: { currentScript: null } };
window.window = window;
const before = new Set(Object.getOwnPropertyNames(window));
vm.createContext(window);
scripts.forEach((s) => vm.runInContext(s, window));
const added = Object.getOwnPropertyNames(window).filter((n) => !before.has(n));
process.stdout.write(JSON.stringify({ added: added, data: JSON.parse(JSON.stringify(window.Rufbereit)) }));
"""


def run_in_node(*scripts: str) -> dict:
    done = subprocess.run(["node", "-e", RUN], input=json.dumps(scripts), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_course_text_reaches_the_browser_as_data_under_the_one_global():
    course, lms = data_script("course", HOSTILE), data_script("lms", {"modules": [HOSTILE]})
    assert course.count("\n") == 1 and read_data_script(course + lms, "course") == HOSTILE
    ran = run_in_node(course, lms)
    assert ran == {"added": ["Rufbereit"], "data": {"course": HOSTILE, "lms": {"modules": [HOSTILE]}}}


def test_the_preview_course_script_defines_the_one_global_too():
    problems = {"title": "Probleme", "hint": "</script>", "items": [["modules/a.yaml:1:1", "Fehler", HOSTILE["title"]]]}
    script = _preview_script(data_script("course", HOSTILE), "Inhaltsversion 1", problems)
    ran = run_in_node(script)
    assert ran["added"] == ["Rufbereit"]
    assert ran["data"]["course"] == HOSTILE and ran["data"]["preview"]["problems"] == problems
    assert read_data_script(script, "preview")["footer"] == "Inhaltsversion 1"
