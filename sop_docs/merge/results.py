"""What a merge produces, as frozen models that also persist as JSON (one file per cycle).

Semester and annual rekap are computed from the persisted quarterly results, so these
models are the contract between a ``--cycle 2026-TW2`` run and a later ``--cycle 2026-S1``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

FORMAT_VERSION = 1


class Verdict(StrEnum):
    """The verdict on one unit's return (or one file)."""

    LENGKAP = "lengkap"
    PERBAIKAN = "perlu perbaikan"
    DITOLAK = "ditolak"
    BELUM = "belum masuk"


class FileStatus(StrEnum):
    """What the merge did with one file of the returned folder."""

    DIPAKAI = "dipakai"  # the unit's chosen return
    DUPLIKAT = "duplikat"  # same content as the chosen one; counted once
    DIGANTIKAN = "digantikan"  # superseded by a later return of the same unit
    KONFLIK = "konflik"  # same sign-off date as another, different return
    DITOLAK = "ditolak"  # refused: unreadable, hostile, wrong or tampered kit


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Problem(_Frozen):
    """A diagnostic as persisted: code, severity, where (file and sheet!cell), what, how to fix."""

    code: str
    severity: str
    file: str
    cell: str | None
    message: str
    hint: str


class Target(_Frozen):
    """A to-date target: one number, or a range (``min`` < ``max``)."""

    min: float
    max: float

    @property
    def is_range(self) -> bool:
        return self.min != self.max


class IndikatorRow(_Frozen):
    """One indicator of one unit for the period: targets, realisasi and recomputed results."""

    id: str
    sasaran: str
    indikator: str
    satuan: str
    desimal: int
    target_tahunan: Target
    target_sd: Target | None
    realisasi_triwulan: tuple[float | None, float | None, float | None, float | None]
    realisasi_sd: float | None
    capaian: float | None
    kategori: str | None
    kendala: str = ""
    tindak_lanjut: str = ""
    bukti_dukung: str = ""


class KegiatanRow(_Frozen):
    """One kegiatan's budget: pagu, quarterly realisasi anggaran, to-date figure, % serapan."""

    program: str
    kegiatan: str
    pagu: float
    realisasi_triwulan: tuple[float | None, float | None, float | None, float | None]
    realisasi_sd: float | None
    serapan: float | None


class Pengesahan(_Frozen):
    """The sign-off a unit filled in: who, where, when (``tanggal`` ISO date or empty)."""

    nama: str = ""
    nip: str = ""
    jabatan: str = ""
    tempat: str = ""
    tanggal: str = ""


class FileRecord(_Frozen):
    """One file of the returned folder: audit facts, identity, status, verdict, reasons."""

    name: str
    sha256: str
    size: int
    format: str
    application: str
    kit: str | None = None
    unit: str | None = None
    cycle: str | None = None
    schema_version: int | None = None
    status: FileStatus
    verdict: Verdict
    problems: tuple[Problem, ...] = ()

    @property
    def vonis(self) -> str:
        """What became of the file, as reports print it: the verdict of a return in use,
        else what the merge did with it (ditolak, digantikan, konflik, duplikat)."""
        return self.verdict.value if self.status is FileStatus.DIPAKAI else self.status.value


class UnitResult(_Frozen):
    """One unit of one kit for the cycle: the verdict, the file used, problems, data rows."""

    kit: str
    unit: str
    nama: str
    penanggung_jawab: str
    verdict: Verdict
    file: str | None = None
    problems: tuple[Problem, ...] = ()
    indikator: tuple[IndikatorRow, ...] = ()
    kegiatan: tuple[KegiatanRow, ...] = ()
    pengesahan: Pengesahan = Pengesahan()


class CycleResult(_Frozen):
    """The merge of one cycle: every unit of every kit, and every file seen."""

    format_version: int = FORMAT_VERSION
    cycle: str
    label: str
    kits: tuple[str, ...]
    units: tuple[UnitResult, ...]
    files: tuple[FileRecord, ...]
    sources: tuple[str, ...] = ()  # for S1/TAHUNAN: the quarterly results it was built from

    def count(self, verdict: Verdict) -> int:
        """How many units have ``verdict``."""
        return sum(1 for u in self.units if u.verdict is verdict)

    def attention(self) -> list[UnitResult]:
        """The units that are not lengkap (perlu perbaikan, ditolak, belum masuk)."""
        return [u for u in self.units if u.verdict is not Verdict.LENGKAP]
