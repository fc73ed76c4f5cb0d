"""The PDF read back with pdfplumber: capsule terminators (corner radius measured from the
drawn outline), decision labels beside their exit (not the incoming line), one start and
one end terminator, for every seed and the stress cases; and the pagination promises."""

from __future__ import annotations

import io
import math

import pdfplumber
import pytest

from sop_docs.layout.geometry import Box, Connector, SheetLayout, SymbolKind
from sop_docs.layout.paginate import paginate
from sop_docs.layout.sheet import layout_sheet
from sop_docs.render.pdf import pdf_bytes

from .conftest import stress_cases

MM = 72 / 25.4
Point = tuple[float, float]


@pytest.fixture(scope="module")
def read_back(seed_corpus) -> dict[str, tuple[SheetLayout, list[dict]]]:
    """Every seed and stress SOP: its layout and, per PDF page, the drawn curves and words."""
    chosen = {r.sop.id: r for r in seed_corpus.sops} | stress_cases()
    result = {}
    for name, resolved in chosen.items():
        layout = layout_sheet(resolved)
        with pdfplumber.open(io.BytesIO(pdf_bytes(layout))) as pdf:
            pages = [{"curves": [c["pts"] for c in p.curves],
                      "words": p.extract_words(keep_blank_chars=False)} for p in pdf.pages]
        result[name] = (layout, pages)
    return result


def _outline_of(curves: list[list[Point]], box: Box) -> list[Point] | None:
    """The drawn outline (pdfplumber points, in pt) whose bounding box is ``box``."""
    want = (box.x * MM, box.y * MM, box.right * MM, box.bottom * MM)
    for pts in curves:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        got = (min(xs), min(ys), max(xs), max(ys))
        if all(abs(a - b) < 0.4 for a, b in zip(got, want, strict=True)):
            return pts
    return None


def corner_radius(pts: list[Point]) -> float:
    """The radius of a rounded outline's corners, from its points alone: how far in from
    the left edge its straight top edge begins."""
    top = min(p[1] for p in pts)
    left = min(p[0] for p in pts)
    top_edge = [p[0] for p in pts if abs(p[1] - top) < 0.05]
    return min(top_edge) - left


def test_terminators_are_capsules_in_the_pdf(read_back):
    checked = 0
    for name, (layout, pages) in read_back.items():
        for laid, page in zip(layout.pages, pages, strict=True):
            for symbol in laid.symbols:
                if symbol.kind is not SymbolKind.TERMINATOR:
                    continue
                pts = _outline_of(page["curves"], symbol.box)
                assert pts is not None, (name, laid.number, symbol.step_id)
                height = symbol.box.h * MM
                assert corner_radius(pts) >= 0.4 * height, (name, symbol.step_id)
                checked += 1
    assert checked >= 2 * len(read_back)


def test_a_square_corner_is_measured_as_such():
    """corner_radius can fail: a plain rectangle has none."""
    assert corner_radius([(0, 0), (50, 0), (50, 20), (0, 20)]) == 0
    capsule = [(10 + 10 * math.cos(a / 10), 10 - 10 * math.sin(a / 10)) for a in range(16, 32)]
    assert corner_radius([*capsule, (40, 0), (40, 20)]) > 8


def test_one_start_and_one_end_terminator(read_back):
    for name, (layout, _pages) in read_back.items():
        terminators = [s for p in layout.pages for s in p.symbols
                       if s.kind is SymbolKind.TERMINATOR]
        assert len(terminators) == 2, (name, [s.step_id for s in terminators])


def _distance(box: Box, a: Point, b: Point) -> float:
    """Distance from a box to an axis-parallel segment, mm."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    dx = max(box.x - x1, x0 - box.right, 0.0)
    dy = max(box.y - y1, y0 - box.bottom, 0.0)
    return math.hypot(dx, dy)


def _word_box(words: list[dict], text: str, near: Box) -> Box | None:
    """Where the PDF prints ``text`` closest to the layout's label box, in mm."""
    found = [Box(w["x0"] / MM, w["top"] / MM, (w["x1"] - w["x0"]) / MM,
                 (w["bottom"] - w["top"]) / MM) for w in words if w["text"] == text]
    found = [b for b in found if abs(b.cx - near.cx) < 3 and abs(b.cy - near.cy) < 3]
    return found[0] if found else None


def _segments(connector: Connector, first: bool) -> list[tuple[Point, Point]]:
    pts = connector.points
    return [(pts[0], pts[1])] if first else [(pts[-2], pts[-1])]


