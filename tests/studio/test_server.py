"""The studio's HTTP API: token, same-origin checks, 127.0.0.1 only, JSON in and out."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from sop_docs import diagnostics as dg
from sop_docs.studio.server import CSP, TOKEN_HEADER, StudioServer

SEED = "sop_sources/sumedang-kesbangpol-pengumpulan-data-kinerja.yaml"


def _request(server: StudioServer, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _api_headers(server: StudioServer, **extra: str) -> dict[str, str]:
    headers = {"Content-Type": "application/json", TOKEN_HEADER: server.token,
               "Origin": server.origin, "Sec-Fetch-Site": "same-origin"}
    headers.update(extra)
    return headers


def _api(server: StudioServer, action: str, payload: dict[str, Any],
         **headers: str) -> tuple[int, Any]:
    status, _, data = _request(server, "POST", f"/api/{action}", json.dumps(payload).encode(),
                               _api_headers(server, **headers))
    return status, json.loads(data)


def test_binds_to_127_0_0_1_only(studio: StudioServer) -> None:
    assert studio.server_address[0] == "127.0.0.1"
    assert studio.url.startswith(f"http://127.0.0.1:{studio.server_address[1]}/?token=")


def test_page_needs_the_token(studio: StudioServer) -> None:
    assert _request(studio, "GET", "/")[0] == 403
    assert _request(studio, "GET", "/?token=wrong")[0] == 403
    status, headers, body = _request(studio, "GET", f"/?token={studio.token}")
    assert status == 200
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    page = body.decode("utf-8")
    assert f'content="{studio.token}"' in page
    assert not re.search(r"(src|href)=\"https?://", page)


def test_assets_need_the_token_and_only_known_names(studio: StudioServer) -> None:
    token = studio.token
    assert _request(studio, "GET", "/assets/studio.js")[0] == 403
    status, headers, body = _request(studio, "GET", f"/assets/studio.js?token={token}")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"innerHTML" not in body and b"http://" not in body and b"https://" not in body
    for path in ("/assets/../server.py", "/assets/index.html", "/etc/passwd", "/api/list"):
        assert _request(studio, "GET", f"{path}?token={token}")[0] == 404


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example:80"},
    {"Host": "localhost"},
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_other_sites_cannot_load_the_page(studio: StudioServer, headers: dict[str, str]) -> None:
    assert _request(studio, "GET", f"/?token={studio.token}", headers=headers)[0] == 403


@pytest.mark.parametrize("change", [
    {TOKEN_HEADER: ""},
    {TOKEN_HEADER: "x" * 43},
    {"Origin": "http://evil.example"},
    {"Origin": "http://127.0.0.1:1"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "none"},
    {"Host": "attacker.example"},
])
def test_api_refuses_other_origins_and_missing_tokens(studio: StudioServer,
                                                      change: dict[str, str]) -> None:
    status, answer = _api(studio, "list", {}, **change)
    assert status == 403
    assert answer["error"]["code"] == dg.STD_BAD_REQUEST.code


def test_api_needs_an_origin_header(studio: StudioServer) -> None:
    headers = _api_headers(studio)
    del headers["Origin"]
    status, _, _ = _request(studio, "POST", "/api/list", b"{}", headers)
    assert status == 403


def test_api_list_open_preview_save(studio: StudioServer) -> None:
    status, listing = _api(studio, "list", {})
    assert status == 200 and listing["groups"]
    status, opened = _api(studio, "open", {"path": SEED})
    assert status == 200 and opened["pages"]
    data = opened["data"]
    data["nama"] = "SOP Baru"
    status, answer = _api(studio, "preview", {"path": SEED, "data": data})
    assert status == 200 and answer["changed"]
    status, saved = _api(studio, "save", {"path": SEED, "data": data, "version": "stale"})
    assert status == 409 and saved["error"]["code"] == dg.STD_CHANGED_ON_DISK.code
    status, saved = _api(studio, "save", {"path": SEED, "data": data,
                                          "version": opened["version"]})
    assert status == 200 and saved["data"]["nama"] == "SOP Baru"


def test_api_refuses_paths_outside(studio: StudioServer) -> None:
    status, answer = _api(studio, "open", {"path": "../../etc/passwd"})
    assert status == 403 and answer["error"]["code"] == dg.STD_OUTSIDE.code


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"{}", "text/plain", 415),
    (b"not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b"\xff\xfe", "application/json", 400),
    (b"[" * 100_000, "application/json", 400),
    (b'{"path": "x", "data": {"nama": "\\ud800"}}', "application/json", 400),
])
def test_api_refuses_bad_bodies(studio: StudioServer, body: bytes, content_type: str,
                                status: int) -> None:
    headers = _api_headers(studio, **{"Content-Type": content_type})
    assert _request(studio, "POST", "/api/open", body, headers)[0] == status


def test_api_refuses_huge_bodies_unread(studio: StudioServer) -> None:
    headers = _api_headers(studio, **{"Content-Length": str(50_000_000)})
    connection = http.client.HTTPConnection("127.0.0.1", studio.server_address[1], timeout=30)
    connection.putrequest("POST", "/api/open", skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", studio.origin.removeprefix("http://"))
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()


def test_unknown_action_is_refused(studio: StudioServer) -> None:
    assert _api(studio, "delete", {})[0] == 403
    assert _request(studio, "POST", "/other", b"{}", _api_headers(studio))[0] == 403


def test_a_bug_answers_json_not_a_traceback(studio: StudioServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(studio.workspace, "listing", broken)
    status, answer = _api(studio, "list", {})
    assert status == 500 and answer["error"]["code"] == dg.CLI_INTERNAL.code


def test_the_command_serves_and_prints_its_address(project: Path) -> None:
    command = [str(Path(sys.executable).parent / "sop-docs"), "studio", "--no-browser",
               "--project", str(project)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "SOP_DOCS_LANG": "id"})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
        assert url, line
        with urllib.request.urlopen(url.group(0), timeout=30) as response:
            assert response.status == 200
            assert b"studio.js" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def test_the_command_refuses_a_folder_without_sources(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sop_docs.cli.main import app

    result = CliRunner().invoke(app, ["studio", "--no-browser", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert dg.CLI_NO_PROJECT.code in result.output


def test_page_speaks_the_language_of_the_run(studio: StudioServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from sop_docs.i18n import Language
    from sop_docs.studio import server as server_module

    monkeypatch.setattr(server_module, "current", lambda: Language.EN)
    _, _, body = _request(studio, "GET", f"/?token={studio.token}")
    assert b'<html lang="en">' in body
    monkeypatch.setattr(server_module, "current", lambda: Language.ID)
    _, _, body = _request(studio, "GET", f"/?token={studio.token}")
    assert b'<html lang="id">' in body
