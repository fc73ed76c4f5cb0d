"""The procedure table's header: one type size per header row, no pelaksana name broken
inside a word (narrower neighbours give width first), and the waktu unit in the Waktu
title when the SOP (or the project) sets one."""

from __future__ import annotations

import dataclasses

import pytest

from sop_docs.layout.fonts import text_width
from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.build import load_corpus
from sop_docs.model.settings import Kertas, Orientasi
from sop_docs.model.values import SatuanWaktu

from .conftest import REPO, stress_cases, with_paper

UNSEEN, _ = load_corpus(REPO / "tests" / "e2e" / "corpus")
SEEDS, _ = load_corpus(REPO)
BAPPEDA = next(r for r in UNSEEN.sops if r.sop.id == "bappeda-penyusunan-renja")
CASES = {r.sop.id: r for r in [*SEEDS.sops, *UNSEEN.sops]} | {
    f"{name}-a4-potret": with_paper(r, Kertas.A4, Orientasi.POTRET)
    for name, r in stress_cases().items()}


def _header(resolved):
    page = next(p for p in layout_sheet(resolved).pages if p.kind == "prosedur")
    table = page.tables[0]
    return table, [c for c in table.cells if c.role == "header"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_type_size_per_header_row_and_no_broken_name(name):
    resolved = CASES[name]
    table, cells = _header(resolved)
    for row in (0, 1):
        assert len({ln.size_pt for c in cells if c.row == row for ln in c.lines}) == 1, row
    names = {a.id: a.nama for a in resolved.sop.pelaksana}
    actor_cols = [c for c in cells if c.row == 1 and c.col in range(2, 2 + len(names))]
    for cell in actor_cols:
        printed = [w for ln in cell.lines for w in ln.text.split()]
        wanted = list(resolved.sop.pelaksana)[cell.col - 2].nama.split()
        fits = all(text_width(w, 5.0, bold=True) + 2.6 <= cell.box.w for w in wanted)
        assert printed == wanted or not fits, (cell.col, printed)
    assert abs(sum(table.col_widths) - table.width) < 1e-6


def test_a4_portrait_five_pelaksana_keep_perencanaan_whole():
    _, cells = _header(BAPPEDA)
    words = [w for c in cells for ln in c.lines for w in ln.text.split()]
    assert "Perencanaan" in words and "Perencana" not in {w for w in words if w != "Perencana"}
    assert "an" not in words


def test_waktu_title_names_the_unit():
    sop = BAPPEDA.sop.model_copy(update={"satuan_waktu": SatuanWaktu.MENIT})
    _, cells = _header(dataclasses.replace(BAPPEDA, sop=sop))
    assert "(menit)" in [ln.text.split()[-1] for c in cells for ln in c.lines]
    _, plain = _header(BAPPEDA)
    if BAPPEDA.satuan_waktu is None:
        assert not [ln for c in plain for ln in c.lines if "(" in ln.text]


def test_site_page_table_names_the_unit_too():
    from sop_docs.site import pages
    from sop_docs.site.artifacts import SopAssets

    sop = BAPPEDA.sop.model_copy(update={"satuan_waktu": SatuanWaktu.HARI})
    timed = dataclasses.replace(BAPPEDA, sop=sop)
    _, text = pages.sop_page(timed, SopAssets((), None, (), {}), {sop.id})
    assert '<th scope="col">Waktu (hari)</th>' in text
