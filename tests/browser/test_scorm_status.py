"""The status an LMS records at each exit (start, one module, leave, relaunch, all modules),
for SCORM 1.2 and 2004, with the package's real launcher against a SCORM runtime test double
(scorm_double.js) that enforces the data model and judges the status by the manifest's pass
mark as Moodle does. Issue 23, finding 2: never `failed` while the learner is still working."""

from __future__ import annotations

import functools
import json
import re
import threading
import zipfile
from pathlib import Path

import pytest

from rufbereit.cli import main

from conftest import ROOT, _free_port, _QuietHandler, _Server
from helpers import CALLS, MODULES, RIGHT, answer, check, play_call, question
from test_scorm import course_frame, visit

KINDS = {"1.2": "scorm12", "2004": "scorm2004"}
DOUBLE = Path(__file__).with_name("scorm_double.js")
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm_double.js"></script>
<script>
  const saved = JSON.parse(new URLSearchParams(location.search).get("saved") || "null");
  const xhr = new XMLHttpRequest();
  xhr.open("GET", "{kind}/imsmanifest.xml", false); xhr.send();
  window.lms = ScormDouble("{standard}", saved, ScormDouble.readManifest(xhr.responseText));
  window.{name} = window.lms.api;
</script></head>
<body><iframe id="sco" title="course" src="{kind}/rufbereit-lms.html" style="width:100%;height:700px"></iframe></body></html>
"""
V12_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
V2004_TIME = re.compile(r"^PT\d+H\d+M\d+(\.\d+)?S$")


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    root = tmp_path_factory.mktemp("status")
    (root / "scorm_double.js").write_bytes(DOUBLE.read_bytes())
    for standard, kind in KINDS.items():
        package = root / f"{kind}.zip"
        assert main(["export", kind, "--content", str(ROOT / "tests/fixtures/full"), "--out", str(package)]) == 0
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / kind)
        name = "API" if standard == "1.2" else "API_1484_11"
        page = LMS_PAGE.replace("{kind}", kind).replace("{standard}", standard).replace("{name}", name)
        (root / f"lms-{kind}.html").write_text(page, encoding="utf-8")
    port = _free_port()
    server = _Server(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


def launch(page, lms, kind, saved=None):
    page.goto(f"{lms}lms-{kind}.html" + ("?saved=" + json.dumps(saved) if saved else ""))
    page.wait_for_function("() => { const f = document.getElementById('sco').contentWindow; "
                           "return f && f.Rufbereit && f.Rufbereit.scorm && f.Rufbereit.scorm.page; }")


def leave(page) -> tuple[dict, dict]:
    """The learner closes the course; what the LMS recorded at this exit and keeps."""
    page.evaluate("() => document.getElementById('sco').remove()")
    page.wait_for_function("() => window.lms.exits.length === 1")
    return page.evaluate("() => [window.lms.exits[0], window.lms.saved]")


def status_now(page) -> dict:
    return page.evaluate("() => ({v12: window.API ? window.API.LMSGetValue('cmi.core.lesson_status') : null,"
                         " completion: window.API_1484_11 ? window.API_1484_11.GetValue('cmi.completion_status') : null,"
                         " success: window.API_1484_11 ? window.API_1484_11.GetValue('cmi.success_status') : null})")


def pass_module(page, module):
    frame = visit(page, module)
    for qtype, marker, value in RIGHT[module]:
        q = question(frame, marker)
        answer(q, qtype, value)
        check(q)
    if module in CALLS:
        play_call(frame, module)


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_the_status_at_each_exit_is_never_failed_and_ends_passed(browser, lms, standard):
    kind, v12 = KINDS[standard], standard == "1.2"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    launch(page, lms, kind)   # start
    now = status_now(page)
    assert (now["v12"] == "incomplete") if v12 else (now["completion"], now["success"]) == ("incomplete", "unknown")

    pass_module(page, MODULES[0])   # one module of three
    first, saved = leave(page)
    assert first["exit"] == "suspend"
    assert (first["lesson_status"] if v12 else first["success_status"]) == ("incomplete" if v12 else "unknown")
    if not v12:
        assert first["completion_status"] == "incomplete"
    assert first["score"] == ""   # no running score that reads as a poor grade
    assert (V12_TIME if v12 else V2004_TIME).match(first["session_time"]), first["session_time"]

    assert page.evaluate("() => window.lms.violations") == []
    launch(page, lms, kind, saved)   # relaunch: resume where the learner left
    assert page.evaluate("() => window.lms.exits.length") == 0
    frame = course_frame(page)
    assert f"/module/{MODULES[0]}/" in frame.url
    now = status_now(page)
    assert (now["v12"] == "incomplete") if v12 else (now["completion"], now["success"]) == ("incomplete", "unknown")
    for module in MODULES[1:]:   # all modules
        pass_module(page, module)
    last, _ = leave(page)
    assert last["entry"] == "resume" and last["exit"] == "suspend"
    if v12:
        assert (last["lesson_status"], last["score"]) == ("passed", "100")
    else:
        assert (last["completion_status"], last["success_status"], last["score"]) == ("completed", "passed", "1.0000")
    assert (V12_TIME if v12 else V2004_TIME).match(last["session_time"])
    assert page.evaluate("() => window.lms.violations") == []
    assert not errors
    context.close()
