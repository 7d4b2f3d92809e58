"""`rufbereit check | generate | build | serve`, run from the project root.

Exit codes: 0 fine, 1 content errors (nothing written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content.load import load_content
from .output.engine import ENGINES, build_site
from .output.files import CONTENT_ERROR, OK, checked, generate

USAGE_ERROR = 2


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="rufbereit", description="YAML training modules to an onboarding site.")
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
            # serve: Zensical's server shows a save in under 1 s at 100 modules where `mkdocs serve`,
            # which rebuilds the whole site, takes 6 s (BENCHMARKS.md, "save → visible").
            default = "zensical" if name == "serve" else "mkdocs"
            command.add_argument("--engine", choices=ENGINES, default=default, help=f"site engine (default: {default})")
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


def run_schema(args) -> int:
    from .tools.schema import write_schemas

    written = write_schemas(args.content / "schema")
    print(f"rufbereit: {len(written)} schema file(s) written to {args.content / 'schema'}")
    return OK


def run_new(args) -> int:
    from .tools.scaffold import run_new_module

    return run_new_module(args.content, args.id, args.title, args.track)


def run_report(args) -> int:
    from .tools.report import render_report

    content = load_content(args.content)
    print(render_report(content, args.format))
    return CONTENT_ERROR if content.errors else OK


TOOLS = {"schema": run_schema, "new": run_new, "report": run_report}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"rufbereit: content folder not found: {args.content}", file=sys.stderr)
        return USAGE_ERROR
    if args.command in TOOLS:
        return TOOLS[args.command](args)
    if args.command == "check":
        return OK if checked(args.content, args.strict, drafts=args.drafts) else CONTENT_ERROR
    if args.command == "serve":
        from .output.serve import serve  # watchdog and the dev server only load when serving

        return serve(args.content, args.strict, args.engine, args.dev_addr)
    status = generate(args.content, args.strict, drafts=args.drafts)
    if status != OK or args.command == "generate":
        return status
    return CONTENT_ERROR if build_site(Path.cwd(), args.engine) else OK


if __name__ == "__main__":
    sys.exit(main())
