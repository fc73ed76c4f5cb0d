"""Cell values of one sheet as python-calamine reads them, addressed by 0-based row/column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

CellValue = int | float | str | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


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
