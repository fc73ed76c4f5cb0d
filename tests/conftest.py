"""Suite-wide pytest options and fixtures (projects to test on, the browser); each area keeps
its own fixtures in tests/<area>/conftest.py."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sop_docs import i18n
from sop_docs.scaffold import init_project

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (SVG, DOT, Markdown) from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing them."""
    return bool(request.config.getoption("--update-golden"))


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file at ``path`` (or rewrite it when updating)."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; re-run")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs; run pytest --update-golden if intended"


@pytest.fixture
def golden() -> object:
    """The golden-file checker, as a fixture for test modules that cannot import conftest."""
    return check_golden


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser).

    One per test process: Playwright's sync API allows a single running instance per
    process, so every browser test of every area shares this one.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# --- projects to test on -------------------------------------------------------------

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
