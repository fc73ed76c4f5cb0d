"""The rows of the procedure table: one per step, text wrapped and measured.

A row is as tall as its tallest text cell, and never shorter than its symbol with the free
space above and below it.  A row that would not fit on a page even alone first gets smaller
type, then its text is cut (both reported), so no row ever overflows a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_docs.diagnostics import SHT_TEXT_CUT, SHT_TEXT_SHRUNK, Diagnostic, Location, make
from sop_docs.layout.columns import Column
from sop_docs.layout.fonts import text_width
from sop_docs.layout.geometry import Align, Box, Cell, SymbolKind, TextLine
from sop_docs.layout.runs import ELLIPSIS
from sop_docs.layout.style import SheetStyle
from sop_docs.layout.symbols import KIND_OF, SYMBOL_H
from sop_docs.layout.wrap import block_height, place, wrap
from sop_docs.model.sop import SOP, Langkah

SHRINK_STEP = 0.5


@dataclass(frozen=True, slots=True)
class CellText:
    """The wrapped text of one cell of a step row."""

    lines: list[str]
    size: float
    align: Align


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step's row before it is placed on a page."""

    step: Langkah
    index: int  # position in the SOP's langkah
    kind: SymbolKind
    texts: dict[int, CellText]  # by column index
    height: float


def _cell_texts(sop: SOP, step: Langkah, index: int, cols: list[Column]) -> dict[int, str]:
    values = {
        "no": f"{index + 1}.",
        "kegiatan": step.kegiatan,
        "kelengkapan": step.kelengkapan,
        "waktu": step.waktu.teks if step.waktu is not None else "",
        "output": step.output,
        "keterangan": step.keterangan,
    }
    return {i: values[c.role] for i, c in enumerate(cols) if c.role in values}


ALIGN = {"no": Align.CENTER, "waktu": Align.CENTER}


def measure_rows(sop: SOP, cols: list[Column], style: SheetStyle, max_h: float,
                 location: Location, problems: list[Diagnostic]) -> list[StepRow]:
    """Every step's row, wrapped at the body size and fitted under ``max_h`` mm."""
    rows = []
    for index, step in enumerate(sop.langkah):
        kind = KIND_OF[sop.simbol(step)]
        min_h = SYMBOL_H[kind] + 2 * style.symbol_gap
        texts: dict[int, CellText] = {}
        for col_index, text in _cell_texts(sop, step, index, cols).items():
            col = cols[col_index]
            texts[col_index] = _fit(text, col, style, max_h, step.id, location, problems)
        text_h = max(block_height(len(t.lines), t.size, style.pad) for t in texts.values())
        rows.append(StepRow(step, index, kind, texts, min(max(min_h, text_h), max_h)))
    return rows


def _fit(text: str, col: Column, style: SheetStyle, max_h: float, step_id: str,
         location: Location, problems: list[Diagnostic]) -> CellText:
    align = ALIGN.get(col.role, Align.LEFT)
    width = col.w - 2 * style.pad
    size = style.body_pt
    lines = wrap(text, width, size)
    while block_height(len(lines), size, style.pad) > max_h and size > style.min_pt:
        size = max(style.min_pt, size - SHRINK_STEP)
        lines = wrap(text, width, size)
    if block_height(len(lines), size, style.pad) <= max_h:
        if size < style.body_pt:
            problems.append(make(SHT_TEXT_SHRUNK, location, id=step_id, field=col.role,
                                 size=f"{size:g}"))
        return CellText(lines, size, align)
    keep = max(1, int((max_h - 2 * style.pad) / block_height(1, size, 0)))
    lines = lines[:keep]
    last = lines[-1]
    while last and text_width(last + ELLIPSIS, size) > width:
        last = last[:-1]
    lines[-1] = last + ELLIPSIS
    problems.append(make(SHT_TEXT_CUT, location, id=step_id, field=col.role, size=f"{size:g}"))
    return CellText(lines, size, align)


def row_cells(row: StepRow, table_row: int, cols: list[Column], y: float,
              style: SheetStyle) -> list[Cell]:
    """The cells of a step row placed at ``y``: text cells and empty actor cells."""
    cells = []
    for i, col in enumerate(cols):
        box = Box(col.x, y, col.w, row.height)
        text = row.texts.get(i)
        lines: tuple[TextLine, ...] = ()
        align = Align.CENTER
        if text is not None:
            align = text.align
            lines = place(text.lines, col.x + style.pad, y + style.pad, col.w - 2 * style.pad,
                          text.size, align=text.align)
        cells.append(Cell(table_row, i, box, lines, role=col.role, step_id=row.step.id,
                          align=align))
    return cells
