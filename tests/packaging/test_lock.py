"""The installed environment is exactly `uv.lock`, and the lock agrees with pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import sop_docs

REPO = Path(__file__).resolve().parents[2]
LOCK = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


LOCKED = {_normal(p["name"]): p["version"] for p in LOCK["package"]}


def test_every_installed_package_is_the_locked_version() -> None:
    if Path(sys.prefix).resolve() != (REPO / ".venv").resolve():
        pytest.skip("checks the project's own .venv (make setup)")
    wrong = {}
    for dist in metadata.distributions():
        name = _normal(dist.metadata["Name"])
        if name != "sop-docs" and LOCKED.get(name) != dist.version:
            wrong[name] = (dist.version, LOCKED.get(name))
    assert not wrong, f"installed (version, locked version): {wrong}"


def test_locked_packages_carry_hashes() -> None:
    for package in LOCK["package"]:
        if package["name"] == "sop-docs":
            continue
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files and all(f.get("hash", "").startswith("sha256:") for f in files), \
            package["name"]


def test_the_lock_is_up_to_date_with_pyproject() -> None:
    uv = REPO / ".tools/bin/uv"
    if not uv.exists():
        pytest.skip("uv is installed by `make setup`")
    result = subprocess.run([str(uv), "lock", "--check", "--offline"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_site_generator_pins() -> None:
    dependencies = PYPROJECT["project"]["dependencies"]
    assert "mkdocs==1.6.1" in dependencies
    assert LOCKED["mkdocs"] == "1.6.1"
    assert LOCKED["mkdocs-material"].startswith("9.8.")


def test_one_version_everywhere() -> None:
    assert PYPROJECT["project"]["version"] == sop_docs.__version__
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    assert first is not None and first.group(1) == sop_docs.__version__
