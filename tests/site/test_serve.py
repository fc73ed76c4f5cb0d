"""`site serve`: a busy port is explained, and served pages reload after each rebuild."""

from __future__ import annotations

import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.site.serve import LIVERELOAD_PATH, Reloader, start_server


def test_busy_port_is_a_usage_error_with_the_way_out(example_project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["site", "serve", "--port", str(port),
                                          "--project", str(example_project)])
    assert result.exit_code == 2, result.output
    assert "CLI009" in result.output and f"--port {port + 1}" in result.output
    assert "CLI008" not in result.output


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Reloader]]:
    site = tmp_path / "site"
    (site / "sop").mkdir(parents=True)
    (site / "index.html").write_text("<html><body><p id='v'>satu</p></body></html>",
                                     encoding="utf-8")
    (site / "sop/data.json").write_text('{"a": "</body>"}', encoding="utf-8")
    reloader = Reloader()
    server, thread = start_server(site, reloader=reloader)
    try:
        yield f"http://127.0.0.1:{server.server_port}/", site, reloader
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_pages_carry_the_reload_script_and_other_files_do_not(
        served: tuple[str, Path, Reloader]) -> None:
    url, _, _ = served
    assert LIVERELOAD_PATH in _get(url) and LIVERELOAD_PATH in _get(url + "index.html")
    assert _get(url + "sop/data.json") == '{"a": "</body>"}'


def test_poll_answers_after_a_rebuild(served: tuple[str, Path, Reloader]) -> None:
    url, _, reloader = served
    answers: list[str] = []
    waiting = threading.Thread(target=lambda: answers.append(_get(url + "__livereload/0")))
    waiting.start()
    waiting.join(0.3)
    assert answers == []  # long-poll: no answer until something was rebuilt
    reloader.bump()
    waiting.join(10)
    assert answers == ["1"]
    assert _get(url + "__livereload/0") == "1"  # a page older than the build: at once


@pytest.mark.slow
def test_browser_reloads_after_a_rebuild(served: tuple[str, Path, Reloader],
                                         browser: Any) -> None:
    url, site, reloader = served
    page = browser.new_page()
    try:
        page.goto(url)
        assert page.inner_text("#v") == "satu"
        (site / "index.html").write_text(
            "<html><body><p id='v'>dua</p></body></html>", encoding="utf-8")
        reloader.bump()
        page.wait_for_function("document.getElementById('v').textContent === 'dua'",
                               timeout=10_000)
    finally:
        page.close()
