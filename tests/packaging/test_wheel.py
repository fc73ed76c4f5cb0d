"""The package really installs: the wheel alone, in a clean venv, builds a new project.

The venv gets the locked dependencies (from uv's cache, as `make setup` left it) and then the
wheel without its source tree: nothing is editable, nothing is imported from the checkout,
and the command runs in a temporary folder, so fonts, templates, schemas, site assets and the
rekap template can only come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sop_docs import __version__

REPO = Path(__file__).resolve().parents[2]
UV = REPO / ".tools/bin/uv"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _run(*args: object, cwd: Path, env: dict[str, str] | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, text=True,
                            capture_output=True, timeout=600)
    if check and result.returncode != 0:
        pytest.fail(f"{args} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the files git would commit (no build leftovers)."""
    if not UV.exists():
        pytest.skip("uv is installed by `make setup`")
    work = tmp_path_factory.mktemp("wheel")
    tracked = _run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                   cwd=REPO).stdout.split("\0")
    source = work / "src"
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _run(UV, "build", "--wheel", "--quiet", "-o", work / "dist", cwd=source)
    (built,) = (work / "dist").glob("sop_docs-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv holding the locked dependencies and the wheel; returns its bin folder."""
    work = tmp_path_factory.mktemp("venv")
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    venv = work / "venv"
    _run(UV, "venv", "--quiet", "--python", sys.executable, venv, cwd=work, env=env)
    requirements = work / "requirements.txt"
    exported = _run(UV, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-header",
                    "--quiet", cwd=REPO, env=env).stdout
    requirements.write_text(exported, encoding="utf-8")
    python = venv / "bin/python"
    _run(UV, "pip", "install", "--quiet", "--python", python, "--require-hashes",
         "-r", requirements, cwd=work, env=env)
    _run(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", wheel,
         cwd=work, env=env)
    return venv / "bin"


def test_the_wheel_holds_the_data_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert f"sop_docs-{__version__}.dist-info/METADATA" in names
    for suffix in (".ttf", ".j2", ".docx", ".css", ".js", "py.typed"):
        assert any(name.startswith("sop_docs/") and name.endswith(suffix) for name in names), \
            suffix
    assert not any(name.startswith("tests/") for name in names)


def test_a_new_project_builds_from_the_installed_wheel(installed: Path,
                                                       tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["SOP_DOCS_LANG"] = "en"
    program = installed / "sop-docs"
    where = _run(installed / "python", "-c", "import sop_docs; print(sop_docs.__file__)",
                 cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert _run(program, "--version", cwd=tmp_path, env=env).stdout.strip() == \
        f"sop-docs {__version__}"

    _run(program, "init", "kantor", cwd=tmp_path, env=env)
    project = tmp_path / "kantor"
    _run(program, "build", "-o", "build", cwd=project, env=env)
    out = project / "build"
    for pattern in ("sop/*/*.pdf", "sop/*/*.docx", "kits/*/*.xlsx", "site/index.html",
                    "site/assets/stylesheets/*.css", "site/search/search_index.json"):
        assert list(out.glob(pattern)), pattern
    assert list((project / "schema").glob("*.json")) or list(out.rglob("*.schema.json"))

    # the rekap template and its writers come from the wheel too: merge the blank kits back
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    for kit in out.glob("kits/*/*.xlsx"):
        shutil.copy2(kit, inbox / kit.name)
    cycle = next(out.glob("kits/*/")).name
    merged = _run(program, "kit", "merge", inbox, "--cycle", cycle, "-o", "rekap",
                  cwd=project, env=env, check=False)
    assert merged.returncode != 70, merged.stderr
    assert "Traceback" not in merged.stdout + merged.stderr
    assert list((project / "rekap").rglob("*.docx")), merged.stdout + merged.stderr
