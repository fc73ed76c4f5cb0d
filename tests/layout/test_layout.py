"""The layout's geometric promises, on the seeds and on generated stress cases."""

from __future__ import annotations

import pytest

from sop_docs.layout.geometry import SymbolKind
from sop_docs.model.settings import Kertas, Orientasi
from sop_docs_demo.synthetic import synthetic_sop

from .conftest import check_layout, stress_cases, with_paper

STRESS = stress_cases()
PAPERS = [(k, o) for k in Kertas for o in Orientasi]


def test_seed_sheets_keep_every_promise(seed_corpus, sheet_of):
    for resolved in seed_corpus.sops:
        layout = sheet_of(resolved)
        check_layout(layout, resolved)
        assert not [d for d in layout.diagnostics if d.severity.value == "error"]


@pytest.mark.parametrize(("kertas", "orientasi"), PAPERS, ids=lambda v: v.value)
def test_seeds_on_every_paper(seed_corpus, sheet_of, kertas, orientasi):
    for resolved in seed_corpus.sops:
        moved = with_paper(resolved, kertas, orientasi)
        check_layout(sheet_of(moved), moved)


@pytest.mark.parametrize("name", sorted(STRESS))
def test_stress_sheets_keep_every_promise(name, sheet_of):
    check_layout(sheet_of(STRESS[name]), STRESS[name])


def test_multi_actor_steps_have_a_joined_symbol_per_actor(sheet_of):
    resolved = STRESS["40-steps-8-actors"]
    layout = sheet_of(resolved)
    multi = [s for s in resolved.sop.langkah if len(s.pelaksana) > 1]
    assert multi
    for step in multi:
        symbols = [s for p in layout.pages for s in p.symbols
                   if s.step_id == step.id and s.kind is not SymbolKind.OFFPAGE]
        assert sorted(s.actor_id for s in symbols) == sorted(step.pelaksana)
        joins = [c for p in layout.pages for c in p.connectors
                 if c.kind == "join" and c.from_id == step.id]
        assert len(joins) == len(step.pelaksana) - 1


def test_decision_exits_are_labelled_and_loops_enter_from_the_side(sheet_of):
    resolved = STRESS["40-steps-8-actors"]
    layout = sheet_of(resolved)
    sop = resolved.sop
    connectors = [c for p in layout.pages for c in p.connectors]
    order = {s.id: i for i, s in enumerate(sop.langkah)}
    for step in sop.langkah:
        for cabang in step.cabang:
            pieces = [c for c in connectors if c.from_id == step.id and c.to_id == cabang.ke]
            labels = [c.label.text for c in pieces if c.label is not None]
            assert labels == [cabang.label]
            if order[cabang.ke] <= order[step.id]:
                assert all(c.kind == "back" for c in pieces)
                assert all(c.end_side in ("right", "top") for c in pieces)


def test_max_steps_per_page_is_honoured(sheet_of):
    resolved = STRESS["40-steps-f4-portrait-max5"]
    layout = sheet_of(resolved)
    for page in layout.pages:
        if page.kind == "prosedur":
            rows = {c.step_id for t in page.tables for c in t.cells if c.step_id}
            assert 1 <= len(rows) <= 5


def test_every_page_repeats_the_two_header_rows(sheet_of):
    layout = sheet_of(STRESS["40-steps-8-actors"])
    procedure = [p for p in layout.pages if p.kind == "prosedur"]
    assert len(procedure) > 2
    for page in procedure:
        table = page.tables[0]
        texts = {line.text for c in table.cells if c.role == "header" for line in c.lines}
        assert {"No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu",
                "Output", "Keterangan"} <= texts
        assert table.header_rows == 2


def test_columns_adapt_to_actor_count_and_paper(sheet_of):
    widths = {}
    for actors in (1, 4, 10):
        resolved = synthetic_sop(2, steps=10, actors=actors, decisions=0, multi_actor=0)
        for kertas, orientasi in PAPERS:
            moved = with_paper(resolved, kertas, orientasi)
            page = sheet_of(moved).pages[-1]
            table = page.tables[0]
            margin = moved.tata_letak.margin
            assert margin is not None
            assert table.width == pytest.approx(page.width - margin.kiri - margin.kanan)
            widths[(actors, kertas, orientasi)] = table.col_widths[2]
    assert widths[(1, Kertas.F4, Orientasi.LANSKAP)] > widths[(10, Kertas.F4, Orientasi.LANSKAP)]
    assert widths[(10, Kertas.F4, Orientasi.LANSKAP)] > widths[(10, Kertas.A4, Orientasi.POTRET)]


def test_layout_is_deterministic(sheet_of):
    resolved = STRESS["40-steps-8-actors"]
    assert sheet_of(resolved) == sheet_of(resolved)
