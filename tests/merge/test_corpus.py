"""The merge of a corpus of returned files: every case gets its own verdict, the rest of the
batch completes, the input folder is unchanged, and the numbers equal an independent
computation written here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sop_docs.merge.results import FileStatus, Verdict

if TYPE_CHECKING:
    from conftest import Corpus, Lab

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("merge")]

# file name -> (status, verdict, codes that must be among its problems)
EXPECTED_FILES = {
    "U01 final.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "kiriman email/Laporan TW1 U01.xlsx": (FileStatus.DUPLIKAT, Verdict.LENGKAP, {"MRG013"}),
    "U02 belum lengkap.xlsx": (FileStatus.DIPAKAI, Verdict.PERBAIKAN, {"MRG009"}),
    "u03.XLSX": (FileStatus.DIPAKAI, Verdict.LENGKAP, {"RET013"}),
    "u04 lama.xlsx": (FileStatus.DIGANTIKAN, Verdict.LENGKAP, {"MRG014"}),
    "u04 baru.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "u05 a.xlsx": (FileStatus.KONFLIK, Verdict.LENGKAP, {"MRG015"}),
    "u05 b.xlsx": (FileStatus.KONFLIK, Verdict.LENGKAP, {"MRG015"}),
    "u06 triwulan lalu.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG003"}),
    "u07 judul diubah.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG007"}),
    "u08 lembar diganti.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG007"}),
    "u09 baris dihapus.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG007"}),
    "u10 rumus.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, {"MRG012"}),
    "u16 rumus tanpa nilai.xlsx": (FileStatus.DIPAKAI, Verdict.PERBAIKAN, {"MRG009", "RET015"}),
    "u11 dari excel lama.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "u12 dari libreoffice.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "u13 makro.xlsm": (FileStatus.DIPAKAI, Verdict.LENGKAP, {"RET010"}),
    "u14 wps.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "u15 besar.xlsx": (FileStatus.DIPAKAI, Verdict.LENGKAP, set()),
    "u17 bersandi.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET005"}),
    "u18 ketik ulang.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG001"}),
    "u19 kit lain.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG002"}),
    "u20 unit lain.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"MRG004"}),
    "bom.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET008"}),
    "entitas.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET009"}),
    "terpotong.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET004"}),
    "kosong.xlsx": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET001"}),
    "rekap lama.csv": (FileStatus.DITOLAK, Verdict.DITOLAK, {"RET002"}),
}

EXPECTED_UNITS = {
    "u01": Verdict.LENGKAP, "u02": Verdict.PERBAIKAN, "u03": Verdict.LENGKAP,
    "u04": Verdict.LENGKAP, "u05": Verdict.PERBAIKAN, "u06": Verdict.DITOLAK,
    "u07": Verdict.DITOLAK, "u08": Verdict.DITOLAK, "u09": Verdict.DITOLAK,
    "u10": Verdict.LENGKAP, "u11": Verdict.LENGKAP, "u12": Verdict.LENGKAP,
    "u13": Verdict.LENGKAP, "u14": Verdict.LENGKAP, "u15": Verdict.LENGKAP,
    "u16": Verdict.PERBAIKAN, "u17": Verdict.BELUM, "u18": Verdict.BELUM,
    "u19": Verdict.BELUM, "u20": Verdict.BELUM,
}


def test_every_file_gets_its_own_verdict(corpus: Corpus) -> None:
    seen = {f.name for f in corpus.result.files}
    assert seen == set(EXPECTED_FILES)
    for name, (status, verdict, codes) in EXPECTED_FILES.items():
        record = corpus.file(name)
        found = {p.code for p in record.problems}
        assert (record.status, record.verdict) == (status, verdict), (name, found)
        assert codes <= found, (name, found)


def test_every_unit_gets_a_verdict(corpus: Corpus) -> None:
    assert {u.unit: u.verdict for u in corpus.result.units} == EXPECTED_UNITS


def test_the_input_folder_is_unchanged(corpus: Corpus, lab: Lab) -> None:
    assert lab.folder_hashes(corpus.folder) == corpus.before


def test_problems_point_at_the_cell_to_fix(corpus: Corpus, lab: Lab) -> None:
    missing = lab.layout("u02").indikator[0].realisasi[0]
    problem = next(p for p in corpus.unit("u02").problems if p.code == "MRG009")
    assert problem.cell == str(missing) == "Data Kinerja!G8"
    assert "wajib diisi" in problem.message and problem.hint


def test_typed_numbers_are_read_and_reported(corpus: Corpus) -> None:
    rows = corpus.unit("u03").indikator
    assert [r.realisasi_triwulan[0] for r in rows] == [1234.5, 85.0, 12.0, 1.5]
    readings = {p.cell: p.message for p in corpus.unit("u03").problems if p.code == "RET013"}
    assert "'1.234,5'" in readings["Data Kinerja!G8"] and "1.234,5" in readings["Data Kinerja!G8"]
    assert "persen" in readings["Data Kinerja!G9"]


def _capaian(r: float, t: float, higher_better: bool) -> float:
    return r / t * 100 if higher_better else (2 * t - r) / t * 100


def _kategori(c: float) -> str:
    for low, name in ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah")):
        if c >= low:
            return name
    return "Sangat Rendah"


def test_numbers_equal_an_independent_computation(corpus: Corpus) -> None:
    # u03 typed: 1234.5 dokumen (target 100), 85 % (target 80, cap 120),
    # 12 keluhan (turun, target 10), 1.5 menit (range 20-30: below, nearer bound 20).
    expected = [
        min(_capaian(1234.5, 100, True), 1e9),
        min(_capaian(85, 80, True), 120),
        _capaian(12, 10, False),
        _capaian(1.5, 20, True),
    ]
    rows = corpus.unit("u03").indikator
    for row, value in zip(rows, expected, strict=True):
        assert row.capaian == pytest.approx(value)
        assert row.kategori == _kategori(value)
    assert rows[1].capaian == pytest.approx(106.25)
    budget = corpus.unit("u03").kegiatan[0]
    assert budget.serapan == pytest.approx(budget.realisasi_sd / 100_000_000 * 100)


def test_supersession_uses_the_later_return(corpus: Corpus) -> None:
    unit = corpus.unit("u04")
    assert unit.file == "u04 baru.xlsx"
    assert unit.indikator[0].realisasi_triwulan[0] == 77
    note = next(p for p in corpus.file("u04 lama.xlsx").problems if p.code == "MRG014")
    assert "u04 baru.xlsx" in note.message and "2026-04-06" in note.message


def test_overwritten_formula_is_flagged_and_recomputed(corpus: Corpus, lab: Lab) -> None:
    unit = corpus.unit("u10")
    flagged = next(p for p in unit.problems if p.code == "MRG012")
    assert flagged.cell == str(lab.layout("u10").indikator[0].capaian)
    assert "999" in flagged.message
    assert unit.indikator[0].capaian != 999
    assert unit.indikator[1].realisasi_triwulan[0] == 82  # =40+42 as LibreOffice cached it


def test_refused_units_keep_their_targets_in_the_rekap(corpus: Corpus, lab: Lab) -> None:
    unit = corpus.unit("u17")
    assert len(unit.indikator) == len(lab.definition.unit[0].indikator)
    assert all(r.realisasi_sd is None and r.target_sd is not None for r in unit.indikator)
