"""The sheet's typographic and spacing constants, in points (type) and millimetres (space).

One place for every size, so the identity page, the procedure table, the symbols and the
connectors agree, and a portrait page can use a slightly smaller type than a landscape one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import DEFAULT_TATA_LETAK, Kertas, Margin, Orientasi, TataLetak


@dataclass(frozen=True, slots=True)
class SheetStyle:
    """Sizes used by every part of the layout of one sheet."""

    page_w: float  # page width, mm
    page_h: float  # page height, mm
    margin: Margin
    paper: str  # "A4" or "F4"
    orientation: str  # "lanskap" or "potret"
    body_pt: float = 8.0  # table text
    identity_pt: float = 9.0  # identity page text
    title_pt: float = 10.0  # Nama SOP and page titles
    label_pt: float = 6.0  # decision exit labels, off-page letters
    footer_pt: float = 7.0  # page footer
    min_pt: float = 5.0  # smallest size an over-long text is shrunk to
    pad: float = 1.2  # cell padding
    symbol_gap: float = 4.0  # free space above and below a symbol in its row
    band_h: float = 9.0  # height of an off-page connector band row
    title_h: float = 7.0  # height of the title line above a procedure table
    footer_h: float = 5.0  # height of the footer line under a table
    offpage_size: float = 5.5  # width and height of an off-page connector

    @property
    def body_x(self) -> float:
        return self.margin.kiri

    @property
    def body_y(self) -> float:
        return self.margin.atas

    @property
    def body_w(self) -> float:
        return self.page_w - self.margin.kiri - self.margin.kanan

    @property
    def body_h(self) -> float:
        return self.page_h - self.margin.atas - self.margin.bawah


def sheet_style(kertas: Kertas, orientasi: Orientasi, margin: Margin) -> SheetStyle:
    """The style for a paper and orientation: portrait pages use one point less type."""
    width, height = kertas.mm
    names = (kertas.value, orientasi.value)
    if orientasi is Orientasi.LANSKAP:
        return SheetStyle(height, width, margin, *names)
    return SheetStyle(width, height, margin, *names, body_pt=7.0, identity_pt=8.0,
                      title_pt=9.0)


def sheet_options(resolved: ResolvedSOP) -> TataLetak:
    """The SOP's layout options with every one set (the defaults where nothing sets them)."""
    return resolved.tata_letak.over(DEFAULT_TATA_LETAK)
