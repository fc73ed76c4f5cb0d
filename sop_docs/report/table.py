"""Flowing text and tables on fpdf2 pages, for the rekap PDF.

:class:`Drawer` places content from the top of the content area down and starts a new page
when the next piece does not fit: a table's header row is drawn again on every page it runs
onto, a heading is kept with what follows it (:meth:`Drawer.section`), and every line is
wrapped to its cell, so nothing crosses the margins.  Widths are measured with the embedded
font's own metrics (each word once).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from fpdf import FPDF
from PIL import Image

from sop_docs.report.internals import encode_text, select_font_on_page, write_operators

BODY_PT = 8.5
HEADING_PT = 11.0
PT_TO_MM = 25.4 / 72
PAD = 1.2
HEADER_FILL = (217, 225, 242)
GROUP_FILL = (242, 242, 242)
_CHART_MAX_W = 250.0


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: title, width in mm (0: takes the width the others leave), and the
    alignment of its cells ("L", "R" or "C")."""

    title: str
    width: float
    align: str = "L"


def columns(total: float, wanted: list[Column]) -> list[Column]:
    """``wanted`` with the flexible column (width 0) given what is left of ``total``, so the
    table spans exactly the content width."""
    fixed = sum(c.width for c in wanted)
    flexible = [c for c in wanted if c.width == 0]
    share = max(20.0, (total - fixed) / max(1, len(flexible)))
    return [Column(c.title, c.width or share, c.align) for c in wanted]


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its cells' text, or one text spanning every column (a group row)."""

    cells: tuple[str, ...]
    span: bool = False
    bold: bool = False


@dataclass
class Table:
    """Columns and rows to draw; the header row is the columns' titles."""

    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    def row(self, cells: list[object], bold: bool = False) -> None:
        """Add a row (values shown as text; None as '-')."""
        self.rows.append(Row(tuple("-" if c is None else str(c) for c in cells), bold=bold))

    def group(self, text: str, bold: bool) -> None:
        """Add a row spanning every column (a unit or a sasaran)."""
        self.rows.append(Row((text,), span=True, bold=bold))

    @property
    def header(self) -> Row:
        return Row(tuple(c.title for c in self.columns), bold=True)


