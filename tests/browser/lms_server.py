"""A file server as an LMS has one (Moodle's pluginfile.php): the package's files under a deep
path prefix, 404 for a folder (no index.html), 404 for anything outside the prefix."""

from __future__ import annotations

import re
import threading
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import _free_port, _Server

PREFIX = "/pluginfile.php/42/mod_scorm/content/1/"
_CUT_OFF = re.compile(r"Failed to execute 'importScripts' on 'WorkerGlobalScope': The script at '([^']+)' failed to load\.")


def watch_errors(page) -> None:
    """Keep the page's script errors as `page.errors`, for `script_errors`."""
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))


def script_errors(page) -> list[str]:
    """The page's errors (`page.errors`), less a search worker's import that a navigation cut
    off: the theme's worker loads lunr's language files, and a frame that moves on mid-load
    reports it. Harmless when the server has the file; a missing file stays an error."""
    return [e for e in page.errors
            if not ((m := _CUT_OFF.fullmatch(e)) and page.context.request.get(m[1]).status == 200)]


class _LmsFileHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        root = Path(self.directory).resolve()
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        target = (root / path[len(PREFIX):]).resolve()
        if root not in (target, *target.parents) or not target.is_file():
            self.send_error(404)   # a folder too: an LMS serves no index.html for it
            return None
        return super().send_head()

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        return str(Path(self.directory) / path[len(PREFIX):])


class LmsFileServer:
    def __init__(self, folder: Path):
        import functools

        self.port = _free_port()
        self.server = _Server(("127.0.0.1", self.port), functools.partial(_LmsFileHandler, directory=str(folder)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
