"""What the browser downloads of Rufbereit's own scripts: every page's scripts (mkdocs.yml
`extra_javascript`, without the generated course.js) and the LMS launchers' scripts, raw and
gzip -9, as committed at a git revision (default: the working tree).

    .venv/bin/python benchmarks/scripts_weight.py            # now
    .venv/bin/python benchmarks/scripts_weight.py 47d8c9d    # before the ES-module bundles
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPORT = "generator/rufbereit/tools/export"


def read(path: str, ref: str | None) -> bytes:
    if ref is None:
        return (ROOT / path).read_bytes()
    return subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, check=True, capture_output=True).stdout


def launcher_scripts(module: str, name: str, ref: str | None) -> list[str]:
    """The scripts a launcher page loads, from the tuple in scorm.py / cmi5.py at `ref`."""
    source = read(f"{EXPORT}/{module}.py", ref).decode("utf-8")
    line = next(line for line in source.splitlines() if line.startswith(f"{name} = ("))
    names = [part.strip().strip('"') for part in line.split("(", 1)[1].split(")")[0].split(",")]
    return [f"{EXPORT}/assets/{name}" for name in names if name]


def weigh(title: str, paths: list[str], ref: str | None) -> None:
    files = [read(p, ref) for p in paths]
    raw, gz = sum(map(len, files)), sum(len(gzip.compress(f, 9, mtime=0)) for f in files)
    print(f"| {title} | {len(files)} | {raw / 1024:.1f} KB | {gz / 1024:.1f} KB |")


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else None
    config = yaml.load(read("mkdocs.yml", ref), Loader=yaml.BaseLoader)
    site = ["docs/" + (e["path"] if isinstance(e, dict) else e) for e in config["extra_javascript"]]
    print(f"Scripts at {ref or 'the working tree'} (gzip -9 per file, as served):\n")
    print("| page | scripts | raw | gzip |\n|---|---|---|---|")
    weigh("every page of the site (without course.js)", [p for p in site if not p.endswith("course.js")], ref)
    weigh("SCORM launcher", launcher_scripts("scorm", "ASSETS", ref), ref)
    weigh("cmi5 launcher", launcher_scripts("cmi5", "SCRIPTS", ref), ref)


if __name__ == "__main__":
    main()
