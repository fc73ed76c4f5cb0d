"""The kit definition: what an office collects from its units in one year of SAKIP reporting.

One YAML file in ``kits/`` describes one office (its ``profil``, the same office profile the
SOP sources use), one year (``tahun``), the reporting cycles it runs (``siklus``, each with a
``tenggat``), whom units ask (``kontak``), the category scale (``skala_kategori``), and the
units (``unit``) with their indicators (``indikator``) and budget (``program`` / ``kegiatan``).

Models are frozen pydantic objects; nothing here reads YAML (``sop_docs.kits.load`` does) or
writes workbooks (``sop_docs.kits.generate``).  :class:`Cycle` names one reporting period of
one year, e.g. ``2026-TW1``, ``2026-S1``, ``2026-TAHUNAN``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sop_docs.errors import CycleError
from sop_docs.i18n import tr
from sop_docs.model.profile import ID_PATTERN

#: Version of the kit layout and identity scheme.  Bump it whenever the cell map
#: (:mod:`sop_docs.kits.cells`) or the fingerprint rules change, so a merge can tell an
#: older returned kit from a tampered one.
SCHEMA_VERSION = 1

TEXT_MAX = 2000  # longest text a definition may put in one cell (Excel allows 32,767)
QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Triwulan(StrEnum):
    """A quarter, the unit of realisasi entry."""

    TW1 = "TW1"
    TW2 = "TW2"
    TW3 = "TW3"
    TW4 = "TW4"

    @property
    def nomor(self) -> int:
        """1..4."""
        return int(self.value[2])


class JenisSiklus(StrEnum):
    """A reporting cycle of the year: a quarter, a semester, or the whole year."""

    TW1 = "TW1"
    TW2 = "TW2"
    TW3 = "TW3"
    TW4 = "TW4"
    S1 = "S1"
    S2 = "S2"
    TAHUNAN = "TAHUNAN"

    @property
    def triwulan_isian(self) -> tuple[int, ...]:
        """The quarters whose realisasi a unit enters in this cycle."""
        return _ISIAN[self]

    @property
    def sampai(self) -> int:
        """The last quarter the cycle reports to (S1 = to TW II, S2/TAHUNAN = to TW IV)."""
        return self.triwulan_isian[-1]

    @property
    def label(self) -> str:
        """Indonesian name: 'Triwulan I', 'Semester I', 'Tahunan'."""
        return _LABELS[self]


_ISIAN: dict[JenisSiklus, tuple[int, ...]] = {
    JenisSiklus.TW1: (1,),
    JenisSiklus.TW2: (2,),
    JenisSiklus.TW3: (3,),
    JenisSiklus.TW4: (4,),
    JenisSiklus.S1: (1, 2),
    JenisSiklus.S2: (3, 4),
    JenisSiklus.TAHUNAN: (1, 2, 3, 4),
}
_LABELS = {
    JenisSiklus.TW1: "Triwulan I",
    JenisSiklus.TW2: "Triwulan II",
    JenisSiklus.TW3: "Triwulan III",
    JenisSiklus.TW4: "Triwulan IV",
    JenisSiklus.S1: "Semester I",
    JenisSiklus.S2: "Semester II",
    JenisSiklus.TAHUNAN: "Tahunan",
}

_CYCLE_RE = re.compile(r"^(\d{4})-(TW[1-4]|S[12]|TAHUNAN)$")


@dataclass(frozen=True, slots=True, order=True)
class Cycle:
    """One reporting period of one year, written ``2026-TW1``, ``2026-S1``, ``2026-TAHUNAN``."""

    tahun: int
    jenis: JenisSiklus

    @classmethod
    def parse(cls, text: str) -> Cycle:
        """Read ``2026-TW1`` (case-insensitive); raises :class:`CycleError`."""
        match = _CYCLE_RE.match(str(text).strip().upper())
        if not match:
            raise CycleError(tr(
                f"'{text}' bukan siklus; tulis TAHUN-TW1..TW4, TAHUN-S1, TAHUN-S2 atau "
                "TAHUN-TAHUNAN",
                f"'{text}' is not a cycle; write YEAR-TW1..TW4, YEAR-S1, YEAR-S2 or YEAR-TAHUNAN"))
        return cls(int(match.group(1)), JenisSiklus(match.group(2)))

    @property
    def id(self) -> str:
        """The canonical text form, e.g. ``2026-TW1``."""
        return f"{self.tahun}-{self.jenis.value}"

    @property
    def label(self) -> str:
        """Indonesian display form, e.g. 'Triwulan I Tahun 2026'."""
        return f"{self.jenis.label} Tahun {self.tahun}"

    @property
    def triwulan_isian(self) -> tuple[int, ...]:
        """Quarters whose realisasi is entered in this cycle."""
        return self.jenis.triwulan_isian

    @property
    def sampai(self) -> int:
        """Last quarter counted in the to-date (s.d.) figures."""
        return self.jenis.sampai

    def __str__(self) -> str:
        return self.id


class Arah(StrEnum):
    """Which way is better: ``naik`` (higher is better) or ``turun`` (lower is better)."""

    NAIK = "naik"
    TURUN = "turun"


class Metode(StrEnum):
    """How capaian is computed from realisasi R and target T (see ``sop_docs.kits.capaian``)."""

    STANDAR = "standar"  # R / T x 100 (higher is better)
    TERBALIK = "terbalik"  # (2T - R) / T x 100 (lower is better)
    RASIO_TERBALIK = "rasio_terbalik"  # T / R x 100 (lower is better)


class Akumulasi(StrEnum):
    """How quarters add up to a period: sum, latest value, average, or annual only."""

    KUMULATIF = "kumulatif"
    POSISI_AKHIR = "posisi_akhir"
    RATA_RATA = "rata_rata"
    TAHUNAN = "tahunan"


_Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
_OptText = Annotated[str, Field(max_length=TEXT_MAX)]
_Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rentang(_Frozen):
    """A range target: any realisasi between ``min`` and ``max`` counts as fully achieved."""

    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Rentang:
        if self.min > self.max:
            raise ValueError(tr(f"min {self.min:g} lebih besar dari max {self.max:g}",
                                f"min {self.min:g} is greater than max {self.max:g}"))
        return self


Target = float | Rentang


class PenanggungJawab(_Frozen):
    """The official who answers for a unit's data and signs its kit."""

    jabatan: _Text
    nama: _Text
    nip: _OptText = ""
    pangkat: _OptText = ""


