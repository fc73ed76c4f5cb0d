"""`sop-docs kit make` and the `kits` build stage on the bundled sample project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.kits.stage import kits_stage
from sop_docs.pipeline import BuildContext

REPO = Path(__file__).resolve().parents[2]


def _sample_project(tmp_path: Path) -> Path:
    project = tmp_path / "proj"
    shutil.copytree(REPO / "sop_sources", project / "sop_sources")
    shutil.copytree(REPO / "kits", project / "kits")
    return project


def test_kit_make_writes_one_kit_per_unit_and_a_manifest(tmp_path: Path) -> None:
    project = _sample_project(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["kit", "make", "purwakarta-arsip-2026", "--cycle",
                                      "2026-TW1", "-o", str(out), "--project", str(project)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (out / "2026-TW1").glob("*.xlsx"))
    assert "2026-TW1_purwakarta-arsip-2026_bidang-kearsipan_Kit-Data-Kinerja.xlsx" in files
    manifest = json.loads((out / "2026-TW1" / "kits_manifest.json").read_text())
    assert manifest["siklus"] == "2026-TW1"
    assert [k["file"] for k in manifest["kits"]] == files
    assert manifest["kits"][0]["tenggat"] == "2026-04-08"
    again = tmp_path / "again"
    CliRunner().invoke(app, ["kit", "make", "--cycle", "2026-TW1", "-o", str(again),
                             "--project", str(project)])
    for name in files:
        assert (out / "2026-TW1" / name).read_bytes() == (again / "2026-TW1" / name).read_bytes()


def test_kit_make_usage_and_input_errors(tmp_path: Path) -> None:
    project = _sample_project(tmp_path)
    runner = CliRunner()
    bad_cycle = runner.invoke(app, ["kit", "make", "--cycle", "2026-TW9", "--project",
                                    str(project)])
    assert bad_cycle.exit_code == 2 and "KIT004" in bad_cycle.output
    unknown = runner.invoke(app, ["kit", "make", "nope", "--cycle", "2026-TW1", "-o",
                                  str(tmp_path / "o"), "--project", str(project)])
    assert unknown.exit_code == 1 and "KIT007" in unknown.output
    not_run = runner.invoke(app, ["kit", "make", "sukoharjo-bulu-2026", "--cycle", "2026-S2",
                                  "-o", str(tmp_path / "o"), "--project", str(project)])
    assert not_run.exit_code == 1 and "KIT005" in not_run.output
    assert "Traceback" not in unknown.output + not_run.output


def test_build_stage_makes_the_current_cycles_and_records_them(tmp_path: Path) -> None:
    project = _sample_project(tmp_path)
    ctx = BuildContext(project=project, out=tmp_path / "build")
    kits_stage(ctx)
    assert ctx.report.errors() == []
    paths = ctx.artifacts["kits"]
    assert all(p.exists() for p in paths)
    folders = {p.parent.name for p in paths}
    assert folders == {"2026-TW1", "2026-TW3"}
    assert sum(p.name == "kits_manifest.json" for p in paths) == 2


def test_parallel_batch_gives_the_same_bytes(tmp_path: Path) -> None:
    from sop_docs.kits.generate.make import make_kits
    from sop_docs.kits.load import load_kit_set

    kit_set = load_kit_set(_sample_project(tmp_path))
    kit = kit_set.get("purwakarta-arsip-2026")
    assert kit is not None
    serial, _ = make_kits(kit_set, [kit], kit.current_cycle, tmp_path / "a", workers=1)
    parallel, _ = make_kits(kit_set, [kit], kit.current_cycle, tmp_path / "b", workers=2)
    assert [m.sha256 for m in serial] == [m.sha256 for m in parallel]
    assert [m.path.name for m in serial] == [m.path.name for m in parallel]


def test_unwritable_output_is_reported_and_nothing_half_written(tmp_path: Path) -> None:
    project = _sample_project(tmp_path)
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = CliRunner().invoke(app, ["kit", "make", "--cycle", "2026-TW1", "-o", str(blocker),
                                      "--project", str(project)])
    assert result.exit_code == 1 and "CLI006" in result.output
    assert "Traceback" not in result.output
    assert blocker.read_text().startswith("a file")


def test_schema_command_writes_the_kit_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kit.schema.json").exists()
