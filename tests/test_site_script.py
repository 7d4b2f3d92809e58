"""The browser's scripts are what esbuild makes from their ES modules (assets-src) with the
pinned esbuild and libraries: the site's one script (docs/assets/rufbereit.js, `npm run
build:site`), the LMS launchers' (tools/export/assets, `npm run build:lms`) and the preview's
watch (output/assets, `npm run build:preview`). They are
committed, so that the site and the packages build without Node, and held to their sources here."""

from __future__ import annotations

import json
import shlex
import subprocess

import pytest

from support import ROOT

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
# (npm script, the esbuild command, the file it writes)
BUILDS = [(script, command, command[-1].removeprefix("--outfile="))
          for script in ("build:site", "build:lms", "build:preview")
          for command in (shlex.split(part) for part in PACKAGE["scripts"][script].split("&&"))]


@pytest.mark.skipif(not ESBUILD.exists(), reason="needs node_modules (make node_modules/.installed)")
@pytest.mark.parametrize(("script", "command", "bundle"), BUILDS, ids=[b[2].rsplit("/", 1)[-1] for b in BUILDS])
def test_the_committed_bundle_is_built_from_its_sources(tmp_path, script, command, bundle):
    out = tmp_path / "bundle.js"
    subprocess.run([str(ESBUILD), *command[1:-1], f"--outfile={out}"], cwd=ROOT, check=True, timeout=60)
    assert out.read_bytes() == (ROOT / bundle).read_bytes(), (
        f"{bundle} is not what its sources in assets-src make: run `npm run {script}` and commit it")


@pytest.mark.parametrize(("bundle", "library"), [("docs/assets/rufbereit.js", "ts-fsrs"),
                                                  ("generator/rufbereit/tools/export/assets/rufbereit-lms.js", "lz-string")])
def test_a_bundle_names_the_pinned_library_it_includes(bundle, library):
    banner = (ROOT / bundle).read_text(encoding="utf-8")[:300]
    assert f"{library} {PACKAGE['devDependencies'][library]} " in banner
    assert "MIT License" in banner


def test_the_pages_load_the_course_data_then_the_one_script():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    scripts = [line.split("path:")[1].strip() for line in config.split("extra_javascript:")[1].split("\n\n")[0].splitlines()
               if "path:" in line]
    assert scripts[-1] == "assets/rufbereit.js" and scripts[0].endswith("course.js") and len(scripts) == 2
