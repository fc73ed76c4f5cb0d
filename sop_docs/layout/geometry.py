"""The layout's data: pages of tables, text lines, symbols, connectors and labels, in mm.

Coordinates are millimetres from the page's top-left corner, y growing downwards.  Every
element that belongs to a step carries its ``step_id`` so tests and reviewers can match
what a renderer drew to what the layout computed.  Renderers only read these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sop_docs.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        """True when ``other`` lies inside this box."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One already-wrapped line of text; (x, baseline) is its start for LEFT alignment."""

    x: float
    baseline: float
    text: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    width: float = 0.0  # measured advance width in mm


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell on the grid, with its box and wrapped text lines."""

    row: int
    col: int
    box: Box
    lines: tuple[TextLine, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    role: str = ""  # e.g. "header", "no", "kegiatan", "pelaksana", "waktu", "identitas-label"
    step_id: str | None = None
    align: Align = Align.LEFT
    fill: str | None = None  # "#rrggbb"
    border: bool = True


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table: column widths, row heights and the cells placed on that grid."""

    x: float
    y: float
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    cells: tuple[Cell, ...]
    header_rows: int = 0  # rows repeated at the top of every page
    role: str = ""  # "identitas" or "prosedur"

    @property
    def width(self) -> float:
        return sum(self.col_widths)

    @property
    def height(self) -> float:
        return sum(self.row_heights)


class SymbolKind(StrEnum):
    """The five symbols of the official form (arrows are connectors)."""

    TERMINATOR = "terminator"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"
    OFFPAGE = "offpage"


@dataclass(frozen=True, slots=True)
class Symbol:
    """A flowchart symbol in a step's row and an actor's column.

    Off-page connectors (kind OFFPAGE) sit in the band under the last row of a page
    (``direction`` "out") or above the first row of the next page ("in"); the two of a pair
    share their letter in ``text``.  Their ``step_id`` is the step the flow comes from
    ("out") or goes to ("in").  ``layout.symbols.outline`` gives the drawn outline.
    """

    kind: SymbolKind
    box: Box
    step_id: str
    actor_id: str | None = None
    text: str = ""  # the letter of an off-page connector, or a terminator's "Mulai"/"Selesai"
    size_pt: float = 7.0
    area: Box | None = None  # the row x actor-column area (or band cell) the symbol lies in
    direction: str = ""  # off-page connectors only: "out" (flow leaves) or "in" (flow resumes)
    peer_id: str = ""  # off-page connectors only: the step at the other end of the flow


@dataclass(frozen=True, slots=True)
class Label:
    """A small text box near a connector: a decision exit's "Ya"/"Tidak"."""

    box: Box
    text: str
    size_pt: float
    step_id: str
    target_id: str


@dataclass(frozen=True, slots=True)
class Connector:
    """An orthogonal polyline from one symbol to another, arrowhead at the last point."""

    points: tuple[tuple[float, float], ...]
    from_id: str
    to_id: str
    arrow: bool = True
    label: Label | None = None
    kind: str = "flow"  # "flow", "back" (a loop to an earlier step), "join" (multi-actor step)
    start_side: str = ""  # where it leaves its first symbol: "top", "bottom", "left", "right"
    end_side: str = ""  # where it enters its last symbol (arrowhead side)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the sheet."""

    number: int
    width: float
    height: float
    kind: str  # "identitas" or "prosedur"
    tables: tuple[Table, ...] = ()
    texts: tuple[TextLine, ...] = ()
    symbols: tuple[Symbol, ...] = ()
    connectors: tuple[Connector, ...] = ()
    images: tuple[tuple[str, Box], ...] = ()  # (path, box), e.g. the logo
    labels: tuple[Label, ...] = ()  # every connector label of the page (also on its connector)


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """The whole official sheet of one SOP."""

    sop_id: str
    title: str
    subject: str
    font_family: str
    pages: tuple[Page, ...] = field(default_factory=tuple)
    paper: str = "F4"  # Kertas value: "A4" or "F4"
    orientation: str = "lanskap"  # Orientasi value: "lanskap" or "potret"
    creation_date: str = ""  # ISO date stamped into documents (the SOP's own date, fixed)
    # Problems the layout met and worked around (text shrunk or cut, unknown step ids);
    # located at the SOP's source file.
    diagnostics: tuple[Diagnostic, ...] = ()
