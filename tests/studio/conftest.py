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
