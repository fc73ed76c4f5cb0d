"""The one drawing interface the sheet's backends implement, and the walk that uses it.

:func:`draw_page` turns a laid-out page into a handful of primitive calls (rectangles,
polygons, polylines with an optional arrowhead, text runs, images), so the SVG and PDF
backends differ only in how they write those primitives, never in what they draw.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from sop_docs.layout.geometry import Align, Box, Page, Symbol, SymbolKind, TextLine
from sop_docs.layout.symbols import corner_radius, outline
from sop_docs.layout.wrap import place

Point = tuple[float, float]
BLACK = "#000000"
TABLE_LINE = 0.2  # mm
SYMBOL_LINE = 0.3
CONNECTOR_LINE = 0.25
ARROW_LENGTH = 1.8
ARROW_HALF_WIDTH = 0.75
MARK_COLOR = "#808080"  # the status watermark: grey ...
MARK_OPACITY = 0.3  # ... and see-through, so the page stays readable under it


class Canvas(Protocol):
    """What a backend must draw; all coordinates in mm from the page's top-left corner."""

    def rect(self, box: Box, *, fill: str | None = None, stroke: bool = True,
             radius: float = 0.0, line_width: float = TABLE_LINE) -> None:
        """A rectangle, optionally filled, optionally with rounded corners."""

    def polygon(self, points: Sequence[Point], *, fill: str | None = None,
                stroke: bool = True, line_width: float = SYMBOL_LINE) -> None:
        """A closed polygon."""

    def polyline(self, points: Sequence[Point], *, arrow: bool = False,
                 line_width: float = CONNECTOR_LINE) -> None:
        """An open polyline; with ``arrow`` a filled arrowhead ends it at its last point."""

    def text(self, line: TextLine) -> None:
        """One run of text starting at (line.x, line.baseline)."""

    def image(self, path: str, box: Box) -> None:
        """A raster image (PNG/JPEG) scaled into ``box``."""

    def watermark(self, line: TextLine) -> None:
        """The status mark: ``line`` in :data:`MARK_COLOR` at :data:`MARK_OPACITY`."""


def arrow_split(points: Sequence[Point]) -> tuple[list[Point], list[Point]]:
    """The polyline shortened to the arrowhead's base, and the arrowhead triangle."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    back = min(ARROW_LENGTH, length)
    bx, by = x1 - ux * back, y1 - uy * back
    head = [(x1, y1), (bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH),
            (bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH)]
    return [*points[:-1], (bx, by)], head


def symbol_text(symbol: Symbol) -> tuple[TextLine, ...]:
    """The letter of an off-page connector, centred in its square part."""
    if not symbol.text:
        return ()
    b = symbol.box
    size = symbol.size_pt
    return place([symbol.text], b.x, b.y + 0.3, b.w, size, bold=True, align=Align.CENTER)


def draw_page(page: Page, canvas: Canvas) -> None:
    """Draw one page: tables, images, symbols, connectors, labels, page texts, then the
    status mark over everything."""
    for table in page.tables:
        for cell in table.cells:
            if cell.fill:
                canvas.rect(cell.box, fill=cell.fill, stroke=False)
        for cell in table.cells:
            if cell.border:
                canvas.rect(cell.box)
            for line in cell.lines:
                canvas.text(line)
    for path, box in page.images:
        canvas.image(path, box)
    for symbol in page.symbols:
        draw_symbol(symbol, canvas)
    for connector in page.connectors:
        canvas.polyline(connector.points, arrow=connector.arrow)
    for label in page.labels:
        for line in label_lines(label.box, label.text, label.size_pt):
            canvas.text(line)
    for line in page.texts:
        canvas.text(line)
    if page.watermark is not None:
        canvas.watermark(page.watermark)


def draw_symbol(symbol: Symbol, canvas: Canvas) -> None:
    """One flowchart symbol, white-filled so it hides nothing but the grid."""
    if symbol.kind is SymbolKind.TERMINATOR:
        canvas.rect(symbol.box, fill="#ffffff", radius=corner_radius(symbol),
                    line_width=SYMBOL_LINE)
    else:
        canvas.polygon(outline(symbol), fill="#ffffff")
    for line in symbol_text(symbol):
        canvas.text(line)


def label_lines(box: Box, text: str, size: float) -> tuple[TextLine, ...]:
    """A connector label's text placed in its box (a wrapped label has two lines)."""
    return place(text.split("\n"), box.x + 0.3, box.y, box.w - 0.6, size)
