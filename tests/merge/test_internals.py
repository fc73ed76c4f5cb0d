"""The private library calls of sop_docs.report.internals still do what the rekap relies on:
these fail loudly when an fpdf2 or pyHanko upgrade changes them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pdfplumber
import pikepdf
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from sop_docs.render.pdfa import SANS, add_sans_fonts, finish_pdfa, new_pdfa_document
from sop_docs.report.internals import (
    encode_text,
    keep_document_metadata,
    select_font_on_page,
    write_operators,
)
from sop_docs.report.pdf import stable, with_signature_fields
from sop_docs.report.rekap_pdf import SignatureSpace

PT = 72 / 25.4


def _drawn() -> bytes:
    """Two pages, each with a text and a rectangle written through the adapters only."""
    pdf = new_pdfa_document((297.0, 210.0))
    add_sans_fonts(pdf)
    pdf.set_font(SANS, "", 12)
    for page in (1, 2):
        pdf.add_page()
        select_font_on_page(pdf)
        select_font_on_page(pdf)  # selected once per page
        write_operators(pdf, f"BT {20 * PT:.2f} {(210 - 30) * PT:.2f} Td "
                             f"{encode_text(pdf, f'Halaman ÜJI {page}')} ET")
        write_operators(pdf, f"{20 * PT:.2f} {(210 - 40) * PT:.2f} {50 * PT:.2f} "
                             f"{-10 * PT:.2f} re S")
    return finish_pdfa(pdf, title="Uji", author="sop-docs", subject="Uji",
                       created=dt.date(2026, 4, 3))


def test_operators_and_encoded_text_land_where_written() -> None:
    with pdfplumber.open(io.BytesIO(_drawn())) as document:
        for number, page in enumerate(document.pages, start=1):
            words = page.extract_words()
            assert " ".join(w["text"] for w in words) == f"Halaman ÜJI {number}"
            assert abs(words[0]["x0"] - 20 * PT) < 0.5
            assert abs(words[0]["bottom"] - 30 * PT) < 4
            (rect,) = page.rects
            assert abs(rect["x0"] - 20 * PT) < 0.5 and abs(rect["width"] - 50 * PT) < 0.5
            assert abs(rect["top"] - 40 * PT) < 0.5 and abs(rect["height"] - 10 * PT) < 0.5
            assert page.extract_text().count("Halaman") == 1


def test_no_font_encodes_nothing() -> None:
    pdf = new_pdfa_document((297.0, 210.0))
    pdf.add_page()
    select_font_on_page(pdf)
    assert encode_text(pdf, "teks") == ""


def test_signature_fields_leave_the_metadata_as_drawn() -> None:
    drawn = _drawn()
    signed = with_signature_fields(drawn, [SignatureSpace("TandaTangan", 0, (60, 60, 200, 120))])
    with pikepdf.open(io.BytesIO(drawn)) as before, pikepdf.open(io.BytesIO(signed)) as after:
        assert after.Root.Metadata.read_bytes() == before.Root.Metadata.read_bytes()
        assert after.open_metadata().get("pdfaid:part") == "2"
        assert str(after.docinfo.get("/Producer")) == str(before.docinfo.get("/Producer"))
    assert with_signature_fields(drawn, [SignatureSpace("TandaTangan", 0, (60, 60, 200, 120))]
                                 ) == signed


def test_keeping_the_metadata_switches_pyhankos_update_off() -> None:
    drawn = _drawn()
    writer = IncrementalPdfFileWriter(io.BytesIO(drawn), strict=False)
    keep_document_metadata(writer)
    append_signature_field(writer, SigFieldSpec("TandaTangan", on_page=0, box=(1, 1, 9, 9)))
    out = io.BytesIO()
    writer.write(out)
    update = out.getvalue()[len(drawn):]
    assert b"TandaTangan" in update  # the field was written
    assert b"pyHanko" not in update and b"/Type /Metadata" not in update  # XMP not rewritten


def test_signature_fields_are_the_ones_pyhanko_appends() -> None:
    """The fields are built without pyhanko.sign (a heavy import): byte for byte what
    pyHanko's ``append_signature_field`` writes, a form made by the first one."""
    drawn = _drawn()
    spaces = [SignatureSpace("Mengetahui", 1, (60, 60, 200, 120)),
              SignatureSpace("YangMenyusun", 0, (300.25, 60, 440, 120.5)),
              SignatureSpace("Tersembunyi", 0, (10, 10, 10, 10))]
    writer = IncrementalPdfFileWriter(io.BytesIO(drawn), strict=False)
    keep_document_metadata(writer)
    for space in spaces:
        append_signature_field(writer, SigFieldSpec(space.name, on_page=space.page,
                                                    box=space.box))
    out = io.BytesIO()
    writer.write(out)
    assert with_signature_fields(drawn, spaces) == stable(out.getvalue(),
                                                          hashlib.sha256(drawn).digest())
