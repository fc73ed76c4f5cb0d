"""PDF/A-2b read back with pikepdf: XMP identification, the sRGB output intent, embedded
fonts, no encryption and a date taken from the document, for every seed and stress SOP and
for the general API other producers (the rekap) use."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest
from fpdf.errors import FPDFException

from sop_docs.layout.sheet import layout_sheet
from sop_docs.render.pdf import pdf_bytes
from sop_docs.render.pdfa import add_sans_fonts, finish_pdfa, new_pdfa_document

from .conftest import seed_and_stress


@pytest.fixture(scope="module")
def sheet_pdfs(seed_corpus) -> dict[str, tuple[str, bytes]]:
    """Each seed and two stress SOPs: (creation date, PDF bytes)."""
    result = {}
    for name, resolved in seed_and_stress(seed_corpus).items():
        layout = layout_sheet(resolved)
        result[name] = (layout.creation_date, pdf_bytes(layout))
    return result


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every font dictionary the pages use, descendant fonts of Type0 fonts included."""
    found = []
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        for key in fonts.keys():  # noqa: SIM118 - pikepdf dictionaries iterate by key()
            font = fonts[key]
            found += list(font.get("/DescendantFonts", [])) or [font]
    return found


def check_pdfa(data: bytes, created: str) -> None:
    """The properties of a PDF/A-2b file this project promises."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.pdf_version == "1.7"
        assert "/Encrypt" not in pdf.trailer
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["xmp:CreateDate"].startswith(created)
        assert meta["xmp:ModifyDate"] == meta["xmp:CreateDate"]
        intents = list(pdf.Root.OutputIntents)
        assert [str(i.S) for i in intents] == ["/GTS_PDFA1"]
        profile = intents[0].DestOutputProfile
        assert int(profile.N) == 3 and len(profile.read_bytes()) > 1000
        fonts = _fonts(pdf)
        assert fonts
        for font in fonts:
            assert "/FontFile2" in font.FontDescriptor, font.get("/BaseFont")


def test_every_sheet_pdf_is_pdfa_2b(sheet_pdfs):
    for name, (created, data) in sheet_pdfs.items():
        try:
            check_pdfa(data, created)
        except AssertionError as exc:
            raise AssertionError(name) from exc


def test_sheet_metadata_is_in_the_xmp(seed_corpus, sheet_pdfs):
    for resolved in seed_corpus.sops:
        _created, data = sheet_pdfs[resolved.sop.id]
        with pikepdf.open(io.BytesIO(data)) as pdf:
            meta = pdf.open_metadata()
            assert meta["dc:title"] == resolved.sop.nama
            assert meta["dc:creator"] == [resolved.profil.instansi]
            assert str(pdf.Root.Lang) == "id-ID"


def _small_document(title: str) -> bytes:
    pdf = new_pdfa_document((210.0, 297.0))
    add_sans_fonts(pdf)
    pdf.add_page()
    pdf.set_font("sans", "B", 12)
    pdf.text(20, 20, "Rekapitulasi capaian kinerja")
    pdf.set_font("sans", "", 10)
    pdf.text(20, 30, "Realisasi & target <2025>")
    return finish_pdfa(pdf, title=title, author="Bagian Organisasi & Tata Laksana",
                       subject="SAKIP", created=dt.date(2025, 12, 31), keywords="rekap")


def test_the_general_api_makes_a_deterministic_pdfa():
    data = _small_document("Rekap <Triwulan> \"IV\"")
    check_pdfa(data, "2025-12-31")
    assert _small_document("Rekap <Triwulan> \"IV\"") == data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Rekap <Triwulan> \"IV\""  # escaped, read back intact
        assert meta["pdf:Keywords"] == "rekap"


def test_the_standard_fonts_are_refused():
    """A non-embedded font cannot slip into a PDF/A document."""
    pdf = new_pdfa_document((210.0, 297.0))
    pdf.add_page()
    with pytest.raises(FPDFException):
        pdf.set_font("helvetica", size=10)


def test_encryption_is_refused():
    pdf = new_pdfa_document((210.0, 297.0))
    with pytest.raises(FPDFException):
        pdf.set_encryption("owner")


def test_a_broken_check_notices_a_plain_pdf():
    """check_pdfa can fail: an ordinary fpdf2 document is not accepted."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.text(20, 20, "x")
    with pytest.raises((AssertionError, KeyError)):
        check_pdfa(bytes(pdf.output()), "2025-12-31")


def check_info_matches_xmp(data: bytes) -> None:
    """The document information dictionary (what pdfinfo shows) says what the XMP says."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info, meta = pdf.docinfo, pdf.open_metadata()
        assert str(info["/Title"]) == meta["dc:title"]
        assert [str(info["/Author"])] == meta["dc:creator"]
        assert str(info.get("/Subject", "")) == meta.get("dc:description", "")
        assert str(info["/Creator"]) == meta["xmp:CreatorTool"]
        assert str(info["/Producer"]) == meta["pdf:Producer"]
        assert str(info.get("/Keywords", "")) == meta.get("pdf:Keywords", "")
        created = str(info["/CreationDate"])  # D:YYYYMMDDHHmmSS...
        stamp = meta["xmp:CreateDate"]
        assert created[2:10] == stamp[:10].replace("-", "") and created[10:16] == "000000"
        assert "/ModDate" not in info or str(info["/ModDate"]) == created


def test_info_dictionary_agrees_with_the_xmp(sheet_pdfs):
    for name, (_created, data) in sheet_pdfs.items():
        try:
            check_info_matches_xmp(data)
        except AssertionError as exc:
            raise AssertionError(name) from exc
    small = _small_document("Rekap <Triwulan> \"IV\"")
    check_info_matches_xmp(small)
    check_pdfa(small, "2025-12-31")


def test_the_compliance_check_stays_on_after_output():
    pdf = new_pdfa_document((210.0, 297.0))
    add_sans_fonts(pdf)
    pdf.add_page()
    finish_pdfa(pdf, title="t", author="a", subject="s", created=dt.date(2025, 1, 2))
    with pytest.raises(FPDFException):
        pdf.set_font("helvetica", size=10)
