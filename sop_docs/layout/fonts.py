"""The sheet's font and its metrics: Liberation Sans, shipped with the package.

Liberation Sans is metric-compatible with Arial, the font offices use in Word.  The layout
measures text with the advance widths of the very files the PDF embeds, so a line that
fits in the layout fits on the page.  Only characters in :data:`CHARSET` are drawn; any
other character is shown as ``?`` (see :func:`clean`), so what is measured is what is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FAMILY = "Liberation Sans"
PT_TO_MM = 25.4 / 72


class Style(StrEnum):
    """The three faces of the family the sheet uses."""

    REGULAR = "regular"
    BOLD = "bold"
    ITALIC = "italic"

    @property
    def path(self) -> Path:
        """The TTF file of this face."""
        return FONT_DIR / f"LiberationSans-{self.value.capitalize()}.ttf"

    @staticmethod
    def of(bold: bool, italic: bool = False) -> Style:
        """The face for a bold / italic flag pair (bold wins; the family has no bold italic)."""
        if bold:
            return Style.BOLD
        return Style.ITALIC if italic else Style.REGULAR


def _ranges(*pairs: tuple[int, int]) -> frozenset[int]:
    return frozenset(c for lo, hi in pairs for c in range(lo, hi + 1))


# Latin, Latin-1, Latin Extended-A, typographic punctuation, currency signs, arrows and
# a few maths signs: enough for Indonesian official text, small enough that embedding
# (fontTools subsetting inside fpdf2) stays fast.
CHARSET: frozenset[int] = _ranges(
    (0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A), (0x20A0, 0x20BF),
    (0x2190, 0x2195), (0x2212, 0x2212), (0x2264, 0x2265),
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class FaceMetrics:
    """Advance widths (font units) by code point, and the vertical metrics of one face."""

    units_per_em: int
    advances: dict[int, int]
    ascent: float  # em fraction above the baseline
    descent: float  # em fraction below the baseline (positive)


@cache
def face(style: Style) -> FaceMetrics:
    """The metrics of a face, read once per process from its TTF (hmtx + cmap)."""
    with TTFont(style.path, lazy=True) as font:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upem = font["head"].unitsPerEm
        advances = {code: hmtx[name][0] for code, name in cmap.items() if code in CHARSET}
        hhea = font["hhea"]
        return FaceMetrics(upem, advances, hhea.ascent / upem, -hhea.descent / upem)


def clean(text: str) -> str:
    """Text as it will be drawn: control characters dropped, unsupported characters as '?'."""
    text = _CONTROL_RE.sub("", text.replace("\t", " "))
    advances = face(Style.REGULAR).advances
    if all(ord(ch) in advances or ch == "\n" for ch in text):
        return text
    return "".join(ch if ord(ch) in advances or ch == "\n" else "?" for ch in text)


@lru_cache(maxsize=65536)
def _units(text: str, style: Style) -> int:
    advances = face(style).advances
    fallback = advances[ord("?")]
    return sum(advances.get(ord(ch), fallback) for ch in text)


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in millimetres at ``size_pt`` (no kerning, as fpdf2 draws)."""
    style = Style.of(bold, italic)
    return _units(text, style) * size_pt * PT_TO_MM / face(style).units_per_em


def ascent_mm(size_pt: float) -> float:
    """Height of the font's ascender above the baseline, in millimetres."""
    return face(Style.REGULAR).ascent * size_pt * PT_TO_MM


def line_height(size_pt: float) -> float:
    """Distance between baselines of consecutive lines, in millimetres (1.15 x size)."""
    return 1.15 * size_pt * PT_TO_MM
