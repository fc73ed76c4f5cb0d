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

    x: float  # left edge, mm from the page's left
    y: float  # top edge, mm from the page's top
    w: float  # width, mm
    h: float  # height, mm

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
    """Horizontal alignment of text in its cell (already applied to TextLine.x)."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One already-wrapped line of text; (x, baseline) is its start for LEFT alignment."""

    x: float  # where the text starts, mm (alignment already applied)
    baseline: float  # baseline height, mm from the page's top
    text: str  # the line's text, only characters the embedded font has
    size_pt: float  # font size in points
    bold: bool = False
    italic: bool = False
    underline: bool = False
    width: float = 0.0  # measured advance width in mm


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell on the grid, with its box and wrapped text lines."""

    row: int  # first grid row (index into Table.row_heights)
    col: int  # first grid column (index into Table.col_widths)
    box: Box  # the cell's rectangle on the page (spans included)
    lines: tuple[TextLine, ...] = ()  # its text, already wrapped and placed
    rowspan: int = 1
    colspan: int = 1
    # "header"; step rows: "no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output",
    # "keterangan"; off-page bands: "band-atas", "band-bawah"; identity page:
    # "identitas-instansi", "identitas-label", "identitas-nilai", "identitas-daftar"
    role: str = ""
    step_id: str | None = None  # the step of a step-row cell
    align: Align = Align.LEFT  # how its lines were aligned
    fill: str | None = None  # background "#rrggbb", drawn under the text
    border: bool = True  # draw the cell's outline


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table: column widths, row heights and the cells placed on that grid."""

    x: float  # left edge, mm
    y: float  # top edge, mm
    col_widths: tuple[float, ...]  # mm, left to right
    row_heights: tuple[float, ...]  # mm, top to bottom (header, bands and step rows)
    cells: tuple[Cell, ...]
    header_rows: int = 0  # rows repeated at the top of every page
    role: str = ""  # "identitas" (header block), "identitas-daftar" (lists) or "prosedur"

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
    box: Box  # bounding box of the outline, mm
    step_id: str
    actor_id: str | None = None  # the pelaksana column it stands in
    text: str = ""  # the letter of an off-page connector (step symbols carry no text)
    size_pt: float = 7.0  # font size of ``text``
    area: Box | None = None  # the row x actor-column area (or band cell) the symbol lies in
    direction: str = ""  # off-page connectors only: "out" (flow leaves) or "in" (flow resumes)
    peer_id: str = ""  # off-page connectors only: the step at the other end of the flow


@dataclass(frozen=True, slots=True)
class Label:
    """A small text box near a connector: a decision exit's "Ya"/"Tidak"."""

    box: Box  # where the text goes; no connector passes through it
    text: str  # the exit's label as the source names it (may be cut with "…" if too wide)
    size_pt: float
    step_id: str  # the decision
    target_id: str  # the step the labelled exit goes to


@dataclass(frozen=True, slots=True)
class Connector:
    """An orthogonal polyline from one symbol to another, arrowhead at the last point."""

    points: tuple[tuple[float, float], ...]  # mm; first on the source's outline, last on
    # the target's (or on an off-page connector when the flow changes page)
    from_id: str  # the step the flow comes from (the whole flow, also on its off-page pieces)
    to_id: str  # the step the flow goes to
    arrow: bool = True  # arrowhead at the last point (joins have none)
    label: Label | None = None  # a decision exit's label (on the first piece only)
    kind: str = "flow"  # "flow", "back" (a loop to an earlier step), "join" (multi-actor step)
    start_side: str = ""  # where it leaves its first symbol: "top", "bottom", "left", "right"
    end_side: str = ""  # where it enters its last symbol (arrowhead side)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the sheet."""

    number: int  # 1-based, over the whole sheet
    width: float  # paper width in this orientation, mm
    height: float
    kind: str  # "identitas" or "prosedur"
    tables: tuple[Table, ...] = ()
    texts: tuple[TextLine, ...] = ()  # free text: the procedure title line, the footer
    symbols: tuple[Symbol, ...] = ()  # step symbols and off-page connectors
    connectors: tuple[Connector, ...] = ()  # flows, loops and multi-actor joins
    images: tuple[tuple[str, Box], ...] = ()  # (path, box), e.g. the logo
    labels: tuple[Label, ...] = ()  # every connector label of the page (also on its connector)
    # The status mark across the page ("DRAF", "DICABUT"), drawn pale over everything.
    watermark: TextLine | None = None


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """The whole official sheet of one SOP."""

    sop_id: str
    title: str  # Nama SOP (document title metadata)
    subject: str  # Nomor SOP (document subject metadata)
    font_family: str  # the family every TextLine is measured in (Liberation Sans)
    pages: tuple[Page, ...] = field(default_factory=tuple)
    paper: str = "F4"  # Kertas value: "A4" or "F4"
    orientation: str = "lanskap"  # Orientasi value: "lanskap" or "potret"
    creation_date: str = ""  # ISO date stamped into documents (the SOP's own date, fixed)
    author: str = ""  # the office (instansi) that owns the SOP (document author metadata)
    # Problems the layout met and worked around (text shrunk or cut, unknown step ids);
    # located at the SOP's source file.
    diagnostics: tuple[Diagnostic, ...] = ()