class _Ink:
    """Table cells written as PDF operators straight into the page's content stream.

    fpdf2's ``text()`` and ``rect()`` check, coerce and re-encode every call; a rekap of
    1,000 units draws some 100,000 cells and lines, where that was most of the time.  Text
    still goes through fpdf2's font encoder (which records the glyphs for the embedded
    subset), once per distinct line and face; the caller selects the font and sets the fill
    colour (which PDF paints text with) through fpdf2, so its state stays right.  The fpdf2
    internals this needs are behind :mod:`sop_docs.report.internals`.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._encoded: dict[tuple[str, str], str] = {}
        self._operators: list[str] = []

    def text(self, x: float, baseline: float, line: str) -> None:
        pdf = self.pdf
        select_font_on_page(pdf)  # a new page: select the font on it
        key = (pdf.font_family + pdf.font_style, line)
        encoded = self._encoded.get(key)
        if encoded is None:
            encoded = self._encoded[key] = encode_text(pdf, line)
        if encoded:
            self._operators.append(f"BT {x * pdf.k:.2f} {(pdf.h - baseline) * pdf.k:.2f} Td "
                                   f"{encoded} ET")

    def rect(self, x: float, top: float, width: float, height: float, fill: bool) -> None:
        k, pdf = self.pdf.k, self.pdf
        self._operators.append(f"{x * k:.2f} {(pdf.h - top) * k:.2f} {width * k:.2f} "
                               f"{-height * k:.2f} re " + ("B" if fill else "S"))

    def flush(self) -> None:
        """Write the cells and lines drawn since the last flush, one per line (as fpdf2
        writes each operator call): one page write per row instead of one per cell."""
        if self._operators:
            write_operators(self.pdf, "\n".join(self._operators))
            self._operators.clear()


class Drawer:
    """Places text, tables and images on the pages of ``pdf`` inside the margins."""

    def __init__(self, pdf: FPDF, margin: float, footer: float, family: str) -> None:
        self.pdf, self.margin, self.family = pdf, margin, family
        self.page_w, self.page_h = pdf.w, pdf.h
        self.right = self.page_w - margin
        self.width = self.right - margin
        self.bottom = self.page_h - margin - footer
        self.line_h = BODY_PT * PT_TO_MM * 1.25
        self.y = margin
        self._widths: dict[tuple[bool, str], float] = {}
        self._chars: dict[bool, dict[str, float]] = {False: {}, True: {}}
        self._pending: tuple[str, str, float] | None = None
        self._ink = _Ink(pdf)
        self._wrapped: dict[tuple[str, float, bool, float], list[str]] = {}

    # --- measuring -------------------------------------------------------------------
    def text_width(self, text: str, bold: bool = False, size: float = BODY_PT) -> float:
        """Width of ``text`` in mm at ``size`` points."""
        key = (bold, text)
        if key not in self._widths:
            self._widths[key] = self._measure(text, bold)
        return self._widths[key] * size / BODY_PT

    def _measure(self, text: str, bold: bool) -> float:
        """Width of ``text`` at body size: the sum of its characters' widths (fpdf2 neither
        kerns nor shapes this text), each measured once."""
        widths = self._chars[bold]
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = self._char_width(char, bold)
            total += width
        return total

    def _char_width(self, char: str, bold: bool) -> float:
        """Width of one character at body size; the font selected before (face, size,
        underline) is selected again, so measuring while drawing changes nothing drawn."""
        pdf = self.pdf
        style = pdf.font_style + ("U" if pdf.underline else "")
        family, size = pdf.font_family, pdf.font_size_pt
        pdf.set_font(self.family, "B" if bold else "", BODY_PT)
        width = pdf.get_string_width(char)
        if family:
            pdf.set_font(family, style, size)
        return width

    def wrap(self, text: str, width: float, bold: bool = False,
             size: float = BODY_PT) -> list[str]:
        """``text`` as lines no wider than ``width`` (a word too long is split); the same
        text in the same column is wrapped once."""
        key = (text, width, bold, size)
        found = self._wrapped.get(key)
        if found is None:
            found = self._wrapped[key] = self._wrap(text, width, bold, size)
        return found

    def _wrap(self, text: str, width: float, bold: bool, size: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n") or [""]:
            current = ""
            for word in paragraph.split():
                for piece in self._pieces(word, width, bold, size):
                    trial = f"{current} {piece}" if current else piece
                    if current and self.text_width(trial, bold, size) > width:
                        lines.append(current)
                        trial = piece
                    current = trial
            lines.append(current)
        return lines

    def _pieces(self, word: str, width: float, bold: bool, size: float) -> list[str]:
        if self.text_width(word, bold, size) <= width:
            return [word]
        pieces, current = [], ""
        for char in word:
            if current and self.text_width(current + char, bold, size) > width:
                pieces.append(current)
                current = ""
            current += char
        return [*pieces, current]

    def lines_height(self, lines: list[str], width: float) -> float:
        """Height of ``lines`` (each wrapped to ``width``) at body size."""
        return sum(len(self.wrap(line, width)) for line in lines) * self.line_h

    def _cell_lines(self, table: Table, row: Row) -> list[list[str]]:
        if row.span:
            return [self.wrap(row.cells[0], self._table_width(table) - 2 * PAD, row.bold)]
        return [self.wrap(text, column.width - 2 * PAD, row.bold)
                for text, column in zip(row.cells, table.columns, strict=True)]

    def _row_height(self, table: Table, row: Row, lines: list[list[str]] | None = None
                    ) -> float:
        tallest = max(len(cell) for cell in lines or self._cell_lines(table, row))
        return min(tallest * self.line_h + 2 * PAD, self.bottom - self.margin - 20)

    @staticmethod
    def _table_width(table: Table) -> float:
        return sum(c.width for c in table.columns)

    def table_height(self, table: Table) -> float:
        """Height of the whole table on one page (header and every row)."""
        return sum(self._row_height(table, row) for row in [table.header, *table.rows])

    # --- page flow ---------------------------------------------------------------------
    def new_page(self) -> None:
        """Start a page; content begins at the top margin."""
        self.pdf.add_page()
        self.y = self.margin

    def keep(self, need: float) -> None:
        """Start a new page unless ``need`` mm (and a pending heading) fit on this one."""
        pending = self._pending
        heading = self._heading_height(pending) if pending else 0.0
        extra = pending[2] if pending else 0.0
        if self.y + heading + need + extra > self.bottom and self.y > self.margin:
            self.new_page()
        if pending:
            self._pending = None
            self._draw_heading(pending)

    def section(self, title: str, sentence: str = "", keep: float = 0.0) -> None:
        """A heading (and a sentence under it), drawn with the next piece of content and
        ``keep`` mm more: it never ends a page."""
        self._pending = (title, sentence, keep)

    def _heading_height(self, pending: tuple[str, str, float]) -> float:
        title, sentence, _keep = pending
        titles = len(self.wrap(title, self.width, True, HEADING_PT))
        return 3 + titles * HEADING_PT * PT_TO_MM * 1.3 + 1 + self.lines_height(
            [sentence] if sentence else [], self.width)

    def _draw_heading(self, pending: tuple[str, str, float]) -> None:
        title, sentence, _keep = pending
        self.y += 3
        step = HEADING_PT * PT_TO_MM * 1.3
        self.pdf.set_font(self.family, "B", HEADING_PT)
        for line in self.wrap(title, self.width, True, HEADING_PT):
            self.pdf.text(self.margin, self.y + step * 0.8, line)
            self.y += step
        self.y += 1
        if sentence:
            self._lines(self.wrap(sentence, self.width), self.margin, self.width, "L")

    # --- drawing -----------------------------------------------------------------------
    def _lines(self, lines: list[str], x: float, width: float, align: str,
               bold: bool = False, underline: bool = False) -> None:
        self.pdf.set_font(self.family, ("B" if bold else "") + ("U" if underline else ""),
                          BODY_PT)
        for line in lines:
            self._text(line, x, self.y, width, align, bold)
            self.y += self.line_h

    def _text(self, line: str, x: float, top: float, width: float, align: str,
              bold: bool) -> None:
        self.pdf.text(self._start(line, x, width, align, bold), top + self.line_h * 0.78, line)

    def _start(self, line: str, x: float, width: float, align: str, bold: bool) -> float:
        """Where ``line`` starts in a box ``width`` wide at ``x``, aligned L, C or R."""
        used = self.text_width(line, bold)
        if align == "R":
            return x + width - used
        if align == "C":
            return x + (width - used) / 2
        return x

    def paragraph(self, text: str, bold: bool = False) -> None:
        """A paragraph across the content width."""
        lines = self.wrap(text, self.width, bold)
        self.keep(len(lines) * self.line_h)
        self._lines(lines, self.margin, self.width, "L", bold)
        self.y += 1

    def centred(self, text: str, size: float, bold: bool) -> None:
        """A centred line (wrapped when long) at ``size`` points: kop and titles."""
        step = size * PT_TO_MM * 1.25
        self.pdf.set_font(self.family, "B" if bold else "", size)
        for line in self.wrap(text, self.width, bold, size):
            x = self.margin + (self.width - self.text_width(line, bold, size)) / 2
            self.pdf.text(x, self.y + step * 0.8, line)
            self.y += step

    def block(self, lines: list[str], x: float, top: float, width: float,
              bold: bool = False, underline: bool = False) -> None:
        """Centred lines at a fixed place (signature blocks); the flow position is kept."""
        saved, self.y = self.y, top
        self._lines([w for line in lines for w in self.wrap(line, width, bold)], x, width,
                    "C", bold, underline)
        self.y = saved

    def table(self, table: Table, empty: str | None = None) -> None:
        """Draw ``table`` from the flow position, page after page, header on each page."""
        if not table.rows:
            if empty:
                self.paragraph(empty)
            return
        header = self._cell_lines(table, table.header)
        header_h = self._row_height(table, table.header, header)
        first = self._cell_lines(table, table.rows[0])
        self.keep(header_h + self._row_height(table, table.rows[0], first))
        self.pdf.set_line_width(0.2)
        self._row(table, table.header, header, header_h, HEADER_FILL)
        for row in table.rows:
            lines = self._cell_lines(table, row)
            height = self._row_height(table, row, lines)
            if self.y + height > self.bottom:
                self.new_page()
                self.pdf.set_line_width(0.2)
                self._row(table, table.header, header, header_h, HEADER_FILL)
            self._row(table, row, lines, height, GROUP_FILL if row.span and row.bold else None)
        self.y += 2

    def _row(self, table: Table, row: Row, lines: list[list[str]], height: float,
             fill: tuple[int, int, int] | None) -> None:
        """One row: every cell's box (filled first), then its text in black."""
        x = self.margin
        widths = [self._table_width(table)] if row.span else [c.width for c in table.columns]
        aligns = ["L"] if row.span else [c.align for c in table.columns]
        if fill is not None:
            self.pdf.set_fill_color(*fill)
        for width in widths:
            self._ink.rect(x, self.y, width, height, fill is not None)
            x += width
        self._ink.flush()
        self.pdf.set_fill_color(0, 0, 0)  # PDF paints text with the fill colour
        style = "B" if row.bold else ""
        if self.pdf.font_style != style or self.pdf.font_size_pt != BODY_PT:
            self.pdf.set_font(self.family, style, BODY_PT)
        limit = int((height - 2 * PAD) / self.line_h + 1e-6)
        x = self.margin
        for cell, width, align in zip(lines, widths, aligns, strict=True):
            shown = cell if len(cell) <= limit else [*cell[: limit - 1], "…"]
            for index, line in enumerate(shown):
                self._place(line, x + PAD, self.y + PAD + index * self.line_h, width - 2 * PAD,
                            align, row.bold)
            x += width
        self._ink.flush()
        self.y += height

    def _place(self, line: str, x: float, top: float, width: float, align: str,
               bold: bool) -> None:
        """A table cell's line through the fast path (see :class:`_Ink`)."""
        self._ink.text(self._start(line, x, width, align, bold), top + self.line_h * 0.78, line)

    def image(self, png: bytes) -> None:
        """An image as wide as it may be (at most the content width and 250 mm), scaled
        down to fit one page's height."""
        with Image.open(io.BytesIO(png)) as picture:
            ratio = picture.height / picture.width
        width = min(self.width, _CHART_MAX_W)
        height = width * ratio
        room = self.bottom - self.margin
        if height > room:
            width, height = room / ratio, room
        self.keep(height)
        self.pdf.image(io.BytesIO(png), x=self.margin + (self.width - width) / 2, y=self.y,
                       w=width, h=height)
        self.y += height + 2

    def number_pages(self) -> None:
        """'Halaman x dari y' at the right of every page's footer band (inside the margin)."""
        total = self.pdf.page
        for number in range(1, total + 1):
            self.pdf.page = number
            line = f"Halaman {number} dari {total}"
            # fpdf2 skips selecting a font it thinks is current: select another one first,
            # so that this page's stream really selects the regular face
            self.pdf.set_font(self.family, "B", BODY_PT + 1)
            self.pdf.set_font(self.family, "", BODY_PT)
            self._text(line, self.margin, self.page_h - self.margin - self.line_h,
                       self.width, "R", False)
        self.pdf.page = total
