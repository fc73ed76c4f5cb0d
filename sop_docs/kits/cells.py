"""The cell map of a generated kit: which ``sheet!cell`` holds what, for one unit and cycle.

:func:`kit_layout` is the single source of truth for where things are.  The generator writes
exactly the cells it lists, and the merge reads returned files at exactly these cells:

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

from sop_docs.kits import capaian as rules
from sop_docs.kits.model import (
    QUARTERS,
    ROMAN,
    Akumulasi,
    Cycle,
    Indikator,
    Kategori,
    KitDefinition,
    Program,
    Rentang,
    Target,
    Unit,
)
from sop_docs.kits.text import cell_text
from sop_docs.model.values import BULAN

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


class _Sheet:
    """Collects the placed cells of one sheet."""

    def __init__(self, name: str, out: list[Placed]) -> None:
        self.name = name
        self.out = out

    def ref(self, row: int, col: int) -> CellRef:
        return CellRef(self.name, row, col)

    def put(self, row: int, col: int, kind: Kind, value: str | float | None, style: str,
            fmt: str = "General") -> CellRef:
        ref = CellRef(self.name, row, col)
        if isinstance(value, str):
            value = cell_text(value)  # the layout holds exactly what the cell will hold
        self.out.append(Placed(ref, kind, value, style, fmt))
        return ref


def kit_layout(definition: KitDefinition, unit: Unit, cycle: Cycle) -> KitLayout:
    """The complete cell map and template content of ``unit``'s kit for ``cycle``."""
    out: list[Placed] = []
    indikator = _data_sheet(_Sheet(SHEET_DATA, out), definition, unit, cycle)
    programs, kegiatan, total = _anggaran_sheet(_Sheet(SHEET_ANGGARAN, out), definition, unit,
                                                cycle)
    pengesahan = _pengesahan_sheet(_Sheet(SHEET_PENGESAHAN, out), unit)
    data_last = D_FIRST_ROW + len(indikator) - 1
    anggaran_last = max([A_FIRST_ROW - 1] + [k.row for k in kegiatan] +
                        [total.row if total else 0])
    return KitLayout(definition.id, unit.id, cycle, tuple(indikator), tuple(programs),
                     tuple(kegiatan), total, pengesahan, data_last, anggaran_last, tuple(out))


def _titles(sheet: _Sheet, title: str, definition: KitDefinition, unit: Unit,
            cycle: Cycle) -> None:
    sheet.put(1, 1, Kind.OWNED, title, "title")
    sheet.put(2, 1, Kind.OWNED, f"{unit.nama} · {definition.judul} · {cycle.label} "
              f"(s.d. Triwulan {ROMAN[cycle.sampai]})", "subtitle")
    if definition.contoh:
        sheet.put(3, 1, Kind.OWNED,
                  "DATA CONTOH: angka target dan realisasi dalam kit ini hanya contoh.", "notice")


_DATA_HEADERS: tuple[tuple[int, str], ...] = (
    (D_NO, "No"),
    (D_SASARAN, "Sasaran"),
    (D_INDIKATOR, "Indikator Kinerja"),
    (D_SATUAN, "Satuan"),
    (D_TARGET_TAHUNAN, "Target Tahunan"),
    (D_REALISASI_SD, "Realisasi s.d. Periode"),
    (D_CAPAIAN, "Capaian (%)"),
    (D_KATEGORI, "Kategori"),
    (D_KENDALA, "Kendala / Hambatan"),
    (D_TINDAK_LANJUT, "Tindak Lanjut"),
    (D_BUKTI, "Bukti Dukung"),
)

#: Header cells that span both header rows; the realisasi group spans G5:J5.
def _span(first: int, last: int, top: int, bottom: int) -> str:
    return f"{get_column_letter(first)}{top}:{get_column_letter(last)}{bottom}"


DATA_MERGES = (
    *(_span(c, c, 5, 6) for c in (*dict(_DATA_HEADERS), D_TARGET_SD)),
    _span(D_REALISASI[0], D_REALISASI[-1], 5, 5),
)


