"""check / bare CSafeLoader parse in CPU time only, measured as benchmarks/run.py measures it
(same functions, in turns, as often as it runs them), in a minute instead of run.py's ten.

    .venv/bin/python benchmarks/check_ratio.py [MODULES ...]        # default 10 100 1000
    PYTHONPATH=<other tree>/generator .venv/bin/python benchmarks/check_ratio.py   # another version
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402
from synthetic import write_course  # noqa: E402


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="rufbereit-ratio-") as temporary:
        for modules in sizes:
            content = write_course(Path(temporary) / str(modules) / "content", modules)
            files = [content / "course.yaml", content / "glossary.yaml", *sorted((content / "modules").glob("*.yaml"))]
            run.floor_parse(files)  # the page cache and imports out of the figure
            run.check(content)
            floor, check = run.paired_medians(lambda files=files: run.floor_parse(files),
                                              lambda content=content: run.check(content), run.check_turns(modules),
                                              clock=time.process_time)
            print(f"{modules:5d} modules: parse {floor:.3f} s, check {check:.3f} s CPU → {check / floor:.2f} ×", flush=True)


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]] or [10, 100, 1000])
