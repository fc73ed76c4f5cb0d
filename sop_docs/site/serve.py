"""Serve a built site on localhost, and rebuild it when a source changes (`site serve`).

The HTTP server is the standard library's, with the media types of
:data:`sop_docs.site.artifacts.MEDIA_TYPES` (the tests serve the site the same way).
Sources are watched with watchdog; a burst of changes (an editor's save writes several
files) triggers one rebuild after a short quiet period.  With a :class:`Reloader`, every
HTML page served carries a small script that waits (long-polls ``/__livereload/N``) for the
next rebuild and then reloads the page, as ``mkdocs serve`` does.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
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


LIVERELOAD_PATH = "/__livereload/"
_POLL_SECONDS = 30.0
# Waits for a build newer than the page's, then reloads; retries quietly while the server
# is away (a restart).  Inline: the site loads nothing from elsewhere.
_SCRIPT = (
    "<script>(function(){{var built={epoch};function poll(){{fetch('" + LIVERELOAD_PATH
    + "'+built).then(function(r){{return r.text()}}).then(function(t){{"
    "if(parseInt(t,10)>built){{location.reload()}}else{{poll()}}}})"
    ".catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
)


class Reloader:
    """The build count of a served site: ``bump()`` after each rebuild wakes every page
    waiting in :meth:`wait`."""

    def __init__(self) -> None:
        self.epoch = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.epoch += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float = _POLL_SECONDS) -> int:
        """The epoch once it is past ``seen`` (or when ``timeout`` runs out)."""
        with self._changed:
            self._changed.wait_for(lambda: self.epoch > seen, timeout)
            return self.epoch


class LiveReloadHandler(SiteHandler):
    """The site's files, HTML pages with the reload script, and the long-poll endpoint."""

    reloader: Reloader

    def do_GET(self) -> None:
        if self.path.startswith(LIVERELOAD_PATH):
            self._answer_poll(self.path[len(LIVERELOAD_PATH):])
            return
        page = self._html_file()
        if page is None:
            super().do_GET()
            return
        body = page.read_bytes().replace(
            b"</body>", _SCRIPT.format(epoch=self.reloader.epoch).encode() + b"</body>", 1)
        self._send(body, "text/html; charset=utf-8")

    def _answer_poll(self, seen: str) -> None:
        epoch = self.reloader.wait(int(seen) if seen.isdigit() else 0)
        self._send(str(epoch).encode(), "text/plain; charset=utf-8")

    def _html_file(self) -> Path | None:
        """The HTML file a GET names (a folder means its index.html), if there is one."""
        found = Path(self.translate_path(self.path))
        if found.is_dir() and self.path.split("?")[0].endswith("/"):
            found = found / "index.html"
        return found if found.suffix == ".html" and found.is_file() else None

    def _send(self, body: bytes, media_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def start_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0,
                 reloader: Reloader | None = None
                 ) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Serve ``site_dir`` in a daemon thread; ``port=0`` picks a free port.  With a
    ``reloader`` the pages reload themselves after each rebuild.  Raises OSError when the
    port is taken."""
    handler: Callable[..., SiteHandler] = functools.partial(SiteHandler, directory=str(site_dir))
    if reloader is not None:
        handler_class = type("BoundLiveReloadHandler", (LiveReloadHandler,),
                             {"reloader": reloader})
        handler = functools.partial(handler_class, directory=str(site_dir))
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