def _header_rows(sheet: _Sheet, headers: tuple[tuple[int, str], ...], group_col: int,
                 group: str, quarter_cols: tuple[int, ...], quarter_label: str,
                 last_col: int) -> None:
    for col, text in headers:
        sheet.put(5, col, Kind.OWNED, text, "header")
        sheet.put(6, col, Kind.UNUSED, None, "header")
    sheet.put(5, group_col, Kind.OWNED, group, "header")
    for q, col in zip(QUARTERS, quarter_cols, strict=True):
        if col != group_col:
            sheet.put(5, col, Kind.UNUSED, None, "header")
        sheet.put(6, col, Kind.OWNED, f"{quarter_label} {ROMAN[q]}", "header")
    for col in range(1, last_col + 1):
        sheet.put(7, col, Kind.OWNED, f"({col})", "colnum")


def _data_sheet(sheet: _Sheet, definition: KitDefinition, unit: Unit,
                cycle: Cycle) -> list[IndikatorCells]:
    _titles(sheet, f"DATA KINERJA {unit.nama.upper()}", definition, unit, cycle)
    _header_rows(sheet, _DATA_HEADERS, D_REALISASI[0], "Realisasi per Triwulan", D_REALISASI,
                 "TW", D_LAST_COL)
    sheet.put(5, D_TARGET_SD, Kind.OWNED, f"Target s.d. TW {ROMAN[cycle.sampai]}", "header")
    sheet.put(6, D_TARGET_SD, Kind.UNUSED, None, "header")
    return [
        _indikator_row(sheet, D_FIRST_ROW + i, i + 1, ind, cycle, definition.skala_kategori)
        for i, ind in enumerate(unit.indikator)
    ]


