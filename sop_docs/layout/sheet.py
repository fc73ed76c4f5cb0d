"""The official SOP sheet of one SOP, computed once as geometry for every renderer.

``layout_sheet`` never raises for a valid model: problems it works around (over-long text,
flows to unknown steps, a missing logo) become diagnostics on the returned layout.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PIL import Image

from sop_docs.diagnostics import SHT_IDENTITY_CUT, SHT_LOGO, Diagnostic, Location, make
from sop_docs.layout.fonts import FAMILY, text_width
from sop_docs.layout.geometry import Align, Page, SheetLayout, TextLine
from sop_docs.layout.identity import identity_pages
from sop_docs.layout.procedure import procedure_pages
from sop_docs.layout.runs import paragraph, truncate
from sop_docs.layout.style import SheetStyle, sheet_style
from sop_docs.layout.wrap import place
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import DEFAULT_TATA_LETAK, Margin

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
PROFILE_FOLDER = "profil"


def layout_sheet(resolved: ResolvedSOP) -> SheetLayout:
    """Identity page(s) then procedure pages, numbered, with titles and footers."""
    tata = resolved.tata_letak
    kertas = tata.kertas or DEFAULT_TATA_LETAK.kertas
    orientasi = tata.orientasi or DEFAULT_TATA_LETAK.orientasi
    assert kertas is not None and orientasi is not None
    style = sheet_style(kertas, orientasi, tata.margin or Margin())
    location = Location(resolved.path)
    problems: list[Diagnostic] = []
    cut: list[str] = []
    pages = identity_pages(resolved, style, find_logo(resolved, location, problems), cut)
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
    return dataclasses.replace(page, number=number, texts=tuple(texts))
