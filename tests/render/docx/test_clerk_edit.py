"""A clerk lengthens a step's text in the .docx (here with python-docx), LibreOffice
converts it, and every symbol is still inside its own row in the PDF: the row grew, the
symbols of that row and of every row under it moved with the table."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from sop_docs.layout.geometry import SheetLayout, Symbol, SymbolKind
from sop_docs.render.registry import FORMATS, RenderJob

from .conftest import REPO, convert_all
from .test_libreoffice import TOL, PdfPage, read_pdf, step_numbers, step_row

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("docx")]

SOP_ID = "sukoharjo-bulu-pengumpulan-data-kinerja"
EDITED_STEP = 1  # index of the step whose kegiatan the clerk lengthens
ADDED = ("Ditambahkan oleh petugas: naskah disusun ulang, diperiksa kembali oleh "
         "kasubbag, lalu diparaf sebelum diteruskan kepada sekretaris camat. ") * 3


def _lengthen(path: Path, text: str, added: str, out: Path) -> None:
    """Append ``added`` to the table cell whose text is ``text`` (the step's kegiatan)."""
    document = docx.Document(io.BytesIO(path.read_bytes()))
    wanted = "".join(text.split())
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if "".join(cell.text.split()) == wanted:
                    cell.add_paragraph(added)
                    document.save(str(out))
                    return
    raise AssertionError(f"no cell holds {text!r}")


@pytest.fixture(scope="module")
def edited(tmp_path_factory, seed_resolved) -> tuple[SheetLayout, list[PdfPage], str]:
    root = tmp_path_factory.mktemp("clerk-edit")
    job = RenderJob(seed_resolved, root / "asli")
    (original,) = FORMATS["docx"].load()(job)
    step = seed_resolved.sop.langkah[EDITED_STEP]
    target = root / f"{SOP_ID}-diubah.docx"
    _lengthen(original, step.kegiatan, ADDED, target)
    convert_all([target], root / "pdf", root / "lo-profile")
    return job.layout, read_pdf(root / "pdf" / f"{target.stem}.pdf"), step.id


@pytest.fixture(scope="module")
def seed_resolved():
    from sop_docs.model.build import load_corpus

    corpus, _problems = load_corpus(REPO)
    return next(r for r in corpus.sops if r.sop.id == SOP_ID)


def _find_row(pages: list[PdfPage], first: int, number: str) -> tuple[int, float, float]:
    """(PDF page index, top, bottom) of the step row numbered ``number``, searching the
    procedure pages from ``first`` on (rows may have moved to a later page)."""
    for index in range(first, len(pages)):
        row = step_row(pages[index], number)
        if row is not None:
            return index, row[0], row[1]
    raise AssertionError(f"row {number} not found")


def _drawn_symbol(page: PdfPage, symbol: Symbol, top: float, bottom: float) -> bool:
    """A drawn outline of the symbol's size, at its x, lying between ``top`` and ``bottom``."""
    box = symbol.box
    return any(abs(d.x0 - box.x) <= TOL and abs((d.x1 - d.x0) - box.w) <= TOL
               and abs((d.bottom - d.top) - box.h) <= TOL and d.top >= top - TOL
               and d.bottom <= bottom + TOL for d in page.drawn)


def test_the_edited_row_grew(edited):
    layout, pages, step_id = edited
    numbers = step_numbers(layout)
    first = next(i for i, p in enumerate(layout.pages) if p.kind == "prosedur")
    laid = next(c.box for p in layout.pages for t in p.tables for c in t.cells
                if c.step_id == step_id and c.role == "kegiatan")
    _page, top, bottom = _find_row(pages, first, numbers[step_id])
    assert bottom - top > laid.h + 5.0


def test_every_symbol_stays_in_its_row_after_the_edit(edited):
    layout, pages, _step_id = edited
    numbers = step_numbers(layout)
    first = next(i for i, p in enumerate(layout.pages) if p.kind == "prosedur")
    checked = 0
    for page in layout.pages:
        for symbol in page.symbols:
            if symbol.kind is SymbolKind.OFFPAGE:
                continue
            index, top, bottom = _find_row(pages, first, numbers[symbol.step_id])
            assert _drawn_symbol(pages[index], symbol, top, bottom), (
                f"{symbol.step_id} {symbol.kind.value}: not inside its row {top:.1f}-{bottom:.1f}")
            checked += 1
    assert checked == len(layout_steps(layout))


def layout_steps(layout: SheetLayout) -> list[str]:
    return [s.step_id for p in layout.pages for s in p.symbols if s.kind is not SymbolKind.OFFPAGE]
