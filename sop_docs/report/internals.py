"""The only places the report stack reaches into a library's private API, one small function
each, pinned by ``uv.lock`` (fpdf2 2.8.9, pyHanko 0.38.0) and checked by
``tests/merge/test_internals.py``, which fails loudly when an upgrade changes what they do.

- fpdf2 has no public call that appends PDF operators to a page, and its public ``text()``
  and ``rect()`` check, coerce and re-encode every call: a rekap of 1,000 units draws some
  100,000 cells and lines, where those calls were most of the PDF's time (see
  :class:`sop_docs.report.table.Drawer`).
- pyHanko rewrites the document's Info and XMP metadata (modification time "now", itself as
  producer) whenever it writes, with no public switch; the rekap's XMP is its PDF/A
  identification and must stay as drawn for byte-identical output.
"""

from __future__ import annotations

from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def write_operators(pdf: FPDF, operators: str) -> None:
    """Append ``operators`` (PDF content-stream syntax, latin-1) to the current page."""
    pdf._out(operators)


def select_font_on_page(pdf: FPDF) -> None:
    """Select the current font and size on the current page, unless it already is (fpdf2
    does so lazily, before the first text a page receives)."""
    font = pdf.current_font
    if font is not None and not pdf.current_font_is_set_on_page:
        pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))


def encode_text(pdf: FPDF, text: str) -> str:
    """``text`` as a PDF string operand in the current font, its glyphs recorded for the
    embedded font subset; "" when no font is selected."""
    font = pdf.current_font
    if font is None:
        return ""
    return str(font.encode_text(pdf.normalize_text(text)))


def keep_document_metadata(writer: IncrementalPdfFileWriter) -> None:
    """Make ``writer`` leave the document's Info dictionary and XMP metadata as they are."""
    if not callable(getattr(writer, "_update_meta", None)):
        raise RuntimeError("pyHanko changed: IncrementalPdfFileWriter._update_meta is gone; "
                           "review sop_docs/report/internals.py")
    writer._update_meta = lambda: None  # type: ignore[method-assign]
