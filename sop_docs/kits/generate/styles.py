"""The kit's cell styles, built once per process and registered once per workbook.

openpyxl spends much of its time hashing style objects when styles are set cell by cell
(DESIGN.md §2.4).  Here every style is described once as a :class:`Look` (immutable openpyxl
objects), registered in a workbook once, and each cell gets a copy of the resulting
``StyleArray``: no per-cell style hashing while cells are written.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.workbook import Workbook

# Colour legend (also explained on the 'Petunjuk' sheet).
COLOUR_INPUT = "FFF2CC"  # yellow: fill in
COLOUR_PREFILLED = "DDEBF7"  # blue: known from an earlier cycle, locked
COLOUR_FORMULA = "E2EFDA"  # green: computed
COLOUR_UNUSED = "D9D9D9"  # grey: nothing to enter this cycle
COLOUR_REQUIRED = "FFC7CE"  # red (conditional): required and still empty
COLOUR_HEADER = "1F4E78"
COLOUR_NOTICE = "C00000"

_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NONE = Border()
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)


def fill(colour: str) -> PatternFill:
    """A solid fill of ``colour`` (RRGGBB)."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


_NO_FILL = PatternFill()
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_PLAIN = Alignment(vertical="top")
_NUMBER = Alignment(vertical="top", horizontal="right")


@dataclass(frozen=True, slots=True)
class Look:
    """Everything about how one kind of cell looks and whether it is locked."""

    font: Font
    fill: PatternFill
    border: Border
    alignment: Alignment
    protection: Protection


_F = Font(name="Arial", size=10)
_FB = Font(name="Arial", size=10, bold=True)

LOOKS: dict[str, Look] = {
    "title": Look(Font(name="Arial", size=14, bold=True), _NO_FILL, _NONE, _PLAIN, _LOCKED),
    "subtitle": Look(Font(name="Arial", size=11, bold=True), _NO_FILL, _NONE, _PLAIN, _LOCKED),
    "notice": Look(Font(name="Arial", size=11, bold=True, color=COLOUR_NOTICE), _NO_FILL, _NONE,
                   _PLAIN, _LOCKED),
    "header": Look(Font(name="Arial", size=10, bold=True, color="FFFFFF"), fill(COLOUR_HEADER),
                   _GRID, _HEADER_ALIGN, _LOCKED),
    "colnum": Look(Font(name="Arial", size=8, italic=True), fill("BDD7EE"), _GRID,
                   _HEADER_ALIGN, _LOCKED),
    "label": Look(_F, _NO_FILL, _GRID, _WRAP, _LOCKED),
    "label_center": Look(_F, _NO_FILL, _GRID, _WRAP_CENTER, _LOCKED),
    "label_bold": Look(_FB, _NO_FILL, _GRID, _WRAP, _LOCKED),
    "label_plain": Look(_F, _NO_FILL, _NONE, _WRAP, _LOCKED),
    "number_locked": Look(_F, _NO_FILL, _GRID, _NUMBER, _LOCKED),
    "prefilled": Look(_F, fill(COLOUR_PREFILLED), _GRID, _NUMBER, _LOCKED),
    "unused": Look(_F, fill(COLOUR_UNUSED), _GRID, _PLAIN, _LOCKED),
    "input_number": Look(_F, fill(COLOUR_INPUT), _GRID, _NUMBER, _UNLOCKED),
    "input_text": Look(_F, fill(COLOUR_INPUT), _GRID, _WRAP, _UNLOCKED),
    "input_date": Look(_F, fill(COLOUR_INPUT), _GRID, _PLAIN, _UNLOCKED),
    "formula": Look(_F, fill(COLOUR_FORMULA), _GRID, _NUMBER, _LOCKED),
    "formula_text": Look(_FB, fill(COLOUR_FORMULA), _GRID, _WRAP_CENTER, _LOCKED),
    "formula_plain": Look(_F, _NO_FILL, _NONE, _PLAIN, _LOCKED),
    "formula_name": Look(Font(name="Arial", size=10, bold=True, underline="single"), _NO_FILL,
                         _NONE, _PLAIN, _LOCKED),
    "program_label": Look(_FB, fill("F2F2F2"), _GRID, _WRAP, _LOCKED),
    "program_number": Look(_FB, fill("F2F2F2"), _GRID, _NUMBER, _LOCKED),
    "total_label": Look(_FB, fill("D9E1F2"), _GRID, _WRAP, _LOCKED),
    "total_number": Look(_FB, fill("D9E1F2"), _GRID, _NUMBER, _LOCKED),
    "key": Look(_FB, _NO_FILL, _NONE, _PLAIN, _LOCKED),
    "text": Look(_F, _NO_FILL, _NONE, _WRAP, _LOCKED),
    "line": Look(_F, _NO_FILL, _NONE, _PLAIN, _LOCKED),  # one line, may overflow to the right
    "legend_input": Look(_F, fill(COLOUR_INPUT), _GRID, _PLAIN, _LOCKED),
    "legend_prefilled": Look(_F, fill(COLOUR_PREFILLED), _GRID, _PLAIN, _LOCKED),
    "legend_formula": Look(_F, fill(COLOUR_FORMULA), _GRID, _PLAIN, _LOCKED),
    "legend_unused": Look(_F, fill(COLOUR_UNUSED), _GRID, _PLAIN, _LOCKED),
    "legend_required": Look(_F, fill(COLOUR_REQUIRED), _GRID, _PLAIN, _LOCKED),
}


class StyleBook:
    """The style arrays of one workbook, keyed by (look name, number format, quote prefix)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._arrays: dict[tuple[str, str, bool], StyleArray] = {}

    def array(self, look: str, fmt: str = "General", quote: bool = False) -> StyleArray:
        """The style array for a cell (shared: callers copy it onto cells)."""
        key = (look, fmt, quote)
        found = self._arrays.get(key)
        if found is None:
            found = self._register(LOOKS[look], fmt, quote)
            self._arrays[key] = found
        return found

    def _register(self, look: Look, fmt: str, quote: bool) -> StyleArray:
        wb = self.workbook
        array = StyleArray()
        array.fontId = wb._fonts.add(look.font)
        array.fillId = wb._fills.add(look.fill)
        array.borderId = wb._borders.add(look.border)
        array.alignmentId = wb._alignments.add(look.alignment)
        array.protectionId = wb._protections.add(look.protection)
        if fmt in BUILTIN_FORMATS_REVERSE:
            array.numFmtId = BUILTIN_FORMATS_REVERSE[fmt]
        else:
            array.numFmtId = wb._number_formats.add(fmt) + BUILTIN_FORMATS_MAX_SIZE
        array.quotePrefix = int(quote)
        return array
