"""Build the sheets of one kit from its layout: cells, validation, required marks, setup.

The layout (:mod:`sop_docs.kits.cells`) says what goes where; this module decides how each
sheet behaves (validation with prompts, conditional formatting of required inputs, frozen
header, print setup, hidden list and identity sheets) and :mod:`package` writes the file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sop_docs.kits import cells as C
from sop_docs.kits.cells import CellRef, Kind, KitLayout, Placed
from sop_docs.kits.generate import petunjuk
from sop_docs.kits.generate.sheet import SheetXml, Validation, number_text
from sop_docs.kits.identity import GENERATOR, IDENTITY_KEYS, KitIdentity, name_values
from sop_docs.kits.model import KitDefinition, Unit
from sop_docs.kits.placement import ANGGARAN_MERGES, DATA_MERGES
from sop_docs.model.profile import Profil

_COLUMN_WIDTHS = {
    C.SHEET_DATA: [5, 26, 38, 9, 11, 11, 10, 10, 10, 10, 12, 10, 14, 30, 30, 24],
    C.SHEET_ANGGARAN: [6, 48, 16, 15, 15, 15, 15, 17, 10, 26],
    C.SHEET_PENGESAHAN: [22, 48],
    C.SHEET_PETUNJUK: [24, 90],
    C.SHEET_DAFTAR: [60],
    C.SHEET_IDENTITAS: [14, 70],
}
_FREEZE = {C.SHEET_DATA: "D8", C.SHEET_ANGGARAN: "C8"}
#: Rows repeated at the top of every printed page.
PRINT_TITLES = {C.SHEET_DATA: "$5:$7", C.SHEET_ANGGARAN: "$5:$7"}
#: Sheet visibility; LibreOffice shows veryHidden as hidden, which is fine (guidance only).
STATES = {C.SHEET_DAFTAR: "hidden", C.SHEET_IDENTITAS: "veryHidden"}


@dataclass
class KitWorkbook:
    """A kit ready to be written: its sheets (in order), defined names and properties."""

    sheets: dict[str, SheetXml]
    names: dict[str, str]  # defined name -> formula text
    title: str
    subject: str
    created: dt.datetime
    identity: KitIdentity

    def put(self, item: Placed) -> None:
        """Write one cell of the layout."""
        sheet = self.sheets[item.ref.sheet]
        ref, value = item.ref, item.value
        if value is None:
            sheet.empty(ref.row, ref.col, item.style, item.fmt)
        elif not isinstance(value, str):
            sheet.number(ref.row, ref.col, value, item.style, item.fmt)
        elif item.kind is Kind.FORMULA:
            sheet.formula(ref.row, ref.col, value, item.style, item.fmt)
        else:
            sheet.text(ref.row, ref.col, value, item.style, item.fmt)


def build_workbook(definition: KitDefinition, profil: Profil, unit: Unit, layout: KitLayout,
                   identity: KitIdentity) -> KitWorkbook:
    """The kit of ``unit`` for ``layout.cycle``."""
    sheets = {name: SheetXml(name, widths=list(_COLUMN_WIDTHS[name])) for name in C.SHEETS}
    kit = KitWorkbook(
        sheets=sheets,
        names={},
        title=f"{definition.judul} · {unit.nama} · {layout.cycle.label}",
        subject=f"{definition.id}/{unit.id}/{layout.cycle.id}",
        created=dt.datetime(definition.tahun, 1, 1),
        identity=identity,
    )
    sheets[C.SHEET_PETUNJUK].selected = True
    sheets[C.SHEET_PETUNJUK].landscape = False
    petunjuk.write(sheets[C.SHEET_PETUNJUK], definition, profil, unit, layout.cycle)
    for item in layout.cells:
        kit.put(item)
    _lists(sheets[C.SHEET_DAFTAR], kit, definition)
    _identity_sheet(sheets[C.SHEET_IDENTITAS], identity)
    kit.names.update(name_values(identity))
    _validations(sheets, layout, unit)
    _required_marks(sheets, layout)
    sheets[C.SHEET_DATA].merges.extend(DATA_MERGES)
    sheets[C.SHEET_ANGGARAN].merges.extend(ANGGARAN_MERGES)
    for name, cell in _FREEZE.items():
        sheets[name].frozen = cell
        sheets[name].heights.update({5: 30, 6: 30})
    _row_heights(sheets, layout)
    return kit


_LINE_HEIGHT = 12.75  # points per line of 10 pt Arial


def _lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide (an estimate: apps do
    not grow rows of a generated file by themselves)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _row_heights(sheets: dict[str, SheetXml], layout: KitLayout) -> None:
    """Tall enough rows for wrapped labels on the data and budget sheets."""
    wrapped = {C.SHEET_DATA: (C.D_SASARAN, C.D_INDIKATOR), C.SHEET_ANGGARAN: (C.A_NAMA,)}
    lines: dict[tuple[str, int], int] = {}
    for item in layout.cells:
        ref = item.ref
        if ref.col in wrapped.get(ref.sheet, ()) and ref.row > 7 and isinstance(item.value, str):
            width = _COLUMN_WIDTHS[ref.sheet][ref.col - 1]
            key = (ref.sheet, ref.row)
            lines[key] = max(lines.get(key, 1), _lines(item.value, width))
    for (sheet, row), count in lines.items():
        if count > 1:
            sheets[sheet].heights[row] = round(count * _LINE_HEIGHT + 3, 2)


def _lists(sheet: SheetXml, kit: KitWorkbook, definition: KitDefinition) -> None:
    """Choice lists on the hidden sheet, named so validation never inlines them."""
    for row, item in enumerate(definition.pilihan_bukti_dukung, start=1):
        sheet.text(row, 1, item, "text")
    count = len(definition.pilihan_bukti_dukung)
    kit.names[C.NAME_BUKTI_DUKUNG] = f"'{C.SHEET_DAFTAR}'!$A$1:$A${count}"


def _identity_sheet(sheet: SheetXml, identity: KitIdentity) -> None:
    values = identity.values()
    for row, key in enumerate(IDENTITY_KEYS, start=1):
        sheet.text(row, 1, key, "text")
        if values[key]:
            sheet.text(row, 2, values[key], "text")
    sheet.text(len(IDENTITY_KEYS) + 1, 1, "pembuat", "text")
    sheet.text(len(IDENTITY_KEYS) + 1, 2, GENERATOR, "text")


def sqref(refs: Iterable[CellRef]) -> str:
    """Cells as a space-separated range list, runs of a column joined (G8:G57)."""
    runs: list[list[CellRef]] = []
    for ref in sorted(refs, key=lambda r: (r.col, r.row)):
        last = runs[-1][-1] if runs else None
        if last is not None and last.col == ref.col and last.row + 1 == ref.row:
            runs[-1].append(ref)
        else:
            runs.append([ref])
    return " ".join(
        run[0].coord if len(run) == 1 else f"{run[0].coord}:{run[-1].coord}" for run in runs
    )


def _add(sheet: SheetXml, refs: list[CellRef], kind: str, title: str, prompt: str, error: str,
         **options: str) -> None:
    if refs:
        sheet.validations.append(Validation(kind, sqref(refs), title, prompt, error, **options))


def _validations(sheets: dict[str, SheetXml], layout: KitLayout, unit: Unit) -> None:
    rows = layout.indikator
    data = sheets[C.SHEET_DATA]
    _add(data, [r.realisasi[q - 1] for r in rows for q in r.isian], "decimal", "Realisasi",
         "Isi angka realisasi triwulan ini (tanpa satuan, tanpa tanda %). Desimal boleh.",
         "Realisasi harus berupa angka 0 atau lebih.", operator="greaterThanOrEqual",
         formula1="0")
    _add(data, [c for r in rows for c in (r.kendala, r.tindak_lanjut)], "textLength",
         "Kendala / tindak lanjut", "Tuliskan singkat; wajib diisi bila capaian di bawah 100%.",
         "Teks terlalu panjang (maksimal 1000 karakter).", operator="lessThanOrEqual",
         formula1="1000")
    _add(data, [r.bukti_dukung for r in rows], "list", "Bukti dukung",
         "Pilih jenis bukti dukung dari daftar.",
         "Pilih dari daftar, atau tekan Ya untuk tetap memakai teks sendiri.",
         error_style="warning", formula1=C.NAME_BUKTI_DUKUNG)
    pagu = {(p.id, k.id): k.pagu for p in unit.program for k in p.kegiatan}
    for keg in layout.kegiatan:
        _add(sheets[C.SHEET_ANGGARAN], [keg.realisasi[q - 1] for q in keg.isian], "decimal",
             "Realisasi anggaran", "Isi realisasi anggaran triwulan ini dalam rupiah (angka saja).",
             "Realisasi anggaran harus angka antara 0 dan pagu kegiatan.", error_style="warning",
             operator="between", formula1="0",
             formula2=number_text(pagu[(keg.program_id, keg.kegiatan_id)]))
    p, year = layout.pengesahan, layout.cycle.tahun
    sign = sheets[C.SHEET_PENGESAHAN]
    _add(sign, [p.nama, p.jabatan, p.pangkat, p.tempat], "textLength", "Pengesahan",
         "Isi sesuai data penanggung jawab unit.", "Teks terlalu panjang (maksimal 200).",
         operator="lessThanOrEqual", formula1="200")
    _add(sign, [p.nip], "textLength", "NIP", "18 digit, boleh dengan spasi: 19750312 200003 1 004",
         "NIP terdiri dari 18 digit (8-6-1-3).", error_style="warning", operator="between",
         formula1="18", formula2="21")
    _add(sign, [p.tanggal], "date", "Tanggal pengisian", f"Isi tanggal, mis. 05/04/{year}",
         f"Isi tanggal yang sah antara tahun {year} dan {year + 1}.", operator="between",
         formula1=f"DATE({year},1,1)", formula2=f"DATE({year + 1},12,31)")


def _required_marks(sheets: dict[str, SheetXml], layout: KitLayout) -> None:
    """Red fill on required inputs that are still empty (one rule per column)."""
    by_column: dict[tuple[str, int], list[CellRef]] = defaultdict(list)
    for ref in layout.required:
        by_column[(ref.sheet, ref.col)].append(ref)
    for (sheet, _), refs in sorted(by_column.items()):
        refs.sort()
        sheets[sheet].condition(sqref(refs), f"LEN(TRIM({refs[0].coord}))=0")
    rated = [r for r in layout.indikator if r.dinilai]
    for col in (C.D_KENDALA, C.D_TINDAK_LANJUT) if rated else ():
        refs = [CellRef(C.SHEET_DATA, r.row, col) for r in rated]
        cap = f"$L{refs[0].row}"
        sheets[C.SHEET_DATA].condition(
            sqref(refs),
            f"AND(ISNUMBER({cap}),{cap}<{C.KENDALA_WAJIB_DI_BAWAH:g},"
            f"LEN(TRIM({refs[0].coord}))=0)",
        )
