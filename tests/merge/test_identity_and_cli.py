"""Identity checks that need their own setup (signature key, schema mapping) and the
`sop-docs kit merge` command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from sop_docs.build import run_build as build
from sop_docs.cli.main import app
from sop_docs.cli.merge import EXIT_ATTENTION
from sop_docs.kits.cells import SHEET_IDENTITAS
from sop_docs.kits.identity import fingerprint_from_values
from sop_docs.kits.model import SCHEMA_VERSION
from sop_docs.merge import match
from sop_docs.merge.results import Verdict
from sop_docs.merge.run import merge_folder

if TYPE_CHECKING:
    from conftest import Lab

KEY = b"kunci-rahasia-kantor"
REPO = Path(__file__).resolve().parents[2]


def test_with_a_key_only_signed_kits_are_accepted(tmp_path: Path, lab: type[Lab]) -> None:
    folder = lab.inbox(tmp_path, {"signed.xlsx": lab.filled_kit("u01", key=KEY),
                                "unsigned.xlsx": lab.filled_kit("u02"),
                                "other-key.xlsx": lab.filled_kit("u03", key=b"lain")})
    result = merge_folder(folder, [lab.definition], lab.tw1, KEY)
    verdicts = {f.name: (f.verdict, {p.code for p in f.problems}) for f in result.files}
    assert verdicts["signed.xlsx"] == (Verdict.LENGKAP, set())
    assert verdicts["unsigned.xlsx"] == (Verdict.DITOLAK, {"MRG008"})
    assert verdicts["other-key.xlsx"] == (Verdict.DITOLAK, {"MRG008"})


def _old_version(lab: type[Lab]) -> bytes:
    return lab.edit_workbook(lab.filled_kit("u01"), lambda wb: wb[SHEET_IDENTITAS].cell(
        4, 2, SCHEMA_VERSION - 1))


def test_an_older_schema_without_mapping_is_refused(tmp_path: Path, lab: type[Lab]) -> None:
    result = merge_folder(lab.inbox(tmp_path, {"lama.xlsx": _old_version(lab)}),
                          [lab.definition], lab.tw1)
    assert {p.code for p in result.files[0].problems} == {"MRG006"}


def test_an_older_schema_with_a_mapping_is_read(tmp_path: Path, lab: type[Lab],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A mapping for the previous version: same cell map, fingerprint recomputed the new way
    # (a real mapping would describe the old cell map and fingerprint rule).
    def layout_for(definition, unit_id, cycle):  # type: ignore[no-untyped-def]
        return lab.layout(unit_id, cycle)

    monkeypatch.setitem(match.SCHEMA_MAPPINGS, SCHEMA_VERSION - 1, match.SchemaMapping(
        layout=layout_for, fingerprint=fingerprint_from_values))
    result = merge_folder(lab.inbox(tmp_path, {"lama.xlsx": _old_version(lab)}),
                          [lab.definition], lab.tw1)
    record = result.files[0]
    assert {p.code for p in record.problems} == {"MRG005"}
    assert record.verdict is Verdict.LENGKAP


def test_cli_merge_writes_the_rekap(tmp_path: Path, lab: type[Lab]) -> None:
    definition = next(p for p in (REPO / "kits").glob("purwakarta*.yaml"))
    assert definition.is_file()
    samples = REPO / "kits" / "contoh-kembali" / "2026-TW1"
    out = tmp_path / "rekap"
    runner = CliRunner()
    result = runner.invoke(app, ["kit", "merge", "--cycle", "2026-TW1", "purwakarta-arsip-2026",
                                 str(samples), "-o", str(out), "--no-pdf", "--project",
                                 str(REPO)])
    assert result.exit_code == EXIT_ATTENTION, result.output  # the rekap is written
    # The committed sample inbox (regenerate with `python -m sop_docs_demo.sample_returns` when
    # the kit template changes): filled, LibreOffice re-save, incomplete, duplicate, missing.
    assert "lengkap: 2, perlu perbaikan: 1, ditolak: 0, belum masuk: 1" in result.output
    assert (out / "2026-TW1" / "purwakarta-arsip-2026-2026-TW1-rekap.docx").is_file()
    assert (out / "2026-TW1" / "kembali").is_dir()


@pytest.mark.parametrize("args", [
    ["--cycle", "2026-TW1", "tidak-ada-folder"],
    ["--cycle", "2026-TW9", "."],
    ["--cycle", "2026-TW1", "--template", "tidak-ada.docx", "."],
    ["--cycle", "2026-TW1", "kit-tidak-ada", "."],
])
def test_cli_bad_input_is_a_clear_error(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["kit", "merge", *args, "-o", str(tmp_path), "--no-pdf",
                                      "--project", str(REPO)])
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_every_rule_of_the_definition_is_rechecked(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.layout("u01")
    rows, budget, sign = kit.indikator, kit.kegiatan[0], kit.pengesahan
    changes: dict[str, object] = {
        str(rows[0].realisasi[0]): -5,  # below 0
        str(rows[1].realisasi[0]): 0.85,  # a fraction on a percent indicator
        str(rows[2].realisasi[0]): "sebelas",  # not a number
        str(rows[0].kendala): "x" * 1500,  # over the 1000-character limit
        str(budget.realisasi[0]): 250_000_000,  # over the pagu of 100,000,000
        str(sign.nip): "123",
        str(sign.tanggal): "31/02/2026",
        str(sign.nama): None,
    }
    folder = lab.inbox(tmp_path, {"u01.xlsx": lab.filled_kit("u01", changes=changes)})
    unit = next(u for u in merge_folder(folder, [lab.definition], lab.tw1).units
                if u.unit == "u01")
    found = {(p.code, p.cell) for p in unit.problems}
    assert unit.verdict is Verdict.PERBAIKAN
    for code, ref in (("MRG010", rows[0].realisasi[0]), ("MRG018", rows[1].realisasi[0]),
                      ("RET014", rows[2].realisasi[0]), ("MRG022", rows[0].kendala),
                      ("MRG017", budget.realisasi_sd), ("MRG023", sign.nip),
                      ("MRG011", sign.tanggal), ("MRG009", sign.nama)):
        assert (code, str(ref)) in found, (code, found)
    assert unit.indikator[0].realisasi_triwulan[0] is None  # a refused value is not used


@pytest.mark.slow
def test_build_stage_merges_the_sample_inbox_for_the_site(tmp_path: Path) -> None:
    ctx = build(REPO, tmp_path, only={"merge"})
    found = [d for d in ctx.report.items if d.code.startswith(("MRG", "RET", "CLI"))]
    # the one warning names the units to follow up; the build still succeeds (exit 0)
    assert {(d.code, d.severity.value) for d in found} == {("MRG025", "warning")}
    assert any("Bidang Perpustakaan (perlu perbaikan)" in d.message for d in found)
    names = sorted(p.relative_to(tmp_path / "rekap").as_posix() for p in ctx.artifacts["merge"])
    assert "2026-TW1/2026-TW1-verifikasi.md" in names
    assert "2026-TW1/purwakarta-arsip-2026-2026-TW1-rekap.pdf" in names
    assert not [n for n in names if "kembali" in n]  # units' return files are not published
    assert (tmp_path / "rekap" / "2026-TW1" / "kembali").is_dir()
