"""The one place that makes an fpdf2 document PDF/A-2b (ISO 19005-2, level B), for archiving.

Offices file their documents in SRIKANDI and paper archives, which expect PDF/A.  Any
producer of a PDF in this project (the SOP sheet, the rekap) builds it the same way::

    from sop_docs.render.pdfa import add_sans_fonts, finish_pdfa, new_pdfa_document

    pdf = new_pdfa_document((297.0, 210.0))     # page size in mm (or unit=...)
    add_sans_fonts(pdf)                          # family "sans": Liberation Sans, embedded
    pdf.add_page()
    pdf.set_font("sans", size=10)
    pdf.text(20, 20, "Rekapitulasi capaian")
    data = finish_pdfa(pdf, title="Rekap 2025", author="Bagian Organisasi",
                       subject="SAKIP", created=date(2025, 12, 31))

What this module guarantees (and the tests read back with pikepdf):

* fpdf2's PDF/A-2B enforcement is on: only embedded TrueType fonts are accepted (the
  standard PDF fonts raise), encryption is refused; the file is PDF 1.7;
* an sRGB output intent with the ICC profile shipped inside fpdf2 (``sRGB2014.icc``, the
  same bytes on every run);
* XMP metadata written here, not by fpdf2 (whose XMP stamps the current time):
  ``pdfaid:part`` 2, ``pdfaid:conformance`` B, title, author, subject, language, creator
  tool, producer and dates, and the same values in the document information dictionary
  (Title, Author, Subject, Keywords, Creator, Producer, CreationDate), which fpdf2 leaves
  out in PDF/A mode and pdfinfo and file managers need;
* every date is ``created`` (midnight UTC): same inputs give byte-identical files.

Pages must be drawn with fonts added through :func:`add_sans_fonts` (or ``pdf.add_font``
with another TTF file); colours are plain DeviceRGB, which the sRGB output intent covers.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from fpdf import FPDF
from fpdf.output import OutputProducer

from sop_docs import __version__
from sop_docs.layout.fonts import Style

COMPLIANCE = "PDFA_2B"
SANS = "sans"
STYLE_LETTERS = {Style.REGULAR: "", Style.BOLD: "B", Style.ITALIC: "I"}


def new_pdfa_document(page_size: tuple[float, float], *, unit: str = "mm") -> FPDF:
    """An empty fpdf2 document enforcing PDF/A-2B, default page ``page_size`` (w, h) in
    ``unit``, with no margins and no automatic page break (callers place everything)."""
    pdf = FPDF(unit=unit, format=page_size, enforce_compliance=COMPLIANCE)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    return pdf


def add_sans_fonts(pdf: FPDF, family: str = SANS) -> None:
    """Register the shipped Liberation Sans (regular, bold ``B``, italic ``I``) as
    ``family``; fpdf2 embeds the subset actually used."""
    for style, letters in STYLE_LETTERS.items():
        pdf.add_font(family, letters, str(style.path))


def font_paths() -> dict[str, Path]:
    """The shipped TTF files by fpdf2 style letters ("", "B", "I"), for other producers."""
    return {letters: style.path for style, letters in STYLE_LETTERS.items()}


def finish_pdfa(pdf: FPDF, *, title: str, author: str, subject: str, created: dt.date,
                lang: str = "id-ID", keywords: str = "") -> bytes:
    """Stamp metadata and XMP on a document from :func:`new_pdfa_document`, and return
    the PDF/A-2b bytes.  ``created`` is the document's own date (never the clock)."""
    moment = dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC)
    creator = f"sop-docs {__version__}"
    producer = f"sop-docs {__version__} (fpdf2)"
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_creator(creator)
    pdf.set_producer(producer)
    if keywords:
        pdf.set_keywords(keywords)
    pdf.set_lang(lang)
    pdf.set_creation_date(moment)
    pdf.set_xmp_metadata(xmp_packet(
        title=title, author=author, subject=subject, creator=creator, producer=producer,
        keywords=keywords, lang=lang, moment=moment))
    return _output_with_info(pdf)


def _output_with_info(pdf: FPDF) -> bytes:
    """The document's bytes with a document information dictionary matching the XMP."""
    return bytes(pdf.output(output_producer_class=_InfoKeepingProducer))


class _InfoKeepingProducer(OutputProducer):
    """fpdf2's serialiser, writing /Info although compliance is enforced.

    fpdf2 leaves /Info out whenever compliance is on, although PDF/A-2 allows one that
    agrees with the XMP (pdfinfo and file managers read only /Info).  Once serialising
    starts (output intent already added, everything drawn already checked) fpdf2 consults
    the compliance setting only to leave /Info out, to synthesise an XMP (ours is set) and
    for a PDF/A-1 font detail, so it is lifted while serialising and put back after."""

    def bufferize(self) -> bytearray:
        compliance, self.fpdf._compliance = self.fpdf._compliance, None
        try:
            return super().bufferize()
        finally:
            self.fpdf._compliance = compliance


def xmp_packet(*, title: str, author: str, subject: str, creator: str, producer: str,
               keywords: str, lang: str, moment: dt.datetime) -> str:
    """The ``x:xmpmeta`` element (fpdf2 adds the xpacket wrapper) of a PDF/A-2b file."""
    when = moment.isoformat(timespec="seconds")

    def alt(tag: str, value: str) -> str:
        return (f"<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(value)}</rdf:li>"
                f"</rdf:Alt></{tag}>") if value else ""

    creator_seq = (f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq>"
                   "</dc:creator>") if author else ""
    keyword_tag = f"<pdf:Keywords>{escape(keywords)}</pdf:Keywords>" if keywords else ""
    language = (f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag>"
                "</dc:language>") if lang else ""
    parts = [
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '<rdf:Description rdf:about=""',
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<dc:format>application/pdf</dc:format>",
        alt("dc:title", title), creator_seq, alt("dc:description", subject), language,
        f"<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>", keyword_tag,
        "</rdf:Description>",
        "</rdf:RDF>",
        "</x:xmpmeta>",
    ]
    return "\n".join(part for part in parts if part)
