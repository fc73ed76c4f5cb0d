"""Where a kit's content goes: :func:`kit_layout` builds the cell map of one kit.

It lays out each sheet in turn (``Data Kinerja``, ``Anggaran``, ``Pengesahan``), placing the
template's titles, headers, labels and targets, the input cells and the live formulas, and
returns the :class:`~sop_docs.kits.cells.KitLayout` (see :mod:`sop_docs.kits.cells`) that
both the generator and the merge use.
"""

from __future__ import annotations

from functools import cache

from openpyxl.utils.cell import get_column_letter

from sop_docs.kits import capaian as rules
from sop_docs.kits.cells import (
    A_FIRST_ROW,
    A_KETERANGAN,
    A_LAST_COL,
    A_NAMA,
    A_NO,
    A_PAGU,
    A_REALISASI,
    A_REALISASI_SD,
    A_SERAPAN,
    D_BUKTI,
    D_CAPAIAN,
    D_FIRST_ROW,
    D_INDIKATOR,
    D_KATEGORI,
    D_KENDALA,
    D_LAST_COL,
    D_NO,
    D_REALISASI,
    D_REALISASI_SD,
    D_SASARAN,
    D_SATUAN,
    D_TARGET_SD,
    D_TARGET_TAHUNAN,
    D_TINDAK_LANJUT,
    P_INPUT_COL,
    P_LABEL_COL,
    P_LABELS,
    P_ROWS,
    SHEET_ANGGARAN,
    SHEET_DATA,
    SHEET_PENGESAHAN,
    CellRef,
    IndikatorCells,
    KegiatanCells,
    Kind,
    KitLayout,
    PengesahanCells,
    Placed,
    ProgramCells,
    number_format,
    target_text,
)
from sop_docs.kits.model import (
    QUARTERS,
    ROMAN,
    Akumulasi,
    Cycle,
    Indikator,
    Kategori,
    KitDefinition,
    Program,
    Target,
    Unit,
)
from sop_docs.kits.text import cell_text
from sop_docs.model.values import BULAN

_new = tuple.__new__


class _Sheet:
    """Collects the placed cells of one sheet."""

    def __init__(self, name: str, out: list[Placed]) -> None:
        self.name = name
        self.out = out

    def ref(self, row: int, col: int) -> CellRef:
        return CellRef(self.name, row, col)

    def put(self, row: int, col: int, kind: Kind, value: str | float | None, style: str,
            fmt: str = "General") -> CellRef:
        # The named tuples built straight from their fields: a merge builds the layout of
        # every returned unit (a quarter of a million cells per thousand units), and the
        # generated constructors' extra call was a third of that time.
        ref = _new(CellRef, (self.name, row, col))
        if isinstance(value, str):
            value = cell_text(value)  # the layout holds exactly what the cell will hold
        self.out.append(_new(Placed, (ref, kind, value, style, fmt)))
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
    """The two header rows and the column numbers: the same in every unit's kit, so placed
    once per sheet and reused."""
    sheet.out.extend(_headers(sheet.name, headers, group_col, group, quarter_cols,
                              quarter_label, last_col))


@cache
def _headers(name: str, headers: tuple[tuple[int, str], ...], group_col: int, group: str,
             quarter_cols: tuple[int, ...], quarter_label: str, last_col: int
             ) -> tuple[Placed, ...]:
    placed: list[Placed] = []
    sheet = _Sheet(name, placed)
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
    return tuple(placed)


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
    """One indicator's row: labels and targets, the quarters, the live results, the notes."""
    fmt = number_format(ind.desimal)
    target = _indikator_labels(sheet, row, number, ind, cycle, fmt)
    known = [ind.realisasi_diketahui(q) for q in QUARTERS]
    first_used = 4 if ind.akumulasi is Akumulasi.TAHUNAN else 1
    isian, terisi = _quarter_roles(known, cycle, first_used)
    quarters = _quarter_cells(sheet, row, D_REALISASI, known, (isian, terisi), fmt)
    dinilai = _indikator_results(sheet, row, [r.coord for r in quarters], ind, cycle, target,
                                 skala)
    kendala, tindak_lanjut, bukti = (sheet.put(row, col, Kind.INPUT, None, "input_text")
                                     for col in (D_KENDALA, D_TINDAK_LANJUT, D_BUKTI))
    return IndikatorCells(
        indikator_id=ind.id, row=row, target_sd=sheet.ref(row, D_TARGET_SD),
        realisasi=quarters, realisasi_sd=sheet.ref(row, D_REALISASI_SD),
        capaian=sheet.ref(row, D_CAPAIAN), kategori=sheet.ref(row, D_KATEGORI),
        kendala=kendala, tindak_lanjut=tindak_lanjut, bukti_dukung=bukti,
        isian=isian, terisi=terisi, dinilai=dinilai,
    )


