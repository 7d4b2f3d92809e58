"""Write the generated tree and drive the site engine, never leaving a half-written site.

Generation writes only files whose bytes changed and removes pages the course no longer
produces. A build goes to a temporary folder first and replaces `site/` only on success.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import minify_html

from .load import Content, collector_paused
from .render import CONFIG_FILE, GENERATED_DIR, SiteRenderer

ENGINES = ("mkdocs", "zensical")


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def generated_files(content: Content) -> dict[str, bytes]:
    """Every file of the generated tree, relative to docs/, plus the engine config."""
    renderer = SiteRenderer(content)
    with collector_paused():
        files = {path: text.encode("utf-8") for path, text in renderer.pages().items()}
    for media_path in sorted(content.media):
        files[f"{GENERATED_DIR}/{media_path}"] = (content.root / media_path).read_bytes()
    files[f"../{CONFIG_FILE}"] = renderer.config().encode("utf-8")
    return files


def write_generated(project: Path, files: dict[str, bytes]) -> WriteReport:
    """Bring docs/kurs/ and the config in line with `files`, touching only what changed."""
    docs = project / "docs"
    report = WriteReport()
    for relative, data in sorted(files.items()):
        target = (docs / relative).resolve()
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, data)
        report.written.append(relative)
    generated_root = docs / GENERATED_DIR
    wanted = {(docs / relative).resolve() for relative in files}
    for path in sorted(generated_root.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
            report.removed.append(path.relative_to(docs).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)


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
