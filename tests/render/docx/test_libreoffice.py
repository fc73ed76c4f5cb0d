"""Every generated .docx, opened by python-docx and converted by LibreOffice (one batched
call per session), checked from the resulting PDF alone: pages, symbols in their step's row
and actor's column, connectors ending on symbols, every step's text present."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import docx
import pdfplumber
import pytest

from sop_docs.layout.geometry import Box, SheetLayout, SymbolKind
from sop_docs.render.registry import FORMATS, RenderJob

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("docx")]

MM = 25.4 / 72  # PDF points to mm
TOL = 0.6  # mm: line widths and twip rounding


@dataclass(frozen=True)
class Drawn:
    """A drawn path of the PDF page (shape outline, line or arrowhead), in mm."""

    x0: float
    top: float
    x1: float
    bottom: float

    def near(self, box: Box, tol: float = TOL) -> bool:
        return (abs(self.x0 - box.x) <= tol and abs(self.top - box.y) <= tol
                and abs(self.x1 - box.right) <= tol and abs(self.bottom - box.bottom) <= tol)

    def touches(self, x: float, y: float, tol: float = TOL) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.top - tol <= y <= self.bottom + tol

    def inside(self, x0: float, top: float, x1: float, bottom: float, tol: float = TOL) -> bool:
        return (self.x0 >= x0 - tol and self.x1 <= x1 + tol and self.top >= top - tol
                and self.bottom <= bottom + tol)


@dataclass
class PdfPage:
    """What the checks need of one PDF page: words, table rules and drawn paths, in mm."""

    words: list[dict]
    vertical: list[tuple[float, float, float]]  # (x, top, bottom)
    horizontal: list[tuple[float, float, float]]  # (y, x0, x1)
    drawn: list[Drawn]

    def columns_at(self, y: float) -> list[float]:
        """x of the table rules crossing height ``y``, left to right."""
        return sorted({round(x, 1) for x, top, bottom in self.vertical if top - TOL <= y
                       <= bottom + TOL})

    def rows_at(self, x: float) -> list[float]:
        """y of the table rules crossing ``x``, top to bottom."""
        return sorted({round(y, 1) for y, x0, x1 in self.horizontal if x0 - TOL <= x
                       <= x1 + TOL})


@lru_cache(maxsize=32)
def read_pdf(path) -> list[PdfPage]:
    """The PDF's pages as the checks need them (read once per session and file)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            vertical, horizontal, drawn = [], [], []
            for obj in page.lines + page.rects + page.curves:
                x0, x1, top, bottom = (obj["x0"] * MM, obj["x1"] * MM, obj["top"] * MM,
                                       obj["bottom"] * MM)
                if obj["object_type"] == "line" and x1 - x0 < 0.05:
                    vertical.append((x0, top, bottom))
                elif obj["object_type"] == "line" and bottom - top < 0.05:
                    horizontal.append((top, x0, x1))
                drawn.append(Drawn(x0, top, x1, bottom))
            words = [{**w, "x0": w["x0"] * MM, "x1": w["x1"] * MM, "top": w["top"] * MM,
                      "bottom": w["bottom"] * MM} for w in page.extract_words()]
            pages.append(PdfPage(words, vertical, horizontal, drawn))
    return pages


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def squash(text: str) -> str:
    """Text compared without spaces, hyphens at breaks or case, and without the characters
    the PDF font lacks (the layout draws "?", Word a fallback font's glyph)."""
    return re.sub(r"[\s\-\u00ad?]+|[^\x00-\u024f]", "", text).lower()


def step_numbers(layout: SheetLayout) -> dict[str, str]:
    """The step id -> number text printed in the No column."""
    return {c.step_id: c.lines[0].text for p in layout.pages for t in p.tables
            for c in t.cells if c.role == "no" and c.step_id and c.lines}


def actor_names(case) -> dict[str, str]:
    if case.resolved is None:
        return {}
    return {a.id: a.nama for a in case.resolved.sop.pelaksana}


