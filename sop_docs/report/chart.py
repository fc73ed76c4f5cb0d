"""The capaian chart of the rekap: a horizontal bar per indicator, drawn with Pillow as PNG.

Bars are coloured by kategori band and a dashed line marks 100%.  Drawing with Pillow keeps
the chart free of plotting libraries and byte-identical for the same figures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

_FONT = "LiberationSans-Regular.ttf"
_WIDTH = 1600
_BAR = 34
_GAP = 14
_LABEL_WIDTH = 640
_TOP, _BOTTOM = 60, 70
# One colour per kategori band, highest band first (the scale is data: any length works).
_PALETTE = ("#1a7f37", "#4caf50", "#f2c200", "#f08c00", "#d1242f", "#8250df", "#57606a")


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, the capaian in percent (None: no value), and its kategori band."""

    label: str
    capaian: float | None
    band: int  # index of the kategori band (0 = highest), -1 when no capaian


def _font(size: int) -> ImageFont.FreeTypeFont:
    path = resources.files("sop_docs") / "assets" / "fonts" / _FONT
    with resources.as_file(path) as real:
        return ImageFont.truetype(str(real), size)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def capaian_chart(bars: list[Bar], bands: list[str], title: str) -> bytes:
    """The chart as PNG bytes (a legend names the kategori bands)."""
    font, small, bold = _font(22), _font(19), _font(26)
    height = _TOP + _BOTTOM + max(1, len(bars)) * (_BAR + _GAP)
    image = Image.new("RGB", (_WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 14), title, fill="black", font=bold)
    plot_left, plot_right = _LABEL_WIDTH + 20, _WIDTH - 120
    top_value = max([120.0] + [b.capaian for b in bars if b.capaian is not None])
    scale = (plot_right - plot_left) / top_value
    hundred = plot_left + int(100 * scale)
    for y in range(_TOP - 6, height - _BOTTOM + 4, 12):
        draw.line((hundred, y, hundred, y + 6), fill="#57606a", width=2)
    for i, bar in enumerate(bars):
        y = _TOP + i * (_BAR + _GAP)
        draw.text((20, y + 5), _fit(draw, bar.label, font, _LABEL_WIDTH - 20), fill="black",
                  font=font)
        if bar.capaian is None:
            draw.text((plot_left + 6, y + 5), "belum ada capaian", fill="#57606a", font=small)
            continue
        end = plot_left + max(2, int(max(0.0, bar.capaian) * scale))
        colour = _PALETTE[bar.band % len(_PALETTE)] if bar.band >= 0 else "#57606a"
        draw.rectangle((plot_left, y, end, y + _BAR), fill=colour)
        value = f"{bar.capaian:.2f}".replace(".", ",") + "%"
        draw.text((end + 8, y + 6), value, fill="black", font=small)
    legend_y = height - _BOTTOM + 24
    x = 20
    for index, name in enumerate(bands):
        draw.rectangle((x, legend_y, x + 22, legend_y + 22), fill=_PALETTE[index % len(_PALETTE)])
        draw.text((x + 30, legend_y), name, fill="black", font=small)
        x += 50 + int(draw.textlength(name, font=small))
    draw.text((hundred - 30, height - _BOTTOM + 2), "100%", fill="#57606a", font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
