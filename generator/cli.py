"""`rufbereit check | generate | build | serve`, run from the project root.

Exit codes: 0 fine, 1 content errors (nothing written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import Content, ParseCache, load_content
from .problems import report
from .site import ENGINES, build_site, generated_files, write_generated

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


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
        if name in ("build", "serve"):
            command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
        if name == "serve":
            command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return main


def checked(folder: Path, strict: bool, cache: ParseCache | None = None) -> Content | None:
    """Load and report; the content when it may be built, else None."""
    content = load_content(folder, cache)
    report(content.problems, content.language, sys.stderr)
    blocking = content.problems if strict else content.errors
    return None if blocking else content


def generate(folder: Path, strict: bool, cache: ParseCache | None = None) -> int:
    content = checked(folder, strict, cache)
    if content is None:
        return CONTENT_ERROR
    result = write_generated(Path.cwd(), generated_files(content))
    print(f"rufbereit: {len(result.written)} written, {len(result.removed)} removed, {result.unchanged} unchanged")
    return OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"rufbereit: content folder not found: {args.content}", file=sys.stderr)
        return USAGE_ERROR
    if args.command == "check":
        return OK if checked(args.content, args.strict) else CONTENT_ERROR
    if args.command == "serve":
        from .serve import serve  # watchdog and the dev server only load when serving

        return serve(args.content, args.strict, args.engine, args.dev_addr)
    status = generate(args.content, args.strict)
    if status != OK or args.command == "generate":
        return status
    return CONTENT_ERROR if build_site(Path.cwd(), args.engine) else OK


if __name__ == "__main__":
    sys.exit(main())
