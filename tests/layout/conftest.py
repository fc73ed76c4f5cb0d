"""Fixtures of the sheet tests: the seed corpus, stress and hostile SOPs, and the geometry
checks every layout must pass (exposed as the ``check_layout`` fixture)."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from sop_docs.layout.geometry import Box, Connector, SheetLayout, Symbol, SymbolKind
from sop_docs.layout.sheet import layout_sheet
from sop_docs.layout.symbols import outline
from sop_docs.model.build import load_corpus
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.settings import Kertas, Margin, Orientasi, TataLetak
from sop_docs_demo.synthetic import synthetic_sop

REPO = Path(__file__).resolve().parents[2]
EPS = 0.06  # mm: coordinates are rounded to 0.001 and capsules approximated by arcs


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    corpus, problems = load_corpus(REPO)
    assert corpus.sops, problems
    return corpus


def with_paper(resolved: ResolvedSOP, kertas: Kertas, orientasi: Orientasi,
               maks: int | None = None) -> ResolvedSOP:
    """The same SOP on another paper (and step limit)."""
    tata = TataLetak(kertas=kertas, orientasi=orientasi, margin=Margin(),
                     maks_langkah_per_halaman=maks)
    return dataclasses.replace(resolved, tata_letak=tata)


def stress_cases() -> dict[str, ResolvedSOP]:
    """Generated SOPs at the sizes the issue names, on every paper."""
    big = synthetic_sop(7, steps=40, actors=8, decisions=3, multi_actor=3, long_text=True)
    return {
        "12-steps": synthetic_sop(1, steps=12, actors=4, decisions=1),
        "40-steps-8-actors": big,
        "40-steps-a4-portrait": with_paper(big, Kertas.A4, Orientasi.POTRET),
        "40-steps-f4-portrait-max5": with_paper(big, Kertas.F4, Orientasi.POTRET, 5),
        "a4-landscape-3-loops": with_paper(
            synthetic_sop(11, steps=24, actors=5, decisions=3, multi_actor=2),
            Kertas.A4, Orientasi.LANSKAP, 6),
        "one-actor": synthetic_sop(3, steps=6, actors=1, decisions=1, multi_actor=0),
        "ten-actors": synthetic_sop(5, steps=20, actors=10, decisions=2, multi_actor=2),
    }


# --- geometry helpers ------------------------------------------------------------------

Point = tuple[float, float]


def _segments(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(points))


def _dist_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def on_boundary(p: Point, symbol: Symbol) -> bool:
    """True when ``p`` lies on the symbol's drawn outline."""
    poly = outline(symbol)
    return any(_dist_to_segment(p, a, b) <= EPS for a, b in zip(poly, poly[1:] + poly[:1],
                                                                  strict=True))


def strictly_inside(p: Point, symbol: Symbol) -> bool:
    """True when ``p`` is inside the outline and not on it."""
    poly = outline(symbol)
    inside = False
    x, y = p
    for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1], strict=True):
        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
            inside = not inside
    return inside and not on_boundary(p, symbol)


def _samples(a: Point, b: Point, step: float = 0.2) -> list[Point]:
    n = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) / step))
    return [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)]


def _in_box(p: Point, box: Box, shrink: float = EPS) -> bool:
    return (box.x + shrink < p[0] < box.right - shrink
            and box.y + shrink < p[1] < box.bottom - shrink)


def _endpoint_symbol(point: Point, connector: Connector, symbols: tuple[Symbol, ...],
                     step_id: str) -> Symbol | None:
    for s in symbols:
        related = s.step_id == step_id or (
            s.kind is SymbolKind.OFFPAGE and s.step_id in (connector.from_id, connector.to_id))
        if related and on_boundary(point, s):
            return s
    return None


