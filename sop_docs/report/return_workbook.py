"""The return workbook: a unit's own returned kit with each problem cell marked and explained.

The marks (a fill, and a note saying what is wrong and how to fix it) are written straight
into a copy of the returned package (:mod:`sop_docs.report.xlsx_marks`): a few parts are
edited, the rest is kept byte for byte.  A package that path does not handle goes through
openpyxl instead (read, mark, rewrite).  The original is never opened for writing.  Only
OOXML returns can be marked this way; for .ods/.xls returns the unit gets the return note
alone.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from sop_docs.merge.results import Problem
from sop_docs.report.workbook import save_bytes
from sop_docs.report.xlsx_marks import Mark, mark_cells, xml_text
from sop_docs.report.xlsx_package import cell_position
from sop_docs.returns.zipcheck import check_sizes

ERROR_COLOUR = "FFFFFF00"
WARNING_COLOUR = "FFFFE699"
AUTHOR = "sop-docs (verifikasi)"
NOTE_WIDTH = 320  # px; the height grows with the number of problems


def _split(cell: str) -> tuple[str, str] | None:
    sheet, _, coord = cell.rpartition("!")
    return (sheet.strip("'"), coord.upper()) if sheet and coord else None


def _marks(problems: Sequence[Problem]) -> list[Mark]:
    """One mark per problem cell (in sheet, cell order): filled for its worst problem,
    noted with every problem's message and fix."""
    notes: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        where = _split(p.cell) if p.cell else None
        if where is not None and cell_position(where[1]) is not None:
            notes.setdefault(where, []).append(p)
    return [Mark(sheet, coord,
                 ERROR_COLOUR if any(p.severity == "error" for p in items) else WARNING_COLOUR,
                 xml_text("\n".join(f"{p.message}\nPerbaikan: {p.hint}" for p in items)),
                 (NOTE_WIDTH, 60 + 40 * len(items)))
            for (sheet, coord), items in sorted(notes.items())]


def _with_openpyxl(data: bytes, cells: Sequence[Mark]) -> bytes | None:
    """The general path: openpyxl reads the whole package, marks the cells and writes a new
    one (dropping what it does not know); None when it cannot read the package."""
    try:
        workbook = load_workbook(io.BytesIO(data), keep_vba=False)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        return None
    for mark in cells:
        sheet = workbook[mark.sheet] if mark.sheet in workbook.sheetnames else None
        if isinstance(sheet, Worksheet):
            cell = sheet[mark.coord]
            cell.fill = PatternFill("solid", fgColor=mark.colour)
            cell.comment = Comment(mark.note, AUTHOR, width=mark.size[0], height=mark.size[1])
    return save_bytes(workbook)


def return_workbook(source: Path, problems: Sequence[Problem]) -> bytes | None:
    """The returned kit at ``source`` with problem cells filled and commented, or None when
    it cannot be opened as OOXML (the note then stands alone)."""
    try:
        data = source.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return None
    if check_sizes(archive):  # a bomb is never inflated, by either path
        return None
    cells = _marks(problems)
    return mark_cells(archive, cells, AUTHOR) or _with_openpyxl(data, cells)
