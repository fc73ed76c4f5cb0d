"""The sheet as PDF, drawn with fpdf2 straight from the layout's geometry.

Fonts are embedded (Liberation Sans, subset), text is real selectable text, pages have the
exact paper size, and the file is byte-for-byte deterministic: its dates come from the SOP,
never from the clock.

Speed: fpdf2 parses and subsets every embedded font on each document, and on the full
Liberation files (2,600 glyphs, OpenType layout tables) that dominated the cost of a sheet.
So each face is reduced once per process, in memory, to the characters the layout can
draw (:data:`sop_docs.layout.fonts.CHARSET`) without the tables fpdf2 drops anyway; advance
widths are untouched, so what the layout measured is what is drawn.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont

from sop_docs.atomic import write_bytes
from sop_docs.layout.fonts import CHARSET, Style
from sop_docs.layout.geometry import Box, SheetLayout, TextLine
from sop_docs.layout.symbols import rounded_rect
from sop_docs.render.canvas import (
    CONNECTOR_LINE,
    MARK_COLOR,
    MARK_OPACITY,
    SYMBOL_LINE,
    TABLE_LINE,
    Point,
    arrow_split,
    draw_page,
)
from sop_docs.render.pdfa import finish_pdfa, new_pdfa_document
from sop_docs.render.registry import RenderJob

FONT_KEY = "sopsans"
STYLE_LETTERS = {Style.REGULAR: "", Style.BOLD: "B", Style.ITALIC: "I"}
DROPPED_TABLES = ["GSUB", "GPOS", "GDEF", "kern", "hdmx", "LTSH", "VDMX", "FFTM", "DSIG",
                  "gasp", "fpgm", "prep", "cvt "]


@cache
def embedding_font(style: Style) -> bytes:
    """The face reduced to :data:`CHARSET` (outlines and advance widths unchanged)."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, hinting=False,
                             layout_features=[], glyph_names=True)
    options.drop_tables += DROPPED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(CHARSET))
    out = BytesIO()
    with TTFont(style.path, recalcTimestamp=False, lazy=True) as font:
        # Removed before subsetting, not by it: the subsetter would first decompile the
        # big layout tables (GSUB, GPOS) only to drop them (most of its cost); same bytes.
        for tag in DROPPED_TABLES:
            if tag in font:
                del font[tag]
        subsetter.subset(font)
        font.save(out)
    return out.getvalue()


@cache
def _template_font(style: Style) -> TTFFont:
    """fpdf2's parsed form of a face (widths, cmap), built once per process."""
    letters = STYLE_LETTERS[style]
    return TTFFont(FPDF(), BytesIO(embedding_font(style)),  # type: ignore[arg-type]
                   FONT_KEY + letters, letters)


def _document_font(style: Style, index: int) -> TTFFont:
    """A copy of the template for one document, with its own font file object.

    fpdf2 subsets the font object in place when it writes a document, so every document
    needs a fresh one; copying the template (fpdf2 supports deepcopy of TTFFont, sharing
    the read-only parts) skips re-reading widths and cmap.
    """
    font = copy.deepcopy(_template_font(style))
    font.i = index
    font.ttfont = TTFont(BytesIO(embedding_font(style)), recalcTimestamp=False, lazy=True)
    # The reduced face already has exact bounding boxes; recomputing them would
    # decompile and recompile every glyph on each document (most of its cost).
    font.ttfont.recalcBBoxes = False
    return font


def _hex(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


class PdfCanvas:
    """Draws primitives on the current page of an fpdf2 document."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._line_width = -1.0
        self._fill = ""
        self._font: tuple[str, float] = ("", 0.0)

    def _stroke(self, width: float) -> None:
        if width != self._line_width:
            self.pdf.set_line_width(width)
            self._line_width = width

    def _set_fill(self, color: str) -> None:
        if color != self._fill:
            self.pdf.set_fill_color(*_hex(color))
            self._fill = color

    def rect(self, box: Box, *, fill: str | None = None, stroke: bool = True,
             radius: float = 0.0, line_width: float = TABLE_LINE) -> None:
        style = ("D" if stroke else "") + ("F" if fill else "")
        if fill:
            self._set_fill(fill)
        if stroke:
            self._stroke(line_width)
        if radius:
            # fpdf2's own rounded rectangle divides a radius of half the height by the
            # height (a 0.5 mm corner): the outline is drawn as the shared polygon instead.
            self.pdf.polygon(list(rounded_rect(box, radius)), style=style)
        else:
            self.pdf.rect(box.x, box.y, box.w, box.h, style=style)

    def polygon(self, points: Sequence[Point], *, fill: str | None = None,
                stroke: bool = True, line_width: float = SYMBOL_LINE) -> None:
        if fill:
            self._set_fill(fill)
        if stroke:
            self._stroke(line_width)
        self.pdf.polygon(list(points), style=("D" if stroke else "") + ("F" if fill else ""))

    def polyline(self, points: Sequence[Point], *, arrow: bool = False,
                 line_width: float = CONNECTOR_LINE) -> None:
        self._stroke(line_width)
        if not arrow:
            self.pdf.polyline(list(points))
            return
        line, head = arrow_split(points)
        self.pdf.polyline(line)
        self._set_fill("#000000")
        self.pdf.polygon(head, style="F")

    def text(self, line: TextLine) -> None:
        style = Style.of(line.bold, line.italic)
        letters = STYLE_LETTERS[style]
        key = FONT_KEY + letters
        if key not in self.pdf.fonts:
            self.pdf.fonts[key] = _document_font(style, len(self.pdf.fonts) + 1)
        if self._fill != "#000000":
            # fpdf2 wraps every text in its own colour change while the fill colour
            # differs from the (black) text colour.
            self._set_fill("#000000")
        wanted = (letters + ("U" if line.underline else ""), line.size_pt)
        if wanted != self._font:
            self.pdf.set_font(FONT_KEY, wanted[0], line.size_pt)
            self._font = wanted
        self.pdf.text(line.x, line.baseline, line.text)

    def image(self, path: str, box: Box) -> None:
        self.pdf.image(path, box.x, box.y, box.w, box.h, keep_aspect_ratio=True)

    def watermark(self, line: TextLine) -> None:
        with self.pdf.local_context(fill_opacity=MARK_OPACITY, text_color=_hex(MARK_COLOR)):
            self.text(line)
        self._fill, self._font = "", ("", 0.0)  # the context's end restored fpdf2's state


def pdf_bytes(layout: SheetLayout) -> bytes:
    """The whole sheet as one PDF/A-2b document (:mod:`sop_docs.render.pdfa`)."""
    first = layout.pages[0]
    pdf = new_pdfa_document((first.width, first.height))
    canvas = PdfCanvas(pdf)
    for page in layout.pages:
        pdf.add_page(format=(page.width, page.height))
        canvas._line_width = -1.0  # a new page starts with the default graphics state
        canvas._fill = ""
        canvas._font = ("", 0.0)
        draw_page(page, canvas)
    return finish_pdfa(pdf, title=layout.title, author=layout.author, subject=layout.subject,
                       created=dt.date.fromisoformat(layout.creation_date))


def render_pdf(job: RenderJob) -> list[Path]:
    """Registered renderer of format ``pdf``: ``<out_dir>/<id>.pdf``."""
    path = job.out_dir / f"{job.stem}.pdf"
    write_bytes(path, pdf_bytes(job.layout))
    return [path]
