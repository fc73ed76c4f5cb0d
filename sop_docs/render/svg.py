"""The sheet as SVG: one file per page, real ``<text>`` elements, deterministic output.

User units are millimetres (``viewBox`` = page size), so every number in the file is the
layout's own coordinate.  The logo is embedded as a data URI so a page is self-contained.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sop_docs.atomic import write_text
from sop_docs.layout.fonts import FAMILY, PT_TO_MM
from sop_docs.layout.geometry import Box, Page, SheetLayout, TextLine
from sop_docs.render.canvas import (
    BLACK,
    CONNECTOR_LINE,
    MARK_COLOR,
    MARK_OPACITY,
    SYMBOL_LINE,
    TABLE_LINE,
    Point,
    arrow_split,
    draw_page,
)
from sop_docs.render.registry import RenderJob

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _n(value: float) -> str:
    """A coordinate with at most 3 decimals, without trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _points(points: Sequence[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


class SvgCanvas:
    """Collects one page's elements as SVG markup."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def rect(self, box: Box, *, fill: str | None = None, stroke: bool = True,
             radius: float = 0.0, line_width: float = TABLE_LINE) -> None:
        attrs = f'x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}"'
        if radius:
            attrs += f' rx="{_n(radius)}"'
        paint = f'fill="{fill or "none"}"'
        paint += f' stroke="{BLACK}" stroke-width="{_n(line_width)}"' if stroke else ""
        self.parts.append(f"<rect {attrs} {paint}/>")

    def polygon(self, points: Sequence[Point], *, fill: str | None = None,
                stroke: bool = True, line_width: float = SYMBOL_LINE) -> None:
        paint = f'fill="{fill or "none"}"'
        paint += f' stroke="{BLACK}" stroke-width="{_n(line_width)}"' if stroke else ""
        self.parts.append(f'<polygon points="{_points(points)}" {paint}/>')

    def polyline(self, points: Sequence[Point], *, arrow: bool = False,
                 line_width: float = CONNECTOR_LINE) -> None:
        line = list(points)
        head: list[Point] = []
        if arrow:
            line, head = arrow_split(points)
        self.parts.append(f'<polyline points="{_points(line)}" fill="none" stroke="{BLACK}" '
                          f'stroke-width="{_n(line_width)}"/>')
        if head:
            self.parts.append(f'<polygon points="{_points(head)}" fill="{BLACK}"/>')

    def text(self, line: TextLine, paint: str = "") -> None:
        attrs = (f'x="{_n(line.x)}" y="{_n(line.baseline)}" '
                 f'font-size="{_n(line.size_pt * PT_TO_MM)}"{paint}')
        if line.bold:
            attrs += ' font-weight="bold"'
        if line.italic:
            attrs += ' font-style="italic"'
        if line.underline:
            attrs += ' text-decoration="underline"'
        if line.width:
            # Pin the measured width: the text never overflows its cell in any viewer.
            attrs += f' textLength="{_n(line.width)}" lengthAdjust="spacingAndGlyphs"'
        self.parts.append(f'<text {attrs} xml:space="preserve">{escape(line.text)}</text>')

    def watermark(self, line: TextLine) -> None:
        self.text(line, f' fill="{MARK_COLOR}" fill-opacity="{_n(MARK_OPACITY)}"')

    def image(self, path: str, box: Box) -> None:
        file = Path(path)
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        href = f"data:{MIME.get(file.suffix.lower(), 'image/png')};base64,{data}"
        self.parts.append(f'<image x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" '
                          f'height="{_n(box.h)}" preserveAspectRatio="xMidYMid meet" '
                          f'href={quoteattr(href)}/>')


def page_svg(page: Page, layout: SheetLayout) -> str:
    """One page of the sheet as a complete SVG document."""
    canvas = SvgCanvas()
    draw_page(page, canvas)
    title = f"{layout.title} - halaman {page.number}"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(page.width)}mm" '
            f'height="{_n(page.height)}mm" viewBox="0 0 {_n(page.width)} {_n(page.height)}" '
            f'font-family="{FAMILY}, Arial, Helvetica, sans-serif">')
    body = "\n".join(canvas.parts)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{head}\n<title>{escape(title)}</title>\n'
            f'<rect width="100%" height="100%" fill="#ffffff"/>\n{body}\n</svg>\n')


def svg_pages(layout: SheetLayout) -> list[str]:
    """Every page of the sheet as SVG text."""
    return [page_svg(page, layout) for page in layout.pages]


def render_svg(job: RenderJob) -> list[Path]:
    """Registered renderer of format ``svg``: ``<out_dir>/<id>-hal-N.svg``, one per page."""
    written = []
    for page, text in zip(job.layout.pages, svg_pages(job.layout), strict=True):
        path = job.out_dir / f"{job.stem}-hal-{page.number}.svg"
        write_text(path, text)
        written.append(path)
    for stale in set(job.out_dir.glob(f"{job.stem}-hal-*.svg")) - set(written):
        stale.unlink()  # pages of an earlier, longer version of the sheet
    return written
