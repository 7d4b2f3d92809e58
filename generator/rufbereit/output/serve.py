"""Live preview: regenerate when a YAML file changes; the engine's server reloads the page.

A broken save only prints its problems: nothing is written, so the last good pages stay
served until the trainer fixes the file.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..content.tree import ParseCache
from ..texts import course_language, text
from .cache import load_cache, save_cache
from .files import generate

# Editors save in bursts (temp file, rename, chmod): wait this long for quiet.
DEBOUNCE_SECONDS = 0.1
CHANGES = {"created", "modified", "moved", "deleted", "closed"}


class _Regenerate(FileSystemEventHandler):
    """Collects change events; one worker thread regenerates after a quiet moment, so two
    regenerations never run at once and a burst of saves leads to one run."""

    def __init__(self, folder: Path, strict: bool, cache: ParseCache):
        self.folder, self.strict, self.cache = folder, strict, cache
        self.changed = threading.Event()
        self.stopped = False
        self.worker = threading.Thread(target=self._work, name="rufbereit-regenerate", daemon=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading the files ourselves raises "opened"/"closed" events: react to changes only.
        if event.is_directory or event.event_type not in CHANGES:
            return
        self.changed.set()

    def _work(self) -> None:
        while not self.stopped:
            self.changed.wait()
            if self.stopped:
                return
            self.changed.clear()
            while self.changed.wait(DEBOUNCE_SECONDS):  # wait until the saves stop
                self.changed.clear()
            self.run()

    def stop(self) -> None:
        self.stopped = True
        self.changed.set()
        self.worker.join(timeout=5)

    def run(self) -> None:
        started = time.perf_counter()
        status = generate(self.folder, self.strict, self.cache)
        self.cache.prune()
        language = course_language(self.folder)
        state = text(language, "cli.regenerated_ok" if status == 0 else "cli.regenerated_errors")
        print(text(language, "cli.regenerated", seconds=f"{time.perf_counter() - started:.2f}", state=state), flush=True)


def port_taken(dev_addr: str) -> bool:
    """Whether another program already listens on the address the engine would serve on."""
    host, _, port = dev_addr.rpartition(":")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
    except (OSError, ValueError):
        return True
    return False


def serve(folder: Path, strict: bool, engine: str, dev_addr: str) -> int:
    if port_taken(dev_addr):
        print(text(course_language(folder), "cli.port_busy", address=dev_addr), file=sys.stderr)
        return 2
    handler = _Regenerate(folder, strict, load_cache(Path.cwd()))
    if generate(folder, strict, handler.cache) != 0:
        print(text(course_language(folder), "cli.serve_stops"), file=sys.stderr)
        return 1
    observer = Observer()
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    handler.worker.start()
    bin_dir = Path(sys.executable).parent
    command = [str(bin_dir / engine), "serve", "--dev-addr", dev_addr]
    if engine == "mkdocs":
        command.append("--livereload")
    engine_server = subprocess.Popen(command)
    # Stop the engine's server with us, whether by Ctrl+C or by a terminating parent.
    signal.signal(signal.SIGTERM, lambda *_: engine_server.terminate())
    try:
        return engine_server.wait()
    except KeyboardInterrupt:
        engine_server.terminate()
        return 0
    finally:
        engine_server.wait()
        observer.stop()
        observer.join()
        handler.stop()
        save_cache(Path.cwd(), handler.cache)
