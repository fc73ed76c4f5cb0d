"""The return workbook: a unit's own returned kit with each problem cell marked and explained.

Built with openpyxl from a copy of the returned bytes (the original is never opened for
writing).  Only OOXML returns can be marked this way; for .ods/.xls returns the unit gets the
return note alone.
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

from sop_docs.merge.results import Problem
from sop_docs.report.workbook import save_bytes

_ERROR_FILL = PatternFill("solid", fgColor="FFFF00")
_WARNING_FILL = PatternFill("solid", fgColor="FFE699")
_AUTHOR = "sop-docs (verifikasi)"


def _split(cell: str) -> tuple[str, str] | None:
    sheet, _, coord = cell.rpartition("!")
    return (sheet.strip("'"), coord) if sheet and coord else None


def return_workbook(source: Path, problems: Sequence[Problem]) -> bytes | None:
    """The returned kit at ``source`` with problem cells filled and commented, or None when
    it cannot be opened as OOXML (the note then stands alone)."""
    try:
        workbook = load_workbook(io.BytesIO(source.read_bytes()), keep_vba=False)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        return None
    notes: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        where = _split(p.cell) if p.cell else None
        if where is not None and where[0] in workbook.sheetnames:
            notes.setdefault(where, []).append(p)
    for (sheet, coord), items in sorted(notes.items()):
        cell = workbook[sheet][coord]
        error = any(p.severity == "error" for p in items)
        cell.fill = _ERROR_FILL if error else _WARNING_FILL
        text = "\n".join(f"{p.message}\nPerbaikan: {p.hint}" for p in items)
        comment = Comment(text, _AUTHOR)
        comment.width, comment.height = 320, 60 + 40 * len(items)
        cell.comment = comment
    return save_bytes(workbook)