def test_decision_labels_sit_by_their_exit_not_the_incoming_line(read_back):
    checked = 0
    for name, (layout, pages) in read_back.items():
        for laid, page in zip(layout.pages, pages, strict=True):
            for connector in laid.connectors:
                label = connector.label
                if label is None or label.text.endswith("…"):
                    continue
                printed = _word_box(page["words"], label.text.split("\n")[0], label.box)
                assert printed is not None, (name, laid.number, label.text)
                exit_d = _distance(printed, *_segments(connector, first=True)[0])
                incoming = [c for c in laid.connectors if c.to_id == label.step_id
                            and c.kind != "join"]
                for other in incoming:
                    in_d = _distance(printed, *_segments(other, first=False)[0])
                    assert exit_d < in_d, (name, laid.number, label.step_id, label.text)
                assert exit_d < 4.0, (name, label.step_id, exit_d)
                checked += 1
    assert checked >= 10


def test_sukoharjo_step_7_tidak_is_on_its_loop_exit(read_back):
    layout, _pages = read_back["sukoharjo-bulu-pengumpulan-data-kinerja"]
    labels = [c.label for p in layout.pages for c in p.connectors if c.label is not None]
    tidak = [lb for lb in labels if lb.text == "Tidak"]
    assert tidak
    for label in tidak:
        decision = next(s for p in layout.pages for s in p.symbols
                        if s.step_id == label.step_id and s.kind is SymbolKind.KEPUTUSAN)
        assert label.box.x > decision.box.cx + 2  # right of the top point's incoming line
        assert label.box.bottom <= decision.box.cy + 0.01  # above the side exit


def test_purwakarta_arsip_procedure_has_no_lone_last_step(read_back):
    layout, _pages = read_back["purwakarta-arsip-pengumpulan-data-kinerja"]
    procedure = [p for p in layout.pages if p.kind == "prosedur"]
    assert len(procedure) == 1
    steps = {c.step_id for c in procedure[0].tables[0].cells if c.step_id}
    assert len(steps) == 9


def test_no_lone_last_step_when_the_page_before_has_room(read_back):
    for name, (layout, _pages) in read_back.items():
        procedure = [p for p in layout.pages if p.kind == "prosedur"]
        if len(procedure) < 2:
            continue
        last = procedure[-1].tables[0]
        before = procedure[-2].tables[0]
        last_rows = [c for c in last.cells if c.role == "no"]
        if len(last_rows) != 1:
            continue
        # The lone row would not fit where the page before has its bottom band.
        band = before.row_heights[-1]
        free = (before.y + before.height - band) + last_rows[0].box.h
        page_bottom = layout.pages[0].height - 15.0 - 5.0  # margin and footer line
        assert free > page_bottom, name


def test_paginate_fills_the_last_page_without_its_band():
    # 3 rows of 40 mm: 120 mm fit in 125 mm of room, not with a 9 mm band under them.
    assert paginate([40.0] * 3, 125.0, 9.0, None) == [[0, 1, 2]]
    assert paginate([40.0] * 4, 125.0, 9.0, None) == [[0, 1], [2, 3]]
    assert paginate([40.0] * 3, 125.0, 9.0, 2) == [[0, 1], [2]]
    assert paginate([200.0, 10.0], 125.0, 9.0, None) == [[0], [1]]
    assert paginate([], 125.0, 9.0, None) == []


def test_paginate_keeps_a_last_step_company():
    # Greedy gives [0 1 2] [3 4 5] [6]: the last step takes step 5 along.
    assert paginate([30.0] * 7, 125.0, 9.0, None) == [[0, 1, 2], [3, 4], [5, 6]]
    # ... unless the page before would keep fewer than two rows, or both do not fit.
    assert paginate([50.0] * 3, 125.0, 9.0, None) == [[0, 1], [2]]
    assert paginate([30.0] * 6 + [100.0], 125.0, 9.0, None)[-1] == [6]
    # A tail (the signature block) needs room on the last page too.
    assert paginate([40.0] * 3, 125.0, 9.0, None, tail=10.0) == [[0, 1], [2]]


def test_a_label_too_long_for_its_exit_is_cut_and_reported():
    import dataclasses

    resolved = stress_cases()["ten-actors"]
    sop = resolved.sop
    index = next(i for i, s in enumerate(sop.langkah) if s.cabang)
    step = sop.langkah[index]
    long = "Tidak memenuhi persyaratan administrasi dan teknis"
    cabang = tuple(c.model_copy(update={"label": long}) for c in step.cabang)
    steps = list(sop.langkah)
    steps[index] = step.model_copy(update={"cabang": cabang})
    edited = dataclasses.replace(resolved, sop=sop.model_copy(update={"langkah": tuple(steps)}))
    layout = layout_sheet(edited)
    labels = [lb for p in layout.pages for lb in p.labels if lb.step_id == step.id]
    assert labels and all(lb.text.endswith("…") and lb.size_pt >= 5 for lb in labels)
    assert [d.code for d in layout.diagnostics].count("SHT011") == len(labels)
    assert "SHT011" not in {d.code for d in layout_sheet(resolved).diagnostics}
