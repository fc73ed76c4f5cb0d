"""The studio's local web server: 127.0.0.1 only, one secret token per session.

Only the page the studio opened can drive it.  Every request must carry the session token
(the page's own URL and assets in the query, API calls in a header) and name our host; the
browser's Origin and Sec-Fetch-Site headers, when sent, must say the request comes from the
studio's own page, and an API call must send Origin.  A Content-Security-Policy lets the
page run only the studio's own script and load nothing from elsewhere.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sop_docs import diagnostics as dg
from sop_docs.errors import StudioError
from sop_docs.i18n import current
from sop_docs.studio.workspace import Workspace, bad_request

HOST = "127.0.0.1"
TOKEN_HEADER = "X-Studio-Token"
MAX_BODY = 4_000_000
ASSETS = {"studio.js": "text/javascript", "studio.css": "text/css"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _asset(name: str) -> bytes:
    return (resources.files("sop_docs.studio") / "assets" / name).read_bytes()


class StudioServer(ThreadingHTTPServer):
    """The server of one studio session over one project."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, workspace: Workspace, port: int = 0) -> None:
        super().__init__((HOST, port), StudioHandler)
        self.workspace = workspace
        self.token = secrets.token_urlsafe(32)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``: the only origin allowed to talk to the studio."""
        return f"http://{HOST}:{self.server_address[1]}"

    @property
    def url(self) -> str:
        """The address to open in the browser (it carries the session token)."""
        return f"{self.origin}/?token={self.token}"


def _actions(workspace: Workspace) -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
    """API name -> the workspace action it runs, fed from the request's JSON fields."""
    return {
        "list": lambda body: workspace.listing(),
        "open": lambda body: workspace.open(body.get("path")),
        "preview": lambda body: workspace.preview(body.get("path"), body.get("data")),
        "save": lambda body: workspace.save(body.get("path"), body.get("data"),
                                            body.get("version")),
        "new": lambda body: workspace.create(body.get("id"), body.get("profil")),
        "duplicate": lambda body: workspace.duplicate(body.get("path"), body.get("id")),
        "swimlane": lambda body: workspace.swimlane(body.get("path"), body.get("data")),
        "pdf": lambda body: workspace.pdf(body.get("path"), body.get("data")),
        "rebase": lambda body: workspace.rebase(body.get("path"), body.get("data")),
    }


class StudioHandler(BaseHTTPRequestHandler):
    """One request: checked for token and origin first, then served."""

    server: StudioServer
    server_version = "sop-docs-studio"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the studio's address, not every request."""

    # --- checks --------------------------------------------------------------------------

    def _same_origin(self, api: bool) -> bool:
        """Host names us; Origin and Sec-Fetch-Site (when sent) say it is our own page."""
        if self.headers.get("Host") != self.server.origin.removeprefix("http://"):
            return False
        origin = self.headers.get("Origin")
        if (api and origin is None) or (origin is not None and origin != self.server.origin):
            return False
        site = self.headers.get("Sec-Fetch-Site")
        allowed = ("same-origin",) if api else ("same-origin", "none")
        return site is None or site in allowed

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.server.token.encode())

    def _refused(self, indonesian: str, english: str) -> None:
        self._json(HTTPStatus.FORBIDDEN, _error(bad_request(indonesian, english, 403)))

    # --- verbs ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        """The page (``/``) and its two assets; everything else is 404."""
        url = urlsplit(self.path)
        token = parse_qs(url.query).get("token", [None])[0]
        if not self._same_origin(api=False) or not self._token_ok(token):
            self._refused("token atau asal permintaan", "token or origin")
            return
        if url.path == "/":
            self._page()
        elif url.path.startswith("/assets/") and url.path[8:] in ASSETS:
            name = url.path[8:]
            self._send(HTTPStatus.OK, ASSETS[name] + "; charset=utf-8", _asset(name))
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")

    def do_POST(self) -> None:
        """``/api/<action>`` with a JSON body."""
        if not self._same_origin(api=True) or not self._token_ok(self.headers.get(TOKEN_HEADER)):
            self._refused("token atau asal permintaan", "token or origin")
            return
        action = _actions(self.server.workspace).get(urlsplit(self.path).path[5:])
        if not self.path.startswith("/api/") or action is None:
            self._refused("tindakan tidak dikenal", "unknown action")
            return
        try:
            body = self._body()
            with self.server.workspace.lock:
                answer = action(body)
        except StudioError as exc:
            self._json(exc.status, _error(exc))
            return
        except Exception as exc:  # a bug: one JSON error for the page, never a traceback
            internal = dg.make(dg.CLI_INTERNAL, dg.Location("studio"),
                               detail=f"{type(exc).__name__}: {exc}")
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, _error(StudioError(internal, 500)))
            return
        self._json(HTTPStatus.OK, answer)

    def _body(self) -> dict[str, Any]:
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            raise bad_request("bukan JSON", "not JSON", 415)
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            raise bad_request("ukuran isi permintaan", "body size", 413)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise bad_request("isi permintaan bukan JSON", "body is not JSON") from None
        if not isinstance(body, dict):
            raise bad_request("isi permintaan bukan objek JSON", "body is not a JSON object")
        try:  # a lone surrogate ("\\ud800") is valid JSON but no text a file can hold
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise bad_request("teks yang bukan Unicode", "text that is not Unicode") from None
        return body

    # --- answers -------------------------------------------------------------------------

    def _page(self) -> None:
        page = _asset("index.html").decode("utf-8")
        page = page.replace("{{token}}", self.server.token).replace("{{lang}}", current().value)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"))

    def _json(self, status: int, payload: object) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, "application/json; charset=utf-8", data)

    def _send(self, status: int, content_type: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _error(exc: StudioError) -> dict[str, Any]:
    item = exc.diagnostic
    return {"error": {"code": item.code, "message": item.message, "hint": item.hint}}
