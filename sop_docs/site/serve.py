"""Serve a built site on localhost, and rebuild it when a source changes (`site serve`).

The HTTP server is the standard library's, with the media types of
:data:`sop_docs.site.artifacts.MEDIA_TYPES` (the tests serve the site the same way).
Sources are watched with watchdog; a burst of changes (an editor's save writes several
files) triggers one rebuild after a short quiet period.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sop_docs.site.artifacts import MEDIA_TYPES


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the site's media types; quiet (no line per request)."""

    # The stdlib declares this an instance attribute; a class-level dict is its own idiom.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}  # noqa: RUF012

    def log_message(self, format: str, *args: Any) -> None:
        pass


def start_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0
                 ) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Serve ``site_dir`` in a daemon thread; ``port=0`` picks a free port."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, thread


class Debounced:
    """Calls ``action`` once, ``delay`` seconds after the last of a burst of triggers."""

    def __init__(self, action: Callable[[], None], delay: float = 0.5) -> None:
        self.action = action
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def trigger(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.action)
            self._timer.daemon = True
            self._timer.start()


def watch(folders: Iterable[Path], on_change: Callable[[], None]) -> Any:
    """Start a watchdog observer calling ``on_change`` for any change under ``folders``."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class _Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("created", "modified", "deleted", "moved"):
                on_change()

    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(_Handler(), str(folder), recursive=True)
    observer.start()
    return observer
