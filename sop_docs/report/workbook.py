"""openpyxl helpers shared by the rekap workbook and the return workbooks.

Two rules live here: every value is written as a value (a text starting with ``=`` stays
text, never a formula), and a workbook is saved deterministically (fixed document dates and
zip entry times), so the same merge gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from sop_docs.report.output import normalise_zip

FIXED_TIME = dt.datetime(2000, 1, 1)

Value = str | int | float | None


def put(cell: Cell, value: Value) -> Cell:
    """Write ``value`` into ``cell`` as a plain value: text is always stored as text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    return cell


def save_bytes(workbook: Workbook, edit: Callable[[str, bytes], bytes] | None = None
               ) -> bytes:
    """The workbook as .xlsx bytes, identical for identical content (``edit`` as in
    :func:`sop_docs.report.output.normalise_zip`)."""
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "sop-docs"
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save() stamps the current time as 'modified'.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalise_zip(buffer.getvalue(), edit)
