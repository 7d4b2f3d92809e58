"""The SCORM packages in a real LMS runtime: scorm-again (npm) provides window.API (1.2) and
window.API_1484_11 (2004) on a test page that frames the package's launcher, as an LMS does.
Everything is served as an LMS serves a package (lms_server.py: a deep path, no folder index)."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from rufbereit.cli import main

from conftest import ROOT
from helpers import CALLS, CASES, MODULES, ONE_GLOBAL, RIGHT, added_names, answer, call_of, check, play_call, question
from lms_server import LmsFileServer, script_errors, watch_errors

STANDARDS = {"1.2": ("scorm12", "API", "Scorm12API"), "2004": ("scorm2004", "API_1484_11", "Scorm2004API")}

LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm-again/{script}.js"></script>
<script>
  const launch = new URLSearchParams(location.search).get("cmi");
  window.{name} = new {cls}({{logLevel: 5, autocommit: false}});
  if (launch) window.{name}.loadFromJSON(JSON.parse(launch));
  window.finished = false;
  window.{name}.on("{finish}", () => {{ window.finished = true; }});
</script></head>
<body><iframe id="sco" title="course" src="{package}/rufbereit-lms.html" style="width:100%;height:700px"></iframe></body></html>
"""


@pytest.fixture(scope="session")
def lms(tmp_path_factory):
    """Both packages of the fixture course, unpacked beside scorm-again and two LMS pages."""
    root = tmp_path_factory.mktemp("lms")
    dist = ROOT / "node_modules" / "scorm-again" / "dist"
    if not dist.is_dir():
        pytest.fail("scorm-again is missing: run `make node_modules/.installed`")
    shutil.copytree(dist, root / "scorm-again", ignore=shutil.ignore_patterns("esm", "types", "*.map"))
    for standard, (kind, name, cls) in STANDARDS.items():
        package = root / f"{kind}.zip"
        assert main(["export", kind, "--content", str(ROOT / "tests/fixtures/full"), "--out", str(package)]) == 0
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / kind)
        finish = "LMSFinish" if standard == "1.2" else "Terminate"
        page = LMS_PAGE.format(script=kind, name=name, cls=cls, finish=finish, package=kind)
        (root / f"lms-{kind}.html").write_text(page, encoding="utf-8")
    server = LmsFileServer(root)
    yield server.base
    server.close()


@pytest.fixture
def fresh(browser, lms):
    """New browser contexts (empty storage) that may only talk to the local server."""
    contexts = []

    def make():
        context = browser.new_context()
        foreign = []
        context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((lms, "about:", "data:", "blob:")) else None)
        contexts.append((context, foreign))
        page = context.new_page()
        watch_errors(page)
        return page

    yield make
    for context, foreign in contexts:
        context.close()
        assert not foreign, f"requests to other hosts: {foreign}"


def launch(page, lms, kind, cmi=None):
    url = f"{lms}lms-{kind}.html" + ("?cmi=" + json.dumps(cmi) if cmi else "")
    page.goto(url)
    page.wait_for_function("() => { const f = document.getElementById('sco').contentWindow; "
                           "return f && f.Rufbereit && f.Rufbereit.scorm && (f.document.getElementById('rb-course').contentWindow.Rufbereit || {}).site; }")
    return course_frame(page)


def course_frame(page):
    return next(f for f in page.frames if f.name == "rb-course")


def visit(page, module):
    page.evaluate("(m) => { const f = document.getElementById('sco').contentDocument.getElementById('rb-course');"
                  " f.src = 'kurs/module/' + m + '/index.html'; }", module)
    page.wait_for_function("(m) => { const w = document.getElementById('sco').contentDocument.getElementById('rb-course')"
                           ".contentWindow; return w.location.pathname.includes('/module/' + m + '/') && "
                           "w.document.querySelector('[data-rb-quiz][data-rb-ready]'); }", arg=module)
    return course_frame(page)


def leave(page):
    """The reader closes the course: the LMS removes the SCO's frame."""
    page.evaluate("() => document.getElementById('sco').remove()")
    page.wait_for_function("() => window.finished")


