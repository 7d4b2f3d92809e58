"""cProfile one stage of Rufbereit on a synthetic course; top 15 by cumulative time.

    .venv/bin/python benchmarks/profile_stage.py check|generate|incremental [MODULES]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rufbereit.content.load import load_content
from rufbereit.content.tree import ParseCache  # noqa: E402
from rufbereit.output.files import generated_files, write_generated  # noqa: E402
from synthetic import write_course  # noqa: E402


def main(stage: str, modules: int) -> None:
    with tempfile.TemporaryDirectory(prefix="rufbereit-profile-") as temporary:
        content = write_course(Path(temporary) / "content", modules)
        project = Path(temporary) / "project"
        (project / "docs").mkdir(parents=True)
        profiler = cProfile.Profile()
        if stage == "check":
            load_content(content)  # imports and regex compilation out of the figure
            profiler.runcall(load_content, content)
        elif stage == "generate":
            loaded = load_content(content)
            profiler.runcall(generated_files, loaded)
        elif stage == "incremental":
            cache = ParseCache()
            write_generated(project, generated_files(load_content(content, cache)))
            path = content / "modules" / f"modul-{modules // 2:04d}.yaml"
            text = path.read_text(encoding="utf-8")
            index = text.index("- title: 'Abschnitt 2")
            path.write_text(text[:index] + "    Ein neuer Satz.\n" + text[index:], encoding="utf-8")
            report = profiler.runcall(lambda: write_generated(project, generated_files(load_content(content, cache))))
            print("rewritten:", report.written)
        else:
            sys.exit("stage: check, generate or incremental")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(15)
        stats.sort_stats("tottime").print_stats(10)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "generate", int(sys.argv[2]) if len(sys.argv) > 2 else 100)
