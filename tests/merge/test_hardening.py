"""A hostile inbox and a hostile run: links and special files, staging leftovers of a killed
merge, absurd figures, the reasons in the report, and the exit codes of `kit merge`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.cli.merge import EXIT_ATTENTION
from sop_docs.kits.load import KitSet
from sop_docs.kits.model import KitDefinition
from sop_docs.merge.results import FileStatus, Verdict
from sop_docs.merge.run import merge_folder
from sop_docs.report.options import RekapOptions
from sop_docs.report.service import run_merge
from sop_docs.report.verification import verification_markdown

if TYPE_CHECKING:
    from conftest import Lab

REPO = Path(__file__).resolve().parents[2]


def test_links_and_special_files_are_refused_unopened(tmp_path: Path, lab: type[Lab]) -> None:
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "u02.xlsx").write_bytes(lab.filled_kit("u02"))
    folder = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01")})
    (folder / "passwd.xlsx").symlink_to("/etc/passwd")
    (folder / "u02.xlsx").symlink_to(outside / "u02.xlsx")
    (folder / "folder luar").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipa.xlsx")  # opening it would block the merge
    result = merge_folder(folder, [lab.definition], lab.tw1)
    codes = {f.name: {p.code for p in f.problems} for f in result.files}
    assert codes["passwd.xlsx"] == {"RET018"} and codes["u02.xlsx"] == {"RET018"}
    assert codes["folder luar"] == {"RET018"} and codes["pipa.xlsx"] == {"RET019"}
    assert "folder luar/u02.xlsx" not in codes  # a linked folder is never entered
    for name in ("passwd.xlsx", "u02.xlsx", "folder luar", "pipa.xlsx"):
        record = next(f for f in result.files if f.name == name)
        assert record.status is FileStatus.DITOLAK and record.sha256 == ""  # never read
    verdicts = {u.unit: u.verdict for u in result.units}
    assert verdicts["u01"] is Verdict.LENGKAP and verdicts["u02"] is Verdict.BELUM


def test_a_merge_removes_staging_folders_of_killed_runs(tmp_path: Path, lab: type[Lab]) -> None:
    folder = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01")})
    cycle_out = tmp_path / "rekap" / "2026-TW1"
    stale = [cycle_out / ".tmp-abc123", cycle_out / ".tmp-999999999-xyz"]
    for path in stale:
        (path / "kembali").mkdir(parents=True)
        (path / "kembali" / "sisa.xlsx").write_bytes(b"sisa")
    kit_set = KitSet(definitions=(lab.definition,), profiles={"uji": lab.profil})
    run = run_merge(kit_set, lab.tw1, folder, tmp_path / "rekap", [],
                    RekapOptions(pdf=False))
    assert run.result is not None and run.paths
    assert not list(cycle_out.glob(".tmp-*"))


def _definition_with_bounds(lab: type[Lab]) -> KitDefinition:
    data = lab.definition.model_dump(mode="json")
    indikator = data["unit"][0]["indikator"]
    indikator[1]["batas_wajar"] = {"minimum": 10, "maksimum": 100}
    indikator[2]["batas_wajar"] = {"rasio_target": 3}
    return KitDefinition.model_validate(data)


def test_absurd_values_need_fixing_with_located_messages(tmp_path: Path, lab: type[Lab]
                                                         ) -> None:
    rows, budget = lab.layout("u01").indikator, lab.layout("u01").kegiatan[0]
    changes: dict[str, object] = {
        str(rows[0].realisasi[0]): 10**12,  # capaian 10^12 % of a target of 100
        str(rows[1].realisasi[0]): 5,  # under the minimum 10 of this indicator
        str(rows[2].realisasi[0]): 45,  # 4.5x its target of 10: over rasio_target 3
        str(budget.realisasi[0]): 10_000 * 100_000_000,  # 10,000x the pagu
    }
    folder = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01", changes=changes)})
    unit = merge_folder(folder, [_definition_with_bounds(lab)], lab.tw1).units[0]
    assert unit.verdict is Verdict.PERBAIKAN
    found = {(p.code, p.cell) for p in unit.problems}
    for ref in (rows[0].realisasi[0], rows[1].realisasi[0], rows[2].realisasi[0]):
        assert ("MRG024", str(ref)) in found, (ref, found)
    assert ("MRG017", str(budget.realisasi_sd)) in found
    capaian = next(p for p in unit.problems if p.code == "MRG024" and p.cell == str(
        rows[0].realisasi[0]))
    assert str(rows[0].realisasi[0]) in capaian.message and "1.000" in capaian.message


def test_the_default_bound_leaves_ordinary_figures_alone(tmp_path: Path, lab: type[Lab]) -> None:
    folder = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01")})
    unit = merge_folder(folder, [lab.definition], lab.tw1).units[0]
    assert unit.verdict is Verdict.LENGKAP and not unit.problems


def test_report_gives_every_unused_file_its_reason_and_verdict(tmp_path: Path,
                                                               lab: type[Lab]) -> None:
    u05 = lab.layout("u05").indikator[0].realisasi[0]
    other_kit = lab.edit_workbook(lab.filled_kit("u03"), lambda wb: wb["_identitas"].cell(
        1, 2, "kit-lain-2026"))
    folder = lab.inbox(tmp_path, {
        "u01.xlsx": lab.filled_kit("u01"), "u01 salinan.xlsx": lab.filled_kit("u01"),
        "u05 a.xlsx": lab.filled_kit("u05", changes={str(u05): 50}),
        "u05 b.xlsx": lab.filled_kit("u05", changes={str(u05): 60}),
        "kit lain.xlsx": other_kit, "kosong.xlsx": b""})
    text = verification_markdown(merge_folder(folder, [lab.definition], lab.tw1))
    table = {line.split(" | ")[0].strip("| "): line.split(" | ")[5]
             for line in text.splitlines() if line.startswith("| ") and ".xlsx" in line}
    assert table["u01.xlsx"] == "duplikat"  # "u01 salinan.xlsx" sorts first and is used
    assert table["u05 a.xlsx"] == table["u05 b.xlsx"] == "konflik"
    assert table["kit lain.xlsx"] == table["kosong.xlsx"] == "ditolak"
    reasons = text.split("### Alasan berkas yang tidak dipakai")[1]
    for name, code in (("kit lain.xlsx", "MRG002"), ("kosong.xlsx", "RET001"),
                       ("u01.xlsx", "MRG013"), ("u05 a.xlsx", "MRG015")):
        block = reasons.split(f"**{name}**")[1].split("**")[0]
        assert code in block and f"berkas `{name}`" in block, name


def _project(tmp_path: Path, broken: bool) -> Path:
    project = tmp_path / "proyek"
    shutil.copytree(REPO / "sop_sources" / "profil", project / "sop_sources" / "profil")
    (project / "kits").mkdir()
    shutil.copy(REPO / "sop-docs.yaml", project / "sop-docs.yaml")
    shutil.copy(next((REPO / "kits").glob("purwakarta*.yaml")), project / "kits")
    if broken:
        (project / "kits" / "rusak.yaml").write_text("id: rusak-2026\nprofil: tidak-ada\n")
    return project


def _merge(project: Path, inbox: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["kit", "merge", "--cycle", "2026-TW1", str(inbox), "-o",
                                      str(out), "--no-pdf", "--project", str(project)])
    return result.exit_code, result.output


def _lab_project(tmp_path: Path, lab: type[Lab]) -> Path:
    """A project holding the test definition (two units) and its office profile."""
    project = tmp_path / "uji"
    (project / "sop_sources" / "profil").mkdir(parents=True)
    (project / "kits").mkdir()
    (project / "sop_sources" / "profil" / "uji.yaml").write_text(
        json.dumps(lab.profil.model_dump(mode="json", exclude_none=True)))
    data = lab.definition.model_dump(mode="json", exclude_none=True)
    data["unit"] = data["unit"][:2]
    (project / "kits" / "uji-2026.yaml").write_text(json.dumps(data))
    return project


def test_exit_codes_of_kit_merge(tmp_path: Path, lab: type[Lab]) -> None:
    samples = REPO / "kits" / "contoh-kembali" / "2026-TW1"
    code, output = _merge(_project(tmp_path, broken=True), samples, tmp_path / "a")
    assert code == EXIT_ATTENTION, output  # units to fix; a broken other kit only warns
    assert "MRG026" in output and "Traceback" not in output
    project = _lab_project(tmp_path, lab)
    inbox = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01"),
                              "u02.xlsx": lab.filled_kit("u02")})
    code, output = _merge(project, inbox, tmp_path / "b")
    assert code == 0, output  # every unit lengkap
    (inbox / "u02.xlsx").unlink()
    assert _merge(project, inbox, tmp_path / "c")[0] == EXIT_ATTENTION  # u02 belum masuk
    assert _merge(project, tmp_path / "tidak-ada", tmp_path / "d")[0] in (1, 2)


@pytest.mark.parametrize("name", ["u01.xlsx"])
def test_refused_link_records_stay_in_the_audit(tmp_path: Path, lab: type[Lab],
                                                name: str) -> None:
    folder = lab.inbox(tmp_path, {name: lab.filled_kit("u01")})
    (folder / "tautan.xlsx").symlink_to(folder / name)
    result = merge_folder(folder, [lab.definition], lab.tw1)
    link = next(f for f in result.files if f.name == "tautan.xlsx")
    assert link.vonis == "ditolak" and {p.code for p in link.problems} == {"RET018"}


def test_control_characters_never_reach_the_reports(tmp_path: Path, lab: type[Lab]) -> None:
    kendala = lab.layout("u01").indikator[0].kendala
    # Excel writes a control character as the escape _x0007_, which readers decode
    data = lab.filled_kit("u01", changes={str(kendala): "Data_x0007_ terlambat_x001B_ dari desa"})
    folder = lab.inbox(tmp_path, {"u01.xlsx": data})
    row = merge_folder(folder, [lab.definition], lab.tw1).units[0].indikator[0]
    assert row.kendala.replace(" ", "") == "Dataterlambatdaridesa", repr(row.kendala)
    assert row.kendala.isprintable()
