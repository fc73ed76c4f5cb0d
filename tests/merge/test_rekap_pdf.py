"""The rekap PDF drawn with fpdf2, read back: paper, page numbers, repeated table headers,
margins, keep-with-next headings, the signature blocks never alone on a page, one empty
signature field per signatory, PDF/A identification, printed numbers that re-derive."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pikepdf
import pytest
import python_calamine
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from sop_docs.kits.model import KitDefinition
from sop_docs.merge.results import CycleResult, Pengesahan, Problem, UnitResult, Verdict
from sop_docs.merge.verify import indikator_row, kegiatan_row
from sop_docs.model.settings import Kertas
from sop_docs.report import chart, rekap_docx
from sop_docs.report.chart import capaian_chart, wrap_label
from sop_docs.report.options import RekapOptions
from sop_docs.report.pdf import with_signature_fields
from sop_docs.report.rekap_data import Rekap, context
from sop_docs.report.rekap_docx import render_docx
from sop_docs.report.rekap_pdf import render_pdf
from sop_docs.report.rekap_xlsx import rekap_workbook
from sop_docs.report.text import nilai

if TYPE_CHECKING:
    from conftest import Lab

MISSING = Problem(code="MRG016", severity="error", file="uji-2026/x", cell=None,
                  message="kit belum dikembalikan", hint="kirim")


def _unit(definition: KitDefinition, index: int, verdict: Verdict) -> UnitResult:
    unit = definition.unit[index]
    rows = [indikator_row(definition, ind, [float(80 + index), None, None, None], 1)
            for ind in unit.indikator]
    budget = [kegiatan_row(p.nama, k, [1_000_000.0 * (index + 1), None, None, None], 1)
              for p in unit.program for k in p.kegiatan]
    lengkap = verdict is Verdict.LENGKAP
    return UnitResult(kit=definition.id, unit=unit.id, nama=unit.nama,
                      penanggung_jawab=unit.penanggung_jawab.nama, verdict=verdict,
                      file=f"{unit.id}.xlsx" if lengkap else None,
                      problems=() if lengkap else (MISSING,),
                      indikator=tuple(rows), kegiatan=tuple(budget),
                      pengesahan=Pengesahan(tanggal="2026-04-03"))


def _rekap(lab: type[Lab], lengkap: int, belum: int) -> Rekap:
    definition = lab.definition
    units = [_unit(definition, i, Verdict.LENGKAP) for i in range(lengkap)]
    units += [_unit(definition, lengkap + i, Verdict.BELUM) for i in range(belum)]
    result = CycleResult(cycle="2026-TW1", label="Triwulan I Tahun 2026",
                         kits=(definition.id,), units=tuple(units), files=())
    return Rekap(result, definition, lab.profil, 1)


def _write(tmp_path: Path, rekap: Rekap, options: RekapOptions | None = None) -> Path:
    drawn = render_pdf(rekap, options)
    path = tmp_path / "rekap.pdf"
    path.write_bytes(with_signature_fields(drawn.data, drawn.signatures))
    return path


def test_a_long_rekap_repeats_headers_and_numbers_pages(tmp_path: Path, lab: type[Lab]
                                                         ) -> None:
    path = _write(tmp_path, _rekap(lab, 18, 2))
    assert lab.check_rekap_pdf(path) >= 3
    with pdfplumber.open(path) as pdf:
        continued = [p for p in pdf.pages[1:] if "Indikator" in (p.extract_text() or "")]
        assert continued  # table A runs onto a second page, with its header
    with pikepdf.open(path) as document:
        assert document.open_metadata().get("pdfaid:part") == "2"


@pytest.mark.parametrize("kertas, size", [(Kertas.F4, (935.43, 609.45)),
                                          (Kertas.A4, (841.89, 595.28))])
def test_paper_is_the_project_setting_in_landscape(tmp_path: Path, lab: type[Lab],
                                                   kertas: Kertas, size: tuple[float, float]
                                                   ) -> None:
    path = _write(tmp_path, _rekap(lab, 2, 1), RekapOptions(kertas=kertas))
    with pdfplumber.open(path) as pdf:
        assert (round(pdf.pages[0].width, 2), round(pdf.pages[0].height, 2)) == size


def test_default_paper_is_f4() -> None:
    assert RekapOptions().kertas is Kertas.F4


@pytest.mark.parametrize("lengkap", range(8, 20, 2))
def test_signatures_never_stand_alone_and_each_has_its_field(tmp_path: Path, lab: type[Lab],
                                                             lengkap: int) -> None:
    path = _write(tmp_path, _rekap(lab, lengkap, 20 - lengkap))
    with path.open("rb") as handle:
        names = [name for name, value, _ref in enumerate_sig_fields(PdfFileReader(handle))]
    assert names == ["TandaTanganMengetahui", "TandaTanganPenyusun"]
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if "Mengetahui," in (p.extract_text() or ""))
        label = next(w for w in page.extract_words() if w["text"] == "Mengetahui,")
        assert any(r["bottom"] <= label["top"] for r in page.rects), "signatures alone"
        boxes = sorted(a["x0"] for a in page.annots)
        assert len(boxes) == 2 and boxes[0] < page.width / 2 < boxes[1]


def test_headings_are_kept_with_what_follows(tmp_path: Path, lab: type[Lab]) -> None:
    for lengkap in range(4, 20, 3):
        path = _write(tmp_path, _rekap(lab, lengkap, 20 - lengkap))
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                lines = [line for line in (page.extract_text() or "").splitlines()
                         if not line.startswith("Halaman ")]
                if not lines:  # a page holding only the chart
                    assert page.images
                    continue
                assert not lines[-1].startswith(("A. ", "B. ", "C. ", "D. ", "E. ")), lines[-1]


def test_units_not_verified_are_listed_once_and_not_counted(lab: type[Lab]) -> None:
    values = context(_rekap(lab, 3, 2))
    assert [u["nama"] for u in values["unit"]] == ["Seksi U01", "Seksi U02", "Seksi U03"]
    assert [b["unit"] for b in values["belum"]] == ["Seksi U04", "Seksi U05"]
    assert sum(k["jumlah"] for k in values["ringkasan"]) == 3 * 4  # lengkap units only
    assert "3 unit berstatus lengkap" in values["ringkasan_dasar"]
    assert len(values["anggaran"]) == 3


@pytest.mark.parametrize("value, desimal, shown", [
    (5.75, 1, "5,75"), (80.0, 2, "80,00"), (400.0, 0, "400"), (12.3456, 2, "12,3456"),
    (1_234.5, 0, "1.234,5"), (None, 2, "-")])
def test_printed_figures_keep_their_decimals(value: float | None, desimal: int, shown: str
                                             ) -> None:
    assert nilai(value, desimal) == shown


def test_chart_labels_wrap_and_values_clear_the_100_line() -> None:
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label = "Bidang Perpustakaan: Persentase layanan perpustakaan yang tepat waktu"
    lines = wrap_label(draw, label, chart._font(22), 400)
    assert len(lines) > 1 and " ".join(lines) == label
    plot = chart._Plot(left=100, scale=4.0, reference=500)  # 100% at x = 500
    small = chart._font(19)
    x = chart._value_x(draw, plot, 100 + int(91.25 * 4), "91,25%", small)
    width = draw.textlength("91,25%", font=small)
    assert x > 500 or x + width < 500  # the label does not touch the dashed line
    assert capaian_chart([], ["A"], "judul").startswith(b"\x89PNG")


def test_the_pdf_is_byte_identical_for_the_same_inputs(tmp_path: Path, lab: type[Lab]) -> None:
    rekap = _rekap(lab, 5, 1)
    first = _write(tmp_path, rekap).read_bytes()
    assert _write(tmp_path, rekap).read_bytes() == first
    assert dt.date.today().isoformat().encode() not in first


def test_the_kop_has_the_office_logo_and_a_rule(tmp_path: Path, lab: type[Lab]) -> None:
    Image.new("RGB", (120, 120), "navy").save(tmp_path / "logo.png")
    rekap = _rekap(lab, 2, 1)
    profil = lab.profil.model_copy(update={"logo": "logo.png", "alamat": "Jalan Uji No. 1"})
    path = _write(tmp_path, Rekap(rekap.result, rekap.definition, profil, 1),
                  RekapOptions(profile_folder=tmp_path))
    lab.check_rekap_pdf(path)
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0]
        logo = min(first.images, key=lambda i: i["top"])
        assert logo["top"] < 80 and logo["x0"] < first.width / 4  # top left, in the kop
        text = first.extract_text() or ""
        assert "DINAS UJI" in text and "Jalan Uji No. 1" in text
        address = next(w for w in first.extract_words() if w["text"] == "Jalan")
        assert any(line["top"] > address["bottom"] and line["x1"] - line["x0"] > first.width / 2
                   for line in first.lines)  # the rule under the kop


def test_without_a_logo_file_the_kop_is_text_only(tmp_path: Path, lab: type[Lab]) -> None:
    rekap = _rekap(lab, 1, 0)
    profil = lab.profil.model_copy(update={"logo": "tidak-ada.png"})
    path = _write(tmp_path, Rekap(rekap.result, rekap.definition, profil, 1),
                  RekapOptions(profile_folder=tmp_path))
    with pdfplumber.open(path) as pdf:
        assert all(i["top"] > 80 for i in pdf.pages[0].images)  # only the chart, lower


def test_hostile_unit_text_is_drawn_inside_the_cells(tmp_path: Path, lab: type[Lab]) -> None:
    rekap = _rekap(lab, 2, 1)
    hostile = ("=HYPERLINK(\"x\") 🙂 中文 عربى \x07\x00 tab\there\nbaris baru "
               + "kata" * 400)
    first = rekap.result.units[0]
    rows = tuple(r.model_copy(update={"kendala": hostile, "tindak_lanjut": hostile})
                 for r in first.indikator)
    units = (first.model_copy(update={"indikator": rows, "nama": hostile[:300]}),
             *rekap.result.units[1:])
    result = rekap.result.model_copy(update={"units": units})
    path = _write(tmp_path, Rekap(result, rekap.definition, rekap.profil, 1))
    lab.check_rekap_pdf(path)
    with pdfplumber.open(path) as pdf:
        assert "HYPERLINK" in " ".join(p.extract_text() or "" for p in pdf.pages)


@pytest.mark.parametrize("kertas", [Kertas.F4, Kertas.A4])
def test_kop_and_title_lines_are_centred(tmp_path: Path, lab: type[Lab], kertas: Kertas
                                         ) -> None:
    rekap = _rekap(lab, 3, 1)
    values = context(rekap)
    expected = {str(values[k]) for k in ("pemerintah", "instansi", "alamat", "judul",
                                         "periode") if values[k]}
    expected.add("REKAPITULASI DATA KINERJA")
    path = _write(tmp_path, rekap, RekapOptions(kertas=kertas))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        lines = [line for line in page.extract_text_lines() if line["text"] in expected]
        assert {line["text"] for line in lines} == expected
        for line in lines:
            assert abs((line["x0"] + line["x1"]) / 2 - page.width / 2) <= 2, line["text"]


def test_a_rekap_without_lengkap_units_says_so_in_the_docx(lab: type[Lab]) -> None:
    document = Document(io.BytesIO(render_docx(_rekap(lab, 0, 3))))
    body = [p.text for p in document.paragraphs]
    assert "Belum ada unit berstatus lengkap." in body
    assert "Tidak ada realisasi anggaran dari unit berstatus lengkap." in body
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables if t.rows]
    assert not [h for h in headers if "Indikator" in h or "Pagu (Rp)" in h]
    assert ["No", "Unit", "Status", "Keterangan"] in headers  # the units not verified


def test_a_rekap_with_lengkap_units_has_its_tables_in_the_docx(lab: type[Lab]) -> None:
    document = Document(io.BytesIO(render_docx(_rekap(lab, 2, 0))))
    body = [p.text for p in document.paragraphs]
    assert "Belum ada unit berstatus lengkap." not in body
    assert "Semua unit berstatus lengkap." in body
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables if t.rows]
    assert [h for h in headers if "Indikator" in h] and [h for h in headers if "Pagu (Rp)" in h]


def _canonical(docx: bytes) -> dict[str, bytes]:
    """Each entry of a .docx, its XML in canonical form (namespace declarations made where
    they are needed, as lxml's and a plain serialisation may differ only there)."""
    package = zipfile.ZipFile(io.BytesIO(docx))

    def entry(name: str) -> bytes:
        data = package.read(name)
        if not name.endswith((".xml", ".rels")):
            return data
        return bytes(etree.tostring(etree.fromstring(data), method="c14n"))

    return {name: entry(name) for name in package.namelist()}


@pytest.mark.parametrize("judul", ["Rekap Uji", "Rekap\tUji\nbaris dua",
                                   'Rekap xmlns:w="http://x" <w:body a="b">'])
def test_the_docx_fast_path_gives_docxtpl_s_own_document(lab: type[Lab], judul: str,
                                                      monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    rekap = _rekap(lab, 3, 1)

    def titled(r: Rekap) -> dict[str, object]:
        return {**context(r), "judul": judul}

    monkeypatch.setattr(rekap_docx, "context", titled)
    fast = render_docx(rekap)
    monkeypatch.setattr(rekap_docx, "_Template", DocxTemplate)
    assert _canonical(render_docx(rekap)) == _canonical(fast)
    text = "\n".join(p.text for p in Document(io.BytesIO(fast)).paragraphs)
    assert judul.replace("\t", "") in text.replace("\t", "")


def test_rekap_xlsx_rows_keep_hostile_text_as_text(lab: type[Lab]) -> None:
    result = _rekap(lab, 2, 1).result
    hostile = " =HYPERLINK(\"x\")<b>&amp;\x01 "
    units = (result.units[0].model_copy(update={"nama": hostile}), *result.units[1:])
    data = rekap_workbook(result.model_copy(update={"units": units}), lab.definition.id)
    sheet = load_workbook(io.BytesIO(data))["Rekap Indikator"]
    assert sheet.max_row == 1 + sum(len(u.indikator) for u in units)
    row = [c for c in sheet[2]]
    assert row[0].value == 1 and row[0].data_type == "n"
    assert row[1].value == hostile.replace("\x01", "") and row[1].data_type == "s"
    assert sheet.auto_filter.ref == f"A1:S{sheet.max_row}"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert calamine.get_sheet_by_name("Rekap Indikator").to_python()[1][1] == row[1].value


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _table_xml(grid: int, rows: list[list[int]]) -> str:
    """A body with one table: ``grid`` columns, each row's cells given by their spans."""
    def cell(span: int) -> str:
        spanned = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span != 1 else ""
        return f"<w:tc>{spanned}<w:p/></w:tc>"

    body = "".join("<w:tr>" + "".join(cell(s) for s in row) + "</w:tr>" for row in rows)
    columns = '<w:gridCol w:w="1000"/>' * grid
    return (f"<w:body {_W_NS}><w:tbl><w:tblGrid>{columns}</w:tblGrid>{body}</w:tbl>"
            "</w:body>")


@pytest.mark.parametrize(("grid", "rows", "unfit"), [
    (3, [[1, 1, 1], [3], [1, 2]], False),  # fits: docxtpl leaves it, and so do we
    (2, [[1, 1], [1, 1]], False),
    (2, [[1, 1, 1], [1, 1]], True),  # a row wider than the grid: columns added
    (4, [[1, 1], [2, 1]], True),  # no row as wide as the grid: columns removed
    (3, [], True),  # no rows at all
])
def test_table_grids_are_fixed_as_docxtpl_fixes_them(grid: int, rows: list[list[int]],
                                                      unfit: bool) -> None:
    xml = _table_xml(grid, rows)
    template = rekap_docx._Template(io.BytesIO(b""))
    assert rekap_docx._grid_unfit(etree.fromstring(xml)[0]) is unfit
    ours = etree.tostring(template.repaired(xml))
    assert ours == etree.tostring(DocxTemplate.fix_tables(template, xml))


def _table_template(tmp_path: Path, cells: list[str], grid: int) -> Path:
    """A .docx template holding one table: one row of ``cells`` texts, ``grid`` columns."""
    document = Document()
    document.add_paragraph("{{ judul }}")
    table = document.add_table(rows=1, cols=grid)
    for cell, text in zip(table.rows[0].cells, cells, strict=False):
        cell.text = text
    row = table.rows[0]._tr
    for extra in row.findall(f"{rekap_docx._W}tc")[len(cells):]:
        row.remove(extra)
    path = tmp_path / "templat.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(("cells", "grid", "as_text"), [
    (["{%tc for c in kolom %}", "{{ c }}", "{%tc endfor %}"], 3, False),  # a column loop
    (["a", "b"], 3, False),  # a template whose table does not fit its grid
    (["{{ judul }}", "b", "c"], 3, True),  # a plain table: the rendered text, never parsed
])
def test_templates_render_as_docxtpl_renders_them(tmp_path: Path, cells: list[str],
                                                  grid: int, as_text: bool) -> None:
    path = _table_template(tmp_path, cells, grid)
    values = {"judul": "Rekap <Uji> & co", "kolom": ["satu", "dua", "tiga", "empat"]}
    rendered = {}
    for kind in (rekap_docx._Template, DocxTemplate):
        template = kind(str(path))
        template.render(values, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        data = buffer.getvalue()
        if kind is rekap_docx._Template:
            assert isinstance(template.body, str) is as_text
            data = rekap_docx.normalise_zip(
                data, lambda name, body, t=template: rekap_docx._with_body(t, name, body))
        rendered[kind] = _canonical(data)["word/document.xml"]
    assert rendered[rekap_docx._Template] == rendered[DocxTemplate]
    assert b"Rekap &lt;Uji&gt; &amp; co" in rendered[DocxTemplate]


@pytest.mark.parametrize(("xml", "good"), [
    ("<a><b/></a>", True),
    ("<a><b></a>", False),  # not well-formed: parsed and repaired instead
    ('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', False),
    ("<a>&amp;</a>", True),
])
def test_only_well_formed_bodies_skip_the_parse(xml: str, good: bool) -> None:
    assert rekap_docx._well_formed(xml) is good
