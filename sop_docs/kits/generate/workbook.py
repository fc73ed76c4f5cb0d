"""Build one kit workbook (openpyxl) from a kit layout, and save it byte-for-byte repeatably.

The layout (:mod:`sop_docs.kits.cells`) says what goes where; this module only turns it into
a workbook: cell values and styles, validation with prompts, conditional formatting of
required inputs, protection, print setup, the hidden list and identity sheets, document
properties and defined names.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sop_docs.kits import cells as C
from sop_docs.kits.cells import CellRef, Kind, KitLayout, Placed
from sop_docs.kits.generate import petunjuk
from sop_docs.kits.generate.styles import COLOUR_REQUIRED, StyleBook, fill
from sop_docs.kits.generate.text import cell_text, looks_like_formula
from sop_docs.kits.identity import (
    GENERATOR,
    IDENTITY_KEYS,
    KitIdentity,
    name_values,
    property_values,
)
from sop_docs.kits.model import KitDefinition, Unit
from sop_docs.model.profile import Profil

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member timestamps: same inputs, same bytes

_REQUIRED_FILL = fill(COLOUR_REQUIRED)
_COLUMN_WIDTHS = {
    C.SHEET_DATA: (5, 26, 38, 9, 11, 11, 10, 10, 10, 10, 12, 10, 14, 30, 30, 24),
    C.SHEET_ANGGARAN: (6, 48, 16, 15, 15, 15, 15, 17, 10, 26),
    C.SHEET_PENGESAHAN: (22, 48),
}
_FREEZE = {C.SHEET_DATA: "D8", C.SHEET_ANGGARAN: "C8"}


class _Writer:
    """Writes placed cells into the sheets of one workbook with shared style arrays."""

    def __init__(self, workbook: Workbook) -> None:
        self.styles = StyleBook(workbook)

    def text(self, ws: Worksheet, row: int, col: int, value: str, look: str,
             fmt: str = "General") -> None:
        """Text from a definition: stored as a string even when it starts with '='."""
        safe = cell_text(value)
        cell = Cell(ws, row=row, column=col,
                    style_array=self.styles.array(look, fmt, looks_like_formula(safe)))
        cell._value = safe
        cell.data_type = "s"
        ws._cells[(row, col)] = cell

    def number(self, ws: Worksheet, row: int, col: int, value: float, look: str,
               fmt: str = "General") -> None:
        cell = Cell(ws, row=row, column=col, style_array=self.styles.array(look, fmt))
        cell._value = value
        cell.data_type = "n"
        ws._cells[(row, col)] = cell

    def formula(self, ws: Worksheet, row: int, col: int, value: str, look: str,
                fmt: str = "General") -> None:
        cell = Cell(ws, row=row, column=col, style_array=self.styles.array(look, fmt))
        cell._value = value
        cell.data_type = "f"
        ws._cells[(row, col)] = cell

    def empty(self, ws: Worksheet, row: int, col: int, look: str, fmt: str = "General") -> None:
        ws._cells[(row, col)] = Cell(ws, row=row, column=col,
                                     style_array=self.styles.array(look, fmt))

    def placed(self, ws: Worksheet, item: Placed) -> None:
        """One cell of the layout."""
        ref, value = item.ref, item.value
        if value is None:
            self.empty(ws, ref.row, ref.col, item.style, item.fmt)
        elif item.kind is Kind.FORMULA:
            assert isinstance(value, str)
            self.formula(ws, ref.row, ref.col, value, item.style, item.fmt)
        elif isinstance(value, str):
            self.text(ws, ref.row, ref.col, value, item.style, item.fmt)
        else:
            self.number(ws, ref.row, ref.col, value, item.style, item.fmt)


def build_workbook(definition: KitDefinition, profil: Profil, unit: Unit, layout: KitLayout,
                   identity: KitIdentity) -> Workbook:
    """The kit workbook of ``unit`` for ``layout.cycle``."""
    wb = Workbook()
    writer = _Writer(wb)
    sheets = {C.SHEET_PETUNJUK: wb.active}
    sheets[C.SHEET_PETUNJUK].title = C.SHEET_PETUNJUK
    for name in C.SHEETS[1:]:
        sheets[name] = wb.create_sheet(name)
    petunjuk.write(sheets[C.SHEET_PETUNJUK], writer, definition, profil, unit, layout.cycle)
    for item in layout.cells:
        writer.placed(sheets[item.ref.sheet], item)
    _lists(sheets[C.SHEET_DAFTAR], writer, wb, definition)
    _identity_sheet(sheets[C.SHEET_IDENTITAS], writer, identity)
    _validations(sheets, layout, unit)
    _required_marks(sheets, layout)
    for name in (C.SHEET_DATA, C.SHEET_ANGGARAN, C.SHEET_PENGESAHAN):
        _sheet_setup(sheets[name], name)
    for ws in sheets.values():
        _protect(ws)
    wb.security = WorkbookProtection(lockStructure=True)
    _properties(wb, definition, unit, layout, identity)
    return wb


def _lists(ws: Worksheet, writer: _Writer, wb: Workbook, definition: KitDefinition) -> None:
    """Choice lists on the hidden sheet, named so validation never inlines them."""
    for row, item in enumerate(definition.pilihan_bukti_dukung, start=1):
        writer.text(ws, row, 1, item, "text")
    count = len(definition.pilihan_bukti_dukung)
    wb.defined_names[C.NAME_BUKTI_DUKUNG] = DefinedName(
        C.NAME_BUKTI_DUKUNG, attr_text=f"'{C.SHEET_DAFTAR}'!$A$1:$A${count}"
    )
    ws.sheet_state = "hidden"


def _identity_sheet(ws: Worksheet, writer: _Writer, identity: KitIdentity) -> None:
    values = identity.values()
    for row, key in enumerate(IDENTITY_KEYS, start=1):
        writer.text(ws, row, 1, key, "text")
        if values[key]:
            writer.text(ws, row, 2, values[key], "text")
    writer.text(ws, len(IDENTITY_KEYS) + 1, 1, "pembuat", "text")
    writer.text(ws, len(IDENTITY_KEYS) + 1, 2, GENERATOR, "text")
    ws.sheet_state = "veryHidden"


def _sqref(refs: Iterable[CellRef]) -> str:
    return " ".join(r.coord for r in sorted(refs, key=lambda r: (r.col, r.row)))


def _dv(kind: str, refs: list[CellRef], title: str, prompt: str, error: str,
        style: str = "stop", **options: str) -> DataValidation | None:
    if not refs:
        return None
    dv = DataValidation(type=kind, allow_blank=True, showInputMessage=True,
                        showErrorMessage=True, errorStyle=style, promptTitle=title[:32],
                        prompt=prompt[:255], errorTitle=title[:32], error=error[:255],
                        sqref=_sqref(refs), **options)
    return dv


def _validations(sheets: dict[str, Worksheet], layout: KitLayout, unit: Unit) -> None:
    rows = layout.indikator
    realisasi = [r.realisasi[q - 1] for r in rows for q in r.isian]
    texts = [c for r in rows for c in (r.kendala, r.tindak_lanjut)]
    bukti = [r.bukti_dukung for r in rows]
    data = [
        _dv("decimal", realisasi, "Realisasi", "Isi angka realisasi triwulan ini (tanpa satuan, "
            "tanpa tanda %). Desimal boleh.", "Realisasi harus berupa angka 0 atau lebih.",
            operator="greaterThanOrEqual", formula1="0"),
        _dv("textLength", texts, "Kendala / tindak lanjut",
            "Tuliskan singkat; wajib diisi bila capaian di bawah 100%.",
            "Teks terlalu panjang (maksimal 1000 karakter).", operator="lessThanOrEqual",
            formula1="1000"),
        _dv("list", bukti, "Bukti dukung", "Pilih jenis bukti dukung dari daftar.",
            "Pilih dari daftar, atau tekan Ya untuk tetap memakai teks sendiri.", "warning",
            formula1=C.NAME_BUKTI_DUKUNG),
    ]
    pagu = {(p.id, k.id): k.pagu for p in unit.program for k in p.kegiatan}
    budget = []
    for keg in layout.kegiatan:
        budget.append(_dv(
            "decimal", [keg.realisasi[q - 1] for q in keg.isian], "Realisasi anggaran",
            "Isi realisasi anggaran triwulan ini dalam rupiah (angka saja).",
            "Realisasi anggaran harus angka antara 0 dan pagu kegiatan.", "warning",
            operator="between", formula1="0",
            formula2=_num_text(pagu[(keg.program_id, keg.kegiatan_id)]),
        ))
    p = layout.pengesahan
    year = layout.cycle.tahun
    sign = [
        _dv("textLength", [p.nama, p.jabatan, p.pangkat, p.tempat], "Pengesahan",
            "Isi sesuai data penanggung jawab unit.", "Teks terlalu panjang (maksimal 200).",
            operator="lessThanOrEqual", formula1="200"),
        _dv("textLength", [p.nip], "NIP", "18 digit, boleh dengan spasi: 19750312 200003 1 004",
            "NIP terdiri dari 18 digit (8-6-1-3).", "warning", operator="between",
            formula1="18", formula2="21"),
        _dv("date", [p.tanggal], "Tanggal pengisian", "Isi tanggal, mis. 05/04/" + str(year),
            f"Isi tanggal yang sah antara tahun {year} dan {year + 1}.", operator="between",
            formula1=f"DATE({year},1,1)", formula2=f"DATE({year + 1},12,31)"),
    ]
    for name, items in ((C.SHEET_DATA, data), (C.SHEET_ANGGARAN, budget),
                        (C.SHEET_PENGESAHAN, sign)):
        for dv in items:
            if dv is not None:
                sheets[name].add_data_validation(dv)


def _num_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _required_marks(sheets: dict[str, Worksheet], layout: KitLayout) -> None:
    """Red fill on required inputs that are still empty (one rule per column)."""
    by_column: dict[tuple[str, int], list[CellRef]] = defaultdict(list)
    for ref in layout.required:
        by_column[(ref.sheet, ref.col)].append(ref)
    for (sheet, _), refs in sorted(by_column.items()):
        refs.sort()
        first = refs[0].coord
        sheets[sheet].conditional_formatting.add(
            _sqref(refs), FormulaRule(formula=[f"LEN(TRIM({first}))=0"], fill=_REQUIRED_FILL)
        )
    rated = [r for r in layout.indikator if r.dinilai]
    if rated:
        for col in (C.D_KENDALA, C.D_TINDAK_LANJUT):
            refs = [CellRef(C.SHEET_DATA, r.row, col) for r in rated]
            first, cap = refs[0].coord, f"$L{refs[0].row}"
            rule = FormulaRule(
                formula=[f"AND(ISNUMBER({cap}),{cap}<{C.KENDALA_WAJIB_DI_BAWAH:g},"
                         f"LEN(TRIM({first}))=0)"],
                fill=_REQUIRED_FILL,
            )
            sheets[C.SHEET_DATA].conditional_formatting.add(_sqref(refs), rule)


def _sheet_setup(ws: Worksheet, name: str) -> None:
    """Column widths, merged headers, frozen header, print setup."""
    for col, width in enumerate(_COLUMN_WIDTHS[name], start=1):
        ws.column_dimensions[C.CellRef(name, 1, col).coord.rstrip("1")].width = width
    merges = {C.SHEET_DATA: C.DATA_MERGES, C.SHEET_ANGGARAN: C.ANGGARAN_MERGES}.get(name, ())
    for span in merges:
        ws.merge_cells(span)
    if name in _FREEZE:
        ws.freeze_panes = _FREEZE[name]
        ws.print_title_rows = "5:7"
        ws.row_dimensions[5].height = 30
        ws.row_dimensions[6].height = 30
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _protect(ws: Worksheet) -> None:
    """Protect without a password; unlocked (input) cells stay editable, columns resizable."""
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _properties(wb: Workbook, definition: KitDefinition, unit: Unit, layout: KitLayout,
                identity: KitIdentity) -> None:
    """Core properties with fixed timestamps, identity as custom properties and names."""
    stamp = dt.datetime(definition.tahun, 1, 1)
    props = wb.properties
    props.creator = GENERATOR
    props.lastModifiedBy = GENERATOR
    props.created = stamp
    props.modified = stamp
    props.title = cell_text(f"{definition.judul} · {unit.nama} · {layout.cycle.label}")
    props.subject = f"{definition.id}/{unit.id}/{layout.cycle.id}"
    for name, value in property_values(identity).items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    for name, text in name_values(identity).items():
        wb.defined_names[name] = DefinedName(name, attr_text=text)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members all carry the same timestamp and permissions."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str,
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) \
            else zinfo_or_arcname
        info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        super().writestr(info, data, compresslevel=compresslevel)


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx bytes of ``wb``: same workbook, same bytes (no 'now' anywhere)."""
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()
