"""Measure the size of Rufbereit's own front-end assets (raw and gzipped).

Budget: rufbereit.js + rufbereit.css together at most 10 KB gzipped. This is a
measurement, so it always exits 0; it only reports whether the budget holds.
"""

from __future__ import annotations

import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "docs" / "assets" / "rufbereit.js", ROOT / "docs" / "assets" / "rufbereit.css"]
BUDGET = 10 * 1024


def main() -> int:
    total_raw = total_gz = 0
    for path in FILES:
        raw = path.read_bytes()
        gz = len(gzip.compress(raw, compresslevel=9, mtime=0))
        total_raw += len(raw)
        total_gz += gz
        print(f"{path.relative_to(ROOT)}: {len(raw)} B raw, {gz} B gzipped")
    print(f"total: {total_raw} B raw, {total_gz} B gzipped (budget {BUDGET} B gzipped)")
    verdict = "holds" if total_gz <= BUDGET else "EXCEEDED"
    print(f"budget {verdict}: {total_gz / 1024:.1f} KB of {BUDGET / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
