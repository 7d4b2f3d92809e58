"""Spaced review: what it adds to every page, and how long today's list takes in the browser.

    .venv/bin/python benchmarks/review.py     # part of `make bench`; rewrites its part of BENCHMARKS.md

- Page weight: the review's pure part with the scheduler (assets-src/site/review-core.mjs and
  ts-fsrs, bundled and minified by esbuild as `npm run build:site` does), gzip level 9, against
  the whole site script docs/assets/rufbereit.js (which includes it) and rufbereit.css.
- Today's list at 1,000 modules × 8 questions, every question scheduled, in headless Chromium
  (CHROME_PATH): review-core's `dueList` on a record as the page stores it, median of
  25 runs after 5 warm-up runs. Aim: under 50 ms on this machine.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
MODULES, QUESTIONS = 1000, 8
AIM_MS = 50.0


def gz(*names: str) -> int:
    return sum(len(gzip.compress((ASSETS / name).read_bytes(), 9)) for name in names)


def review_core() -> str:
    """The review's pure part with ts-fsrs, as one script that sets `RufbereitReview`."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    return subprocess.run([str(esbuild), "assets-src/site/review-core.mjs", "--bundle", "--minify", "--format=iife",
                           "--global-name=RufbereitReview", "--target=es2020", "--log-level=warning"],
                          cwd=ROOT, check=True, capture_output=True, text=True, timeout=60).stdout


def record() -> dict:
    """A learner record with a schedule for every question, due dates spread over 60 days."""
    modules = {}
    for m in range(MODULES):
        review = {}
        for q in range(QUESTIONS):
            day = 1 + (m * QUESTIONS + q) % 60
            review[f"q-{m:04d}{q}"] = {"due": f"2026-{11 + day // 31:02d}-{1 + day % 30:02d}T12:00:00.000Z",
                                       "stability": 3.1, "difficulty": 5.2, "reps": 2, "lapses": 0, "state": 2,
                                       "hash": "0123456789ab", "correct": True, "streak": 1}
        modules[f"modul-{m:04d}"] = {"questions": {}, "review": review}
    return {"course": "bench", "version": 1, "modules": modules}


def list_time_ms(review: str) -> tuple[float, int]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.evaluate("(code) => { (0, eval)(code); }", review)
        result = page.evaluate(
            """([data, ids]) => {
                const core = globalThis.RufbereitReview, times = [];
                let count = 0;
                for (let i = 0; i < 30; i++) {
                    const start = performance.now();
                    count = core.dueList(data, ids, "2026-12-20").length;
                    if (i >= 5) times.push(performance.now() - start);
                }
                return [times, count];
            }""",
            [record(), [f"modul-{m:04d}" for m in range(MODULES)]],
        )
        browser.close()
    times, count = result
    return statistics.median(times), count


def main() -> None:
    core = review_core()
    review = len(gzip.compress(core.encode("utf-8"), 9))
    base = gz("rufbereit.js", "rufbereit.css")
    median, due = list_time_ms(core)
    lines = [
        "| what | figure |",
        "|---|---|",
        f"| the scheduler and the review's pure part in every page's script (minified, gzip) | {review / 1024:.1f} KB |",
        f"| for comparison: the whole rufbereit.js (which includes it) + rufbereit.css (gzip) | {base / 1024:.1f} KB |",
        f"| today's list, {MODULES:,} modules × {QUESTIONS} questions ({due:,} due), Chromium, median | "
        f"{median:.1f} ms (aim < {AIM_MS:.0f} ms) |",
    ]
    table = "\n".join(lines)
    print(table)
    bench = ROOT / "BENCHMARKS.md"
    text = bench.read_text(encoding="utf-8")
    block = f"<!-- review -->\n## Spaced review\n\nMeasured with `.venv/bin/python benchmarks/review.py` (part of `make bench`).\n\n{table}\n<!-- /review -->"
    if "<!-- review -->" in text:
        text = re.sub(r"<!-- review -->.*?<!-- /review -->", lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    bench.write_text(text, encoding="utf-8")
    print(json.dumps({"review_gz": review, "base_gz": base, "list_ms": median, "due": due}))


if __name__ == "__main__":
    main()
