"""Semester rekap from the persisted quarterly merges, by each indicator's accumulation rule,
checked against an independent computation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sop_docs.kits.load import KitSet
from sop_docs.kits.model import Cycle
from sop_docs.merge.results import Verdict
from sop_docs.report.options import RekapOptions
from sop_docs.report.service import run_merge

if TYPE_CHECKING:
    from conftest import Lab


def _returned(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


def test_semester_from_quarters(tmp_path: Path, lab: type[Lab]) -> None:
    kit_set = KitSet(definitions=(lab.definition,), profiles={"uji": lab.profil})
    out = tmp_path / "rekap"
    tw1 = {0: 120.0, 1: 82.0, 2: 8.0, 3: 25.0}
    tw2 = {0: 90.0, 1: 86.0, 2: 12.0, 3: 35.0}
    for cycle, values, signed in ((lab.tw1, tw1, dt.date(2026, 4, 2)),
                                  (lab.tw2, tw2, dt.date(2026, 7, 2))):
        rows = lab.layout("u01", cycle).indikator
        changes: dict[str, object] = {
            str(rows[i].realisasi[cycle.sampai - 1]): v for i, v in values.items()}
        if cycle == lab.tw2:  # the TW2 kit asks for TW1 again (not pre-filled): same figures
            changes.update({str(rows[i].realisasi[0]): v for i, v in tw1.items()})
        folder = _returned(tmp_path / cycle.id, "u01.xlsx",
                           lab.filled_kit("u01", cycle, signed, changes))
        run = run_merge(kit_set, cycle, folder, out, options=RekapOptions(pdf=False))
        assert run.result is not None and not run.problems
        assert {u.unit: u.verdict for u in run.result.units}["u01"] is Verdict.LENGKAP

    s1 = run_merge(kit_set, Cycle.parse("2026-S1"), None, out, options=RekapOptions(pdf=False))
    assert s1.result is not None and s1.result.sources == ("2026-TW1", "2026-TW2")
    unit = next(u for u in s1.result.units if u.unit == "u01")
    kumulatif, persen, turun, rentang = unit.indikator
    # independent computation: kumulatif sums, posisi akhir takes TW2, rata-rata averages
    assert kumulatif.realisasi_sd == 210 and kumulatif.capaian == pytest.approx(210 / 200 * 100)
    assert persen.realisasi_sd == 86 and persen.capaian == pytest.approx(86 / 85 * 100)
    assert turun.realisasi_sd == 10 and turun.capaian == pytest.approx((2 * 10 - 10) / 10 * 100)
    assert rentang.realisasi_sd == 35 and rentang.capaian == pytest.approx(35 / 30 * 100)
    assert unit.verdict is Verdict.LENGKAP
    other = next(u for u in s1.result.units if u.unit == "u02")
    assert other.verdict is Verdict.BELUM and other.indikator[0].realisasi_sd is None
    assert (out / "2026-S1" / "2026-S1-verifikasi.md").is_file()
    assert (out / "2026-S1" / "uji-2026-2026-S1-rekap.docx").is_file()
    assert not (out / "2026-S1" / "kembali").exists()  # nothing goes back to units


def test_semester_without_quarters_reports_them_missing(tmp_path: Path, lab: type[Lab]) -> None:
    kit_set = KitSet(definitions=(lab.definition,), profiles={"uji": lab.profil})
    run = run_merge(kit_set, Cycle.parse("2026-S1"), None, tmp_path,
                    options=RekapOptions(pdf=False))
    assert run.result is not None
    codes = {p.code for p in run.result.units[0].problems}
    assert codes == {"MRG020"}