def step_row(page: PdfPage, number: str) -> tuple[float, float] | None:
    """(top, bottom) of the table row whose No cell shows ``number``, found in the PDF."""
    for word in page.words:
        if word["text"] == number:
            cols = page.columns_at((word["top"] + word["bottom"]) / 2)
            if len(cols) < 2 or not cols[0] <= word["x0"] <= cols[1]:
                continue
            rules = page.rows_at((word["x0"] + word["x1"]) / 2)
            above = [y for y in rules if y <= word["top"] + TOL]
            below = [y for y in rules if y >= word["bottom"] - TOL]
            if above and below:
                return max(above), min(below)
    return None


def actor_column(page: PdfPage, name: str, row_mid: float, header_bottom: float
                 ) -> tuple[float, float] | None:
    """(left, right) of the column whose header text (above the first step row) is ``name``."""
    edges = page.columns_at(row_mid)
    wanted = squash(name)
    best: tuple[int, tuple[float, float]] | None = None
    for left, right in itertools.pairwise(edges):
        words = sorted((w for w in page.words if w["bottom"] <= header_bottom + TOL
                        and left <= (w["x0"] + w["x1"]) / 2 <= right),
                       key=lambda w: (round(w["top"], 0), w["x0"]))
        text = squash("".join(w["text"] for w in words))
        if wanted in text and (best is None or len(text) - len(wanted) < best[0]):
            best = (len(text) - len(wanted), (left, right))
    return best[1] if best else None


def test_every_docx_reopens_with_python_docx(batch):
    for case in batch.values():
        document = docx.Document(io.BytesIO(case.docx.read_bytes()))
        tables = [t for p in case.layout.pages for t in sorted(p.tables, key=lambda t: t.y)]
        stacked = sum(1 for a, b in itertools.pairwise(tables) if abs(b.y - a.y - a.height) < 0.05)
        assert len(document.tables) == len(tables) - stacked, case.name
        assert document.core_properties.title, case.name


def test_pdf_page_count_equals_the_layout(batch):
    for case in batch.values():
        assert case.pdf is not None and case.pdf.exists(), f"{case.name}: not converted"
        with pdfplumber.open(case.pdf) as pdf:
            assert len(pdf.pages) == len(case.layout.pages), case.name


def test_symbols_sit_in_their_step_row_and_actor_column(batch):
    checked = 0
    for case in batch.values():
        if case.resolved is None:
            continue
        pages = read_pdf(case.pdf)
        numbers, names = step_numbers(case.layout), actor_names(case)
        for page_index, page in enumerate(case.layout.pages):
            pdf_page = pages[page_index]
            rows = [step_row(pdf_page, numbers[s.step_id]) for s in page.symbols
                    if s.step_id in numbers]
            header_bottom = min((r[0] for r in rows if r is not None), default=0.0)
            for symbol in page.symbols:
                where = f"{case.name} page {page_index + 1} {symbol.kind.value} {symbol.step_id}"
                drawn = [d for d in pdf_page.drawn if d.near(symbol.box)]
                assert drawn, f"{where}: not drawn at its layout box"
                if symbol.kind is SymbolKind.OFFPAGE or symbol.actor_id is None:
                    continue
                row = step_row(pdf_page, numbers[symbol.step_id])
                assert row is not None, f"{where}: row of step {numbers[symbol.step_id]} not found"
                # A start or end step of several actors is one capsule over their columns.
                step = case.resolved.sop.step(symbol.step_id)
                actors = [a for a in step.pelaksana if a in names] if step else []
                spans = [actor_column(pdf_page, names[a], (row[0] + row[1]) / 2, header_bottom)
                         for a in actors or [symbol.actor_id]]
                assert all(spans), f"{where}: columns of {actors}"
                column = (min(s[0] for s in spans if s), max(s[1] for s in spans if s))
                assert drawn[0].inside(column[0], row[0], column[1], row[1]), (
                    f"{where}: {drawn[0]} outside row {row} column {column}")
                checked += 1
    assert checked > 100


