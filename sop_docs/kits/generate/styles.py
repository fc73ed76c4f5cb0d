"""The kit's cell styles: each kind of cell described once, one stylesheet for every kit.

openpyxl spends much of its time hashing style objects when styles are set cell by cell
(DESIGN.md §2.4).  Here every style is a :class:`Look`; all looks x number formats x quote
prefix are registered once per process in a fixed order and serialised once (openpyxl does
both), and a cell only carries the resulting index.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.workbook import Workbook
from openpyxl.xml.functions import tostring

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


#: Every number format a kit uses (cells.py picks from these).
FORMATS = ("General", "0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000", "#,##0",
           "@", "DD/MM/YYYY")
#: Looks that hold numbers take every format; the others only these.
NUMBER_LOOKS = frozenset({"number_locked", "prefilled", "input_number", "formula",
                          "program_number", "total_number"})
TEXT_FORMATS = ("General", "0", "@", "DD/MM/YYYY")
#: Index of the one differential style (conditional format): the 'required and empty' fill.
DXF_REQUIRED = 0


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """``xl/styles.xml`` of every kit, and the xf index of each (look, format, quote)."""

    xml: bytes
    indexes: dict[tuple[str, str, bool], int]


@cache
def stylesheet() -> Stylesheet:
    """Built once per process, always in the same order, so every kit carries the same
    stylesheet: openpyxl registers the styles and serialises the part."""
    wb = Workbook()
    indexes: dict[tuple[str, str, bool], int] = {}
    for name, look in LOOKS.items():
        parts = (wb._fonts.add(look.font), wb._fills.add(look.fill),
                 wb._borders.add(look.border), wb._alignments.add(look.alignment),
                 wb._protections.add(look.protection))
        for fmt in FORMATS if name in NUMBER_LOOKS else TEXT_FORMATS:
            for quote in (False, True):
                array = StyleArray()
                (array.fontId, array.fillId, array.borderId, array.alignmentId,
                 array.protectionId) = parts
                if fmt in BUILTIN_FORMATS_REVERSE:
                    array.numFmtId = BUILTIN_FORMATS_REVERSE[fmt]
                else:
                    array.numFmtId = wb._number_formats.add(fmt) + BUILTIN_FORMATS_MAX_SIZE
                array.quotePrefix = int(quote)
                indexes[(name, fmt, quote)] = wb._cell_styles.add(array)
    dxf = wb._differential_styles.add(DifferentialStyle(fill=fill(COLOUR_REQUIRED)))
    if dxf != DXF_REQUIRED:  # the sheets' conditional formats name it by this index
        raise RuntimeError(f"the required-cell format is dxf {dxf}, not {DXF_REQUIRED}")
    xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + tostring(
        write_stylesheet(wb))
    return Stylesheet(xml, indexes)


def style_index(look: str, fmt: str = "General", quote: bool = False) -> int:
    """The ``s`` attribute of a cell with this look, number format and quote prefix."""
    return stylesheet().indexes[(look, fmt, quote)]
