"""Fixtures of the foundation tests: copies of the seed project and of the `init` project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sop_docs.scaffold import init_project

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "sop_sources"


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A copy of the bundled sample project (the five seed SOPs) in a temp folder."""
    project = tmp_path / "seeds"
    shutil.copytree(SEEDS, project / "sop_sources")
    shutil.copy(REPO / "sop-docs.yaml", project / "sop-docs.yaml")
    return project


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A fresh project as `sop-docs init` writes it."""
    project = tmp_path / "kantor"
    init_project(project)
    return project


EXAMPLE_SOP = Path("sop_sources/contoh-sop.yaml")


@pytest.fixture
def example_data(example_project: Path) -> dict:
    """The example SOP of `init` as plain data, to modify in a test."""
    return yaml.safe_load((example_project / EXAMPLE_SOP).read_text(encoding="utf-8"))


@pytest.fixture
def write_sop(example_project: Path) -> Callable[[dict], Path]:
    """Write SOP data as the example project's only SOP; returns the project folder."""

    def write(data: dict) -> Path:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (example_project / EXAMPLE_SOP).write_text(text, encoding="utf-8")
        return example_project

    return write
