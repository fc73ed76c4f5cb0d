"""The rekap as a workbook: every indicator row, the budget, and the verification sheet.

All cells hold values (no formulas, nothing a spreadsheet would evaluate); numbers stay
numbers so the compiler can sort and filter.  openpyxl writes the workbook with each
sheet's styled header row; the data rows (some 130,000 cells for 1,000 units, where
openpyxl's per-cell objects were most of the time) are written into the sheets' XML
directly, text as inline strings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sop_docs.merge.results import CycleResult, Target, UnitResult
from sop_docs.report.workbook import Value, save_bytes

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")

INDIKATOR_HEADER = (
    "No", "Unit", "Sasaran", "Indikator", "Satuan", "Target tahunan", "Target s.d. periode",
    "Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV",
    "Realisasi s.d. periode", "Capaian (%)", "Kategori", "Kendala", "Tindak lanjut",
    "Bukti dukung", "Penanggung jawab", "Status kit",
)
ANGGARAN_HEADER = (
    "No", "Unit", "Program", "Kegiatan", "Pagu", "Realisasi TW I", "Realisasi TW II",
    "Realisasi TW III", "Realisasi TW IV", "Realisasi s.d. periode", "Serapan (%)",
)
VERIFIKASI_HEADER = (
    "Unit", "Status", "Berkas", "Sel", "Kode", "Tingkat", "Masalah", "Cara memperbaiki",
)
BERKAS_HEADER = (
    "Berkas", "SHA-256", "Ukuran (byte)", "Format", "Aplikasi", "Kit", "Unit", "Siklus",
    "Versi skema", "Status", "Vonis",
)


def _target_value(value: Target | None) -> Value:
    if value is None:
        return None
    return value.min if not value.is_range else f"{value.min:g} - {value.max:g}"


def _cell(ref: str, value: Value) -> str:
    """One cell's XML: a text as an inline string (never a formula, whatever it starts
    with), a number as a number; nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) or not math.isfinite(value):
        text = escape(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def rows_xml(rows: Sequence[Sequence[Value]], first: int) -> str:
    """``rows`` as worksheet ``<row>`` elements, the first numbered ``first``."""
    letters = [get_column_letter(c) for c in range(1, max(map(len, rows), default=0) + 1)]
    return "".join(
        f'<row r="{number}">'
        + "".join(_cell(f"{letter}{number}", value)
                  for letter, value in zip(letters, row, strict=False))
        + "</row>"
        for number, row in enumerate(rows, start=first))


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


class _Rows:
    """The data rows of each sheet, put into the saved workbook's sheet XML."""

    def __init__(self) -> None:
        self.sheets: dict[str, tuple[int, Sequence[Sequence[Value]]]] = {}

    def add(self, workbook: Workbook, columns: int, rows: Sequence[Sequence[Value]]) -> None:
        """The rows of the sheet created last (``columns`` wide)."""
        self.sheets[f"xl/worksheets/sheet{len(workbook.worksheets)}.xml"] = (columns, rows)

    def __call__(self, name: str, body: bytes) -> bytes:
        """``body`` of the entry ``name`` with its data rows (and dimension) filled in."""
        if name not in self.sheets:
            return body
        columns, rows = self.sheets[name]
        last = f"{get_column_letter(columns)}{len(rows) + 1}"
        body = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), body, count=1)
        return body.replace(b"</sheetData>",
                            rows_xml(rows, 2).encode("utf-8") + b"</sheetData>", 1)


def _sheet(workbook: Workbook, title: str, header: Sequence[str],
           rows: Sequence[Sequence[Value]], widths: dict[int, int], filled: _Rows) -> None:
    """A sheet with its styled header row; its data rows go into ``filled``."""
    sheet = workbook.create_sheet(title)
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 14)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    titles = []
    for text in header:
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        titles.append(cell)
    sheet.append(titles)
    filled.add(workbook, len(header), rows)


def indikator_rows(units: Sequence[UnitResult]) -> list[list[Value]]:
    """One row per indicator per unit, numbered."""
    rows: list[list[Value]] = []
    for unit in units:
        for row in unit.indikator:
            rows.append([
                len(rows) + 1, unit.nama, row.sasaran, row.indikator, row.satuan,
                _target_value(row.target_tahunan), _target_value(row.target_sd),
                *row.realisasi_triwulan, row.realisasi_sd, row.capaian, row.kategori,
                row.kendala, row.tindak_lanjut, row.bukti_dukung, unit.penanggung_jawab,
                unit.verdict.value,
            ])
    return rows


def anggaran_rows(units: Sequence[UnitResult]) -> list[list[Value]]:
    """One row per kegiatan per unit, numbered."""
    rows: list[list[Value]] = []
    for unit in units:
        for row in unit.kegiatan:
            rows.append([len(rows) + 1, unit.nama, row.program, row.kegiatan, row.pagu,
                         *row.realisasi_triwulan, row.realisasi_sd, row.serapan])
    return rows


def verifikasi_rows(units: Sequence[UnitResult]) -> list[list[Value]]:
    """One row per problem (a unit without problems gets one row with its verdict)."""
    rows: list[list[Value]] = []
    for unit in units:
        if not unit.problems:
            rows.append([unit.nama, unit.verdict.value, unit.file, None, None, None, None, None])
        for p in unit.problems:
            rows.append([unit.nama, unit.verdict.value, p.file, p.cell, p.code, p.severity,
                         p.message, p.hint])
    return rows


def rekap_workbook(result: CycleResult, kit: str) -> bytes:
    """The rekap .xlsx of one kit for the cycle."""
    units = [u for u in result.units if u.kit == kit]
    workbook, filled = Workbook(write_only=True), _Rows()
    _sheet(workbook, "Rekap Indikator", INDIKATOR_HEADER, indikator_rows(units),
           {3: 30, 4: 40, 15: 30, 16: 30, 17: 20, 18: 24}, filled)
    _sheet(workbook, "Anggaran", ANGGARAN_HEADER, anggaran_rows(units), {3: 30, 4: 36, 5: 16},
           filled)
    _sheet(workbook, "Verifikasi", VERIFIKASI_HEADER, verifikasi_rows(units),
           {1: 28, 3: 30, 7: 60, 8: 60}, filled)
    files = [f for f in result.files if f.kit in (kit, None)]
    _sheet(workbook, "Berkas", BERKAS_HEADER, [
        [f.name, f.sha256, f.size, f.format, f.application, f.kit, f.unit, f.cycle,
         f.schema_version, f.status.value, f.vonis] for f in files
    ], {1: 36, 2: 66, 5: 30}, filled)
    return save_bytes(workbook, filled)
