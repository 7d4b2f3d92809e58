"""Drive the site engine, never leaving a half-written site: a build goes to a temporary
folder first and replaces `site/` only on success."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import minify_html

ENGINES = ("mkdocs", "zensical")


def engine_command(engine: str, config: Path, site_dir: Path) -> list[str]:
    bin_dir = Path(sys.executable).parent
    if engine == "mkdocs":
        return [str(bin_dir / "mkdocs"), "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)]
    return [str(bin_dir / "zensical"), "build", "--clean", "--config-file", str(config)]


def build_site(project: Path, engine: str = "mkdocs", site: Path | None = None) -> int:
    """Build into a fresh folder beside `site/`, then swap it in; on failure `site/` is kept."""
    site = site or project / "site"
    staging = Path(tempfile.mkdtemp(dir=project, prefix=".site-"))
    config = project / "mkdocs.yml"
    try:
        if engine == "zensical":
            # Zensical has no --site-dir: a small config inherits ours and redirects the output.
            config = staging.with_suffix(".yml")
            config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {staging.name}\n", encoding="utf-8")
        # Material's end-of-life banner is noise here: Rufbereit already builds with Zensical.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(engine_command(engine, config, staging), cwd=project, env=env)
        if result.returncode != 0:
            return result.returncode
        minify_pages(staging)
        _swap(staging, site)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if config != project / "mkdocs.yml":
            config.unlink(missing_ok=True)


def minify_pages(site: Path) -> None:
    """Drop the themes' indentation from every page: a quarter of a module page's bytes,
    whichever engine built it. Closing tags stay, and inline scripts and styles are left alone."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        minified = minify_html.minify(
            text,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            keep_input_type_text_attr=True,
            minify_css=False,
            minify_js=False,
        )
        page.write_text(minified, encoding="utf-8")


def _swap(fresh: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