def _indikator_labels(sheet: _Sheet, row: int, number: int, ind: Indikator, cycle: Cycle,
                      fmt: str) -> Target | None:
    """The locked cells left of the quarters; returns the period's target (None: no value
    yet, the tahunan indicators before TW IV)."""
    sheet.put(row, D_NO, Kind.OWNED, float(number), "label_center", "0")
    sheet.put(row, D_SASARAN, Kind.OWNED, ind.sasaran, "label")
    sheet.put(row, D_INDIKATOR, Kind.OWNED, ind.indikator, "label")
    sheet.put(row, D_SATUAN, Kind.OWNED, ind.satuan, "label_center")
    tahunan = target_text(ind.target_tahunan, ind.desimal)
    sheet.put(row, D_TARGET_TAHUNAN, Kind.OWNED, tahunan, "number_locked", fmt)
    target = rules.target_sd(ind, cycle.sampai)
    if target is None:
        sheet.put(row, D_TARGET_SD, Kind.UNUSED, None, "unused")
    else:
        sheet.put(row, D_TARGET_SD, Kind.OWNED, target_text(target, ind.desimal),
                  "number_locked", fmt)
    return target


def _quarter_cells(sheet: _Sheet, row: int, cols: tuple[int, ...], known: list[float | None],
                   roles: tuple[tuple[int, ...], tuple[int, ...]], fmt: str,
                   ) -> tuple[CellRef, CellRef, CellRef, CellRef]:
    """The TW I..IV cells of a row: inputs, pre-filled and locked, or unused (``roles`` is
    (input quarters, pre-filled quarters))."""
    isian, terisi = roles
    refs = []
    for q, col in zip(QUARTERS, cols, strict=True):
        if q in isian:
            refs.append(sheet.put(row, col, Kind.INPUT, None, "input_number", fmt))
        elif q in terisi:
            refs.append(sheet.put(row, col, Kind.OWNED, known[q - 1], "prefilled", fmt))
        else:
            refs.append(sheet.put(row, col, Kind.UNUSED, None, "unused"))
    return refs[0], refs[1], refs[2], refs[3]


def _indikator_results(sheet: _Sheet, row: int, quarters: list[str], ind: Indikator,
                       cycle: Cycle, target: Target | None, skala: tuple[Kategori, ...]) -> bool:
    """Realisasi s.d., capaian and kategori as live formulas; False (cells unused) when the
    period has no value yet."""
    fmt = number_format(ind.desimal)
    sd_formula = rules.akumulasi_formula(quarters, ind.akumulasi, cycle.sampai)
    sd_coord = sheet.ref(row, D_REALISASI_SD).coord
    cap_formula = rules.capaian_formula(sd_coord, target, ind.metode_efektif, ind.batas_atas)
    if sd_formula is None or cap_formula is None:
        for col in (D_REALISASI_SD, D_CAPAIAN, D_KATEGORI):
            sheet.put(row, col, Kind.UNUSED, None, "unused")
        return False
    sheet.put(row, D_REALISASI_SD, Kind.FORMULA, sd_formula, "formula", fmt)
    cap_ref = sheet.put(row, D_CAPAIAN, Kind.FORMULA, cap_formula, "formula", "0.00")
    sheet.put(row, D_KATEGORI, Kind.FORMULA, rules.kategori_formula(cap_ref.coord, skala),
              "formula_text")
    return True


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
    refs = _quarter_cells(sheet, row, A_REALISASI, known, (isian, terisi), RUPIAH)
    formula = rules.sum_formula([r.coord for r in refs], cycle.sampai)
    sd_ref = sheet.put(row, A_REALISASI_SD, Kind.FORMULA, formula, "formula", RUPIAH)
    serapan_ref = sheet.put(row, A_SERAPAN, Kind.FORMULA,
                            rules.serapan_formula(sd_ref.coord, keg.pagu), "formula", "0.00")
    ket_ref = sheet.put(row, A_KETERANGAN, Kind.INPUT, None, "input_text")
    return KegiatanCells(program.id, keg.id, row, pagu_ref, refs, sd_ref, serapan_ref, ket_ref,
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
