"""The PDF read back with pdfplumber: pages, sizes, text and every drawn shape match the
layout, so the PDF shows exactly what the layout computed."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pdfplumber
import pypdfium2
import pytest

from sop_docs.layout.geometry import Box, SheetLayout, SymbolKind
from sop_docs.render.canvas import arrow_split
from sop_docs.render.layout_json import layout_json
from sop_docs.render.pdf import pdf_bytes

from .conftest import seed_and_stress

pytestmark = pytest.mark.xdist_group("sheet-pdf")  # they share one set of parsed PDFs

MM = 72 / 25.4
TOLERANCE = 0.35  # pt


def _documents(seed_corpus) -> dict[str, tuple[SheetLayout, bytes]]:
    from sop_docs.layout.sheet import layout_sheet

    result = {}
    for name, resolved in seed_and_stress(seed_corpus).items():
        layout = layout_sheet(resolved)
        result[name] = (layout, pdf_bytes(layout))
    return result


@dataclass(frozen=True)
class ReadBack:
    """What pdfplumber found on one page: its size, characters and drawn shapes."""

    width: float
    height: float
    chars: list[dict]
    drawn: list[tuple[float, float, float, float]]


@pytest.fixture(scope="module")
def documents(seed_corpus) -> dict[str, tuple[SheetLayout, bytes, list[ReadBack], dict]]:
    """Each PDF rendered once and parsed once by pdfplumber."""
    result = {}
    for name, (layout, data) in _documents(seed_corpus).items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [ReadBack(p.width, p.height, p.chars, _drawn(p)) for p in pdf.pages]
            result[name] = (layout, data, pages, dict(pdf.metadata))
    return result


def _bbox(box: Box) -> tuple[float, float, float, float]:
    return (box.x * MM, box.y * MM, box.right * MM, box.bottom * MM)


def _points_bbox(points) -> tuple[float, float, float, float]:
    xs = [p[0] * MM for p in points]
    ys = [p[1] * MM for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _drawn(page) -> list[tuple[float, float, float, float]]:
    return [(o["x0"], o["top"], o["x1"], o["bottom"])
            for o in page.rects + page.curves + page.lines]


def _has(drawn, expected) -> bool:
    return any(all(abs(a - b) <= TOLERANCE for a, b in zip(d, expected, strict=True))
               for d in drawn)


def test_pages_and_sizes_are_as_laid_out(documents):
    for name, (layout, _data, pages, metadata) in documents.items():
        assert len(pages) == len(layout.pages), name
        for page, laid in zip(pages, layout.pages, strict=True):
            assert page.width / MM == pytest.approx(laid.width, abs=0.05)
            assert page.height / MM == pytest.approx(laid.height, abs=0.05)
        # The information dictionary a plain reader shows (it agrees with the XMP:
        # test_pdfa.py); pdfplumber reads it back.
        assert metadata["Title"] == layout.title, name


def _text_in(chars: list[dict], box: Box) -> str:
    """The characters drawn wholly inside ``box``, in reading order, without spaces."""
    x0, top, x1, bottom = _bbox(box)
    inside = [c for c in chars if c["x0"] >= x0 - 0.1 and c["x1"] <= x1 + 0.1
              and c["top"] >= top - 0.1 and c["bottom"] <= bottom + 0.1]
    inside.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
    return "".join("".join(c["text"] for c in inside).split())


def test_every_cell_shows_its_text_where_laid_out(documents):
    for name, (layout, _data, pages, _meta) in documents.items():
        for page, laid in zip(pages, layout.pages, strict=True):
            for table in laid.tables:
                for cell in table.cells:
                    if not cell.lines:  # actor and band cells: symbols and labels only
                        continue
                    want = "".join("".join(line.text for line in cell.lines).split())
                    got = _text_in(page.chars, cell.box)
                    assert got == want, (name, laid.number, cell.role, got, want)


def test_every_step_text_is_in_the_pdf(seed_corpus):
    """Read back with another library (pdfium), the whole activity text of each seed step."""
    from sop_docs.layout.sheet import layout_sheet

    for resolved in seed_corpus.sops:
        document = pypdfium2.PdfDocument(pdf_bytes(layout_sheet(resolved)))
        text = "".join("".join(document[i].get_textpage().get_text_range().split())
                       for i in range(len(document)))
        for step in resolved.sop.langkah:
            assert "".join(step.kegiatan.split()) in text, (resolved.sop.id, step.id)


def _json_box(box: dict) -> tuple[float, float, float, float]:
    return _bbox(Box(box["x"], box["y"], box["w"], box["h"]))


def test_every_shape_in_the_layout_json_is_drawn_in_the_pdf(documents):
    """Cells, symbols and connectors as the layout JSON states them, found among the
    rectangles, curves and lines pdfplumber reads from the PDF."""
    for name, (layout, _data, pages, _meta) in documents.items():
        data = json.loads(layout_json(layout))
        assert len(data["pages"]) == len(pages)
        for page, laid in zip(pages, data["pages"], strict=True):
            drawn = page.drawn
            for table in laid["tables"]:
                for cell in table["cells"]:
                    if cell["border"]:  # the signature block under the table has none
                        assert _has(drawn, _json_box(cell["box"])), (name, laid["number"], cell)
            for symbol in laid["symbols"]:
                assert _has(drawn, _json_box(symbol["box"])), (name, laid["number"], symbol)
            for connector in laid["connectors"]:
                points = [tuple(p) for p in connector["points"]]
                if connector["arrow"]:
                    points = arrow_split(points)[0]
                assert _has(drawn, _points_bbox(points)), (name, laid["number"], connector)


def test_a_shape_missing_from_the_pdf_is_noticed(documents):
    """The matching above can fail: a box shifted by 1 mm is not found."""
    layout, _data, pages, _meta = documents["stress-40"]
    symbol = layout.pages[1].symbols[0]
    assert _has(pages[1].drawn, _bbox(symbol.box))
    moved = Box(symbol.box.x + 1, symbol.box.y, symbol.box.w, symbol.box.h)
    assert not _has(pages[1].drawn, _bbox(moved))


def test_offpage_letters_are_printed(documents):
    layout, _data, pages, _meta = documents["stress-40"]
    letters = 0
    for page, laid in zip(pages, layout.pages, strict=True):
        for symbol in laid.symbols:
            if symbol.kind is SymbolKind.OFFPAGE:
                assert _text_in(page.chars, symbol.box) == symbol.text
                letters += 1
    assert letters >= 2


def test_pdf_is_deterministic_and_embeds_its_fonts(documents):
    layout, data, pages, _meta = documents["stress-40"]
    assert pdf_bytes(layout) == data
    fonts = {c["fontname"] for c in pages[1].chars}
    assert fonts == {"MPDFAA+LiberationSans", "MPDFAA+LiberationSansBold"}
    assert b"/FontFile2" in data
