"""The site's script (docs/assets/rufbereit.js) is what `npm run build:site` makes from its ES
modules (assets-src/site) with the pinned esbuild and ts-fsrs: committed, so that the site
builds without Node, and held to its sources here."""

from __future__ import annotations

import json
import shlex
import subprocess

import pytest

from support import ROOT

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
BUNDLE = ROOT / "docs" / "assets" / "rufbereit.js"
PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not ESBUILD.exists(), reason="needs node_modules (make node_modules/.installed)")
def test_the_committed_bundle_is_built_from_its_sources(tmp_path):
    command = shlex.split(PACKAGE["scripts"]["build:site"])
    out = tmp_path / "rufbereit.js"
    assert command[-1] == f"--outfile={BUNDLE.relative_to(ROOT).as_posix()}"
    subprocess.run([str(ESBUILD), *command[1:-1], f"--outfile={out}"], cwd=ROOT, check=True, timeout=60)
    assert out.read_bytes() == BUNDLE.read_bytes(), (
        "docs/assets/rufbereit.js is not what assets-src/site makes: run `npm run build:site` and commit it")


def test_the_bundle_names_the_library_it_includes():
    banner = BUNDLE.read_text(encoding="utf-8")[:300]
    assert f"ts-fsrs {PACKAGE['devDependencies']['ts-fsrs']} " in banner
    assert "MIT License" in banner


def test_the_pages_load_the_course_data_then_the_one_script():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    scripts = [line.split("path:")[1].strip() for line in config.split("extra_javascript:")[1].split("\n\n")[0].splitlines()
               if "path:" in line]
    assert scripts[-1] == "assets/rufbereit.js" and scripts[0].endswith("course.js") and len(scripts) == 2
