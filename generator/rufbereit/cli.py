"""`rufbereit check | generate | build | serve`, run from the project root.

Exit codes: 0 fine, 1 content errors (nothing written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import re
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NoReturn

from .content.load import load_content
from .output.cache import load_cache, save_cache
from .content.problems import report
from .output.engines import ENGINES
from .output.files import CONTENT_ERROR, OK, check_verdict, checked, generate, status_line
from .texts import course_language, text

# What only `build`, `serve` and the tools need (the page renderer with Jinja and the pages'
# records, the engine runner with minify-html, the output boundary with lxml, watchdog) is
# imported where it is used: a trainer's `rufbereit check` spent most of its time importing them.

USAGE_ERROR = 2
INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl+C


class _Parser(argparse.ArgumentParser):
    """argparse, its usage errors said in the course's language with the fix; its sub-parsers
    (`rufbereit export`, …) are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = usage_problem(self, message, course_language(Path("content")))
        self.exit(USAGE_ERROR, f"{self.prog}: {said}\n")


_CHOICE = re.compile(r"argument (?P<name>[^:]+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)$")
_MISSING = re.compile(r"the following arguments are required: (?P<names>.*)$")
_UNKNOWN = re.compile(r"unrecognized arguments: (?P<names>.*)$")
_VALUE = re.compile(r"argument (?P<name>[^:]+): (expected one argument|invalid \S+ value: '?(?P<value>.*?)'?)$")


