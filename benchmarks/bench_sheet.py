"""The official sheet: layout + PDF of a 12-step SOP, and 1,000 SOPs to PDF and SVG.

Rows:
* fpdf2 alone (the same-run baseline): the already-computed geometry of the sheet drawn
  with raw fpdf2 calls (recorded beforehand, replayed without any layout code), fonts
  embedded through fpdf2's own ``add_font``, document written;
* layout + PDF of the same 12-step SOP: < 25 ms median and <= 1.5x the baseline;
* 1,000 synthetic SOPs rendered to PDF and SVG on 2 worker processes: < 60 s.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

from benchmarks.harness import Result, median_ms, once_s, ratio, under
from sop_docs.layout.fonts import Style
from sop_docs.layout.geometry import Box, SheetLayout, TextLine
from sop_docs.layout.sheet import layout_sheet
from sop_docs.render.canvas import Point, arrow_split, draw_page
from sop_docs.render.pdf import embedding_font, pdf_bytes
from sop_docs.render.run import render_corpus
from sop_docs_demo.synthetic import synthetic_corpus, synthetic_sop

Call = tuple[str, tuple[Any, ...]]


class _Recorder:
    """A canvas that records the fpdf2 calls a page needs, for the baseline to replay."""

    def __init__(self) -> None:
        self.calls: list[Call] = []

    def rect(self, box: Box, *, fill: str | None = None, stroke: bool = True,
             radius: float = 0.0, line_width: float = 0.2) -> None:
        self.calls.append(("rect", (box.x, box.y, box.w, box.h,
                                    ("D" if stroke else "") + ("F" if fill else ""), radius)))

    def polygon(self, points: Sequence[Point], *, fill: str | None = None,
                stroke: bool = True, line_width: float = 0.3) -> None:
        self.calls.append(("polygon", (list(points),
                                       ("D" if stroke else "") + ("F" if fill else ""))))

    def polyline(self, points: Sequence[Point], *, arrow: bool = False,
                 line_width: float = 0.25) -> None:
        if arrow:
            line, head = arrow_split(points)
            self.calls.append(("polyline", (line,)))
            self.calls.append(("polygon", (head, "F")))
        else:
            self.calls.append(("polyline", (list(points),)))

    def text(self, line: TextLine) -> None:
        self.calls.append(("text", (line.x, line.baseline, line.text,
                                    "B" if line.bold else "", line.size_pt)))

    def image(self, path: str, box: Box) -> None:
        self.calls.append(("image", (path, box.x, box.y, box.w, box.h)))


def _baseline(layout: SheetLayout, fonts: dict[str, Path]) -> Callable[[], bytes]:
    """Raw fpdf2 drawing of the recorded pages (no layout, no canvas layer)."""
    pages = []
    for page in layout.pages:
        recorder = _Recorder()
        draw_page(page, recorder)
        pages.append((page.width, page.height, recorder.calls))

    def draw() -> bytes:
        pdf = FPDF(unit="mm", format=(pages[0][0], pages[0][1]))
        pdf.set_auto_page_break(False)
        for style, path in fonts.items():
            pdf.add_font("base", style, str(path))
        for width, height, calls in pages:
            pdf.add_page(format=(width, height))
            for name, args in calls:
                if name == "rect":
                    x, y, w, h, style, radius = args
                    pdf.rect(x, y, w, h, style=style, round_corners=bool(radius),
                             corner_radius=radius)
                elif name == "polygon":
                    pdf.polygon(args[0], style=args[1])
                elif name == "polyline":
                    pdf.polyline(args[0])
                elif name == "text":
                    x, y, text, style, size = args
                    pdf.set_font("base", style, size)
                    pdf.text(x, y, text)
                else:
                    path, x, y, w, h = args
                    pdf.image(path, x, y, w, h)
        return bytes(pdf.output())

    return draw


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its finished worker processes (the
    batch figure next to wall time: other work on the machine inflates only the latter)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _cpu_median_ms(func: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``func`` (this process), shown next to the wall-time median."""
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def run() -> list[Result]:
    resolved = synthetic_sop(12, steps=12, actors=5, decisions=1, multi_actor=1)
    layout = layout_sheet(resolved)
    with tempfile.TemporaryDirectory() as tmp:
        fonts = {}
        for style, letter in ((Style.REGULAR, ""), (Style.BOLD, "B")):
            path = Path(tmp) / f"base-{style.value}.ttf"
            path.write_bytes(embedding_font(style))
            fonts[letter] = path
        base = median_ms(_baseline(layout, fonts), repeat=30, warmup=3)
        ours = median_ms(lambda: pdf_bytes(layout_sheet(resolved)), repeat=30, warmup=3)
        ours_cpu = _cpu_median_ms(lambda: pdf_bytes(layout_sheet(resolved)), repeat=30)
        corpus = synthetic_corpus(1000, seed=3)
        out = Path(tmp) / "batch"
        cpu_before = _cpu_s()
        batch = once_s(lambda: render_corpus(corpus, ["pdf", "svg"], out, workers=2,
                                             force=True))
        cpu = _cpu_s() - cpu_before
        pages = sum(1 for _ in out.glob("sop/*/*.svg"))
    note = f"12 steps, {len(layout.pages)} pages"
    return [
        Result("fpdf2 alone: same shapes and text (baseline)", base, "baseline", True,
               note=note),
        under("layout + PDF, 12-step SOP", ours, 25.0,
              note=f"{note}; CPU-time median {ours_cpu:.1f} ms"),
        ratio("layout + PDF vs fpdf2 alone", ours, "fpdf2 alone", base, 1.5, note=note),
        under("1,000 synthetic SOPs -> PDF + SVG, 2 workers", batch * 1000, 60_000,
              note=f"{batch:.1f} s wall, {cpu:.1f} s CPU, {pages} pages"),
    ]
