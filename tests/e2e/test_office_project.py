"""The office workflow end to end, through the installed program: `init` a project in a
folder of its own, `build` it, add an SOP with `new`, build again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = Path(sys.executable).with_name("sop-docs")

pytestmark = pytest.mark.skipif(not PROGRAM.exists(), reason="needs the installed sop-docs")


def sop_docs(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed program as a user would, in ``cwd``."""
    return subprocess.run([str(PROGRAM), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600, check=False)


def test_init_build_new_build(tmp_path: Path) -> None:
    project = tmp_path / "kantor"
    assert sop_docs("init", project, cwd=tmp_path).returncode == 0

    first = sop_docs("build", "-o", "build", cwd=project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    sheet = project / "build/sop/contoh-sop"
    for name in ("contoh-sop.pdf", "contoh-sop.docx", "contoh-sop-hal-1.svg",
                 "contoh-sop-swimlane.svg", "contoh-sop-swimlane.dot"):
        assert (sheet / name).stat().st_size > 0, name
    kits = list((project / "build/kits").glob("*/*.xlsx"))
    assert kits, "the kit definition stub makes at least one kit"
    report = json.loads((project / "build/check/report.json").read_text(encoding="utf-8"))
    assert report["errors"] == 0
    home = (project / "build/site/index.html").read_text(encoding="utf-8")
    assert "Referensi SOP" in home  # the title from site/site.yaml
    assert (project / "build/site.zip").stat().st_size > 0
    pdf_written = (sheet / "contoh-sop.pdf").stat().st_mtime_ns

    added = sop_docs("new", "sop-rapat-koordinasi", cwd=project)
    assert added.returncode == 0, added.stdout + added.stderr
    second = sop_docs("build", "-o", "build", cwd=project)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (project / "build/sop/sop-rapat-koordinasi/sop-rapat-koordinasi.pdf").is_file()
    assert (sheet / "contoh-sop.pdf").stat().st_mtime_ns == pdf_written  # reused, not redrawn
    page = project / "build/site/sop/sop-rapat-koordinasi/index.html"
    assert "sop-rapat-koordinasi" in page.read_text(encoding="utf-8")


def test_build_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = sop_docs("build", "-o", "build", "--project", tmp_path / "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "CLI001" in result.stdout + result.stderr