def usage_problem(parser: argparse.ArgumentParser, message: str, language: str) -> str:
    """argparse's English message said again in `language`, with the closest valid word as the
    fix (`rufbereit chek` → `rufbereit check`); a message it does not know stays as it is."""
    if hit := _CHOICE.search(message):
        choices = [choice.strip(" '\"") for choice in hit["choices"].split(",")]
        said = text(language, "cli.usage_choice", value=hit["value"], choices=", ".join(choices))
        option = hit["name"].split("/")[-1] + " " if hit["name"].startswith("-") else ""
        return _with_fix(said, hit["value"], choices, f"{parser.prog} {option}", language)
    if hit := _VALUE.search(message):
        name = hit["name"].split("/")[-1]
        if hit["value"] is None:
            return text(language, "cli.usage_no_value", name=name, prog=parser.prog)
        return text(language, "cli.usage_bad_value", name=name, value=hit["value"], prog=parser.prog)
    if hit := _MISSING.search(message):
        return text(language, "cli.usage_missing", names=hit["names"], prog=parser.prog)
    if hit := _UNKNOWN.search(message):
        said = text(language, "cli.usage_unknown", names=hit["names"], prog=parser.prog)
        return _with_fix(said, hit["names"].split()[0], _options(parser), "", language)
    return message


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every option of the parser and of its commands: argparse names an option a command does
    not know from the top-level parser."""
    options: list[str] = []
    for action in parser._actions:
        options += action.option_strings
        for command in getattr(action, "choices", None) or {}:
            if isinstance(action.choices, dict) and isinstance(action.choices[command], argparse.ArgumentParser):
                options += _options(action.choices[command])
    return sorted(set(options))


def _with_fix(said: str, value: str, valid: list[str], before: str, language: str) -> str:
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
    return f"{said} {text(language, 'cli.usage_did_you_mean', fix=before + close[0])}" if close else said


def parser() -> argparse.ArgumentParser:
    main = _Parser(prog="rufbereit", description="YAML training modules to an onboarding site.")
    commands = main.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("check", "validate the content only"),
        ("generate", "validate and write the Markdown pages (no engine)"),
        ("build", "validate, generate and build site/"),
        ("serve", "generate, watch content/ and serve the site with live reload"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        if name in ("check", "generate", "build"):
            command.add_argument(
                "--drafts", action="store_true", help="include draft modules, as serve and pull-request previews do"
            )
        if name in ("build", "serve"):
            # The preview runs on Zensical: its server rebuilds only the changed pages (a save shows
            # in well under a second at 300 modules, BENCHMARKS.md), `mkdocs serve` rebuilds all.
            # The preview's own reload signal (output/serve.py) makes either reliable.
            default = "zensical" if name == "serve" else "mkdocs"
            command.add_argument("--engine", choices=ENGINES, default=default, help=f"site engine (default: {default})")
        if name == "build":
            command.add_argument(
                "--edition", choices=("learners", "trainer"), default="learners",
                help="trainer: the trainer edition (notes, answer keys, role-play cards) into site-trainer/",
            )
        if name == "serve":
            command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    add_tool_commands(commands)
    return main


def add_tool_commands(commands) -> None:
    """Trainer tooling: `schema`, `new module`, `report`."""
    schema = commands.add_parser("schema", help="write the JSON Schemas for editors to CONTENT/schema/")
    schema.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    new = commands.add_parser("new", help="create new content from a commented skeleton")
    kinds = new.add_subparsers(dest="what", required=True)
    module = kinds.add_parser("module", help="a new module file, added to a track of course.yaml")
    module.add_argument("id", help="the module id, also its file name, e.g. erste-anrufe")
    module.add_argument("--title", required=True, help="the module's title")
    module.add_argument("--track", help="title of the track to add it to (optional if there is only one)")
    module.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    report_command = commands.add_parser("report", help="tracks, modules, minutes, questions and problems")
    report_command.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    report_command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    add_lms_commands(commands)
    diff = commands.add_parser("diff", help="what changed for learners since a git ref, as Markdown")
    diff.add_argument("ref", help="a git branch, tag or commit, e.g. main or HEAD~1")
    diff.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def add_lms_commands(commands) -> None:
    """`export` (SCORM packages, Moodle question banks) and `results` (merged progress exports)."""
    from .tools.export import FORMATS

    export = commands.add_parser("export", help="the course as a SCORM or cmi5 package or a Moodle question bank")
    export.add_argument("format", choices=FORMATS)
    export.add_argument("--out", type=Path, help="file to write (default: export/COURSE-ID plus a suffix, git-ignored)")
    export.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site engine for SCORM (default: mkdocs)")
    export.add_argument("--no-interactions", action="store_true", help="SCORM: report no cmi.interactions")
    export.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    results = commands.add_parser("results", help="merge readers' progress exports into one report")
    results.add_argument("files", nargs="+", type=Path, help="progress exports (rufbereit-COURSE-DATE.json)")
    results.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    results.add_argument("--out", type=Path, help="write the report to this file instead of printing it")
    results.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    results.add_argument("--today", type=date.fromisoformat, help="count reviews due on this day (YYYY-MM-DD; default: today)")


def run_schema(args) -> int:
    from .tools.schema import write_schemas

    written = write_schemas(args.content / "schema")
    language = course_language(args.content)
    print(text(language, "cli.schema_written", count=len(written), folder=args.content / "schema"))
    return OK


def run_new(args) -> int:
    from .tools.scaffold import run_new_module

    return run_new_module(args.content, args.id, args.title, args.track)


def run_report(args) -> int:
    from .tools.report import render_report

    content = load_content(args.content)
    print(render_report(content, args.format))
    return CONTENT_ERROR if content.errors else OK


def run_export(args) -> int:
    from .tools.export import run_export as export

    content = checked(args.content, False)
    if content is None:
        return CONTENT_ERROR
    return export(content, args.format, args.out, args.engine, not args.no_interactions)


def run_results(args) -> int:
    from .tools.results import run_results as results

    content = checked(args.content, False)
    if content is None:
        return CONTENT_ERROR
    return results(content, args.files, args.format, args.out, args.today)


def run_diff(args) -> int:
    from .tools.diff import run_diff as diff

    return diff(args.content, args.ref)


TOOLS = {"schema": run_schema, "new": run_new, "report": run_report, "export": run_export, "results": run_results,
         "diff": run_diff}


def main(argv: list[str] | None = None) -> int:
    """The command line; what the environment refuses (a closed pipe, a file that cannot be
    read or written) ends in one line in the course language, never a traceback."""
    args = parser().parse_args(argv)
    language = course_language(args.content)
    try:
        return run(args, language)
    except BrokenPipeError:
        _silence_stdout()  # Python flushes stdout once more at exit: nothing may fail there
        print(text(language, "cli.pipe_closed"), file=sys.stderr)
        return CONTENT_ERROR
    except OSError as error:
        print(text(language, "cli.os_error", path=error.filename or "", reason=error.strerror or error), file=sys.stderr)
        return USAGE_ERROR


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests capture it)
        pass


def engine_missing(engine: str) -> bool:
    return not ENGINES[engine].installed()


def run(args: argparse.Namespace, language: str) -> int:
    if not args.content.is_dir():
        print(text(language, "cli.no_content", folder=args.content), file=sys.stderr)
        return USAGE_ERROR
    if args.command in TOOLS:
        return TOOLS[args.command](args)
    if args.command in ("build", "serve") and engine_missing(args.engine):
        print(text(language, "cli.engine_missing", engine=args.engine), file=sys.stderr)
        return USAGE_ERROR
    if args.command == "serve":
        from .output.serve import serve  # watchdog and the dev server only load when serving

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner looks like a problem
        return serve(args.content, args.strict, args.engine, args.dev_addr)
    try:
        with collector_paused():
            cache = load_cache(Path.cwd())
            if args.command == "build" and args.edition == "trainer":
                return build_trainer_edition(args, language, cache)
            if args.command == "check":
                status = check_verdict(args.content, args.strict, cache, drafts=args.drafts)
            else:
                status = generate(args.content, args.strict, cache, drafts=args.drafts)
            save_cache(Path.cwd(), cache)
        if status != OK or args.command in ("check", "generate"):
            return status
        from .output.boundary import BoundaryError, breach_problems
        from .output.engine import build_site

        try:
            return CONTENT_ERROR if build_site(Path.cwd(), args.engine) else OK
        except BoundaryError as breached:  # a path around the sanitiser: nothing is published
            content = load_content(args.content, drafts=args.drafts)
            report(breach_problems(breached.breaches, content), content.language, sys.stderr)
            return CONTENT_ERROR
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM: the engine is stopped, site/ unchanged
        print(text(language, "cli.interrupted"), file=sys.stderr)
        return INTERRUPTED


def build_trainer_edition(args: argparse.Namespace, language: str, cache) -> int:
    """The trainer edition: its own pages and folder; docs/kurs/ and site/ stay untouched."""
    from .output.trainer import TRAINER_SITE, build_trainer

    content = checked(args.content, args.strict, cache, drafts=args.drafts)
    save_cache(Path.cwd(), cache)
    if content is None:
        return CONTENT_ERROR
    print(status_line(content, args.strict))
    if build_trainer(Path.cwd(), content, args.engine):
        return CONTENT_ERROR
    print(text(language, "trainer.built", folder=TRAINER_SITE + "/"))
    return OK


@contextmanager
def collector_paused():
    """For one short command only (never in the library, never in `serve`): loading and
    rendering allocate many small objects that all stay alive until the process ends, and
    the cyclic collector's repeated scans of them made both grow faster than the course.
    They are old when it runs again: without `freeze`/`unfreeze` (which move them all to the
    oldest generation) its first scan would look at every one of them once more, for nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
