"""Status marks (DRAF, DICABUT), the unsigned Disahkan block of a draft, dates printed as
the project chooses, identity fields printed as written (LNT018 warns, --strict refuses),
and the optional rows: column numbers, the signature block, the logo."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pypdfium2
import pytest
from typer.testing import CliRunner

from sop_docs.layout.geometry import SheetLayout
from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import FormatTanggal, TataLetak
from sop_docs.model.sop import StatusSOP
from sop_docs.model.values import parse_tanggal
from sop_docs.render.pdf import pdf_bytes
from sop_docs.render.svg import svg_pages

from .conftest import REPO

DRAFTS = ("nganjuk-dpmd-pengumpulan-data-kinerja", "sukoharjo-bulu-pengumpulan-data-kinerja")


def _seed(corpus, sop_id: str) -> ResolvedSOP:
    return next(r for r in corpus.sops if r.sop.id == sop_id)


def _with(resolved: ResolvedSOP, **changes) -> ResolvedSOP:
    """The SOP with model fields changed (status, tanggal ...)."""
    return dataclasses.replace(resolved, sop=resolved.sop.model_copy(update=changes))


def _with_options(resolved: ResolvedSOP, **options) -> ResolvedSOP:
    tata = TataLetak(**options).over(resolved.tata_letak)
    return dataclasses.replace(resolved, tata_letak=tata)


def pdf_page_texts(layout: SheetLayout) -> list[str]:
    document = pypdfium2.PdfDocument(pdf_bytes(layout))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def _all_text(layout: SheetLayout) -> str:
    return " ".join(line.text for p in layout.pages for t in p.tables for c in t.cells
                    for line in c.lines)


def test_every_page_of_a_draft_says_draf(seed_corpus):
    for sop_id in DRAFTS:
        layout = layout_sheet(_seed(seed_corpus, sop_id))
        texts = pdf_page_texts(layout)
        assert len(texts) == len(layout.pages) >= 2
        assert all("DRAF" in text for text in texts), sop_id
        assert all(">DRAF</text>" in svg for svg in svg_pages(layout)), sop_id


def test_sops_in_force_carry_no_mark(seed_corpus):
    for resolved in seed_corpus.sops:
        if resolved.sop.id in DRAFTS:
            continue
        layout = layout_sheet(resolved)
        assert all(p.watermark is None for p in layout.pages)
        assert not any("DRAF" in text for text in pdf_page_texts(layout))


def test_a_withdrawn_sop_says_dicabut_on_every_page(seed_corpus):
    resolved = _with(_seed(seed_corpus, "purwakarta-cibatu-pengumpulan-data-kinerja"),
                     status=StatusSOP.DICABUT)
    layout = layout_sheet(resolved)
    assert all("DICABUT" in text for text in pdf_page_texts(layout))
    assert all(">DICABUT</text>" in svg for svg in svg_pages(layout))
    for page in layout.pages:  # the mark is centred and stays on the paper
        mark = page.watermark
        assert mark is not None and mark.x > 0 and mark.x + mark.width < page.width


def test_a_draft_leaves_the_disahkan_block_unsigned(seed_corpus):
    draft = _seed(seed_corpus, "nganjuk-dpmd-pengumpulan-data-kinerja")
    name = draft.pengesah.nama
    text = _all_text(layout_sheet(draft))
    assert "(belum ditandatangani)" in text and name not in text
    signed = _all_text(layout_sheet(_with(draft, status=StatusSOP.BERLAKU)))
    assert "(belum ditandatangani)" not in signed and name in signed


def _identity_value(layout: SheetLayout, label: str) -> str:
    table = layout.pages[0].tables[0]
    row = next(c.row for c in table.cells if c.role == "identitas-label"
               and " ".join(line.text for line in c.lines) == label)
    cell = next(c for c in table.cells if c.role == "identitas-nilai" and c.row == row)
    return " ".join(line.text for line in cell.lines)


def test_dates_print_long_by_default_or_as_written(seed_corpus):
    arsip = _seed(seed_corpus, "purwakarta-arsip-pengumpulan-data-kinerja")
    assert arsip.tata_letak.format_tanggal is FormatTanggal.SUMBER  # the sample shows it
    assert _identity_value(layout_sheet(arsip), "Tanggal Pembuatan") == "31 - 12 - 2021"
    long = _with_options(arsip, format_tanggal=FormatTanggal.PANJANG)
    assert _identity_value(layout_sheet(long), "Tanggal Pembuatan") == "31 Desember 2021"


@pytest.mark.parametrize("written", [1, "1", "Revisi 1", "rev. 1"])
def test_tanggal_revisi_prints_what_the_source_says(seed_corpus, written):
    resolved = _seed(seed_corpus, "sumedang-kesbangpol-pengumpulan-data-kinerja")
    tanggal = resolved.sop.tanggal.model_copy(update={"revisi": parse_tanggal(written)})
    layout = layout_sheet(_with(resolved, tanggal=tanggal))
    assert _identity_value(layout, "Tanggal Revisi") == str(written)


def test_blank_and_dotted_fields_of_an_sop_in_force_print_as_written(seed_corpus):
    resolved = _seed(seed_corpus, "sukoharjo-bulu-pengumpulan-data-kinerja")
    tanggal = resolved.sop.tanggal.model_copy(update={"efektif": parse_tanggal("....2022")})
    layout = layout_sheet(_with(resolved, status=StatusSOP.BERLAKU, nomor="", tanggal=tanggal))
    assert _identity_value(layout, resolved.sop.tanggal.label_efektif) == "....2022"
    assert _identity_value(layout, "Nomor SOP") == ""
    assert all(p.watermark is None for p in layout.pages)


def _project_with_berlaku_blanks(tmp_path: Path) -> Path:
    """A copy of the sample project whose Sumedang SOP (berlaku) has a dotted Tanggal
    Pengesahan, as signed originals often print it."""
    shutil.copy(REPO / "sop-docs.yaml", tmp_path / "sop-docs.yaml")
    shutil.copytree(REPO / "sop_sources", tmp_path / "sop_sources")
    source = tmp_path / "sop_sources" / "sumedang-kesbangpol-pengumpulan-data-kinerja.yaml"
    text = source.read_text(encoding="utf-8")
    assert "  efektif: 2 Februari 2021\n" in text
    source.write_text(text.replace("  efektif: 2 Februari 2021\n", "  efektif: '......2021'\n"),
                      encoding="utf-8")
    return tmp_path


def test_check_warns_about_blank_identity_and_strict_refuses(tmp_path):
    from sop_docs.cli.main import app

    project = _project_with_berlaku_blanks(tmp_path)
    runner = CliRunner()
    plain = runner.invoke(app, ["check", "--project", str(project)])
    assert "LNT018" in plain.output and plain.exit_code == 0, plain.output
    assert "sumedang-kesbangpol-pengumpulan-data-kinerja.yaml:13:" in plain.output
    strict = runner.invoke(app, ["check", "--project", str(project), "--strict"])
    assert "LNT018" in strict.output and strict.exit_code != 0, strict.output


def test_column_number_row_is_repeated_on_every_procedure_page(seed_corpus):
    for sop_id in ("purwakarta-cibatu-pengumpulan-data-kinerja",
                   "purwakarta-arsip-pengumpulan-data-kinerja"):
        layout = layout_sheet(_seed(seed_corpus, sop_id))
        for page in (p for p in layout.pages if p.kind == "prosedur"):
            table = page.tables[0]
            numbers = [c for c in table.cells if c.role == "nomor-kolom"]
            assert [c.lines[0].text for c in numbers] == [
                f"({i})" for i in range(1, len(table.col_widths) + 1)]
            assert table.header_rows == 3 and all(c.row == 2 for c in numbers)
    plain = layout_sheet(_seed(seed_corpus, "sumedang-kesbangpol-pengumpulan-data-kinerja"))
    assert not any(c.role == "nomor-kolom" for p in plain.pages for t in p.tables
                   for c in t.cells)


def test_signature_block_sits_under_the_last_procedure_table_only(seed_corpus):
    resolved = _seed(seed_corpus, "sukoharjo-bulu-pengumpulan-data-kinerja")
    layout = layout_sheet(resolved)
    procedure = [p for p in layout.pages if p.kind == "prosedur"]
    blocks = [[t for t in p.tables if t.role == "tanda-tangan"] for p in procedure]
    assert [len(b) for b in blocks] == [0] * (len(procedure) - 1) + [1]
    block, table = blocks[-1][0], procedure[-1].tables[0]
    assert block.y >= table.y + table.height
    footer = min(t.baseline for t in procedure[-1].texts if t.text.startswith("Halaman"))
    assert block.y + block.height < footer - 2
    text = " ".join(line.text for c in block.cells for line in c.lines)
    assert resolved.pengesah.jabatan.split()[0] in text and "(belum ditandatangani)" in text


def test_signature_block_moves_the_last_rows_when_it_does_not_fit(seed_corpus):
    """Arsip's last procedure page has 9 mm to spare: with the block it needs another."""
    arsip = _seed(seed_corpus, "purwakarta-arsip-pengumpulan-data-kinerja")
    without = layout_sheet(arsip)
    with_block = layout_sheet(_with_options(arsip, tanda_tangan=True))
    assert len(with_block.pages) == len(without.pages) + 1
    last = with_block.pages[-1]
    rows = [c for c in last.tables[0].cells if c.role == "no"]
    assert len(rows) >= 2  # never a lone step with the block
    assert any(t.role == "tanda-tangan" for t in last.tables)


def test_logo_shows_unless_switched_off(seed_corpus):
    resolved = _seed(seed_corpus, "sumedang-kesbangpol-pengumpulan-data-kinerja")
    assert resolved.profil.logo
    images = layout_sheet(resolved).pages[0].images
    assert len(images) == 1 and Path(images[0][0]).name == resolved.profil.logo
    hidden = layout_sheet(_with_options(resolved, tampilkan_logo=False))
    assert hidden.pages[0].images == ()
