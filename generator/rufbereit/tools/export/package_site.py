"""Build the course's site for a package: the same generation and engine as `rufbereit build`,
in a temporary project, so the working tree (docs/kurs, site/) is never touched. A package is
new, so no old bookmark leads into it: it has no redirect pages (see SiteRenderer.redirects)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ...content.tree import Content
from ...output.engine import build_site
from ...output.files import generated_files, write_generated
from ...texts import generated_folders


def package_config(text: str) -> str:
    """The project's mkdocs.yml for a package: file links end in `.html`, since an LMS serves
    the files as they are (no folder → index.html), and every page is a full load in the frame,
    so the launcher sees each page change (instant navigation would swap pages by script).
    No site URL: the package's address is the LMS's, so no page names a canonical host."""
    if "use_directory_urls: true" not in text or "    - navigation.instant\n" not in text:
        raise ValueError("mkdocs.yml: expected `use_directory_urls: true` and `navigation.instant`")
    text = re.sub(r"(?m)^site_url:.*\n", "", text)
    return text.replace("use_directory_urls: true", "use_directory_urls: false").replace(
        "    - navigation.instant\n", ""
    )


def build_package_site(content: Content, project: Path, work: Path, engine: str = "mkdocs") -> Path:
    """Generate and build the course into `work/site`; returns that folder."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs.yml").write_text(package_config(config), encoding="utf-8")
    shutil.copytree(
        project / "docs",
        work / "docs",
        ignore=lambda folder, names: sorted(generated_folders()) if Path(folder) == project / "docs" else [],
    )
    write_generated(work, generated_files(content, redirects=False))
    site = work / "site"
    status = build_site(work, engine, site)
    if status != 0 or not (site / "index.html").is_file():
        raise RuntimeError(f"engine {engine} failed with status {status}")
    return site
