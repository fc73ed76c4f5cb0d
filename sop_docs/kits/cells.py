"""The cell map of a generated kit: which ``sheet!cell`` holds what, for one unit and cycle.

The map's types and the sheets' fixed rows and columns live here; the map of one kit is
built by :func:`sop_docs.kits.placement.kit_layout`, the single source of truth for where
things are.  The generator writes exactly the cells it lists, and the merge reads returned
files at exactly these cells:

- ``Data Kinerja``: one row per indicator (:class:`IndikatorCells`): the four quarter
  realisasi cells, kendala, tindak lanjut, bukti dukung (inputs), the to-date realisasi,
  capaian and kategori (formulas), and the labels and targets (template-owned);
- ``Anggaran``: one row per program (:class:`ProgramCells`) followed by its kegiatan
  (:class:`KegiatanCells`: pagu, realisasi per quarter, to-date, % serapan), then a total row;
- ``Pengesahan``: the sign-off inputs (:class:`PengesahanCells`).

Every cell the template owns (titles, headers, labels, targets, pre-filled realisasi of earlier
cycles) is listed in :attr:`KitLayout.cells` with kind ``OWNED``; the kit fingerprint
(:mod:`sop_docs.kits.identity`) is computed over those cells and the sheet names.

Rows and columns are 1-based as spreadsheets show them; :class:`CellRef` also gives the
0-based ``row0`` / ``col0`` that python-calamine grids use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from openpyxl.utils.cell import get_column_letter

from sop_docs.kits.model import Cycle, Rentang, Target

SHEET_PETUNJUK = "Petunjuk"
SHEET_DATA = "Data Kinerja"
SHEET_ANGGARAN = "Anggaran"
SHEET_PENGESAHAN = "Pengesahan"
SHEET_DAFTAR = "_daftar"  # hidden: choice lists behind defined names
SHEET_IDENTITAS = "_identitas"  # hidden, protected: kit identity key/value cells
#: Every sheet of a kit, in workbook order.
SHEETS = (SHEET_PETUNJUK, SHEET_DATA, SHEET_ANGGARAN, SHEET_PENGESAHAN, SHEET_DAFTAR,
          SHEET_IDENTITAS)
#: Sheets whose owned cells the fingerprint covers.
FINGERPRINTED_SHEETS = (SHEET_DATA, SHEET_ANGGARAN, SHEET_PENGESAHAN)

#: Defined name of the 'Bukti Dukung' choice list (on the hidden sheet).
NAME_BUKTI_DUKUNG = "DAFTAR_BUKTI_DUKUNG"

#: Kendala and tindak lanjut are required when capaian is below this.
KENDALA_WAJIB_DI_BAWAH = 100.0

# Data Kinerja columns (1-based)
D_NO, D_SASARAN, D_INDIKATOR, D_SATUAN, D_TARGET_TAHUNAN, D_TARGET_SD = 1, 2, 3, 4, 5, 6
D_REALISASI = (7, 8, 9, 10)  # TW I..TW IV
D_REALISASI_SD, D_CAPAIAN, D_KATEGORI = 11, 12, 13
D_KENDALA, D_TINDAK_LANJUT, D_BUKTI = 14, 15, 16
D_LAST_COL = D_BUKTI
D_HEADER_ROWS = (5, 6, 7)  # two header rows and the column-number row, repeated on print
D_FIRST_ROW = 8

# Anggaran columns
A_NO, A_NAMA, A_PAGU = 1, 2, 3
A_REALISASI = (4, 5, 6, 7)
A_REALISASI_SD, A_SERAPAN, A_KETERANGAN = 8, 9, 10
A_LAST_COL = A_KETERANGAN
A_HEADER_ROWS = (5, 6, 7)
A_FIRST_ROW = 8

# Pengesahan rows (label in column A, input in column B)
P_LABEL_COL, P_INPUT_COL = 1, 2
P_ROWS = {"nama": 5, "nip": 6, "jabatan": 7, "pangkat": 8, "tempat": 9, "tanggal": 10}
P_LABELS = {
    "nama": "Nama",
    "nip": "NIP",
    "jabatan": "Jabatan",
    "pangkat": "Pangkat / Golongan",
    "tempat": "Tempat",
    "tanggal": "Tanggal pengisian",
}


class CellRef(NamedTuple):
    """One cell of one sheet; ``row``/``col`` 1-based, ``row0``/``col0`` 0-based.
    (A named tuple: a kit has a thousand of them, built fast and ordered naturally.)"""

    sheet: str
    row: int
    col: int

    @property
    def coord(self) -> str:
        """``G8``."""
        return f"{get_column_letter(self.col)}{self.row}"

    @property
    def row0(self) -> int:
        return self.row - 1

    @property
    def col0(self) -> int:
        return self.col - 1

    def __str__(self) -> str:
        return f"{self.sheet}!{self.coord}"


class Kind(StrEnum):
    """What a cell of the kit is: template-owned, formula, input, or not applicable."""

    OWNED = "owned"  # locked constant of the template; fingerprinted
    FORMULA = "formula"  # locked live formula; never trusted on return (recompute)
    INPUT = "input"  # unlocked; value is a default (sign-off) or None
    UNUSED = "unused"  # locked, greyed: no value belongs here in this cycle


class Placed(NamedTuple):
    """One cell the generator writes: where, what kind, value, and a style tag.

    ``value`` is text or a number for OWNED/INPUT, formula text (starting with '=') for
    FORMULA, None when empty.  ``fmt`` is a number format for numbers.
    """

    ref: CellRef
    kind: Kind
    value: str | float | None
    style: str
    fmt: str = "General"


@dataclass(frozen=True, slots=True)
class IndikatorCells:
    """The cells of one indicator row on ``Data Kinerja``."""

    indikator_id: str
    row: int
    target_sd: CellRef
    realisasi: tuple[CellRef, CellRef, CellRef, CellRef]  # TW I..TW IV
    realisasi_sd: CellRef
    capaian: CellRef
    kategori: CellRef
    kendala: CellRef
    tindak_lanjut: CellRef
    bukti_dukung: CellRef
    isian: tuple[int, ...]  # quarters whose realisasi the unit enters (inputs)
    terisi: tuple[int, ...]  # quarters pre-filled and locked (known earlier)
    dinilai: bool  # False when the period has no value yet (tahunan before TW IV)

    @property
    def required(self) -> tuple[CellRef, ...]:
        """Inputs that must be filled regardless of the result (kendala and tindak lanjut
        are required too when capaian < :data:`KENDALA_WAJIB_DI_BAWAH`)."""
        cells = tuple(self.realisasi[q - 1] for q in self.isian)
        return (*cells, self.bukti_dukung) if self.dinilai else cells


@dataclass(frozen=True, slots=True)
class KegiatanCells:
    """The cells of one kegiatan row on ``Anggaran``."""

    program_id: str
    kegiatan_id: str
    row: int
    pagu: CellRef
    realisasi: tuple[CellRef, CellRef, CellRef, CellRef]
    realisasi_sd: CellRef
    serapan: CellRef
    keterangan: CellRef
    isian: tuple[int, ...]
    terisi: tuple[int, ...]

    @property
    def required(self) -> tuple[CellRef, ...]:
        return tuple(self.realisasi[q - 1] for q in self.isian)


@dataclass(frozen=True, slots=True)
class ProgramCells:
    """The summary row of one program on ``Anggaran`` (formulas over its kegiatan)."""

    program_id: str
    row: int
    pagu: CellRef
    realisasi_sd: CellRef
    serapan: CellRef


@dataclass(frozen=True, slots=True)
class PengesahanCells:
    """The sign-off inputs on ``Pengesahan``."""

    nama: CellRef
    nip: CellRef
    jabatan: CellRef
    pangkat: CellRef
    tempat: CellRef
    tanggal: CellRef

    @property
    def required(self) -> tuple[CellRef, ...]:
        return (self.nama, self.nip, self.jabatan, self.tempat, self.tanggal)


@dataclass(frozen=True, slots=True)
class KitLayout:
    """Everything about where a kit's content sits (see the module docstring)."""

    kit_id: str
    unit_id: str
    cycle: Cycle
    indikator: tuple[IndikatorCells, ...]
    program: tuple[ProgramCells, ...]
    kegiatan: tuple[KegiatanCells, ...]
    total_anggaran: ProgramCells | None
    pengesahan: PengesahanCells
    data_last_row: int
    anggaran_last_row: int
    cells: tuple[Placed, ...] = field(repr=False)

    def owned(self) -> list[Placed]:
        """Template-owned cells on the fingerprinted sheets, in sheet/row/column order."""
        return sorted(
            (p for p in self.cells if p.kind is Kind.OWNED and p.ref.sheet in FINGERPRINTED_SHEETS),
            key=lambda p: (FINGERPRINTED_SHEETS.index(p.ref.sheet), p.ref.row, p.ref.col),
        )

    @property
    def required(self) -> tuple[CellRef, ...]:
        """Every input that must be filled unconditionally."""
        found: list[CellRef] = []
        for row in self.indikator:
            found.extend(row.required)
        for keg in self.kegiatan:
            found.extend(keg.required)
        found.extend(self.pengesahan.required)
        return tuple(found)


def number_format(desimal: int, thousands: bool = False) -> str:
    """Excel number format for ``desimal`` decimals."""
    base = "#,##0" if thousands else "0"
    return base + ("." + "0" * desimal if desimal else "")


def target_text(target: Target, desimal: int) -> str | float:
    """A target as shown: the number, or '80 – 90' for a range (as text)."""
    if isinstance(target, Rentang):
        return f"{target.min:.{desimal}f} – {target.max:.{desimal}f}"
    return float(target)
