"""Layout tables (identity and procedure) as real Word tables.

Fixed layout, column widths and exact row heights from the layout; merged cells as
``gridSpan`` / ``vMerge``; header rows marked to repeat; borders per cell.  Cell margins are
zero and the layout's padding becomes paragraph indents, so the table's left edge sits on
``tblInd`` in Word and LibreOffice alike.  Step rows are "at least" their laid-out height
(so a clerk's longer text grows its row), every other row exactly its height.  A cell may
carry drawings anchored in its first paragraph (the flowchart symbols of its row).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from lxml import etree

from sop_docs.layout.geometry import Cell, Table
from sop_docs.render.docx.ooxml import clone, cumulative_twips, element, qn, sub, twips
from sop_docs.render.docx.text import box_paragraphs, with_source_characters

BORDER_EIGHTHS_PT = "4"  # 0.5 pt, the hairline of the printed form
_SIDES = ("top", "left", "bottom", "right")


StepTexts = Mapping[tuple[str, str], str]  # (step id, cell role) -> the source's text
CellShapes = Mapping[int, list[etree._Element]]  # id() of a layout Cell -> drawing runs


def table_element(tables: Sequence[Table], margin_left_mm: float,
                  sources: StepTexts | None = None,
                  shapes: CellShapes | None = None) -> etree._Element:
    """One ``w:tbl`` of layout tables stacked without a gap (usually just one table),
    placed ``x - margin_left_mm`` from the margin.

    Stacked tables (the identity header over its lists) become one Word table on the union
    of their column edges, so no paragraph has to separate them.  ``sources`` gives step
    cells back the characters the layout's font lacks (emoji); ``shapes`` the drawings
    each cell anchors.
    """
    first = tables[0]
    edges = sorted({_edge(first.x + x) for t in tables for x in _offsets(t.col_widths)})
    widths = cumulative_twips(tuple(b - a for a, b in itertools.pairwise(edges)))
    grid_of = {edge: index for index, edge in enumerate(edges)}
    heights = iter(cumulative_twips(tuple(h for t in tables for h in t.row_heights)))
    tbl = element("w:tbl")
    _table_properties(tbl, sum(widths), twips(first.x - margin_left_mm))
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": str(width)})
    for table in tables:
        # The table's own column k spans union grid columns columns[k] .. columns[k + 1].
        columns = [grid_of[_edge(table.x + x)] for x in _offsets(table.col_widths)]
        header_rows = table.header_rows if table is first else 0
        _table_rows(tbl, table, columns, widths, heights, header_rows,
                    (sources or {}, shapes or {}))
    return tbl


def _table_rows(tbl: etree._Element, table: Table, columns: list[int], widths: list[int],
                heights: Iterator[int], header_rows: int,
                extras: tuple[StepTexts, CellShapes]) -> None:
    """The rows of one layout table on the union grid."""
    starts = {(c.row, c.col): c for c in table.cells}
    owners: dict[tuple[int, int], Cell] = {}
    step_rows = {c.row for c in table.cells if c.step_id is not None and c.rowspan == 1}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                owners[(r, k)] = c
    for r in range(len(table.row_heights)):
        tr = _row(tbl, next(heights), header=r < header_rows, grows=r in step_rows)
        col = 0
        while col < len(table.col_widths):
            cell = owners.get((r, col))
            end = col + 1 if cell is None else cell.col + cell.colspan
            first, last = columns[col], columns[end]
            width = sum(widths[first:last])
            if cell is None:
                _empty_cell(tr, width, last - first)
            else:
                _cell(tr, cell, width, last - first, starts.get((r, col)) is cell, extras)
            col = end


def _offsets(widths: tuple[float, ...]) -> list[float]:
    """Column edges from a table's left side: 0, w0, w0 + w1, ..."""
    return [0.0, *itertools.accumulate(widths)]


def _edge(x_mm: float) -> float:
    """A column edge, rounded so equal edges of stacked tables coincide."""
    return round(x_mm, 2)