def cmi(page, name):
    return page.evaluate(f"() => JSON.parse(JSON.stringify(window.{name}.cmi))")


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_passing_every_module_reports_passed_with_score_location_and_interactions(fresh, lms, standard):
    kind, name, _ = STANDARDS[standard]
    page = fresh()
    launch(page, lms, kind)
    walked = {}
    for module in MODULES:
        frame = visit(page, module)
        for qtype, marker, value in RIGHT[module]:
            q = question(frame, marker)
            answer(q, qtype, value)
            check(q)
        if module in CALLS:   # a module with a quiz and a practice call passes only with both
            walked[module] = play_call(frame, module)
    leave(page)
    data = cmi(page, name)
    calls = {f"{module}.{CALLS[module]}." for module in walked}
    journal = [r for r in records(data) if not r["id"].startswith(tuple(calls))]
    choices = [r for r in records(data) if r["id"].startswith(tuple(calls))]
    assert len(choices) == sum(len(path["says"]) for path in walked.values())
    assert {r["type"] for r in choices} == {"choice"}
    if standard == "1.2":
        core = data["core"]
        assert core["lesson_status"] == "passed"
        assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == ("100", "0", "100")
        assert core["lesson_location"] == "abschluss"
        assert core["exit"] == "suspend"
    else:
        assert (data["completion_status"], data["success_status"]) == ("completed", "passed")
        assert float(data["score"]["scaled"]) == 1.0
        assert data["location"] == "abschluss"
        assert data["exit"] == "suspend"
    suspend = data["suspend_data"]
    assert 0 < len(suspend) < 4096 and suspend.startswith("z2:")   # the record, lz-string compressed
    # One interaction per click on "Prüfen", from the site's rufbereit:answer event.
    count = sum(len(RIGHT[m]) for m in MODULES)
    assert len(journal) == count
    types = {r["type"] for r in journal}
    assert types == {"choice", "true-false", "fill-in", "sequencing", "matching"}
    assert all(r["result"] == "correct" for r in journal)
    answers = {r["id"]: (r["type"], r[RESPONSE[standard]]) for r in journal}
    sep = "," if standard == "1.2" else "[,]"
    assert answers["erste-schritte.einzelwahl-frage"] == ("choice", "o-5729e178")   # the option's key
    assert answers["erste-schritte.q-6dd3350a59"] == ("choice", sep.join(["o-676d745a", "o-ba66d997"]))
    assert answers["erste-schritte.wahr-falsch-frage"] == ("true-false", "t" if standard == "1.2" else "true")
    assert answers["erste-schritte.q-abfdaed595"][1].strip() == "Leitfaden"
    # Each choice in the practice call, by step, with its points.
    call, node, played = call_of("full", "einwaende"), None, []
    node = call["start"]
    for index in walked["einwaende"]["indexes"]:
        choice = call["steps"][node]["choices"][index]
        played.append((f"einwaende.anruf-muster.{node}", str(choice["points"]) if "points" in choice else "neutral"))
        node = choice["next"]
    assert [(r["id"], r["result"]) for r in choices] == played
    assert not script_errors(page)


RESPONSE = {"1.2": "student_response", "2004": "learner_response"}


def records(data):
    interactions = data["interactions"]
    return [interactions[k] for k in sorted((k for k in interactions if k.isdigit()), key=int)]


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_a_failed_quiz_stays_incomplete_and_a_relaunch_finds_the_answers(fresh, lms, standard):
    kind, name, _ = STANDARDS[standard]
    page = fresh()
    launch(page, lms, kind)
    frame = visit(page, "erste-schritte")
    wrong = {"FxFrageEinzel", "FxFrageWahrFalsch", "FxFrageTextGross"}
    for qtype, marker, value in RIGHT["erste-schritte"]:
        q = question(frame, marker)
        answer(q, qtype, CASES[qtype][4] if marker in wrong else value)
        check(q)
    assert "nicht bestanden" in frame.locator(".rb-summary").inner_text()
    leave(page)
    data = cmi(page, name)
    status = data["core"]["lesson_status"] if standard == "1.2" else data["success_status"]
    assert status == ("incomplete" if standard == "1.2" else "unknown")   # never "failed"
    journal = records(data)
    assert [r["result"] for r in journal].count("correct") == 1
    single = next(r for r in journal if r["id"] == "erste-schritte.einzelwahl-frage")
    assert single[RESPONSE[standard]] == "o-ce8c6655"   # FxOptionFalsch, as clicked
    assert single["result"] == ("wrong" if standard == "1.2" else "incorrect")
    # What an LMS hands back on the next launch, in a browser that has never seen the course.
    if standard == "1.2":
        resume = {"suspend_data": data["suspend_data"],
                  "core": {"lesson_location": data["core"]["lesson_location"], "lesson_status": "incomplete", "entry": "resume"}}
    else:
        resume = {"suspend_data": data["suspend_data"], "location": data["location"],
                  "completion_status": "incomplete", "entry": "resume"}
    again = fresh()
    launch(again, lms, kind, resume)
    again.wait_for_function("() => document.getElementById('sco').contentDocument.getElementById('rb-course')"
                            ".contentWindow.location.pathname.includes('/module/erste-schritte/')")
    frame = course_frame(again)
    frame.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    single = question(frame, "FxFrageEinzel")
    assert single.get_attribute("data-rb-checked") == "wrong"
    assert single.locator(".rb-option", has_text="FxOptionFalsch").locator("input").is_checked()
    assert question(frame, "FxFrageMehrfach").get_attribute("data-rb-checked") == "right"
    assert question(frame, "FxFrageWahrFalsch").get_by_label("Stimmt nicht", exact=True).is_checked()
    assert question(frame, "FxFrageTextGross").locator("input[type=text]").input_value() == "leitfaden"
    assert "nicht bestanden" in frame.locator(".rb-summary").inner_text()
    assert not script_errors(page) and not script_errors(again)


