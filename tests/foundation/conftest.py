"""Fixtures of the foundation tests: copies of the seed project and of the `init` project."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from sop_docs import i18n
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


def _suggested(hint: str) -> str | None:
    """The one name a did-you-mean hint suggests ("maksudnya 'x'?" / "did you mean 'x'?")."""
    names = re.findall(r"'([^']+)'\?$", hint)
    return names[0] if names else None


@pytest.fixture
def suggested() -> Callable[[str], str | None]:
    """Reads the suggestion out of a hint in either language (tests assert data, not text)."""
    return _suggested


@pytest.fixture(autouse=True)
def _language_of_the_run() -> Iterator[None]:
    """A test that switches the language (``--lang en``) leaves the next one as it found it."""
    before = i18n.current()
    yield
    i18n.set_language(before)