def check_layout(layout: SheetLayout, resolved: ResolvedSOP) -> None:
    """Every geometric promise of the sheet, on every page."""
    width, height = resolved.tata_letak.kertas.mm if resolved.tata_letak.kertas else (0, 0)
    if resolved.tata_letak.orientasi is Orientasi.LANSKAP:
        width, height = height, width
    margin = resolved.tata_letak.margin or Margin()
    body = Box(margin.kiri, margin.atas, width - margin.kiri - margin.kanan,
               height - margin.atas - margin.bawah)
    placed_steps: dict[str, int] = defaultdict(int)
    letters: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for page in layout.pages:
        assert (page.width, page.height) == pytest.approx((width, height))
        for table in page.tables:
            table_box = Box(table.x, table.y, table.width, table.height)
            assert body.contains(table_box, 0.01), (page.number, table.role)
            for cell in table.cells:
                assert table_box.contains(cell.box)
                for line in cell.lines:
                    # Text stays inside its cell, horizontally and vertically.
                    assert line.x >= cell.box.x + 0.5, (line, cell.box)
                    assert line.x + line.width <= cell.box.right - 0.5, (line, cell.box)
                    assert cell.box.y < line.baseline < cell.box.bottom, (line, cell.box)
        for text in page.texts:
            assert body.x - 0.01 <= text.x and text.x + text.width <= body.right + 0.01
            assert body.y < text.baseline <= body.bottom
        actor_cells = {(c.step_id, c.box): c.col for t in page.tables for c in t.cells
                       if c.role == "pelaksana"}
        actor_index = {a.id: i for i, a in enumerate(resolved.sop.pelaksana)}
        for s in page.symbols:
            assert s.area is not None
            assert s.area.contains(s.box), (s.step_id, s.box, s.area)
            if s.kind is SymbolKind.OFFPAGE:
                letters[s.text].append((page.number, s.direction))
                continue
            placed_steps[s.step_id] += 1
            step = resolved.sop.step(s.step_id)
            # The symbol's area is exactly its row's cells in its actors' columns: one cell,
            # or (a start/end step of several actors: one capsule) the run from the first
            # actor's column to the last one's.
            covered = sorted(col for (sid, box), col in actor_cells.items()
                             if sid == s.step_id and s.area.contains(box))
            assert covered, (s.step_id, s.area)
            assert sum(b.w for (sid, b) in actor_cells if sid == s.step_id
                       and s.area.contains(b)) == pytest.approx(s.area.w), (s.step_id, s.area)
            # ... starting in the column of its pelaksana (columns: No, Kegiatan, then actors).
            assert covered[0] == 2 + actor_index[s.actor_id or ""]
            if len(covered) > 1:
                assert s.kind is SymbolKind.TERMINATOR and step is not None
                own = sorted(2 + actor_index[a] for a in step.pelaksana if a in actor_index)
                assert (covered[0], covered[-1]) == (own[0], own[-1]), (s.step_id, covered)
            assert step is not None and (s.actor_id in step.pelaksana or not (
                set(step.pelaksana) & set(actor_index)))
        for a in page.symbols:
            for b in page.symbols:
                if a is not b:
                    assert not (_in_box((a.box.cx, a.box.cy), b.box, 0)), (a, b)
        _check_connectors(page.connectors, page.symbols, [lb.box for lb in page.labels])
    steps = {s.id for s in resolved.sop.langkah}
    assert set(placed_steps) == steps
    for letter, ends in letters.items():
        assert sorted(d for _, d in ends) == ["in", "out"], (letter, ends)
        (p1, _), (p2, _) = ends
        assert abs(p1 - p2) == 1, (letter, ends)


def _check_connectors(connectors: tuple[Connector, ...], symbols: tuple[Symbol, ...],
                      labels: list[Box]) -> None:
    verticals: list[tuple[float, float, float, Connector]] = []
    for c in connectors:
        assert len(c.points) >= 2
        for a, b in _segments(c.points):
            assert a[0] == pytest.approx(b[0], abs=1e-6) or a[1] == pytest.approx(b[1], abs=1e-6), \
                f"not orthogonal: {c}"
            for p in _samples(a, b):
                for s in symbols:
                    assert not strictly_inside(p, s), f"{c.from_id}->{c.to_id} crosses {s.step_id}"
                for box in labels:
                    assert not _in_box(p, box), f"{c.from_id}->{c.to_id} crosses a label"
            if a[0] == b[0] and c.kind != "join":
                verticals.append((a[0], min(a[1], b[1]), max(a[1], b[1]), c))
        start = _endpoint_symbol(c.points[0], c, symbols, c.from_id)
        end = _endpoint_symbol(c.points[-1], c, symbols, c.to_id)
        assert start is not None, f"{c.from_id}->{c.to_id} does not start on a symbol"
        assert end is not None, f"{c.from_id}->{c.to_id} does not end on a symbol"
    # No two connectors run on top of each other (a shared arrival point is allowed).
    for i, (x1, lo1, hi1, c1) in enumerate(verticals):
        for x2, lo2, hi2, c2 in verticals[i + 1:]:
            if c1 is c2 or abs(x1 - x2) > 0.05:
                continue
            if c1.points[-1] == c2.points[-1] or c1.points[0] == c2.points[0]:
                continue
            overlap = min(hi1, hi2) - max(lo1, lo2)
            assert overlap < 0.1, f"{c1.from_id}->{c1.to_id} overlaps {c2.from_id}->{c2.to_id}"


@pytest.fixture
def layout_checker() -> Callable[[SheetLayout, ResolvedSOP], None]:
    """The geometry checks, as a fixture for test modules."""
    return check_layout


@pytest.fixture(scope="session")
def stress() -> dict[str, ResolvedSOP]:
    return stress_cases()


@pytest.fixture(scope="session")
def sheet_of() -> Callable[[ResolvedSOP], SheetLayout]:
    return layout_sheet


def seed_and_stress(seed_corpus: Corpus) -> dict[str, ResolvedSOP]:
    """The sheets the PDF tests read back: every seed and two stress SOPs (8 actors; A4
    portrait)."""
    chosen = {r.sop.id: r for r in seed_corpus.sops}
    stress = stress_cases()
    chosen["stress-40"] = stress["40-steps-8-actors"]
    chosen["stress-a4"] = stress["40-steps-a4-portrait"]
    return chosen
