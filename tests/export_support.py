"""Shared by the export tests: validating a manifest against the schemas in its own package."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

IMPORTS = {
    "1.2": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}


def validate_package(package: Path, standard: str, work: Path) -> etree._ElementTree:
    """Unpack the package and validate imsmanifest.xml with the XSDs shipped inside it (never
    fetched from anywhere); raises lxml's DocumentInvalid with the schema's message."""
    with zipfile.ZipFile(package) as archive:
        archive.extractall(work)
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(work / name).as_uri()}"/>' for ns, name in IMPORTS[standard].items()
    )
    driver = work / "driver.xsd"
    driver.write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:rufbereit:driver">{imports}</xs:schema>',
        encoding="utf-8",
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    schema = etree.XMLSchema(etree.parse(str(driver), parser))
    document = etree.parse(str(work / "imsmanifest.xml"), parser)
    schema.assertValid(document)
    return document
