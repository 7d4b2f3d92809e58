"""The Markdown renderers available for course fields, side by side (issue 19, item 7).

    .venv/bin/python benchmarks/renderers.py            # default course and 300 modules
    .venv/bin/python benchmarks/renderers.py --no-engine   # without the mkdocs builds

Every Markdown and inline field of a course (course.yaml, every module, glossary.yaml) is
rendered once per renderer, as `generate` meets them: one conversion per field. The
figures are the median of a few rounds, each with a fresh renderer (no memo), and the
ratio to `mkdocs build --strict` of the same course (the budget of issue 19: generation at
10 % of the engine). Renderers that are not installed are listed as such; only
Python-Markdown and markdown-it-py come with the project's lock files. The others can be
tried without touching .venv:

    .venv/bin/python -m pip install --target /tmp/renderers pyromark cmarkgfm
    PYTHONPATH=/tmp/renderers .venv/bin/python benchmarks/renderers.py

Not a switch of renderer: the dialects differ (CommonMark against Python-Markdown), so a
change would need the trainers' documentation, a conversion of the default course and a
warning wherever a field renders differently (README, "Markdown in course fields").
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generator"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import markdown  # noqa: E402

from rufbereit.cli import collector_paused  # noqa: E402
from rufbereit.content.load import load_content  # noqa: E402
from rufbereit.content.markup import _MARKUP, EXTENSIONS, LinkTargets, MarkdownRenderer  # noqa: E402
from rufbereit.content.model import INLINE, MARKDOWN  # noqa: E402
from rufbereit.content.rules import text_fields  # noqa: E402
from synthetic import write_course  # noqa: E402
import preview  # noqa: E402
from run import BIN, clear_generated, generate, run_child  # noqa: E402

ROUNDS = 3
Field = tuple[str, bool]  # (text, inline)


def course_fields(content: Path) -> list[Field]:
    """Every Markdown and inline field of the course, in the order `generate` meets them."""
    with collector_paused():
        loaded = load_content(content)
    sources = [loaded.course, *loaded.modules.values(), loaded.glossary]
    return [(text, text_format is INLINE) for source in sources if source is not None
            for _, text_format, text in text_fields(source.model) if text_format in (INLINE, MARKDOWN)]


# --- the renderers: each returns a function that renders one field ------------------------

def rufbereit_as_now() -> Callable[[str, bool], str]:
    """The generator's own path: plain text skips Markdown, the rest is Python-Markdown
    followed by the allowlist sanitiser (what a CommonMark renderer would also need)."""
    renderer, targets = MarkdownRenderer(), LinkTargets(frozenset(), frozenset())
    return lambda text, inline: renderer.render(text, targets, inline=inline).html


def plain_first(render: Callable[[str, bool], str]) -> Callable[[str, bool], str]:
    """As the generator does for any renderer: text without markup is only escaped."""
    return lambda text, inline: render(text, inline) if _MARKUP.search(text) else html.escape(text, quote=False)


def python_markdown_bare() -> Callable[[str, bool], str]:
    """Python-Markdown with the generator's extensions, without the sanitiser: the
    difference to the row above is the sanitiser's share."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    return plain_first(lambda text, inline: md.reset().convert(text))


def markdown_it() -> Callable[[str, bool], str]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    return plain_first(lambda text, inline: md.renderInline(text) if inline else md.render(text))


def pyromark_html() -> Callable[[str, bool], str]:
    import pyromark  # no inline mode: an inline field is rendered as a paragraph

    options = pyromark.Options.ENABLE_TABLES
    return plain_first(lambda text, inline: pyromark.html(text, options=options))


def cmark_gfm() -> Callable[[str, bool], str]:
    import cmarkgfm  # no inline mode either

    return plain_first(lambda text, inline: cmarkgfm.github_flavored_markdown_to_html(text))


RENDERERS: dict[str, Callable[[], Callable[[str, bool], str]]] = {
    "rufbereit now (Python-Markdown + sanitiser)": rufbereit_as_now,
    "Python-Markdown, no sanitiser": python_markdown_bare,
    "markdown-it-py (CommonMark + tables)": markdown_it,
    "pyromark (pulldown-cmark)": pyromark_html,
    "cmarkgfm (cmark-gfm)": cmark_gfm,
}


def time_renderer(make: Callable[[], Callable[[str, bool], str]], fields: list[Field]) -> float | None:
    """Median seconds to render every field once with a fresh renderer; None if not installed."""
    try:
        make()
    except ImportError:
        return None
    times = []
    for _ in range(ROUNDS):
        render = make()
        started = time.perf_counter()
        for text, inline in fields:
            render(text, inline)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def engine_seconds(content: Path, base: Path) -> tuple[float, float]:
    """`generate` in process and `mkdocs build --strict` as a subprocess, for the course."""
    base.mkdir(parents=True, exist_ok=True)
    project = preview.make_project(base)
    generate(content, project)  # warm imports and the page cache
    clear_generated(project)
    started = time.perf_counter()
    generate(content, project)
    generation = time.perf_counter() - started
    command = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(project / "site")]
    seconds, _, status = run_child(command, project)
    return generation, seconds if status == 0 else float("nan")


def report(name: str, content: Path, base: Path, engine: bool) -> None:
    fields = course_fields(content)
    block = sum(1 for _, inline in fields if not inline)
    marked = sum(1 for text, _ in fields if _MARKUP.search(text))
    print(f"\n{name}: {len(fields)} fields ({block} Markdown, {len(fields) - block} inline; {marked} with markup, "
          f"the rest only escaped), {sum(len(text) for text, _ in fields) / 1024:,.0f} KB of text")
    generation, build = engine_seconds(content, base) if engine else (None, None)
    if engine:
        print(f"  generate (all of it, as now) {generation:.3f} s; mkdocs build {build:.2f} s "
              f"→ generation is {generation / build:.0%} of the build")
    baseline = None
    for label, make in RENDERERS.items():
        seconds = time_renderer(make, fields)
        if seconds is None:
            print(f"  {label:45} not installed")
            continue
        baseline = baseline or seconds
        share = f"; {seconds / build:.1%} of mkdocs build" if build else ""
        print(f"  {label:45} {seconds * 1000:8.1f} ms  ({seconds / len(fields) * 1e6:6.1f} µs a field; "
              f"{seconds / baseline:5.2f} × now{share})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=300, help="size of the generated course (300)")
    parser.add_argument("--no-engine", action="store_true", help="leave out the mkdocs builds")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="rufbereit-renderers-"))
    try:
        report("default course (content/)", ROOT / "content", base / "default", not args.no_engine)
        generated = write_course(base / "generated" / "content", args.modules)
        report(f"generated course, {args.modules} modules", generated, base / "generated", not args.no_engine)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
