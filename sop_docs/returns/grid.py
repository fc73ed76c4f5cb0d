"""Cell values of one sheet, addressed the way people and diagnostics name them ("E7")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

CellValue = int | float | str | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


def split_ref(ref: str) -> tuple[int, int]:
    """``"E7"`` -> zero-based (row, column) = (6, 4)."""
    letters, row = coordinate_from_string(ref)
    return row - 1, column_index_from_string(letters) - 1


@dataclass(frozen=True, slots=True)
class Grid:
    """A sheet's values as python-calamine returns them, from A1 (empty cells are "")."""

    name: str
    rows: Sequence[Sequence[CellValue]]

    def get(self, row: int, column: int) -> CellValue:
        """The value at zero-based (row, column), None when empty or outside."""
        if row >= len(self.rows):
            return None
        cells = self.rows[row]
        if column >= len(cells):
            return None
        value = cells[column]
        return None if value == "" else value
