"""`rufbereit export cmi5`: the course as one cmi5 course package (cmi5.xml and the site).

One AU for the whole course, as the SCORM packages hold one SCO: the site is one whole
(the course overview, links between modules, the glossary, one learner record), and an AU per
module would make the LMS launch every module separately, start a new session at each and cut
the links between modules. The AU is `moveOn="CompletedAndPassed"`: it sends `completed`
and `passed` together once every module is passed; it has no masteryScore, for the reason the
SCORM manifests have none (an LMS would judge a running score). The launcher
(rufbereit-cmi5.js) follows the cmi5 launch: parameters from the launch URL, the auth token
from the fetch URL, the LMS.LaunchData state document, statements to the LMS's LRS."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as etree
from importlib import resources
from pathlib import Path

from ...content.tree import Content
from ...render.browser_data import data_script
from ...render.pages import SiteRenderer
from .scorm import LICENSES, launcher_page, package_map, site_files, write_zip
from .package_site import build_package_site

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
LAUNCHER = "rufbereit-cmi5.html"
SCRIPTS = ("rufbereit-cmi5.js",)  # bundled from assets-src/lms with the shared bridge (`npm run build:lms`)
MOVE_ON = "CompletedAndPassed"


def course_iri(course_id: str) -> str:
    """The course's publisher IRI: stable for the course id, no host of ours needed."""
    return f"urn:rufbereit:course:{course_id}"


def course_structure(course_id: str, title: str, description: str, language: str) -> bytes:
    root = etree.Element("courseStructure", {"xmlns": NAMESPACE})

    def described(parent: etree.Element) -> None:
        for tag, value in (("title", title), ("description", description or title)):
            etree.SubElement(etree.SubElement(parent, tag), "langstring", lang=language).text = value

    described(etree.SubElement(root, "course", id=course_iri(course_id)))
    au = etree.SubElement(root, "au", id=course_iri(course_id) + ":au", moveOn=MOVE_ON, launchMethod="AnyWindow")
    described(au)
    etree.SubElement(au, "url").text = LAUNCHER
    etree.indent(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def package_files(content: Content, site: Path) -> dict[str, bytes]:
    renderer = SiteRenderer(content)
    course = renderer.course
    files = site_files(site)
    assets = resources.files("rufbereit.tools.export") / "assets"
    for name in SCRIPTS + LICENSES:
        files[name] = (assets / name).read_bytes()
    mapping = package_map(renderer, "cmi5", True)
    mapping["moveOn"] = MOVE_ON
    files["rufbereit-cmi5-map.js"] = data_script("lms", mapping).encode()
    files[LAUNCHER] = launcher_page(course.title, course.language, SCRIPTS, "rufbereit-cmi5-map.js").encode("utf-8")
    # cmi5.xml has no version field: the description names the content version, so an LMS shows
    # which course text a registration was made with (the ids stay stable across versions).
    version = renderer.texts["content_version"].format(version=renderer.content_version())
    description = " – ".join(filter(None, (content.course.model.description, version)))
    files["cmi5.xml"] = course_structure(course.course_id, course.title, description, course.language)
    return files


def export_cmi5(content: Content, project: Path, out: Path, engine: str) -> int:
    """Build the package into `out`; returns its size in bytes."""
    with tempfile.TemporaryDirectory(prefix="rufbereit-export-") as work:
        site = build_package_site(content, project, Path(work), engine)
        files = package_files(content, site)
    write_zip(files, out, first="cmi5.xml")
    return out.stat().st_size
