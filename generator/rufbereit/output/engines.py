"""One adapter per site engine: everything that differs between MkDocs and Zensical (how to
build, how to serve, what their servers do with a changed configuration) is here and
nowhere else. A new engine is one class and one entry in `ENGINES`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import ClassVar, Literal

EngineName = Literal["mkdocs", "zensical"]


class Engine:
    name: ClassVar[EngineName]
    # False: its dev server keeps the configuration it started with (nav, site name, the content
    # version in the footer, which changes with every save) until the file it was started with
    # changes: the preview starts it with a file of its own (`serve_command`'s `config`) and
    # rewrites that file when the generated configuration changes.
    rereads_config: ClassVar[bool]
    # True: its dev server serves the site folder from disk as it is, so the preview can put the
    # article of a saved page there before the engine has rebuilt it (output/preview.py).
    serves_site_dir: ClassVar[bool]

    @property
    def program(self) -> Path:
        return Path(sys.executable).parent / self.name

    def installed(self) -> bool:
        return self.program.exists()

    def environment(self) -> dict[str, str]:
        return dict(os.environ)

    def build_command(self, project: Path, staging: Path) -> tuple[list[str], Path | None]:
        """The command that builds `project` into `staging`, and a file it needs that the
        build removes afterwards (or None)."""
        raise NotImplementedError

    def serve_command(self, dev_addr: str, config: Path) -> list[str]:
        """The command that serves the project; `config` inherits mkdocs.yml."""
        raise NotImplementedError


class MkDocs(Engine):
    name = "mkdocs"
    rereads_config = True
    serves_site_dir = False  # `mkdocs serve` builds into a temporary folder

    def environment(self) -> dict[str, str]:
        # Material's end-of-life banner is noise here: Rufbereit already builds with Zensical.
        return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build_command(self, project: Path, staging: Path) -> tuple[list[str], Path | None]:
        config = project / "mkdocs.yml"
        return [str(self.program), "build", "--strict", "--config-file", str(config), "--site-dir", str(staging)], None

    def serve_command(self, dev_addr: str, config: Path) -> list[str]:
        return [str(self.program), "serve", "--dev-addr", dev_addr, "--livereload"]


class Zensical(Engine):
    name = "zensical"
    rereads_config = False
    serves_site_dir = True

    def build_command(self, project: Path, staging: Path) -> tuple[list[str], Path | None]:
        # Zensical has no --site-dir: a small config beside the staging folder (named like it,
        # so that `clean_leftovers` finds it) inherits ours and redirects the output.
        config = staging.with_suffix(".yml")
        config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {staging.name}\n", encoding="utf-8")
        return [str(self.program), "build", "--clean", "--config-file", str(config)], config

    def serve_command(self, dev_addr: str, config: Path) -> list[str]:
        # Its server rebuilds with a new configuration when this file changes (not when a file
        # it inherits does): in place, while it goes on serving the last pages. A restart would
        # answer with errors and "not found" until the whole site is built again.
        return [str(self.program), "serve", "--config-file", str(config), "--dev-addr", dev_addr]


ENGINES: dict[str, Engine] = {engine.name: engine for engine in (MkDocs(), Zensical())}
