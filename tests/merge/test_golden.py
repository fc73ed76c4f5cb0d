"""Golden files for the text outputs people read: the verification report and a return note
(`pytest --update-golden` rewrites them after an intended change)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sop_docs.merge.results import (
    CycleResult,
    FileRecord,
    FileStatus,
    IndikatorRow,
    Problem,
    Target,
    UnitResult,
    Verdict,
)
from sop_docs.report.verification import return_note, verification_markdown

GOLDEN = Path(__file__).parent / "golden"

MISSING = Problem(code="MRG009", severity="error", file="Seksi B.xlsx",
                  cell="Data Kinerja!G8", message="Realisasi TW I indikator no. 1 wajib diisi",
                  hint="isi Realisasi TW I indikator no. 1 pada sel ini")
TYPED = Problem(code="RET013", severity="warning", file="Seksi B.xlsx", cell="Data Kinerja!G9",
                message="'1,5' ditulis sebagai teks | dibaca sebagai angka 1,5",
                hint="tulis angka saja <tanpa satuan>")
ROW = IndikatorRow(id="ik", sasaran="Sasaran", indikator="Indikator", satuan="%", desimal=2,
                   target_tahunan=Target(min=90, max=90), target_sd=Target(min=80, max=80),
                   realisasi_triwulan=(84.0, None, None, None), realisasi_sd=84.0,
                   capaian=105.0, kategori="Sangat Tinggi")

RESULT = CycleResult(
    cycle="2026-TW1", label="Triwulan I Tahun 2026", kits=("uji-2026",),
    units=(
        UnitResult(kit="uji-2026", unit="a", nama="Seksi A", penanggung_jawab="A",
                   verdict=Verdict.LENGKAP, file="Seksi A.xlsx", indikator=(ROW,)),
        UnitResult(kit="uji-2026", unit="b", nama="Seksi B", penanggung_jawab="B",
                   verdict=Verdict.PERBAIKAN, file="Seksi B.xlsx", problems=(MISSING, TYPED)),
        UnitResult(kit="uji-2026", unit="c", nama="Seksi C", penanggung_jawab="C",
                   verdict=Verdict.BELUM, problems=(Problem(
                       code="MRG016", severity="error", file="uji-2026/c", cell=None,
                       message="kit belum dikembalikan",
                       hint="isi dan kirim kit sebelum batas waktu 2026-04-10"),)),
    ),
    files=(
        FileRecord(name="Seksi A.xlsx", sha256="a" * 64, size=1000, format="xlsx",
                   application="LibreOffice/7.4", kit="uji-2026", unit="a", cycle="2026-TW1",
                   schema_version=1, status=FileStatus.DIPAKAI, verdict=Verdict.LENGKAP),
        FileRecord(name="Seksi B.xlsx", sha256="b" * 64, size=1000, format="xlsx",
                   application="", kit="uji-2026", unit="b", cycle="2026-TW1",
                   schema_version=1, status=FileStatus.DIPAKAI, verdict=Verdict.PERBAIKAN,
                   problems=(MISSING, TYPED)),
        FileRecord(name="kosong.xlsx", sha256="", size=0, format="empty", application="",
                   status=FileStatus.DITOLAK, verdict=Verdict.DITOLAK, problems=(Problem(
                       code="RET001", severity="error", file="kosong.xlsx", cell=None,
                       message="berkas kosong (0 byte)", hint="kirim ulang berkas kit"),)),
    ),
)


def test_verification_report(golden: Callable[[Path, str, bool], None],
                             update_golden: bool) -> None:
    golden(GOLDEN / "verifikasi.md", verification_markdown(RESULT), update_golden)


def test_return_note(golden: Callable[[Path, str, bool], None], update_golden: bool) -> None:
    note = return_note(RESULT, RESULT.units[1], "uji-2026_b-perbaikan.xlsx")
    golden(GOLDEN / "catatan.txt", note, update_golden)
