"""Studio fixtures: a copy of the seed project, its workspace, and a running studio server."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sop_docs.studio.server import StudioServer
from sop_docs.studio.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seed project (settings and sources) copied into a temporary folder."""
    target = tmp_path / "proyek"
    target.mkdir()
    shutil.copy(REPO / "sop-docs.yaml", target / "sop-docs.yaml")
    shutil.copytree(REPO / "sop_sources", target / "sop_sources")
    return target


@pytest.fixture
def workspace(project: Path) -> Workspace:
    return Workspace(project)


@pytest.fixture
def studio(workspace: Workspace) -> Iterator[StudioServer]:
    """A studio server on a free port of 127.0.0.1, stopped after the test."""
    server = StudioServer(workspace)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
