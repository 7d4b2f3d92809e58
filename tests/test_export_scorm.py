"""`rufbereit export scorm12 | scorm2004`: the manifest against the standard's schemas (shipped
in the package), its values, the package's files, and the size of the suspend data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from export_support import validate_package
from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.render.pages import SiteRenderer
from support import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from suspend_data import worst_record  # noqa: E402  the benchmark's worst case, one definition

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
        # No mastery score: Moodle would turn a running score into "failed" (issue 23, finding 2).
        assert root.find(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore") is None
        assert {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"} <= names
    else:
        # No measure an LMS would turn into cmi.scaled_passing_score and judge the score by.
        assert root.find(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure") is None
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

CODEC = ROOT / "assets-src/lms/codec.mjs"   # bundled into rufbereit-lms.js (tests/test_site_script.py)
LIMIT = 4000   # the launcher's limit for SCORM 1.2 (CMIString4096, with room to spare)


def run_codec(script: str, payload: dict) -> dict:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is needed for the suspend-data test")
    code = (f"const C = await import({json.dumps(CODEC.as_uri())});"
            f" const p = JSON.parse((await import('fs')).readFileSync(0, 'utf8'));\n{script}")
    result = subprocess.run([node, "--input-type=module", "-e", code], input=json.dumps(payload), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def roundtrip(record: dict, mapping: dict, current: str, limit: int = LIMIT) -> dict:
    return run_codec("const s = C.encode(p.record, p.map, p.current, p.limit);"
                     "console.log(JSON.stringify({length: s.length, dropped: C.encode.dropped,"
                     " back: C.decode(s, p.map, 'bench')}));",
                     {"record": record, "map": mapping, "current": current, "limit": limit})


def test_resume_at_1000_modules_with_every_field_of_the_record_fits_scorm_12():
    """Issue 23, finding 5: the worst case of benchmarks/suspend_data.py (every optional field
    of the learner record) within 4,096 characters, and what matters most comes back: every
    module's pass state, best score and passed calls, the current module's answers."""
    record, mapping = worst_record(1000)
    current = mapping["modules"][500]["id"]
    out = roundtrip(record, mapping, current)
    assert 0 < out["length"] <= LIMIT < 4096
    back = out["back"]["modules"]
    for mid, module in record["modules"].items():
        assert back[mid]["passed"] is True and back[mid]["best"] == module["best"], mid
        assert {c: e["passed"] for c, e in back[mid]["calls"].items()} == {"anruf-a": True, "anruf-b": True}
    assert back[current]["questions"] == record["modules"][current]["questions"]
    assert "notes" in out["dropped"]


def test_a_record_that_fits_comes_back_whole_with_unknown_keys():
    record, mapping = worst_record(3)
    record["modules"]["modul-0001-telefonieren-lernen"]["zukunft"] = {"neu": [1, 2]}
    out = roundtrip(record, mapping, "", 64000)
    assert out["dropped"] == []
    assert out["back"] == record   # the whole record, unknown keys included, no per-field packing


def test_suspend_data_of_an_earlier_package_still_resumes():
    """Version 1 (per-field packing) from a package already in an LMS."""
    mapping = {"modules": [{"id": "a", "q": [["q1", "h1", "single"]], "calls": []}, {"id": "b", "q": [], "calls": []}]}
    old = json.dumps({"v": 1, "m": "AJAC", "a": {"0": [[0, "+2"]]}, "d": "2026-11-28"})
    out = run_codec(f"console.log(JSON.stringify(C.decode({json.dumps(old)}, p.map, 'bench')));", {"map": mapping})
    assert out["modules"]["a"]["passed"] is True and out["modules"]["a"]["questions"]["q1"]["answer"] == "2"


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"v":2,"m":""}', '{"v":1,"m":"%%%","a":{"0":[[99,"+x"]]}}',
                                  "z2:", "z2:%%%broken", "z2:N4Ig"])
def test_broken_suspend_data_gives_nothing_or_an_empty_record(text):
    mapping = {"modules": [{"id": "a", "q": [], "calls": []}]}
    out = run_codec(f"console.log(JSON.stringify(C.decode({json.dumps(text)}, p.map, 'bench')));", {"map": mapping})
    assert out is None or out["modules"] == {}


def test_the_packaged_lz_string_is_the_pinned_npm_release():
    """lz-string is bundled into rufbereit-lms.js from node_modules (tests/test_site_script.py)."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["lz-string"]
    assert pinned == "1.5.0"   # exact pin
    assert json.loads((ROOT / "node_modules/lz-string/package.json").read_text())["version"] == pinned


# --- links name files ---------------------------------------------------------------------

def test_every_link_in_the_package_names_a_file(packages):
    """An LMS's file server serves no index.html for a folder (issue 23, finding 1)."""
    from rufbereit.tools.export.links import folder_links

    with zipfile.ZipFile(packages["full", "scorm12"]) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert folder_links(files) == []
    home = files["index.html"].decode()
    assert "kurs/module/erste-schritte/index.html" in home and "404.html" not in files


def test_a_link_to_a_folder_left_in_a_page_is_an_export_error():
    from rufbereit.tools.export.links import file_links

    files = {"index.html": b'<a href="kurs/module/x">x</a> <a href=kurs/module/x/#a>y</a>',
             "kurs/module/x/index.html": b'<a href="../../">home</a><a href="https://example.org/">e</a>'}
    with pytest.raises(ValueError, match="index.html: kurs/module/x"):
        file_links(files)
    files["index.html"] = b'<a href=kurs/module/x/#a>y</a><img src="kurs/media/a.png">'
    out = file_links(files)
    assert out["index.html"] == b'<a href=kurs/module/x/index.html#a>y</a><img src="kurs/media/a.png">'
    assert out["kurs/module/x/index.html"] == b'<a href="../../index.html">home</a><a href="https://example.org/">e</a>'
