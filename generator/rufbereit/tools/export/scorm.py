"""`rufbereit export scorm12 | scorm2004`: the course as one SCORM package (one SCO).

The package is the site as `rufbereit build` makes it (same generation, same engine) plus a
launcher page. The launcher holds the LMS session and shows the course's pages in a frame:
a site of many pages would otherwise lose the session at every page change, and a
single-page build would mean a second renderer. The manifest validates against the
standard's schemas, which ship in the package (tools/export/xsd/)."""

from __future__ import annotations

import tempfile
import zipfile
from importlib import resources
from pathlib import Path
import xml.etree.ElementTree as etree
from xml.sax.saxutils import escape, quoteattr

from ...content.tree import Content
from ...render.browser_data import data_script
from ...render.pages import COURSE_SCRIPT, SiteRenderer, call_views
from .links import file_links
from .package_site import build_package_site

LAUNCHER = "rufbereit-lms.html"
# The launcher's one script, bundled from assets-src/lms (`npm run build:lms`) with the codec, the
# shared bridge and lz-string (npm, the exact version pinned in package.json).
ASSETS = ("rufbereit-lms.js",)
LICENSES = ("lz-string.LICENSE.txt",)
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
            {"id": entry.id, "page": entry.page.removesuffix(".md") + ".html", "quiz": quiz is not None, "q": questions,
             "calls": calls}
        )
    return {"standard": standard, "interactions": interactions, "passMark": renderer.course.pass_mark,
            "modules": modules}


def launcher_page(title: str, language: str, scripts: tuple[str, ...] = ASSETS, map_file: str = "rufbereit-lms-map.js") -> str:
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>html,body{margin:0;height:100%;overflow:hidden}"
        "iframe{display:block;border:0;width:100%;height:100%}</style>\n</head>\n<body>\n"
        f'<iframe id="rb-course" title={quoteattr(title)}></iframe>\n'
        f'<script src="{COURSE_SCRIPT}"></script>\n<script src="{map_file}"></script>\n'
        + "".join(f'<script src="{name}"></script>\n' for name in reversed(scripts))
        + "</body>\n</html>\n"
    )


def xsd_files(standard: str) -> dict[str, bytes]:
    folder = resources.files("rufbereit.tools.export") / "xsd" / ("scorm12" if standard == "1.2" else "scorm2004")
    return {item.name: item.read_bytes() for item in folder.iterdir() if item.name.endswith((".xsd", ".dtd"))}


NAMESPACES = {
    "1.2": {
        None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {
        None: "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
SCHEMA_FILES = {
    "1.2": {"http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd"},
    "2004": {"http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
             "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
             "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd"},
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def manifest(standard: str, course_id: str, title: str, version: str, files: list[str]) -> bytes:
    """imsmanifest.xml: one organization, one item, one SCO resource listing every file.

    No mastery score (1.2) and no objective measure (2004): an LMS would compare it with the
    score and record `failed` while the learner is still working. The SCO sets the status.
    Namespaces are written as the attributes they are (ElementTree keeps no global prefixes)."""
    declarations = {("xmlns:" + k if k else "xmlns"): v for k, v in NAMESPACES[standard].items()}

    def sub(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
        element = etree.SubElement(parent, tag, attrs)
        element.text = text
        return element

    root = etree.Element("manifest", {**declarations, "xmlns:xsi": XSI, "identifier": "rufbereit-" + course_id,
                                      "version": version})
    root.set("xsi:schemaLocation", " ".join(f"{k} {v}" for k, v in SCHEMA_FILES[standard].items()))
    metadata = sub(root, "metadata")
    sub(metadata, "schema", "ADL SCORM")
    sub(metadata, "schemaversion", "1.2" if standard == "1.2" else "2004 4th Edition")
    organization = sub(sub(root, "organizations", default="org"), "organization", identifier="org")
    sub(organization, "title", title)
    sub(sub(organization, "item", identifier="item", identifierref="sco"), "title", title)
    resource = sub(sub(root, "resources"), "resource", identifier="sco", type="webcontent", href=LAUNCHER)
    resource.set("adlcp:scormtype" if standard == "1.2" else "adlcp:scormType", "sco")
    for name in files:
        sub(resource, "file", href=name)
    etree.indent(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def site_files(site: Path) -> dict[str, bytes]:
    """The built site as a package holds it: every link naming a file (links.py).
    The sitemap names the host the site was built for; in an LMS it would only mislead.
    404.html links from the server's root and is never served by an LMS."""
    return file_links({
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml") and path.relative_to(site).as_posix() != "404.html"
    })


def package_files(content: Content, site: Path, standard: str, interactions: bool) -> dict[str, bytes]:
    """Every file of the zip: the site, the launcher and its scripts, the schemas, the manifest."""
    renderer = SiteRenderer(content)
    course = renderer.course
    files = site_files(site)
    assets = resources.files("rufbereit.tools.export") / "assets"
    for name in ASSETS + LICENSES:
        files[name] = (assets / name).read_bytes()
    files["rufbereit-lms-map.js"] = data_script("lms", package_map(renderer, standard, interactions)).encode()
    files[LAUNCHER] = launcher_page(course.title, course.language).encode("utf-8")
    schemas = xsd_files(standard)
    resource_files = sorted(files)
    files.update(schemas)
    version = renderer.content_version()
    files["imsmanifest.xml"] = manifest(standard, course.course_id, course.title, version, resource_files)
    return files


def write_zip(files: dict[str, bytes], out: Path, first: str = "imsmanifest.xml") -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in [first, *sorted(n for n in files if n != first)]:
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