def _table_properties(tbl: etree._Element, width: int, indent: int) -> None:
    tblpr = sub(tbl, "w:tblPr")
    sub(tblpr, "w:tblW", {"w:w": str(width), "w:type": "dxa"})
    sub(tblpr, "w:tblInd", {"w:w": str(indent), "w:type": "dxa"})
    sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
    margins = sub(tblpr, "w:tblCellMar")
    for side in _SIDES:
        sub(margins, f"w:{side}", {"w:w": "0", "w:type": "dxa"})
    sub(tblpr, "w:tblLook", {"w:val": "0000", "w:firstRow": "0", "w:lastRow": "0",
                             "w:firstColumn": "0", "w:lastColumn": "0", "w:noHBand": "1",
                             "w:noVBand": "1"})


def _row(tbl: etree._Element, height: int, header: bool, grows: bool) -> etree._Element:
    tr = sub(tbl, "w:tr")
    trpr = sub(tr, "w:trPr")
    sub(trpr, "w:cantSplit")
    sub(trpr, "w:trHeight", {"w:val": str(height), "w:hRule": "atLeast" if grows else "exact"})
    if header:
        sub(trpr, "w:tblHeader")
    return tr


def _cell(tr: etree._Element, cell: Cell, width: int, span: int, first: bool,
          extras: tuple[StepTexts, CellShapes]) -> None:
    """One grid position of ``cell`` (``span`` grid columns wide): its content (text, and
    the drawings it anchors) where it starts, a merge marker in the rows below."""
    sources, shapes = extras
    merge = None if cell.rowspan == 1 else "restart" if first else "continue"
    content = first and bool(cell.lines)
    tc = clone(_cell_shell(width, span, merge, cell.border, cell.fill, empty=not content))
    if content:
        box, lines = cell.box, cell.lines
        source = sources.get((cell.step_id or "", cell.role))
        if source is not None:
            lines = with_source_characters(lines, source)
        tc.extend(box_paragraphs(lines, cell.align, box.x, box.y, box.right))
    drawings = shapes.get(id(cell)) if first else None
    if drawings:
        paragraph = tc.find(qn("w:p"))
        if paragraph is None:
            paragraph = sub(tc, "w:p")
        paragraph.extend(drawings)
    tr.append(tc)


def _empty_cell(tr: etree._Element, width: int, span: int) -> None:
    """A grid position no layout cell covers: blank and borderless."""
    tr.append(clone(_cell_shell(width, span, None, False, None, empty=True)))


@lru_cache(maxsize=512)
def _cell_shell(width: int, colspan: int, merge: str | None, border: bool, fill: str | None,
                empty: bool) -> etree._Element:
    """A ``w:tc`` with its properties (and an empty paragraph when ``empty``), built once
    per distinct combination: most cells of a procedure table are alike and empty."""
    tc = element("w:tc")
    tcpr = sub(tc, "w:tcPr")
    sub(tcpr, "w:tcW", {"w:w": str(width), "w:type": "dxa"})
    if colspan > 1:
        sub(tcpr, "w:gridSpan", {"w:val": str(colspan)})
    if merge is not None:
        sub(tcpr, "w:vMerge", {"w:val": "restart"} if merge == "restart" else None)
    tcpr.append(clone(_border_template("single" if border else "nil")))
    if fill:
        sub(tcpr, "w:shd", {"w:val": "clear", "w:color": "auto",
                            "w:fill": fill.lstrip("#").upper()})
    if empty:
        sub(tc, "w:p")
    return tc


@lru_cache(maxsize=2)
def _border_template(style: str) -> etree._Element:
    """``w:tcBorders`` with all four sides ``style`` ("single" or "nil"), built once."""
    borders = element("w:tcBorders")
    for side in _SIDES:
        attrs = {"w:val": style}
        if style != "nil":
            attrs.update({"w:sz": BORDER_EIGHTHS_PT, "w:space": "0", "w:color": "000000"})
        sub(borders, f"w:{side}", attrs)
    return borders
