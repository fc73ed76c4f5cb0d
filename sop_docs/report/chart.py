"""The charts of the rekap: horizontal bars drawn with Pillow as PNG.

:func:`capaian_chart` draws a bar per indicator, coloured by kategori band, with a dashed
line at 100%; :func:`share_chart` draws the share of indicators per kategori (for a rekap
of many units).  Labels wrap onto up to three lines instead of being cut, and a value label
never sits on the 100% line.  Drawing with Pillow keeps the charts free of plotting
libraries and byte-identical for the same figures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

_FONT = "LiberationSans-Regular.ttf"
_WIDTH = 1600
_LINE = 26  # height of one label line
_GAP = 14
_LABEL_WIDTH = 640
_LABEL_LINES = 3
_TOP, _BOTTOM = 60, 70
_CLEAR = 6  # room kept between a value label and the 100% line
# One colour per kategori band, highest band first (the scale is data: any length works).
_PALETTE = ("#1a7f37", "#4caf50", "#f2c200", "#f08c00", "#d1242f", "#8250df", "#57606a")


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, the value in percent (None: no value), and its kategori band."""

    label: str
    capaian: float | None
    band: int  # index of the kategori band (0 = highest), -1 when no capaian


def _font(size: int) -> ImageFont.FreeTypeFont:
    path = resources.files("sop_docs") / "assets" / "fonts" / _FONT
    with resources.as_file(path) as real:
        return ImageFont.truetype(str(real), size)


def wrap_label(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
               width: int, lines: int = _LABEL_LINES) -> list[str]:
    """``text`` in lines no wider than ``width``; only text beyond ``lines`` lines is cut
    (its last line then ends with …)."""
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
    out.append(current)
    out = [_fit(draw, line, font, width) for line in out]
    if len(out) > lines:
        out = [*out[: lines - 1], _fit(draw, " ".join(out[lines - 1:]), font, width)]
    return out


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _percent(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


@dataclass(frozen=True, slots=True)
class _Plot:
    """Where the bars go: left edge, pixels per percent, and the reference line (or None)."""

    left: int
    scale: float
    reference: int | None


def _value_x(draw: ImageDraw.ImageDraw, plot: _Plot, end: int, label: str,
             font: ImageFont.FreeTypeFont) -> int:
    """Where a bar's value label starts: after the bar, moved past the reference line
    when it would touch it."""
    x = end + 8
    width = int(draw.textlength(label, font=font))
    line = plot.reference
    if line is not None and x - _CLEAR <= line <= x + width + _CLEAR:
        x = line + _CLEAR + 2
    return x


def _bars(draw: ImageDraw.ImageDraw, bars: list[Bar], plot: _Plot) -> int:
    """Draw every bar with its wrapped label; return the y below the last one."""
    font, small = _font(22), _font(19)
    y = _TOP
    for bar in bars:
        lines = wrap_label(draw, bar.label, font, _LABEL_WIDTH - 20)
        height = max(34, len(lines) * _LINE)
        for index, line in enumerate(lines):
            draw.text((20, y + 3 + index * _LINE), line, fill="black", font=font)
        if bar.capaian is None:
            draw.text((plot.left + 6, y + 5), "belum ada capaian", fill="#57606a", font=small)
        else:
            end = plot.left + max(2, int(max(0.0, bar.capaian) * plot.scale))
            colour = _PALETTE[bar.band % len(_PALETTE)] if bar.band >= 0 else "#57606a"
            draw.rectangle((plot.left, y, end, y + 34), fill=colour)
            label = _percent(bar.capaian)
            draw.text((_value_x(draw, plot, end, label, small), y + 6), label, fill="black",
                      font=small)
        y += height + _GAP
    return y


def _legend(draw: ImageDraw.ImageDraw, bands: list[str], y: int) -> None:
    small = _font(19)
    x = 20
    for index, name in enumerate(bands):
        draw.rectangle((x, y, x + 22, y + 22), fill=_PALETTE[index % len(_PALETTE)])
        draw.text((x + 30, y), name, fill="black", font=small)
        x += 50 + int(draw.textlength(name, font=small))


def _draw(bars: list[Bar], bands: list[str], title: str, reference: float | None) -> bytes:
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    heights = [max(34, len(wrap_label(probe, b.label, _font(22), _LABEL_WIDTH - 20)) * _LINE)
               for b in bars] or [34]
    height = _TOP + _BOTTOM + sum(h + _GAP for h in heights)
    image = Image.new("RGB", (_WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 14), title, fill="black", font=_font(26))
    left, right = _LABEL_WIDTH + 20, _WIDTH - 160
    top_value = max([reference * 1.2 if reference else 100.0]
                    + [b.capaian for b in bars if b.capaian is not None])
    scale = (right - left) / top_value
    line = left + int(reference * scale) if reference is not None else None
    if line is not None:
        for y in range(_TOP - 6, height - _BOTTOM + 4, 12):
            draw.line((line, y, line, y + 6), fill="#57606a", width=2)
        draw.text((line - 30, height - _BOTTOM + 2), "100%", fill="#57606a", font=_font(19))
    _bars(draw, bars, _Plot(left, scale, line))
    _legend(draw, bands, height - _BOTTOM + 24)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def capaian_chart(bars: list[Bar], bands: list[str], title: str) -> bytes:
    """One bar per indicator (capaian %), a dashed line at 100%, a legend of the bands."""
    return _draw(bars, bands, title, 100.0)


def share_chart(bands: list[str], counts: list[int], title: str) -> bytes:
    """One bar per kategori band: the share (%) of the indicators that fall in it."""
    total = sum(counts)
    bars = [Bar(f"{name} ({count} indikator)", count / total * 100 if total else None, index)
            for index, (name, count) in enumerate(zip(bands, counts, strict=True))]
    return _draw(bars, bands, title, None)