class Kontak(_Frozen):
    """Whom units ask about the kit (named on the 'Petunjuk' sheet)."""

    nama: _Text
    jabatan: _OptText = ""
    telepon: _OptText = ""
    email: _OptText = ""


class Siklus(_Frozen):
    """A cycle the office runs this year and its deadline for returning the kit."""

    id: JenisSiklus
    tenggat: dt.date


class Kategori(_Frozen):
    """One band of the category scale: capaian >= ``min`` (None: everything below)."""

    nama: Annotated[str, Field(min_length=1, max_length=60)]
    min: float | None = None


#: Permendagri 86/2017: >= 91 Sangat Tinggi, 76-90 Tinggi, 66-75 Sedang, 51-65 Rendah,
#: <= 50 Sangat Rendah.  Bands are lower bounds, so 90.5 is Tinggi and 50.5 is Rendah.
SKALA_PERMENDAGRI_86: tuple[Kategori, ...] = (
    Kategori(nama="Sangat Tinggi", min=91),
    Kategori(nama="Tinggi", min=76),
    Kategori(nama="Sedang", min=66),
    Kategori(nama="Rendah", min=51),
    Kategori(nama="Sangat Rendah", min=None),
)

#: Default choices of the 'Bukti Dukung' column; a definition may give its own.
BUKTI_DUKUNG_BAWAAN: tuple[str, ...] = (
    "Laporan kegiatan",
    "Dokumen / SK",
    "Foto dokumentasi",
    "Data aplikasi",
    "Berita acara",
    "Lainnya",
)


#: A capaian above this (in %) is taken for a typing slip unless an indicator says otherwise.
CAPAIAN_WAJAR_MAKS = 1000.0


