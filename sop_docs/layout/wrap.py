"""Line wrapping with real font metrics, and placing wrapped lines in a box.

Wrapping breaks at spaces; a word longer than the line is broken between characters, so
no line is ever wider than its box (a pasted URL or a 5,000-character word included).
"""

from __future__ import annotations

from sop_docs.layout.fonts import ascent_mm, clean, line_height, text_width
from sop_docs.layout.geometry import Align, TextLine


def wrap(text: str, width: float, size_pt: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` mm; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph.split(), width, size_pt, bold))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _wrap_paragraph(words: list[str], width: float, size: float, bold: bool) -> list[str]:
    if not words:
        return [""]
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    space = text_width(" ", size, bold)
    for word in words:
        # Widths add up (no kerning), so a line is measured word by word.
        w = text_width(word, size, bold)
        if current and used + space + w <= width + 1e-9:
            current.append(word)
            used += space + w
            continue
        if not current and w <= width + 1e-9:
            current, used = [word], w
            continue
        if current:
            lines.append(" ".join(current))
        pieces = _break_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        current, used = [pieces[-1]], text_width(pieces[-1], size, bold)
    lines.append(" ".join(current))
    return lines


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word split into pieces that each fit ``width`` (at least one character each)."""
    if text_width(word, size, bold) <= width:
        return [word]
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        # Grow by halving steps: long words (hostile input) stay O(n log n).
        step = max(1, len(word) // 2)
        while step >= 1:
            if end + step <= len(word) and text_width(word[start:end + step], size, bold) <= width:
                end += step
            else:
                step //= 2
        pieces.append(word[start:end])
        start = end
    return pieces


def block_height(line_count: int, size_pt: float, padding: float) -> float:
    """Height a cell needs for ``line_count`` lines with ``padding`` above and below."""
    if line_count == 0:
        return 2 * padding
    return 2 * padding + line_count * line_height(size_pt)


def place(lines: list[str], x: float, top: float, width: float, size_pt: float, *,
          bold: bool = False, underline: bool = False, align: Align = Align.LEFT
          ) -> tuple[TextLine, ...]:
    """Wrapped ``lines`` as TextLines, the first line's box starting at ``top``.

    ``x`` and ``width`` are the text area (cell minus padding); each line's ``x`` is where
    its text starts, already shifted for centre/right alignment.
    """
    step = line_height(size_pt)
    # Centre the ascender+descender band of each line inside its line box.
    first = top + (step - size_pt * 25.4 / 72) / 2 + ascent_mm(size_pt)
    placed = []
    for i, text in enumerate(lines):
        w = text_width(text, size_pt, bold)
        if align is Align.CENTER:
            start = x + (width - w) / 2
        elif align is Align.RIGHT:
            start = x + width - w
        else:
            start = x
        placed.append(TextLine(start, first + i * step, text, size_pt, bold=bold,
                               underline=underline, width=w))
    return tuple(placed)
