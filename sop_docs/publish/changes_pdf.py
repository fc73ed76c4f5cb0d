"""The Lembar Perubahan: one A4 page saying what changed from one revision to the next.

Drawn with fpdf2 as PDF/A-2b (:mod:`sop_docs.render.pdfa`), dated with the newer revision's
date, so the same two versions always give the same bytes.  The header names the office,
the SOP and both revisions; then one numbered line per change (the sentences of
:meth:`Perubahan.lines`).  Changes that do not fit the page are counted in a last line that
points at the SOP's page on the site, where every change is listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from sop_docs.layout.fonts import clean
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.publish.diff import Perubahan
from sop_docs.publish.riwayat import tanggal_text
from sop_docs.render.pdfa import SANS, add_sans_fonts, finish_pdfa, new_pdfa_document

PAGE = (210.0, 297.0)  # A4 portrait, mm
MARGIN = 20.0
BODY_PT = 10.0
LINE_MM = 5.0


@dataclass(frozen=True, slots=True)
class Versi:
    """One side of the comparison: "Revisi 2" and the date it came into force (if known)."""

    label: str
    tanggal: dt.date | None


def _header(pdf: FPDF, resolved: ResolvedSOP) -> None:
    """The office (pemerintah, instansi, unit), a rule and the title."""
    profil = resolved.profil
    pdf.set_xy(MARGIN, MARGIN)
    for text, style in ((profil.pemerintah, "B"), (profil.instansi, "B"), (resolved.unit, "")):
        pdf.set_font(SANS, style, 11)
        pdf.cell(PAGE[0] - 2 * MARGIN, 6, clean(text), align="C",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, pdf.get_y() + 2, PAGE[0] - MARGIN, pdf.get_y() + 2)
    pdf.set_y(pdf.get_y() + 8)
    pdf.set_font(SANS, "B", 14)
    pdf.cell(PAGE[0] - 2 * MARGIN, 8, "LEMBAR PERUBAHAN SOP", align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _identity(pdf: FPDF, resolved: ResolvedSOP, lama: Versi, baru: Versi) -> None:
    """Which SOP, and the two versions compared, as a small bordered table."""
    rows = (
        ("Nama SOP", resolved.sop.nama),
        ("Nomor SOP", resolved.sop.nomor or "—"),
        ("Versi sebelumnya", f"{lama.label} (berlaku {tanggal_text(lama.tanggal)})"),
        ("Versi ini", f"{baru.label} (berlaku {tanggal_text(baru.tanggal)})"),
    )
    pdf.set_y(pdf.get_y() + 4)
    pdf.set_line_width(0.2)
    for label, value in rows:
        pdf.set_x(MARGIN)
        pdf.set_font(SANS, "B", BODY_PT)
        pdf.cell(45, 7, label, border=1)
        pdf.set_font(SANS, "", BODY_PT)
        pdf.multi_cell(PAGE[0] - 2 * MARGIN - 45, 7, clean(value), border=1, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT, max_line_height=LINE_MM)


def _changes(pdf: FPDF, lines: list[str]) -> None:
    """The numbered changes, as many as fit above the bottom margin, then a count of the
    rest."""
    width = PAGE[0] - 2 * MARGIN - 8
    bottom = PAGE[1] - MARGIN - 2 * LINE_MM  # room for the overflow line
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_font(SANS, "B", 11)
    pdf.cell(0, 7, "Yang berubah", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SANS, "", BODY_PT)
    if not lines:
        pdf.cell(0, LINE_MM, "Tidak ada perubahan isi.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for index, line in enumerate(lines):
        text = clean(line)
        height = pdf.multi_cell(width, LINE_MM, text, dry_run=True,
                                output=MethodReturnValue.HEIGHT)
        if pdf.get_y() + float(height) > bottom:  # type: ignore[arg-type]
            rest = len(lines) - index
            pdf.set_font(SANS, "I", BODY_PT)
            pdf.multi_cell(0, LINE_MM, f"… dan {rest} perubahan lain: daftar lengkapnya ada "
                           "di halaman SOP ini pada situs SOP.", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
            return
        pdf.set_x(MARGIN)
        pdf.cell(8, LINE_MM, f"{index + 1}.")
        pdf.multi_cell(width, LINE_MM, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(pdf.get_y() + 1)


def changes_pdf(resolved: ResolvedSOP, perubahan: Perubahan, lama: Versi, baru: Versi) -> bytes:
    """The Lembar Perubahan of ``resolved`` (the newer version) as PDF/A-2b bytes."""
    pdf = new_pdfa_document(PAGE)
    add_sans_fonts(pdf)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_page()
    _header(pdf, resolved)
    _identity(pdf, resolved, lama, baru)
    _changes(pdf, perubahan.lines())
    created = baru.tanggal or lama.tanggal or dt.date(2000, 1, 1)
    return finish_pdfa(pdf, title=f"Lembar Perubahan {resolved.sop.nama}",
                       author=resolved.profil.instansi,
                       subject=f"{lama.label} ke {baru.label}", created=created)
