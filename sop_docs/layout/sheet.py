"""The official SOP sheet of one SOP, computed once as geometry for every renderer.

``layout_sheet`` never raises for a valid model: problems it works around (over-long text,
flows to unknown steps, a missing logo) become diagnostics on the returned layout.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PIL import Image

from sop_docs.diagnostics import SHT_IDENTITY_CUT, SHT_LOGO, Diagnostic, Location, make
from sop_docs.layout.fonts import FAMILY, ascent_mm, text_width
from sop_docs.layout.geometry import Align, Page, SheetLayout, TextLine
from sop_docs.layout.identity import identity_pages
from sop_docs.layout.procedure import procedure_pages
from sop_docs.layout.runs import paragraph, truncate
from sop_docs.layout.style import SheetStyle, sheet_options, sheet_style
from sop_docs.layout.wrap import place
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import Kertas, Margin, Orientasi
from sop_docs.model.sop import StatusSOP

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
PROFILE_FOLDER = "profil"
CAP_SHARE = 0.8  # capital letters' height as a share of the ascent (Liberation Sans)


def layout_sheet(resolved: ResolvedSOP) -> SheetLayout:
    """Identity page(s) then procedure pages, numbered, with titles and footers."""
    tata = sheet_options(resolved)
    style = sheet_style(tata.kertas or Kertas.F4, tata.orientasi or Orientasi.LANSKAP,
                        tata.margin or Margin())
    location = Location(resolved.path)
    problems: list[Diagnostic] = []
    cut: list[str] = []
    logo = find_logo(resolved, location, problems) if tata.tampilkan_logo else None
    pages = identity_pages(resolved, style, logo, cut)
    if cut:
        problems.append(make(SHT_IDENTITY_CUT, location, fields=", ".join(dict.fromkeys(cut))))
    pages += procedure_pages(resolved, style, problems)
    total = len(pages)
    numbered = [_finish(page, n, total, resolved, style) for n, page in enumerate(pages, 1)]
    sop = resolved.sop
    return SheetLayout(
        sop_id=sop.id,
        title=sop.nama,
        subject=sop.nomor,
        font_family=FAMILY,
        pages=tuple(numbered),
        paper=style.paper,
        orientation=style.orientation,
        creation_date=_creation_date(resolved),
        author=resolved.profil.instansi,
        diagnostics=tuple(problems),
    )


def _creation_date(resolved: ResolvedSOP) -> str:
    """The SOP's own date (efektif, else pembuatan) so documents never carry 'now'."""
    tanggal = resolved.sop.tanggal
    for value in (tanggal.efektif, tanggal.pembuatan):
        date = value.as_date()
        if date is not None:
            return date.isoformat()
    return "2000-01-01"


def find_logo(resolved: ResolvedSOP, location: Location,
              problems: list[Diagnostic]) -> Path | None:
    """The profile's logo file: relative to the profile folder (``<sources>/profil/``)."""
    logo = resolved.profil.logo
    if not logo:
        return None
    source_dir = Path(resolved.path).parent
    candidates = [Path(logo)] if Path(logo).is_absolute() else [
        source_dir / PROFILE_FOLDER / logo, source_dir / logo]
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        problems.append(make(SHT_LOGO, location, path=logo, reason="file not found"))
        return None
    if found.suffix.lower() not in LOGO_SUFFIXES:
        problems.append(make(SHT_LOGO, location, path=logo, reason="not a PNG or JPEG file"))
        return None
    try:
        with Image.open(found) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways of saying "broken"
        problems.append(make(SHT_LOGO, location, path=logo, reason=f"unreadable image ({exc})"))
        return None
    return found.resolve()


def _finish(page: Page, number: int, total: int, resolved: ResolvedSOP,
            style: SheetStyle) -> Page:
    """Number the page, add its title line (procedure pages) and its footer."""
    texts: list[TextLine] = list(page.texts)
    width = style.body_w
    if page.kind == "prosedur":
        title = truncate(paragraph(f"Prosedur: {resolved.sop.nama}", width * 0.7,
                                   style.title_pt, bold=True), 1, width * 0.7, style.title_pt)
        texts += place([title[0].text], style.body_x, style.body_y, width * 0.7, style.title_pt,
                       bold=True)
        nomor = f"Nomor SOP: {resolved.sop.nomor}" if resolved.sop.nomor else ""
        if nomor and text_width(nomor, style.footer_pt) < width * 0.28:
            texts += place([nomor], style.body_x + width * 0.72, style.body_y + 0.6,
                           width * 0.28, style.footer_pt, align=Align.RIGHT)
    footer = f"Halaman {number} dari {total}"
    texts += place([footer], style.body_x, style.body_y + style.body_h - style.footer_h + 1.0,
                   width, style.footer_pt, align=Align.RIGHT)
    return dataclasses.replace(page, number=number, texts=tuple(texts),
                               watermark=watermark(resolved.sop.status, style))


STATUS_MARKS = {StatusSOP.DRAF: "DRAF", StatusSOP.DICABUT: "DICABUT"}
MARK_MAX_PT = 120.0
MARK_WIDTH_SHARE = 0.6  # of the text width


def watermark(status: StatusSOP, style: SheetStyle) -> TextLine | None:
    """The status mark of a draft or withdrawn SOP, bold and as large as fits in
    :data:`MARK_WIDTH_SHARE` of the text width, centred on the page's text area."""
    text = STATUS_MARKS.get(status)
    if text is None:
        return None
    size = min(MARK_MAX_PT, MARK_MAX_PT * style.body_w * MARK_WIDTH_SHARE
               / text_width(text, MARK_MAX_PT, bold=True))
    width = text_width(text, size, bold=True)
    baseline = style.body_y + style.body_h / 2 + ascent_mm(size) * CAP_SHARE / 2
    return TextLine(style.body_x + (style.body_w - width) / 2, baseline, text, size,
                    bold=True, width=width)