def _letters_outside_rows(layout: SheetLayout, pdf_page: PdfPage, index: int,
                         below: bool) -> set[str]:
    """Letters of off-page connectors drawn (letter inside the symbol, in the PDF) under the
    last step row (``below``) or above the first step row of layout page ``index``."""
    page = layout.pages[index]
    rows = [step_row(pdf_page, c.lines[0].text)
            for t in page.tables for c in t.cells if c.role == "no" and c.lines]
    found = [r for r in rows if r is not None]
    assert found, f"page {index + 1}: no step rows found in the PDF"
    letters = set()
    for symbol in page.symbols:
        if symbol.kind is not SymbolKind.OFFPAGE:
            continue
        box = symbol.box
        shown = any(w["text"] == symbol.text and box.x - TOL <= w["x0"]
                    and w["x1"] <= box.right + TOL and box.y - TOL <= w["top"]
                    and w["bottom"] <= box.bottom + TOL for w in pdf_page.words)
        assert shown, f"page {index + 1}: letter {symbol.text} not inside its connector"
        drawn = [d for d in pdf_page.drawn if d.near(box)]
        if not drawn:
            continue
        if (below and drawn[0].top >= max(r[1] for r in found) - TOL) or (
                not below and drawn[0].bottom <= min(r[0] for r in found) + TOL):
            letters.add(symbol.text)
    return letters


def test_offpage_pairs_sit_either_side_of_each_page_break(batch):
    breaks = 0
    for case in batch.values():
        layout, pages = case.layout, read_pdf(case.pdf)
        procedure = [i for i, p in enumerate(layout.pages) if p.kind == "prosedur"]
        for before, after in itertools.pairwise(procedure):
            out = _letters_outside_rows(layout, pages[before], before, below=True)
            into = _letters_outside_rows(layout, pages[after], after, below=False)
            assert out & into, f"{case.name}: no pair across pages {before + 1}-{after + 1}"
            breaks += 1
    assert breaks >= 5


def test_connectors_are_drawn_and_end_on_symbols(batch):
    checked = 0
    for case in batch.values():
        pages = read_pdf(case.pdf)
        for index, page in enumerate(case.layout.pages):
            pdf_page = pages[index]
            symbols = [d for s in page.symbols for d in pdf_page.drawn if d.near(s.box)]
            for connector in page.connectors:
                where = f"{case.name} p{index + 1} {connector.from_id}->{connector.to_id}"
                (sx, sy), (ex, ey) = connector.points[0], connector.points[-1]
                assert any(d.touches(sx, sy) for d in pdf_page.drawn
                           if (d.x1 - d.x0) + (d.bottom - d.top) > 1.0), f"{where}: no line"
                assert any(s.touches(ex, ey) for s in symbols), f"{where}: end not on a symbol"
                if connector.arrow:
                    heads = [d for d in pdf_page.drawn if d.touches(ex, ey, 0.3)
                             and d.x1 - d.x0 < 4 and d.bottom - d.top < 4]
                    assert heads, f"{where}: no arrowhead at its end"
                checked += 1
    assert checked > 50


def cell_text(pdf_page, box: Box) -> str:
    """The text LibreOffice drew inside ``box`` (mm) of a pdfplumber page."""
    bbox = ((box.x - TOL) / MM, (box.y - TOL) / MM, (box.right + TOL) / MM,
            (box.bottom + TOL) / MM)
    return pdf_page.within_bbox(bbox).extract_text() or ""


def test_every_step_text_is_in_its_cell_in_the_pdf(batch):
    for case in batch.values():
        source = {s.id: s.kegiatan for s in case.resolved.sop.langkah} if case.resolved else {}
        with pdfplumber.open(case.pdf) as pdf:
            for page, pdf_page in zip(case.layout.pages, pdf.pages, strict=True):
                for cell in (c for t in page.tables for c in t.cells if c.role == "kegiatan"):
                    drawn = squash(cell_text(pdf_page, cell.box))
                    expected = squash("".join(line.text for line in cell.lines))
                    assert drawn == expected, f"{case.name}: {cell.step_id}"
                    if case.name.startswith("seed-"):
                        assert drawn == squash(source[cell.step_id]), f"{case.name}: {cell.step_id}"


def test_hostile_text_is_escaped_and_shown(batch):
    case = batch["hostile"]
    xml = docx.Document(io.BytesIO(case.docx.read_bytes())).element.xml
    assert "\x00" not in xml and "\x0b" not in xml
    assert "\U0001f600\U0001f4c4" in xml  # emoji kept where the PDF shows "?"
    text = pdf_text(case.pdf)
    assert "A & B <c> \"d\" 'e'" in text


def test_two_renders_are_byte_identical(batch, tmp_path):
    for name in ("synth-40-long", "hostile"):
        case = batch[name]
        job = RenderJob(case.resolved, tmp_path / name)
        (again,) = FORMATS["docx"].load()(job)
        assert again.read_bytes() == case.docx.read_bytes(), name


