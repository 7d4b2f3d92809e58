"""Build the trainer edition into `site-trainer/`: its own Markdown in a temporary project
(never docs/kurs/ or docs/course/, which the learners' site is built from), its own configuration, its own
output folder. Nothing of it can reach the learners' site, search index, sitemap or exports."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..content.safefs import check_media
from ..content.tree import Content
from ..render.trainer import TrainerRenderer

TRAINER_SITE = "site-trainer"


def trainer_files(content: Content) -> dict[str, bytes]:
    """Every file of the trainer edition's project: docs/… and its mkdocs.yml."""
    renderer = TrainerRenderer(content)
    files = {f"docs/{path}": text.encode("utf-8") for path, text in renderer.trainer_pages().items()}
    for media_path in sorted(content.media):
        files[f"docs/{renderer.paths.folder}/{media_path}"] = check_media(content.root, content.root / media_path)
    files["mkdocs.yml"] = renderer.trainer_config().encode("utf-8")
    return files


def build_trainer(project: Path, content: Content, engine: str = "mkdocs") -> int:
    """Write the edition into a temporary project beside `site/` (named like a build's
    staging folder, so that a killed build's leftovers are cleaned up the same way) and
    build it into `site-trainer/`, which is replaced only when the build succeeds."""
    from .engine import build_site

    workdir = Path(tempfile.mkdtemp(dir=project, prefix=f".site-{os.getpid()}-trainer-"))
    try:
        for relative, data in trainer_files(content).items():
            target = workdir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return build_site(workdir, engine, site=project / TRAINER_SITE, trainer_edition=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
