"""One worksheet of a kit, written straight as SpreadsheetML text.

A kit's cells are known up front (the layout), so each becomes its ``<c>`` element text here
and the sheet its ``<worksheet>`` part, elements in the order the schema requires (ECMA-376
§18.3.1.99: sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, sheetProtection,
mergeCells, conditionalFormatting, dataValidations, printOptions, pageMargins, pageSetup).
Building openpyxl objects per cell and per setting costs several times more (DESIGN.md §2.4).

Text is always an inline string (``t="inlineStr"``): a definition text starting with ``=``
stays text; one that an application would read as a formula when edited gets a quote prefix.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from openpyxl.utils.cell import get_column_letter

from sop_docs.kits.generate.styles import DXF_REQUIRED, style_index
from sop_docs.kits.text import cell_text, looks_like_formula

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def escape(text: str) -> str:
    """Text for XML element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """Text for an XML attribute value (double-quoted)."""
    return escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def number_text(value: float) -> str:
    """A number as an xsd:double the way spreadsheet apps write it (25, not 25.0)."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


@lru_cache(maxsize=8192)  # a kit repeats most texts (headers, sasaran, labels)
def _text_cell(value: str, look: str, fmt: str) -> tuple[int, str]:
    """(style index, ``<is>`` body) of a text cell."""
    safe = cell_text(value)
    body = f'<is><t xml:space="preserve">{escape(safe)}</t></is>'
    return style_index(look, fmt, looks_like_formula(safe)), body


@dataclass(frozen=True, slots=True)
class Validation:
    """One ``<dataValidation>``: a rule with its input prompt and error message (both on)."""

    kind: str  # decimal, textLength, list, date
    sqref: str
    title: str
    prompt: str
    error: str
    error_style: str = "stop"  # stop: refuse; warning: ask
    operator: str | None = None
    formula1: str = ""
    formula2: str | None = None

    def xml(self) -> str:
        op = f' operator="{self.operator}"' if self.operator else ""
        second = f"<formula2>{escape(self.formula2)}</formula2>" if self.formula2 else ""
        return (
            f'<dataValidation type="{self.kind}" errorStyle="{self.error_style}"{op} '
            f'allowBlank="1" showInputMessage="1" showErrorMessage="1" '
            f'errorTitle="{attr(self.title[:32])}" error="{attr(self.error[:255])}" '
            f'promptTitle="{attr(self.title[:32])}" prompt="{attr(self.prompt[:255])}" '
            f'sqref="{self.sqref}"><formula1>{escape(self.formula1)}</formula1>{second}'
            "</dataValidation>"
        )


@dataclass
class SheetXml:
    """The content and settings of one worksheet, serialised by :meth:`xml`."""

    name: str
    rows: dict[int, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    widths: list[float] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    conditions: list[tuple[str, str]] = field(default_factory=list)  # (sqref, formula)
    validations: list[Validation] = field(default_factory=list)
    frozen: str | None = None  # top-left unfrozen cell, e.g. "D8"
    landscape: bool = True
    selected: bool = False

    # --- cells ----------------------------------------------------------------------------

    def _put(self, row: int, col: int, style: int, body: str, kind: str = "") -> None:
        ref = f"{get_column_letter(col)}{row}"
        t = f' t="{kind}"' if kind else ""
        self.rows[row].append(
            (col, f'<c r="{ref}" s="{style}"{t}>{body}</c>' if body else
             f'<c r="{ref}" s="{style}"/>')
        )

    def text(self, row: int, col: int, value: str, look: str, fmt: str = "General") -> None:
        """Text from a definition, stored and shown as text."""
        self._put(row, col, *_text_cell(value, look, fmt), "inlineStr")

    def number(self, row: int, col: int, value: float, look: str, fmt: str = "General") -> None:
        self._put(row, col, style_index(look, fmt), f"<v>{number_text(value)}</v>")

    def formula(self, row: int, col: int, value: str, look: str, fmt: str = "General") -> None:
        """A live formula (``value`` starts with '='); no cached value: apps compute it."""
        body = f"<f>{escape(cell_text(value).removeprefix('='))}</f>"
        self._put(row, col, style_index(look, fmt), body)

    def empty(self, row: int, col: int, look: str, fmt: str = "General") -> None:
        self._put(row, col, style_index(look, fmt), "")

    # --- settings ---------------------------------------------------------------------------

    def condition(self, sqref: str, formula: str) -> None:
        """Mark cells of ``sqref`` with the 'required and empty' fill where ``formula`` holds
        (relative to the first cell of ``sqref``)."""
        self.conditions.append((sqref, formula))

    # --- serialisation ----------------------------------------------------------------------

    def _dimension(self) -> str:
        if not self.rows:
            return "A1"
        cols = [col for cells in self.rows.values() for col, _ in cells]
        return (f"{get_column_letter(min(cols))}{min(self.rows)}:"
                f"{get_column_letter(max(cols))}{max(self.rows)}")

    def _view(self) -> str:
        selected = ' tabSelected="1"' if self.selected else ""
        if self.frozen is None:
            return (f'<sheetViews><sheetView workbookViewId="0"{selected}>'
                    '<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>')
        col = self.frozen.rstrip("0123456789")
        row = int(self.frozen[len(col):])
        x_split = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(col))) - 1
        return (
            f'<sheetViews><sheetView workbookViewId="0"{selected}>'
            f'<pane xSplit="{x_split}" ySplit="{row - 1}" topLeftCell="{self.frozen}" '
            'activePane="bottomRight" state="frozen"/>'
            f'<selection pane="bottomRight" activeCell="{self.frozen}" sqref="{self.frozen}"/>'
            "</sheetView></sheetViews>"
        )

    def _sheet_data(self) -> str:
        parts = ["<sheetData>"]
        for row in sorted(self.rows.keys() | self.heights.keys()):
            height = self.heights.get(row)
            extra = f' ht="{number_text(height)}" customHeight="1"' if height else ""
            parts.append(f'<row r="{row}"{extra}>')
            parts.extend(element for _, element in sorted(self.rows.get(row, ())))
            parts.append("</row>")
        parts.append("</sheetData>")
        return "".join(parts)

    def xml(self) -> bytes:
        """The worksheet part."""
        parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">',
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
            f'<dimension ref="{self._dimension()}"/>',
            self._view(),
            '<sheetFormatPr defaultRowHeight="15"/>',
            self._cols(),
            self._sheet_data(),
            # protected without a password; input (unlocked) cells stay editable, columns
            # and rows may be resized
            '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" '
            'formatRows="0"/>',
            self._merge_cells(),
            self._conditional_formats(),
            self._data_validations(),
            self._page_setup(),
            "</worksheet>",
        ]
        return "".join(parts).encode("utf-8")

    def _cols(self) -> str:
        if not self.widths:
            return ""
        cols = "".join(f'<col min="{i}" max="{i}" width="{number_text(w)}" customWidth="1"/>'
                       for i, w in enumerate(self.widths, start=1))
        return f"<cols>{cols}</cols>"

    def _merge_cells(self) -> str:
        if not self.merges:
            return ""
        cells = "".join(f'<mergeCell ref="{m}"/>' for m in self.merges)
        return f'<mergeCells count="{len(self.merges)}">{cells}</mergeCells>'

    def _conditional_formats(self) -> str:
        return "".join(
            f'<conditionalFormatting sqref="{sqref}"><cfRule type="expression" '
            f'dxfId="{DXF_REQUIRED}" priority="{priority}"><formula>{escape(formula)}'
            "</formula></cfRule></conditionalFormatting>"
            for priority, (sqref, formula) in enumerate(self.conditions, start=1))

    def _data_validations(self) -> str:
        if not self.validations:
            return ""
        rules = "".join(v.xml() for v in self.validations)
        return f'<dataValidations count="{len(self.validations)}">{rules}</dataValidations>'

    def _page_setup(self) -> str:
        orientation = "landscape" if self.landscape else "portrait"
        return ('<printOptions gridLines="0"/>'
                '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" '
                'footer="0.3"/>'
                f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" '
                'fitToHeight="0"/>')