def test_labels_sit_in_their_boxes(batch):
    checked = 0
    for case in batch.values():
        pages = read_pdf(case.pdf)
        for index, page in enumerate(case.layout.pages):
            for label in page.labels:
                box = label.box
                words = [w for w in pages[index].words if w["text"] == label.text]
                assert any(box.x - 1 <= w["x0"] and w["x1"] <= box.right + 1
                           and box.y - 1 <= w["top"] and w["bottom"] <= box.bottom + 1
                           for w in words), f"{case.name} p{index + 1}: label {label.text}"
                checked += 1
    assert checked >= 10


def test_page_count_matches_the_pdf_renderer(batch, tmp_path):
    for case in batch.values():
        if case.resolved is None:
            continue
        job = RenderJob(case.resolved, tmp_path / case.name)
        (reference,) = [p for p in FORMATS["pdf"].load()(job) if p.suffix == ".pdf"]
        with pdfplumber.open(reference) as pdf, pdfplumber.open(case.pdf) as from_docx:
            assert len(from_docx.pages) == len(pdf.pages), case.name


def test_logo_is_drawn_at_its_layout_box(batch):
    case = batch["hand"]
    ((_path, box),) = case.layout.pages[0].images
    with pdfplumber.open(case.pdf) as pdf:
        images = pdf.pages[0].images
    assert len(images) == 1
    drawn = Drawn(images[0]["x0"] * MM, images[0]["top"] * MM, images[0]["x1"] * MM,
                  images[0]["bottom"] * MM)
    assert drawn.near(box)


def test_table_rules_fall_on_the_layout_grid(batch):
    """The Word tables land where the layout put them: every edge of every bordered layout
    cell is a rule in the PDF (within 0.3 mm)."""
    for case in batch.values():
        pages = read_pdf(case.pdf)
        for index, page in enumerate(case.layout.pages):
            xs = sorted({x for x, _, _ in pages[index].vertical})
            ys = sorted({y for y, _, _ in pages[index].horizontal})
            cells = [c for t in page.tables for c in t.cells if c.border]
            where = f"{case.name} p{index + 1}"
            for x in {round(v, 2) for c in cells for v in (c.box.x, c.box.right)}:
                assert any(abs(x - found) <= 0.3 for found in xs), f"{where}: column {x:.1f}"
            for y in {round(v, 2) for c in cells for v in (c.box.y, c.box.bottom)}:
                assert any(abs(y - found) <= 0.3 for found in ys), f"{where}: row {y:.1f}"


def _corner_radius(path: list[tuple]) -> float:
    """How far in from its left edge a drawn outline's straight top edge begins, from its
    on-curve points (segment ends; Bezier control points left out), in PDF points."""
    points = [segment[-1] for segment in path if len(segment) > 1]  # "h" closes the path
    top = min(p[1] for p in points)
    left = min(p[0] for p in points)
    return min(p[0] for p in points if abs(p[1] - top) < 0.05) - left


def test_terminators_are_capsules_in_libreoffice(batch):
    checked = 0
    for case in batch.values():
        with pdfplumber.open(case.pdf) as pdf:
            for page, laid in zip(pdf.pages, case.layout.pages, strict=True):
                curves = [c for c in page.curves if c.get("path")]
                for symbol in laid.symbols:
                    if symbol.kind is not SymbolKind.TERMINATOR:
                        continue
                    found = [c for c in curves if Drawn(c["x0"] * MM, c["top"] * MM,
                                                        c["x1"] * MM, c["bottom"] * MM
                                                        ).near(symbol.box)]
                    assert found, f"{case.name}: terminator {symbol.step_id} not drawn"
                    radius = _corner_radius(found[0]["path"]) * MM
                    assert radius >= 0.4 * symbol.box.h, (case.name, symbol.step_id, radius)
                    checked += 1
    assert checked >= 10


def test_drafts_say_draf_on_every_page(batch):
    drafts = [c for c in batch.values() if c.resolved is not None
              and c.resolved.sop.status.value == "draf"]
    assert len(drafts) >= 2
    for case in drafts:
        with pdfplumber.open(case.pdf) as pdf:
            assert all("DRAF" in (p.extract_text() or "") for p in pdf.pages), case.name
