"""Connectors stay off the table's own lines: a run along a column border or a row line is
invisible on paper (seeds, stress cases on every paper, and the unseen e2e corpus)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sop_docs.layout.geometry import Page, SheetLayout
from sop_docs.layout.routing import BORDER_CLEARANCE, lane_positions
from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.build import load_corpus
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import Kertas, Orientasi

from .conftest import REPO, stress_cases, with_paper

NEAR = 1.0  # mm: a run this close to a table line reads as the line itself
CROSSING = 2.0  # mm: a run along a line no longer than this is a crossing, not a hiding


def _lines(page: Page) -> tuple[list[float], list[float]]:
    """x of every column border and y of every row line of the procedure table."""
    table = page.tables[0]
    xs, ys = [table.x], [table.y]
    for w in table.col_widths:
        xs.append(xs[-1] + w)
    for h in table.row_heights:
        ys.append(ys[-1] + h)
    return xs, ys


def hidden_runs(layout: SheetLayout) -> list[tuple[int, str, str, float, float]]:
    """Each connector segment lying along a table line for more than a crossing."""
    found = []
    for page in layout.pages:
        if page.kind != "prosedur":
            continue
        xs, ys = _lines(page)
        for c in page.connectors:
            for (x1, y1), (x2, y2) in itertools.pairwise(c.points):
                vertical = abs(x1 - x2) < 0.01
                along, across, lines = ((abs(y1 - y2), x1, xs) if vertical
                                        else (abs(x1 - x2), y1, ys))
                if along > CROSSING and any(abs(across - v) < NEAR for v in lines):
                    found.append((page.number, c.from_id, c.to_id, across, along))
    return found


def _corpus_sops() -> list[ResolvedSOP]:
    seeds, _ = load_corpus(REPO)
    unseen, _ = load_corpus(REPO / "tests" / "e2e" / "corpus")
    return [*seeds.sops, *unseen.sops]


CASES = {r.sop.id: r for r in _corpus_sops()} | stress_cases()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(("kertas", "orientasi"), [(None, None), (Kertas.A4, Orientasi.POTRET),
                                                   (Kertas.F4, Orientasi.LANSKAP)])
def test_no_connector_runs_along_a_table_line(name, kertas, orientasi):
    resolved = CASES[name]
    if kertas is not None:
        resolved = with_paper(resolved, kertas, orientasi)
    assert hidden_runs(layout_sheet(resolved)) == []


def test_lanes_skip_the_band_around_a_border():
    xs = lane_positions(1, 165.0, 178.0, [150.0, 171.5])
    assert abs(xs[0] - 171.5) >= BORDER_CLEARANCE
    many = lane_positions(4, 165.0, 178.0, [171.5])
    assert many == sorted(many)
    assert all(abs(x - 171.5) >= BORDER_CLEARANCE - 1e-9 for x in many)
    assert all(165.0 < x < 178.0 for x in many)


def test_a_squeezed_strip_still_keeps_lanes_off_the_border():
    xs = lane_positions(3, 170.0, 171.0, [171.5])
    assert all(abs(x - 171.5) >= BORDER_CLEARANCE - 1e-9 for x in xs)
    assert all(b - a >= 0.5 - 1e-9 for a, b in itertools.pairwise(xs))


def test_the_e2e_corpus_is_covered():
    assert {"ngawen-pelayanan-sktm", "dpupr-pengadaan-langsung"} <= set(CASES)
    assert Path(REPO / "tests" / "e2e" / "corpus").is_dir()
