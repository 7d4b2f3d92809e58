"""Lighthouse (npm `lighthouse`, mobile preset) on the home page and a module of the default
course, built with each engine and served offline from 127.0.0.1; the same Chromium as the
browser tests (CHROME_PATH). Prints a table and writes it into BENCHMARKS.md between the
`lighthouse` markers (run.py leaves that part alone only if it is re-appended: see main()).

    .venv/bin/python benchmarks/lighthouse.py
"""

from __future__ import annotations

import datetime
import functools
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "module": "kurs/module/pflicht/"}
CATEGORIES = ("performance", "accessibility", "best-practices")
START, END = "<!-- lighthouse -->", "<!-- /lighthouse -->"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _Pages(_Quiet):
    """Serves text compressed, as GitHub Pages does: Lighthouse's simulated mobile network
    charges every byte on the wire, so an uncompressed server would measure another site."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.suffix not in self.COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()   # also redirects a folder without its slash
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def build(engine: str, work: Path) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("kurs"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "rufbereit", "build", "--content", str(ROOT / "content"), "--engine", engine],
                   cwd=work, env=env, check=True, capture_output=True)
    return work / "site"


def audit(url: str) -> dict[str, float]:
    out = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")),
        capture_output=True, text=True, check=True, timeout=300,
    ).stdout
    report = json.loads(out)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is missing: run `make node_modules/.installed` first")
    rows = []
    for engine in ("mkdocs", "zensical"):
        with tempfile.TemporaryDirectory() as tmp:
            site = build(engine, Path(tmp))
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Pages, directory=str(site)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                for name, path in PAGES.items():
                    scores = audit(f"http://127.0.0.1:{server.server_port}/{path}")
                    rows.append((engine, name, path or "/", scores))
                    print(engine, name, scores, flush=True)
            finally:
                server.shutdown()
    table = [f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}, "
             f"mobile preset, offline from 127.0.0.1 with gzip as on GitHub Pages, measured {datetime.date.today()} with "
             "`.venv/bin/python benchmarks/lighthouse.py` (part of `make bench`). Aim: accessibility 1.00, "
             "best practices 1.00, performance ≥ 0.95.", "",
             "| engine | page | performance | accessibility | best practices |", "|---|---|---|---|---|"]
    for engine, name, path, s in rows:
        scores = " | ".join(f"{s[category]:.2f}" for category in CATEGORIES)
        table.append(f"| {engine} | {name} (`{path}`) | {scores} |")
    section = f"{START}\n## Lighthouse\n\n" + "\n".join(table) + f"\n{END}\n"
    bench = ROOT / "BENCHMARKS.md"
    text = bench.read_text(encoding="utf-8")
    text = re.sub(re.escape(START) + ".*?" + re.escape(END) + "\n?", "", text, flags=re.S).rstrip("\n")
    bench.write_text(text + "\n\n" + section, encoding="utf-8")
    print("\n".join(table))


if __name__ == "__main__":
    main()