def test_without_an_lms_the_package_is_the_site_with_progress_in_the_browser(fresh, lms):
    page = fresh()
    page.goto(lms + "scorm12/rufbereit-lms.html")
    page.wait_for_function("() => (document.getElementById('rb-course').contentWindow.Rufbereit || {}).site")
    assert page.evaluate("() => window.Rufbereit.scorm.connected()") is False
    frame = next(f for f in page.frames if f.name == "rb-course")
    frame.goto(lms + "scorm12/kurs/module/abschluss/index.html")
    frame.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    for qtype, marker, value in RIGHT["abschluss"]:
        q = question(frame, marker)
        answer(q, qtype, value)
        check(q)
    stored = frame.evaluate("() => JSON.parse(localStorage.getItem('rufbereit:v1:fx-vollkurs'))")
    assert stored["modules"]["abschluss"]["passed"] is True
    assert not script_errors(page)


def test_the_package_pages_gain_one_global_name(fresh, lms):
    """Issue 19 item 5: the launcher and the course page in its frame gain one name on window,
    `Rufbereit` (assets-src/global.mjs), beside the browser's and the theme's own."""
    page = fresh()
    frame = launch(page, lms, "scorm2004")
    launcher = next(f for f in page.frames if f.url.endswith("/rufbereit-lms.html"))
    assert added_names(launcher) == added_names(frame) == ONE_GLOBAL
    assert sorted(launcher.evaluate("() => Object.keys(window.Rufbereit)")) == ["course", "lms", "scorm"]
    assert not script_errors(page)


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_a_practice_call_choice_becomes_an_interaction(fresh, lms, standard):
    """The practice-call script announces each choice with a rufbereit:call-choice event."""
    kind, name, _ = STANDARDS[standard]
    page = fresh()
    frame = launch(page, lms, kind)
    frame.evaluate("() => document.dispatchEvent(new CustomEvent('rufbereit:call-choice', {detail: "
                   "{module: 'einwaende', call: 'kein-interesse', step: 'start', choice: 'nachfragen', points: 2, next: 'ende-gut'}}))")
    frame.evaluate("() => document.dispatchEvent(new CustomEvent('rufbereit:call-choice', {detail: "
                   "{module: 'einwaende', call: 'kein-interesse', step: 'ende gut', choice: 'auflegen <b>', next: null}}))")
    leave(page)
    first, second = records(cmi(page, name))
    assert (first["id"], first["type"], first["result"]) == ("einwaende.kein-interesse.start", "choice", "2")
    assert first["learner_response" if standard == "2004" else "student_response"] == "nachfragen"
    assert second["id"] == "einwaende.kein-interesse.ende_gut" and second["result"] == "neutral"
    assert second["learner_response" if standard == "2004" else "student_response"] == "auflegen__b_"


def test_no_interactions_option_reports_none(fresh, lms, tmp_path):
    package = tmp_path / "quiet.zip"
    assert main(["export", "scorm12", "--no-interactions", "--content", str(ROOT / "tests/fixtures/full"),
                 "--out", str(package)]) == 0
    with zipfile.ZipFile(package) as archive:
        mapping = archive.read("rufbereit-lms-map.js").decode()
    assert '"interactions": false' in mapping
