"""`rufbereit export scorm12 | scorm2004`: the manifest against the standard's schemas (shipped
in the package), its values, the package's files, and the size of the suspend data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from export_support import validate_package
from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.render.pages import SiteRenderer
from support import FIXTURES, ROOT

NS = {"1.2": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
KINDS = {"1.2": "scorm12", "2004": "scorm2004"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory, engine_build):
    """Both packages of the full fixture course and the 1.2 package of the hostile one."""
    out = tmp_path_factory.mktemp("packages")
    built = {}
    for name, kind in (("full", "scorm12"), ("full", "scorm2004"), ("hostile", "scorm12")):
        target = out / f"{name}-{kind}.zip"
        assert main(["export", kind, "--content", str(FIXTURES / name), "--out", str(target)]) == 0
        built[name, kind] = target
    return built


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_the_manifest_validates_against_the_schemas_inside_the_package(packages, standard, tmp_path):
    document = validate_package(packages["full", KINDS[standard]], standard, tmp_path)
    root = document.getroot()
    renderer = SiteRenderer(load_content(FIXTURES / "full"))
    assert root.get("identifier") == "rufbereit-fx-vollkurs"
    assert root.get("version") == renderer.content_version()
    titles = root.findall(f".//{{{NS[standard]}}}title")
    assert {t.text for t in titles} == {"Vollkurs FxKurstitel"}
    resource = root.find(f".//{{{NS[standard]}}}resource")
    assert resource.get("href") == "rufbereit-lms.html"
    listed = {f.get("href") for f in resource.findall(f"{{{NS[standard]}}}file")}
    with zipfile.ZipFile(packages["full", KINDS[standard]]) as archive:
        names = set(archive.namelist())
    assert {"rufbereit-lms.html", "index.html", "kurs/module/einwaende/index.html", "assets/rufbereit.js"} <= listed
    assert listed <= names
    assert not any(name.startswith("sitemap") for name in names)
    if standard == "1.2":
        assert root.findtext(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore") == "70"  # pass_mark in course.yaml
        assert {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"} <= names
    else:
        assert root.findtext(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure") == "0.70"
        assert {"imscp_v1p1.xsd", "adlcp_v1p3.xsd", "imsss_v1p0.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd"} <= names


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_the_schema_check_rejects_a_broken_manifest(packages, standard, tmp_path):
    """The validation is real: a manifest without its resources is refused."""
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(packages["full", KINDS[standard]]) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "imsmanifest.xml":
                data = re.sub(rb"<resources>.*</resources>", b"", data, flags=re.S)
            target.writestr(name, data)
    with pytest.raises(etree.DocumentInvalid):
        validate_package(broken, standard, tmp_path / "unpacked")


def test_hostile_titles_stay_text(packages, tmp_path):
    document = validate_package(packages["hostile", "scorm12"], "1.2", tmp_path)
    title = load_content(FIXTURES / "hostile").course.model.title
    assert document.getroot().findtext(f".//{{{NS['1.2']}}}title") == title
    launcher = (tmp_path / "rufbereit-lms.html").read_text(encoding="utf-8")
    assert "<script>alert" not in launcher and "&lt;script&gt;alert(1)&lt;/script&gt;" in launcher


def test_the_package_loads_nothing_from_another_host(packages, tmp_path):
    with zipfile.ZipFile(packages["full", "scorm12"]) as archive:
        for name in archive.namelist():
            if name.endswith((".html", ".js", ".css")):
                text = archive.read(name).decode("utf-8", "replace")
                # Links a reader may follow are fine; nothing may be loaded from elsewhere.
                loads = r"""<(script|link|img|iframe|source|audio|video)\b[^>]*\b(src|href)=["']?(https?:)?//"""
                assert not re.search(loads, text), name
                assert "127.0.0.1" not in text, name


@pytest.mark.usefixtures("engine_build")  # a package holds the site its engine built
def test_the_same_course_gives_the_same_package(tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for target in (first, second):
        assert main(["export", "scorm2004", "--content", str(FIXTURES / "english"), "--out", str(target)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_missing_content_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["export", "scorm12", "--content", str(tmp_path / "nope")]) == 2


# --- suspend data ---------------------------------------------------------------------------

CODEC = ROOT / "generator/rufbereit/tools/export/assets/rufbereit-lms-codec.js"
TYPES = ("single", "multiple", "true_false", "order", "match", "text", "single", "multiple")
ANSWERS = {"single": "3", "multiple": ["0", "2", "5"], "true_false": "false", "text": "Das ist meine Antwort",
           "order": {str(i): str(9 - i) for i in range(1, 9)}, "match": {str(i): str(7 - i) for i in range(8)}}


def full_progress(modules: int) -> tuple[dict, dict]:
    """A course shaped like the benchmark's largest (eight questions of all six types per
    module) with every module passed and every question answered."""
    mapping = {"modules": []}
    data = {"course": "bench", "version": 1, "modules": {}}
    for m in range(modules):
        mid = f"modul-{m:04d}-telefonieren-lernen"
        questions = [[f"q-{m:05d}{i:05d}", f"{m:06x}{i:06x}", TYPES[i]] for i in range(8)]
        mapping["modules"].append({"id": mid, "q": questions})
        data["modules"][mid] = {
            "passed": True, "best": 100, "date": "2026-11-28", "passedDate": "2026-11-28",
            "questions": {q[0]: {"hash": q[1], "answer": ANSWERS[q[2]], "correct": True} for q in questions},
        }
    return data, mapping


def run_codec(script: str, payload: dict) -> dict:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is needed for the suspend-data test")
    code = f"const C = require({json.dumps(str(CODEC))}); const p = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n{script}"
    result = subprocess.run([node, "-e", code], input=json.dumps(payload), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_suspend_data_of_the_largest_benchmark_course_fits_scorm_12():
    data, mapping = full_progress(1000)
    out = run_codec(
        "const s = C.encode(p.data, p.map, 'modul-0500-telefonieren-lernen', 4000);"
        "const back = C.decode(s, p.map, 'bench');"
        "console.log(JSON.stringify({length: s.length, back: back}));",
        {"data": data, "map": mapping},
    )
    assert out["length"] < 4096
    back = out["back"]["modules"]
    assert len(back) == 1000 and all(m["passed"] and m["best"] == 100 for m in back.values())
    current = back["modul-0500-telefonieren-lernen"]["questions"]   # the current module's answers come first
    assert current == data["modules"]["modul-0500-telefonieren-lernen"]["questions"]


def test_suspend_data_keeps_every_answer_type_and_drops_changed_questions():
    data, mapping = full_progress(3)
    data["modules"]["modul-0001-telefonieren-lernen"]["questions"]["q-0000100000"]["hash"] = "older"
    data["modules"]["modul-0002-telefonieren-lernen"] = {"read": True}
    out = run_codec("console.log(JSON.stringify(C.decode(C.encode(p.data, p.map, '', 64000), p.map, 'bench')));",
                    {"data": data, "map": mapping})
    first = out["modules"]["modul-0000-telefonieren-lernen"]
    assert first["questions"] == data["modules"]["modul-0000-telefonieren-lernen"]["questions"]
    assert "q-0000100000" not in out["modules"]["modul-0001-telefonieren-lernen"]["questions"]
    assert out["modules"]["modul-0002-telefonieren-lernen"] == {"read": True, "questions": {}, "date": "2026-11-28"}


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"v":2,"m":""}', '{"v":1,"m":"%%%","a":{"0":[[99,"+x"]]}}'])
def test_broken_suspend_data_gives_nothing_or_an_empty_record(text):
    _, mapping = full_progress(2)
    out = run_codec(f"console.log(JSON.stringify(C.decode({json.dumps(text)}, p.map, 'bench')));", {"map": mapping})
    assert out is None or out["modules"] == {}
