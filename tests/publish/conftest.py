"""Fixtures of the publishing tests: a fresh `init` project."""

from __future__ import annotations

from pathlib import Path

import pytest

from sop_docs.scaffold import init_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project as `sop-docs init` writes it (one SOP that passes check --strict)."""
    folder = tmp_path / "kantor"
    init_project(folder)
    return folder