class BatasWajar(_Frozen):
    """Plausibility bounds of an indicator: a realisasi or capaian outside them makes the
    unit "perlu perbaikan" (MRG024), naming the cell, the value and the bound.

    ``minimum`` / ``maksimum`` bound each quarter's realisasi; ``rasio_target`` bounds the
    realisasi s.d. periode as a multiple of the target s.d. periode (the upper end of a range
    target); ``capaian_maks`` bounds the capaian before any ``batas_atas`` cap (default
    1,000%).
    """

    minimum: float | None = None
    maksimum: float | None = None
    rasio_target: float | None = Field(None, gt=0, description="largest realisasi / target")
    capaian_maks: float = Field(CAPAIAN_WAJAR_MAKS, gt=0, description="largest capaian, %")

    @model_validator(mode="after")
    def _ordered(self) -> BatasWajar:
        low, high = self.minimum, self.maksimum
        if low is not None and high is not None and low > high:
            raise ValueError(tr(f"minimum {low:g} lebih besar dari maksimum {high:g}",
                                f"minimum {low:g} is greater than maksimum {high:g}"))
        return self


class Indikator(_Frozen):
    """One performance indicator of a unit (from the Perjanjian Kinerja / Rencana Aksi).

    ``target_triwulan`` holds each quarter's own target, accumulated like realisasi; it may
    be left out for ``posisi_akhir`` / ``rata_rata`` (every quarter = ``target_tahunan``) and
    is not used for ``tahunan``.  ``realisasi`` holds figures already known from earlier
    cycles; the kit shows them pre-filled and locked.
    """

    id: _Id
    sasaran: _Text
    indikator: _Text
    satuan: Annotated[str, Field(min_length=1, max_length=60)]
    arah: Arah = Arah.NAIK
    metode: Metode | None = Field(
        None, description="default: standar for naik, terbalik for turun"
    )
    akumulasi: Akumulasi
    target_tahunan: Target
    target_triwulan: tuple[Target, Target, Target, Target] | None = None
    desimal: int = Field(2, ge=0, le=6)
    batas_atas: float | None = Field(None, gt=0, description="cap on capaian, e.g. 120")
    batas_wajar: BatasWajar = Field(default_factory=BatasWajar,
                                    description="plausibility bounds (default: capaian <= 1000%)")
    realisasi: dict[Triwulan, float] = Field(default_factory=dict)
    keterangan: _OptText = ""

    @field_validator("target_triwulan", mode="before")
    @classmethod
    def _four_targets(cls, value: Any) -> Any:
        # A clear message beats pydantic's tuple error for the common slip of 3 or 5 targets.
        if isinstance(value, list) and len(value) != 4:
            raise ValueError(tr(
                f"target_triwulan harus berisi 4 nilai (TW I..TW IV), ditemukan {len(value)}",
                f"target_triwulan needs 4 values (TW I..TW IV), found {len(value)}"))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Indikator:
        if self.metode is not None:
            expect_up = self.metode is Metode.STANDAR
            if expect_up != (self.arah is Arah.NAIK):
                metode, arah = self.metode.value, self.arah.value
                raise ValueError(tr(
                    f"metode '{metode}' tidak cocok dengan arah '{arah}': naik memakai "
                    "standar, turun memakai terbalik atau rasio_terbalik",
                    f"metode '{metode}' does not fit arah '{arah}': naik uses standar, turun "
                    "uses terbalik or rasio_terbalik"))
        if self.akumulasi is Akumulasi.KUMULATIF and self.target_triwulan is None:
            raise ValueError(tr("indikator kumulatif memerlukan target_triwulan (4 nilai)",
                                "a kumulatif indicator needs target_triwulan (4 values)"))
        return self

    @property
    def metode_efektif(self) -> Metode:
        """The capaian method: as given, else standar (naik) or terbalik (turun)."""
        if self.metode is not None:
            return self.metode
        return Metode.STANDAR if self.arah is Arah.NAIK else Metode.TERBALIK

    def target_kuartal(self, nomor: int) -> Target:
        """Quarter ``nomor``'s own target (the annual one when no quarter list is given)."""
        if self.target_triwulan is None:
            return self.target_tahunan
        return self.target_triwulan[nomor - 1]

    def realisasi_diketahui(self, nomor: int) -> float | None:
        """Realisasi of quarter ``nomor`` already known from an earlier cycle, if any."""
        return self.realisasi.get(Triwulan(f"TW{nomor}"))


