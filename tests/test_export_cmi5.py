"""`rufbereit export cmi5`: the course structure (cmi5.xml) as the cmi5 specification's
examples write it, one AU for the course, and a package whose links name files."""

from __future__ import annotations

import zipfile

import pytest

from lxml import etree

from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.render.pages import SiteRenderer
from rufbereit.tools.export.links import folder_links
from support import FIXTURES

NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}


@pytest.mark.usefixtures("engine_build")  # a package holds the site its engine built
def test_the_course_structure_has_one_au_that_moves_on_when_completed_and_passed(tmp_path):
    package = tmp_path / "course-cmi5.zip"
    assert main(["export", "cmi5", "--content", str(FIXTURES / "full"), "--out", str(package)]) == 0
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    assert names[0] == "cmi5.xml"
    root = etree.fromstring(files["cmi5.xml"], etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == f"{{{NS['c']}}}courseStructure"
    course = root.find("c:course", NS)
    assert course.get("id") == "urn:rufbereit:course:fx-vollkurs"
    assert course.find("c:title/c:langstring", NS).text == "Vollkurs FxKurstitel"
    assert course.find("c:title/c:langstring", NS).get("lang") == "de"
    # The content version the footer and the certificate show, named in the description.
    version = SiteRenderer(load_content(FIXTURES / "full")).content_version()
    description = course.find("c:description/c:langstring", NS).text
    assert description.startswith("Testkurs FxKursbeschreibung") and description.endswith(f"Inhaltsversion {version}")
    aus = root.findall("c:au", NS)
    assert len(aus) == 1
    au = aus[0]
    assert au.get("moveOn") == "CompletedAndPassed" and au.get("masteryScore") is None
    assert au.findtext("c:url", namespaces=NS) == "rufbereit-cmi5.html" and "rufbereit-cmi5.html" in names
    assert {"rufbereit-cmi5.js", "rufbereit-cmi5-map.js", "lz-string.LICENSE.txt", "index.html"} <= set(names)
    assert folder_links(files) == []
