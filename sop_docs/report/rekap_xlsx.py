"""The rekap as a workbook: every indicator row, the budget, and the verification sheet.

All cells hold values (no formulas, nothing a spreadsheet would evaluate); numbers stay
numbers so the compiler can sort and filter.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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


def _value(sheet: WriteOnlyWorksheet, value: Value) -> WriteOnlyCell | Value:
    """A text as a text cell (never a formula, whatever it starts with); numbers as is."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _sheet(workbook: Workbook, title: str, header: Sequence[str],
           rows: Sequence[Sequence[Value]], widths: dict[int, int]) -> None:
    """A sheet written row by row (openpyxl's write-only mode: no cell objects kept)."""
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
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])


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
    workbook = Workbook(write_only=True)
    _sheet(workbook, "Rekap Indikator", INDIKATOR_HEADER, indikator_rows(units),
           {3: 30, 4: 40, 15: 30, 16: 30, 17: 20, 18: 24})
    _sheet(workbook, "Anggaran", ANGGARAN_HEADER, anggaran_rows(units), {3: 30, 4: 36, 5: 16})
    _sheet(workbook, "Verifikasi", VERIFIKASI_HEADER, verifikasi_rows(units),
           {1: 28, 3: 30, 7: 60, 8: 60})
    files = [f for f in result.files if f.kit in (kit, None)]
    _sheet(workbook, "Berkas", BERKAS_HEADER, [
        [f.name, f.sha256, f.size, f.format, f.application, f.kit, f.unit, f.cycle,
         f.schema_version, f.status.value, f.vonis] for f in files
    ], {1: 36, 2: 66, 5: 30})
    return save_bytes(workbook)