class Kegiatan(_Frozen):
    """A kegiatan with its budget ceiling (pagu) and known realisasi anggaran per quarter."""

    id: _Id
    nama: _Text
    pagu: float = Field(ge=0)
    realisasi: dict[Triwulan, float] = Field(default_factory=dict)

    def realisasi_diketahui(self, nomor: int) -> float | None:
        """Budget realisation of quarter ``nomor`` already known, if any."""
        return self.realisasi.get(Triwulan(f"TW{nomor}"))


class Program(_Frozen):
    """A program and its kegiatan."""

    id: _Id
    nama: _Text
    kegiatan: tuple[Kegiatan, ...] = Field(min_length=1)

    @property
    def pagu(self) -> float:
        """Total pagu of the program's kegiatan."""
        return sum(k.pagu for k in self.kegiatan)


class Unit(_Frozen):
    """A bidang / seksi / subbag that fills one kit per cycle."""

    id: _Id
    nama: _Text
    penanggung_jawab: PenanggungJawab
    indikator: tuple[Indikator, ...] = Field(min_length=1, max_length=500)
    program: tuple[Program, ...] = ()


class KitDefinition(_Frozen):
    """One office's data collection for one year: cycles, units, indicators, budget, scale."""

    id: _Id
    profil: _Id = Field(description="id of an office profile in sop_sources/profil/")
    tahun: int = Field(ge=2000, le=2100)
    judul: Annotated[str, Field(min_length=1, max_length=120)] = "Kit Data Kinerja"
    contoh: bool = Field(False, description="true: figures are samples (marked DATA CONTOH)")
    siklus: tuple[Siklus, ...] = Field(min_length=1)
    siklus_berjalan: JenisSiklus | None = Field(
        None, description="the cycle `sop-docs build` makes kits for (default: the first)"
    )
    kontak: Kontak
    skala_kategori: tuple[Kategori, ...] = Field(SKALA_PERMENDAGRI_86, min_length=2, max_length=12)
    pilihan_bukti_dukung: tuple[Annotated[str, Field(min_length=1, max_length=500)], ...] = (
        Field(BUKTI_DUKUNG_BAWAAN, min_length=1, max_length=200)
    )
    unit: tuple[Unit, ...] = Field(min_length=1)

    @field_validator("skala_kategori")
    @classmethod
    def _bands_ordered(cls, bands: tuple[Kategori, ...]) -> tuple[Kategori, ...]:
        if bands[-1].min is not None or any(b.min is None for b in bands[:-1]):
            raise ValueError(tr("hanya rentang terakhir (terendah) yang tanpa 'min'",
                                "only the last (lowest) band has no 'min'"))
        mins = [b.min for b in bands[:-1] if b.min is not None]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError(tr("urutkan rentang dari 'min' tertinggi ke terendah",
                                "list the bands from the highest 'min' to the lowest"))
        return bands

    @field_validator("siklus")
    @classmethod
    def _cycles_once(cls, cycles: tuple[Siklus, ...]) -> tuple[Siklus, ...]:
        ids = [s.id for s in cycles]
        if len(set(ids)) != len(ids):
            raise ValueError(tr("satu siklus tercantum dua kali", "a cycle is listed twice"))
        return cycles

    @property
    def cycles(self) -> tuple[Cycle, ...]:
        """The cycles this definition runs, in the order given."""
        return tuple(Cycle(self.tahun, s.id) for s in self.siklus)

    @property
    def current_cycle(self) -> Cycle:
        """The cycle `sop-docs build` makes kits for."""
        return Cycle(self.tahun, self.siklus_berjalan or self.siklus[0].id)

    def siklus_of(self, cycle: Cycle) -> Siklus | None:
        """This definition's entry (with deadline) for ``cycle``, if it runs it."""
        if cycle.tahun != self.tahun:
            return None
        return next((s for s in self.siklus if s.id is cycle.jenis), None)

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.unit}

    def unit_by_id(self, unit_id: str) -> Unit | None:
        """The unit with this id, if any (a lookup: a merge asks for each file)."""
        return self._units_by_id.get(unit_id)
