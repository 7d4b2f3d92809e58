"""`rufbereit export scorm12 | scorm2004`: the course as one SCORM package (one SCO).

The package is the site as `rufbereit build` makes it (same generation, same engine) plus a
launcher page. The launcher holds the LMS session and shows the course's pages in a frame:
a site of many pages would otherwise lose the session at every page change, and a
single-page build would mean a second renderer. The manifest validates against the
standard's schemas, which ship in the package (tools/export/xsd/)."""

from __future__ import annotations

import json
import tempfile
import zipfile
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ...content.tree import Content
from ...render.pages import SiteRenderer, call_views
from .package_site import build_package_site

LAUNCHER = "rufbereit-lms.html"
ASSETS = ("rufbereit-lms.js", "rufbereit-lms-codec.js")
STANDARDS = {"scorm12": "1.2", "scorm2004": "2004"}
# A fixed time for every zip entry: the same course gives the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def package_map(renderer: SiteRenderer, standard: str, interactions: bool) -> dict:
    """What the launcher needs to know of the course: modules, their pages, their questions."""
    modules = []
    for entry in renderer.entries:
        quiz = entry.module.quiz
        questions = [[q.question_id, q.content_hash, q.type] for q in quiz.questions] if quiz else []
        calls = list(call_views(entry.module))
        modules.append(
            {"id": entry.id, "page": f"kurs/module/{entry.id}/index.html", "quiz": quiz is not None, "q": questions,
             "calls": calls}
        )
    return {"standard": standard, "interactions": interactions, "passMark": renderer.course.pass_mark,
            "modules": modules}


def launcher_page(title: str, language: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>html,body{margin:0;height:100%;overflow:hidden}"
        "iframe{display:block;border:0;width:100%;height:100%}</style>\n</head>\n<body>\n"
        f'<iframe id="rb-course" title={quoteattr(title)}></iframe>\n'
        '<script src="kurs/course.js"></script>\n<script src="rufbereit-lms-map.js"></script>\n'
        + "".join(f'<script src="{name}"></script>\n' for name in reversed(ASSETS))
        + "</body>\n</html>\n"
    )


def xsd_files(standard: str) -> dict[str, bytes]:
    folder = resources.files("rufbereit.tools.export") / "xsd" / ("scorm12" if standard == "1.2" else "scorm2004")
    return {item.name: item.read_bytes() for item in folder.iterdir() if item.name.endswith((".xsd", ".dtd"))}


def manifest(standard: str, course_id: str, title: str, version: str, pass_mark: int, files: list[str]) -> str:
    """imsmanifest.xml: one organization, one item, one SCO resource listing every file."""
    ident = "rufbereit-" + course_id
    file_list = "".join(f"      <file href={quoteattr(name)}/>\n" for name in files)
    if standard == "1.2":
        head = (
            '<manifest identifier="{ident}" version="{version}"\n'
            '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
            '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
            '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
            '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
            'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
            "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n"
        )
        item_extra = f"        <adlcp:masteryscore>{pass_mark}</adlcp:masteryscore>\n"
        scormtype = 'adlcp:scormtype="sco"'
    else:
        head = (
            '<manifest identifier="{ident}" version="{version}"\n'
            '  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"\n'
            '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"\n'
            '  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"\n'
            '  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"\n'
            '  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
            '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
            '  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
            'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">\n'
            "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n"
            "  </metadata>\n"
        )
        # The pass mark as the primary objective's measure. The SCO itself decides success
        # (every module passed), so the LMS is not told to judge by the score alone.
        item_extra = (
            "        <imsss:sequencing>\n          <imsss:objectives>\n"
            '            <imsss:primaryObjective objectiveID="course-passed" satisfiedByMeasure="false">\n'
            f"              <imsss:minNormalizedMeasure>{pass_mark / 100:.2f}</imsss:minNormalizedMeasure>\n"
            "            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>\n"
        )
        scormtype = 'adlcp:scormType="sco"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + head.format(ident=ident, version=version)
        + '  <organizations default="org">\n    <organization identifier="org">\n'
        f"      <title>{escape(title)}</title>\n"
        '      <item identifier="item" identifierref="sco">\n'
        f"        <title>{escape(title)}</title>\n"
        + item_extra
        + "      </item>\n    </organization>\n  </organizations>\n  <resources>\n"
        f'    <resource identifier="sco" type="webcontent" {scormtype} href="{LAUNCHER}">\n'
        + file_list
        + "    </resource>\n  </resources>\n</manifest>\n"
    )


def package_files(content: Content, site: Path, standard: str, interactions: bool) -> dict[str, bytes]:
    """Every file of the zip: the site, the launcher and its scripts, the schemas, the manifest."""
    renderer = SiteRenderer(content)
    course = renderer.course
    # The sitemap names the host the site was built for; in an LMS it would only mislead.
    files = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }
    assets = resources.files("rufbereit.tools.export") / "assets"
    for name in ASSETS:
        files[name] = (assets / name).read_bytes()
    data = json.dumps(package_map(renderer, standard, interactions), ensure_ascii=False, sort_keys=True)
    files["rufbereit-lms-map.js"] = f"window.RUFBEREIT_LMS = {data};\n".encode()
    files[LAUNCHER] = launcher_page(course.title, course.language).encode("utf-8")
    schemas = xsd_files(standard)
    resource_files = sorted(files)
    files.update(schemas)
    version = renderer.content_version()
    files["imsmanifest.xml"] = manifest(
        standard, course.course_id, course.title, version, course.pass_mark, resource_files
    ).encode("utf-8")
    return files


def write_zip(files: dict[str, bytes], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], zipfile.ZIP_DEFLATED)


def export_scorm(content: Content, project: Path, kind: str, out: Path, engine: str, interactions: bool) -> int:
    """Build the package into `out`; returns its size in bytes."""
    with tempfile.TemporaryDirectory(prefix="rufbereit-export-") as work:
        site = build_package_site(content, project, Path(work), engine)
        files = package_files(content, site, STANDARDS[kind], interactions)
    write_zip(files, out)
    return out.stat().st_size
