"""Document-level behaviour: page setup, footer fields, properties, images, determinism,
and the registered renderer's atomic write and error handling."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from PIL import Image

from sop_docs.layout.geometry import Box
from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.values import parse_tanggal
from sop_docs.render.docx import build_docx, properties_of
from sop_docs.render.docx.document import Properties
from sop_docs.render.docx.ooxml import qn
from sop_docs.render.registry import FORMATS, RenderJob
from sop_docs_demo.synthetic import synthetic_sop

CREATED = dt.datetime(2021, 1, 19, tzinfo=dt.UTC)
SIGNED = dt.datetime(2021, 2, 2, tzinfo=dt.UTC)
PROPS = Properties("Mekanisme <Data> & Kinerja\x01", "SOP AP", "Kantor Kesbangpol", 3,
                   CREATED, SIGNED)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_page_size_orientation_and_margins_follow_the_layout(make_layout):
    document = _open(build_docx(make_layout(), PROPS))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(330)) < Mm(0.1)
    assert abs(section.page_height - Mm(215)) < Mm(0.1)
    assert abs(section.left_margin - Mm(15)) < Mm(0.1)
    assert section.top_margin < Mm(15) and section.bottom_margin <= Mm(15)


def test_one_word_table_per_layout_table_with_page_breaks_between_pages(make_layout):
    layout = make_layout()
    body = _open(build_docx(layout, PROPS)).element.body
    kinds = [child.tag.split("}")[1] for child in body]
    assert kinds == ["p", "tbl", "p", "tbl", "p", "tbl", "p", "sectPr"]
    marker = f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}"
    breaks = [p for p in body.findall(qn("w:p")) if p.find(marker) is not None]
    assert len(breaks) == len(layout.pages) - 1
    styles = {s.style_id for s in _open(build_docx(layout, PROPS)).styles}
    assert "Normal" in styles


def test_footer_has_live_page_and_page_count_fields(make_layout):
    footer = _open(build_docx(make_layout(), PROPS)).sections[0].footer
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("Halaman ")


def test_arial_is_the_document_font(make_layout):
    styles = _open(build_docx(make_layout(), PROPS)).styles.element
    path = "/".join(qn(f"w:{tag}") for tag in ("docDefaults", "rPrDefault", "rPr", "rFonts"))
    fonts = styles.find(path)
    assert fonts.get(qn("w:ascii")) == "Arial" and fonts.get(qn("w:hAnsi")) == "Arial"


def test_core_properties_are_set_cleaned_and_fixed(make_layout):
    core = _open(build_docx(make_layout(), PROPS)).core_properties
    assert core.title == "Mekanisme <Data> & Kinerja"
    assert (core.subject, core.author, core.revision) == ("SOP AP", "Kantor Kesbangpol", 3)
    assert core.created == CREATED.replace(tzinfo=None) or core.created == CREATED
    assert core.modified in (SIGNED, SIGNED.replace(tzinfo=None))


def test_properties_come_from_the_sop_dates_and_revision():
    resolved = synthetic_sop(7, steps=6)
    sop = resolved.sop
    tanggal = sop.tanggal.model_copy(update={
        "pembuatan": parse_tanggal("19 Januari 2021"), "revisi": parse_tanggal("Revisi 4"),
        "efektif": parse_tanggal("2 Februari 2021")})
    resolved = replace(resolved, sop=sop.model_copy(update={"tanggal": tanggal}))
    props = properties_of(resolved, layout_sheet(resolved))
    assert props.revision == 4
    assert props.created == CREATED and props.modified == SIGNED
    assert props.author == resolved.profil.instansi


def test_zip_is_deterministic(make_layout):
    first, second = build_docx(make_layout(), PROPS), build_docx(make_layout(), PROPS)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in {i.filename for i in infos}


def test_drawing_ids_are_unique_and_sequential(make_layout):
    body = _open(build_docx(make_layout(), PROPS)).element.body
    ids = [int(d.get("id")) for d in body.iter(qn("wp:docPr"))]
    assert ids == list(range(1, len(ids) + 1))


def test_logo_is_placed_and_a_broken_one_reported(make_layout, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 50), "red").save(logo)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    layout = make_layout()
    first = replace(layout.pages[0], images=((str(logo), Box(20, 20, 20, 25)),
                                             (str(broken), Box(50, 20, 20, 25))))
    layout = replace(layout, pages=(first, *layout.pages[1:]))
    problems: list = []
    document = _open(build_docx(layout, PROPS, "profil/x.yaml", problems))
    pictures = list(document.element.body.iter(qn("pic:pic")))
    assert len(pictures) == 1
    assert [p.code for p in problems] == ["DOCX001"]
    assert problems[0].location.path == "profil/x.yaml"


def test_renderer_writes_atomically_and_leaves_nothing_when_it_cannot(tmp_path):
    resolved = synthetic_sop(8, steps=5)
    job = RenderJob(resolved, tmp_path / "out")
    (path,) = FORMATS["docx"].load()(job)
    assert path == tmp_path / "out" / f"{resolved.sop.id}.docx"
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    blocked = tmp_path / "blocked"
    (blocked / path.name).mkdir(parents=True)  # the target name is taken by a folder
    with pytest.raises(OSError):
        FORMATS["docx"].load()(RenderJob(resolved, blocked))
    assert [p.name for p in blocked.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.slow
@pytest.mark.xdist_group("docx")
def test_footer_shows_page_x_of_y_on_every_page(batch):
    for case in batch.values():
        with pdfplumber.open(case.pdf) as pdf:
            count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                assert f"Halaman {number} dari {count}" in (page.extract_text() or ""), case.name


def test_a_month_without_a_day_dates_the_document_on_its_first_day():
    resolved = synthetic_sop(9, steps=5)
    sop = resolved.sop
    tanggal = sop.tanggal.model_copy(update={
        "pembuatan": parse_tanggal("Januari 2019"), "revisi": parse_tanggal(""),
        "efektif": parse_tanggal("......2022")})
    resolved = replace(resolved, sop=sop.model_copy(update={"tanggal": tanggal,
                                                             "riwayat_revisi": ()}))
    props = properties_of(resolved, layout_sheet(resolved))
    assert props.created == dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    assert props.modified == dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    assert props.revision == 1