def _quarter_roles(known: list[float | None], cycle: Cycle, first_used: int,
                   ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(input quarters, pre-filled quarters) among ``first_used``..``cycle.sampai``."""
    isian: list[int] = []
    terisi: list[int] = []
    for q in range(first_used, cycle.sampai + 1):
        (terisi if known[q - 1] is not None else isian).append(q)
    return tuple(isian), tuple(terisi)


def _indikator_row(sheet: _Sheet, row: int, number: int, ind: Indikator, cycle: Cycle,
                   skala: tuple[Kategori, ...]) -> IndikatorCells:
    fmt = number_format(ind.desimal)
    sheet.put(row, D_NO, Kind.OWNED, float(number), "label_center", "0")
    sheet.put(row, D_SASARAN, Kind.OWNED, ind.sasaran, "label")
    sheet.put(row, D_INDIKATOR, Kind.OWNED, ind.indikator, "label")
    sheet.put(row, D_SATUAN, Kind.OWNED, ind.satuan, "label_center")
    tahunan = target_text(ind.target_tahunan, ind.desimal)
    sheet.put(row, D_TARGET_TAHUNAN, Kind.OWNED, tahunan, "number_locked", fmt)
    target = rules.target_sd(ind, cycle.sampai)
    target_ref = sheet.ref(row, D_TARGET_SD)
    if target is None:
        sheet.put(row, D_TARGET_SD, Kind.UNUSED, None, "unused")
    else:
        sheet.put(row, D_TARGET_SD, Kind.OWNED, target_text(target, ind.desimal),
                  "number_locked", fmt)
    known = [ind.realisasi_diketahui(q) for q in QUARTERS]
    first_used = 4 if ind.akumulasi is Akumulasi.TAHUNAN else 1
    isian, terisi = _quarter_roles(known, cycle, first_used)
    quarter_refs = []
    for q, col in zip(QUARTERS, D_REALISASI, strict=True):
        if q in isian:
            ref = sheet.put(row, col, Kind.INPUT, None, "input_number", fmt)
        elif q in terisi:
            ref = sheet.put(row, col, Kind.OWNED, known[q - 1], "prefilled", fmt)
        else:
            ref = sheet.put(row, col, Kind.UNUSED, None, "unused")
        quarter_refs.append(ref)
    coords = [r.coord for r in quarter_refs]
    sd_ref, cap_ref, kat_ref = (sheet.ref(row, c) for c in (D_REALISASI_SD, D_CAPAIAN, D_KATEGORI))
    sd_formula = rules.akumulasi_formula(coords, ind.akumulasi, cycle.sampai)
    cap_formula = rules.capaian_formula(sd_ref.coord, target, ind.metode_efektif, ind.batas_atas)
    dinilai = sd_formula is not None and cap_formula is not None
    if dinilai:
        assert sd_formula is not None and cap_formula is not None
        sheet.put(row, D_REALISASI_SD, Kind.FORMULA, sd_formula, "formula", fmt)
        sheet.put(row, D_CAPAIAN, Kind.FORMULA, cap_formula, "formula", "0.00")
        sheet.put(row, D_KATEGORI, Kind.FORMULA,
                  rules.kategori_formula(cap_ref.coord, skala), "formula_text")
    else:
        for col in (D_REALISASI_SD, D_CAPAIAN, D_KATEGORI):
            sheet.put(row, col, Kind.UNUSED, None, "unused")
    text_refs = [
        sheet.put(row, col, Kind.INPUT, None, "input_text")
        for col in (D_KENDALA, D_TINDAK_LANJUT, D_BUKTI)
    ]
    return IndikatorCells(
        ind.id, row, target_ref, (quarter_refs[0], quarter_refs[1], quarter_refs[2],
                                  quarter_refs[3]),
        sd_ref, cap_ref, kat_ref, text_refs[0], text_refs[1], text_refs[2],
        isian, terisi, dinilai,
    )


_ANGGARAN_HEADERS: tuple[tuple[int, str], ...] = (
    (A_NO, "No"),
    (A_NAMA, "Program / Kegiatan"),
    (A_PAGU, "Pagu (Rp)"),
    (A_REALISASI_SD, "Realisasi s.d. Periode (Rp)"),
    (A_SERAPAN, "% Serapan"),
    (A_KETERANGAN, "Keterangan"),
)
ANGGARAN_MERGES = (
    *(_span(c, c, 5, 6) for c in dict(_ANGGARAN_HEADERS)),
    _span(A_REALISASI[0], A_REALISASI[-1], 5, 5),
)
RUPIAH = number_format(0, thousands=True)


def _anggaran_sheet(sheet: _Sheet, definition: KitDefinition, unit: Unit, cycle: Cycle,
                    ) -> tuple[list[ProgramCells], list[KegiatanCells], ProgramCells | None]:
    _titles(sheet, f"REALISASI ANGGARAN {unit.nama.upper()}", definition, unit, cycle)
    _header_rows(sheet, _ANGGARAN_HEADERS, A_REALISASI[0], "Realisasi Anggaran per Triwulan (Rp)",
                 A_REALISASI, "TW", A_LAST_COL)
    programs: list[ProgramCells] = []
    kegiatan: list[KegiatanCells] = []
    row = A_FIRST_ROW
    for number, program in enumerate(unit.program, start=1):
        rows = range(row + 1, row + 1 + len(program.kegiatan))
        programs.append(_program_row(sheet, row, str(number), program.id, program.nama,
                                     program.pagu, rows, "program"))
        for sub, (keg_row, keg) in enumerate(zip(rows, program.kegiatan, strict=True), start=1):
            kegiatan.append(_kegiatan_row(sheet, keg_row, f"{number}.{sub}", program, keg.id,
                                          cycle))
        row = rows.stop
    if not programs:
        sheet.put(row, A_NAMA, Kind.OWNED,
                  "Unit ini tidak memiliki program / kegiatan pada kit ini.", "label")
        return programs, kegiatan, None
    total = _program_row(sheet, row, "", "", "JUMLAH", sum(p.pagu for p in unit.program),
                         [p.row for p in programs], "total")
    return programs, kegiatan, total


def _program_row(sheet: _Sheet, row: int, number: str, program_id: str, nama: str,
                 pagu: float, parts: range | list[int], style: str) -> ProgramCells:
    """A summary row: its pagu, and formulas summing the rows in ``parts``."""
    if number:
        sheet.put(row, A_NO, Kind.OWNED, number, f"{style}_label")
    else:
        sheet.put(row, A_NO, Kind.UNUSED, None, f"{style}_label")
    sheet.put(row, A_NAMA, Kind.OWNED, nama, f"{style}_label")
    pagu_ref = sheet.put(row, A_PAGU, Kind.OWNED, pagu, f"{style}_number", RUPIAH)
    for col in A_REALISASI:
        sheet.put(row, col, Kind.UNUSED, None, f"{style}_number")
    letter = get_column_letter(A_REALISASI_SD)
    cells = ",".join(f"{letter}{r}" for r in parts)
    sd_ref = sheet.put(row, A_REALISASI_SD, Kind.FORMULA,
                       f'=IF(COUNT({cells})<{len(parts)},"",SUM({cells}))', f"{style}_number",
                       RUPIAH)
    serapan_ref = sheet.put(row, A_SERAPAN, Kind.FORMULA,
                            rules.serapan_formula(sd_ref.coord, pagu), f"{style}_number", "0.00")
    sheet.put(row, A_KETERANGAN, Kind.UNUSED, None, f"{style}_number")
    return ProgramCells(program_id, row, pagu_ref, sd_ref, serapan_ref)


def _kegiatan_row(sheet: _Sheet, row: int, number: str, program: Program, kegiatan_id: str,
                  cycle: Cycle) -> KegiatanCells:
    keg = next(k for k in program.kegiatan if k.id == kegiatan_id)
    sheet.put(row, A_NO, Kind.OWNED, number, "label_center")
    sheet.put(row, A_NAMA, Kind.OWNED, keg.nama, "label")
    pagu_ref = sheet.put(row, A_PAGU, Kind.OWNED, keg.pagu, "number_locked", RUPIAH)
    known = [keg.realisasi_diketahui(q) for q in QUARTERS]
    isian, terisi = _quarter_roles(known, cycle, 1)
    refs = []
    for q, col in zip(QUARTERS, A_REALISASI, strict=True):
        if q in isian:
            refs.append(sheet.put(row, col, Kind.INPUT, None, "input_number", RUPIAH))
        elif q in terisi:
            refs.append(sheet.put(row, col, Kind.OWNED, known[q - 1], "prefilled", RUPIAH))
        else:
            refs.append(sheet.put(row, col, Kind.UNUSED, None, "unused"))
    formula = rules.akumulasi_formula([r.coord for r in refs], Akumulasi.KUMULATIF, cycle.sampai)
    assert formula is not None  # kumulatif always has a period value
    sd_ref = sheet.put(row, A_REALISASI_SD, Kind.FORMULA, formula, "formula", RUPIAH)
    serapan_ref = sheet.put(row, A_SERAPAN, Kind.FORMULA,
                            rules.serapan_formula(sd_ref.coord, keg.pagu), "formula", "0.00")
    ket_ref = sheet.put(row, A_KETERANGAN, Kind.INPUT, None, "input_text")
    return KegiatanCells(program.id, keg.id, row, pagu_ref,
                         (refs[0], refs[1], refs[2], refs[3]), sd_ref, serapan_ref, ket_ref,
                         isian, terisi)


def _pengesahan_sheet(sheet: _Sheet, unit: Unit) -> PengesahanCells:
    sheet.put(1, 1, Kind.OWNED, "PENGESAHAN DATA KINERJA", "title")
    sheet.put(2, 1, Kind.OWNED, unit.nama, "subtitle")
    sheet.put(3, 1, Kind.OWNED,
              "Dengan ini kami menyatakan bahwa data kinerja dan realisasi anggaran dalam kit "
              "ini diisi dengan sebenar-benarnya.", "line")
    pj = unit.penanggung_jawab
    defaults: dict[str, str | None] = {
        "nama": pj.nama, "nip": pj.nip or None, "jabatan": pj.jabatan,
        "pangkat": pj.pangkat or None, "tempat": None, "tanggal": None,
    }
    refs: dict[str, CellRef] = {}
    for key, row in P_ROWS.items():
        sheet.put(row, P_LABEL_COL, Kind.OWNED, P_LABELS[key], "label_bold")
        style = "input_date" if key == "tanggal" else "input_text"
        fmt = "DD/MM/YYYY" if key == "tanggal" else "@"
        refs[key] = sheet.put(row, P_INPUT_COL, Kind.INPUT, defaults[key], style, fmt)
    _signature_block(sheet, refs)
    return PengesahanCells(**refs)


def _signature_block(sheet: _Sheet, refs: dict[str, CellRef]) -> None:
    """The printed signature block, built by formulas from the sign-off inputs."""
    c = {k: r.coord for k, r in refs.items()}
    # '10 April 2026' from DAY/MONTH/YEAR: TEXT() date codes differ between app languages
    months = ",".join(rules.text_literal(m) for m in BULAN)
    day = c["tanggal"]
    date = f'DAY({day})&" "&CHOOSE(MONTH({day}),{months})&" "&YEAR({day})'
    lines = (
        (13, f'=IF({c["tempat"]}="","(tempat)",{c["tempat"]})&", "&IF(ISNUMBER({day}),'
             f'{date},"(tanggal)")', "formula_plain"),
        (14, f'=UPPER(""&{c["jabatan"]})', "formula_plain"),
        (18, f'=""&{c["nama"]}', "formula_name"),
        (19, f'=""&{c["pangkat"]}', "formula_plain"),
        (20, f'="NIP. "&{c["nip"]}', "formula_plain"),
    )
    for row, formula, style in lines:
        sheet.put(row, P_INPUT_COL, Kind.FORMULA, formula, style)
