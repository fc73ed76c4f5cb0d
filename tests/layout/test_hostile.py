"""Bad input reaching the layout: a clear diagnostic or a valid layout, never a crash or
an overflowing drawing.  Every case is laid out, checked, and drawn as PDF and SVG."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import Kertas, Margin, Orientasi, TataLetak
from sop_docs.model.sop import Cabang, Langkah, Pelaksana
from sop_docs.render.pdf import pdf_bytes
from sop_docs.render.svg import svg_pages
from sop_docs_demo.synthetic import synthetic_sop

from .conftest import check_layout, with_paper

BASE = synthetic_sop(21, steps=8, actors=3, decisions=1, multi_actor=1)
WORDS = "Menyampaikan format permintaan data dan informasi kinerja kepada Sub Bagian "


def _sop(**update: Any) -> ResolvedSOP:
    return dataclasses.replace(BASE, sop=BASE.sop.model_copy(update=update))


def _step(index: int, **update: Any) -> ResolvedSOP:
    steps = list(BASE.sop.langkah)
    steps[index] = steps[index].model_copy(update=update)
    return _sop(langkah=tuple(steps))


def _cycle() -> ResolvedSOP:
    actor = BASE.sop.pelaksana[0].id
    steps = (Langkah(id="a", kegiatan="Langkah a", pelaksana=(actor,), ke="b"),
             Langkah(id="b", kegiatan="Langkah b", pelaksana=(actor,), ke="c"),
             Langkah(id="c", kegiatan="Langkah c", pelaksana=(actor,), ke="a"))
    return _sop(langkah=steps)


def _twelve_actors() -> ResolvedSOP:
    big = synthetic_sop(22, steps=14, actors=12, decisions=2, multi_actor=2)
    return with_paper(big, Kertas.A4, Orientasi.POTRET)


def _wide_margins() -> ResolvedSOP:
    big = synthetic_sop(23, steps=10, actors=8, decisions=2, multi_actor=1)
    tata = TataLetak(kertas=Kertas.A4, orientasi=Orientasi.POTRET,
                     margin=Margin(atas=60, bawah=60, kiri=60, kanan=60))
    return dataclasses.replace(big, tata_letak=tata)


def _three_exits() -> ResolvedSOP:
    steps = list(BASE.sop.langkah)
    ids = [s.id for s in steps]
    steps[4] = steps[4].model_copy(update={"cabang": (
        Cabang(label="Ya", ke=ids[5]), Cabang(label="Tidak", ke=ids[1]),
        Cabang(label="Tunda", ke=ids[0]))})
    return _sop(langkah=tuple(steps))


CASES: dict[str, tuple[ResolvedSOP, set[str]]] = {
    # name: (SOP, diagnostic codes the layout must report)
    "5000-char-kegiatan": (_step(2, kegiatan=(WORDS * 80)[:5000]), {"SHT001"}),
    "50000-char-kegiatan": (_step(2, kegiatan=WORDS * 700), {"SHT002"}),
    "5000-char-word": (_step(3, kegiatan="x" * 5000, output="y" * 3000), {"SHT001"}),
    "12-actors-a4-portrait": (_twelve_actors(), {"SHT005"}),
    "60mm-margins": (_wide_margins(), {"SHT005"}),
    "step-id-cycle": (_cycle(), set()),
    "self-loop": (_step(3, ke=BASE.sop.langkah[3].id), set()),
    "unknown-target": (_step(2, ke="tidak-ada"), {"SHT003"}),
    "unknown-actor": (_step(2, pelaksana=("hantu",)), {"SHT004"}),
    "three-exits": (_three_exits(), set()),
    "duplicate-step-ids": (_step(4, id=BASE.sop.langkah[2].id), set()),
    "step-without-pelaksana": (_step(2, pelaksana=()), set()),
    "foreign-and-control-characters": (
        _step(1, kegiatan="数据 kinerja 📊 \x00\x07 tab\there ‮kanan‬", waktu=None), set()),
    "empty-texts": (_sop(nomor="", nama="", dasar_hukum=(), peringatan=("",)), set()),
    "huge-identity-lists": (_sop(dasar_hukum=tuple(f"Peraturan nomor {i} " + WORDS * 3
                                                   for i in range(150))), set()),
    "huge-nama": (_sop(nama=WORDS * 200), {"SHT006"}),
    "long-actor-names": (_sop(pelaksana=tuple(
        Pelaksana(id=a.id, nama=a.nama * 12) for a in BASE.sop.pelaksana)), set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gives_a_valid_layout_or_a_diagnostic(name: str) -> None:
    resolved, codes = CASES[name]
    layout = layout_sheet(resolved)
    assert codes <= {d.code for d in layout.diagnostics}
    for diagnostic in layout.diagnostics:
        assert diagnostic.location.path == resolved.path and diagnostic.hint
    ids = {s.id for s in resolved.sop.langkah}
    known = dataclasses.replace(resolved, sop=resolved.sop.model_copy(update={"langkah": tuple(
        s for s in resolved.sop.langkah if s.id in ids)}))
    check_layout(layout, known)
    assert pdf_bytes(layout).startswith(b"%PDF")
    assert all(page.startswith("<?xml") for page in svg_pages(layout))


def test_huge_identity_lists_flow_onto_further_pages() -> None:
    layout = layout_sheet(CASES["huge-identity-lists"][0])
    identity = [p for p in layout.pages if p.kind == "identitas"]
    assert len(identity) >= 3
    texts = [line.text for p in identity[1:2] for t in p.tables for c in t.cells
             for line in c.lines]
    assert "Dasar Hukum (lanjutan):" in texts
    numbers = [line.text for p in identity for t in p.tables for c in t.cells
               for line in c.lines if line.text.endswith(".") and line.text[:-1].isdigit()]
    assert {f"{i}." for i in range(1, 151)} <= set(numbers)


def test_checks_catch_broken_geometry() -> None:
    """The geometry checks used above can fail: a connector moved through a symbol."""
    layout = layout_sheet(BASE)
    page = next(p for p in layout.pages if p.connectors)
    symbol = page.symbols[1]
    broken = dataclasses.replace(page.connectors[0], points=(
        (symbol.box.x - 2, symbol.box.cy), (symbol.box.right + 2, symbol.box.cy)))
    bad_page = dataclasses.replace(page, connectors=(broken, *page.connectors[1:]))
    pages = tuple(bad_page if p is page else p for p in layout.pages)
    with pytest.raises(AssertionError):
        check_layout(dataclasses.replace(layout, pages=pages), BASE)


def _with_logo(path: str) -> ResolvedSOP:
    profil = BASE.profil.model_copy(update={"logo": path})
    return dataclasses.replace(BASE, profil=profil)


def test_logo_is_drawn_in_pdf_and_svg(tmp_path) -> None:
    import io

    import pdfplumber
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (64, 80), (200, 30, 30)).save(logo)
    layout = layout_sheet(_with_logo(str(logo)))
    assert not layout.diagnostics
    (path, box), = layout.pages[0].images
    assert path == str(logo.resolve()) and layout.pages[0].tables[0].cells[0].box.contains(box)
    with pdfplumber.open(io.BytesIO(pdf_bytes(layout))) as pdf:
        assert len(pdf.pages[0].images) == 1
    assert "data:image/png;base64," in svg_pages(layout)[0]


@pytest.mark.parametrize("content", [None, b"not an image at all", b"\x89PNG\r\n\x1a\n"])
def test_missing_or_broken_logo_is_reported_and_left_out(tmp_path, content) -> None:
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    layout = layout_sheet(_with_logo(str(logo)))
    assert [d.code for d in layout.diagnostics] == ["SHT007"]
    assert layout.pages[0].images == ()
    assert pdf_bytes(layout).startswith(b"%PDF")
