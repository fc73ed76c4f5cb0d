"""Runs and paragraphs: the layout's already-wrapped lines as WordprocessingML text.

Line breaks are the layout's (one ``w:br`` between lines), so Word and LibreOffice wrap
exactly where the PDF does; line pitch is exact so text stays inside fixed-height rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from lxml import etree

from sop_docs.layout.fonts import clean
from sop_docs.layout.geometry import Align, TextLine
from sop_docs.render.docx.ooxml import clean_text, clone, element, half_points, qn, sub, twips

PT_TO_MM = 25.4 / 72
LINE_FACTOR = 1.15  # line pitch of a single line, as a multiple of the font size
ASCENT = 0.905  # Arial / Liberation Sans ascent, in em
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def run(text: str, size_pt: float, bold: bool = False, italic: bool = False,
        underline: bool = False, line_break: bool = False) -> etree._Element:
    """One ``w:r`` of text in its own formatting; ``line_break`` starts it on a new line."""
    r = clone(_run_template(half_points(size_pt), bold, italic, underline, line_break))
    t = r[-1]
    t.text = clean_text(text)
    if t.text != t.text.strip():
        t.set(qn("xml:space"), "preserve")
    return r


@lru_cache(maxsize=128)
def _run_template(size: str, bold: bool, italic: bool, underline: bool, line_break: bool
                  ) -> etree._Element:
    """An empty run of one formatting, built once and copied (runs are the most built
    element of a document)."""
    r = element("w:r")
    rpr = sub(r, "w:rPr")
    if bold:
        sub(rpr, "w:b")
    if italic:
        sub(rpr, "w:i")
    sub(rpr, "w:sz", {"w:val": size})
    sub(rpr, "w:szCs", {"w:val": size})
    if underline:
        sub(rpr, "w:u", {"w:val": "single"})
    if line_break:
        sub(r, "w:br")
    sub(r, "w:t")
    return r


def line_pitch_mm(size_pt: float) -> float:
    """Distance between baselines of consecutive lines of one size (the layout's 1.15)."""
    return size_pt * LINE_FACTOR * PT_TO_MM


@dataclass(frozen=True)
class _VisualLine:
    """The layout's lines sharing one baseline (a list number and its text, say)."""

    baseline: float
    segments: tuple[TextLine, ...]

    @property
    def size_pt(self) -> float:
        return max(s.size_pt for s in self.segments)


def _visual_lines(lines: Sequence[TextLine]) -> list[_VisualLine]:
    by_baseline: dict[float, list[TextLine]] = {}
    for line in lines:
        by_baseline.setdefault(round(line.baseline, 2), []).append(line)
    return [_VisualLine(b, tuple(sorted(segs, key=lambda s: s.x)))
            for b, segs in sorted(by_baseline.items())]


def box_paragraphs(lines: Sequence[TextLine], align: Align, left_mm: float, top_mm: float,
                   right_mm: float) -> list[etree._Element]:
    """The lines of one box (a cell or a text box) as paragraphs placed where the layout put
    them: ``left_mm``/``right_mm`` are the box's edges and ``top_mm`` its top.

    Lines at the regular pitch and the same indent share one paragraph, joined by line
    breaks; a gap, an indent change or a size change starts a new paragraph whose space
    before restores the layout's baseline.  Lines sharing a baseline (a list number and
    its text) are joined by tabs to tab stops at the layout's positions.
    """
    visual = _visual_lines(lines)
    if not visual:
        return [_paragraph(align, 0.0, line_pitch_mm(7.0), 0.0, 0.0, 7.0, [])]
    paragraphs: list[etree._Element] = []
    previous: _VisualLine | None = None
    for line in visual:
        pitch = line_pitch_mm(line.size_pt)
        indent_left, indent_right = _indents(line, align, left_mm, right_mm)
        if previous is not None and _continues(previous, line, align):
            p = paragraphs[-1]
            _append_segments(p, line, line_break=True)
        else:
            if previous is None:
                before = line.baseline - top_mm - _baseline_in_line(line.size_pt, pitch)
            else:
                before = line.baseline - previous.baseline - pitch
            p = _paragraph(align, max(0.0, before), pitch, indent_left, indent_right,
                           line.size_pt, _tab_stops(line, left_mm))
            _append_segments(p, line, line_break=False)
            paragraphs.append(p)
        previous = line
    return paragraphs


def _indents(line: _VisualLine, align: Align, left_mm: float, right_mm: float
             ) -> tuple[float, float]:
    first, last = line.segments[0], line.segments[-1]
    if align is Align.LEFT:
        return max(0.0, first.x - left_mm), 0.0
    if align is Align.RIGHT:
        return 0.0, max(0.0, right_mm - last.x - last.width)
    return 0.0, 0.0


def _continues(previous: _VisualLine, line: _VisualLine, align: Align) -> bool:
    """True when ``line`` can follow ``previous`` after a plain line break."""
    return (
        abs(line.baseline - previous.baseline - line_pitch_mm(line.size_pt)) < 0.05
        and line.size_pt == previous.size_pt
        and len(line.segments) == 1 and len(previous.segments) == 1
        and (align is not Align.LEFT or abs(line.segments[0].x - previous.segments[0].x) < 0.05)
    )


def _tab_stops(line: _VisualLine, left_mm: float) -> list[float]:
    return [s.x - left_mm for s in line.segments[1:]]


def _append_segments(p: etree._Element, line: _VisualLine, line_break: bool) -> None:
    for index, segment in enumerate(line.segments):
        r = run(segment.text, segment.size_pt, segment.bold, segment.italic, segment.underline,
                line_break=line_break and index == 0)
        if index > 0:
            r.insert(1, element("w:tab"))
        p.append(r)


def _paragraph(align: Align, before_mm: float, pitch_mm: float, indent_left: float,
               indent_right: float, size_pt: float, tabs: list[float]) -> etree._Element:
    """An empty paragraph with exact line pitch, space before, indents and tab stops."""
    return clone(_paragraph_template(
        align, twips(before_mm), max(twips(pitch_mm), 1), twips(indent_left),
        twips(indent_right), half_points(size_pt), tuple(twips(t) for t in tabs)))


@lru_cache(maxsize=1024)
def _paragraph_template(align: Align, before: int, line: int, indent_left: int,
                        indent_right: int, size: str, tabs: tuple[int, ...]) -> etree._Element:
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    if tabs:
        stops = sub(ppr, "w:tabs")
        for position in tabs:
            sub(stops, "w:tab", {"w:val": "left", "w:pos": str(position)})
    sub(ppr, "w:spacing", {"w:before": str(before), "w:after": "0", "w:line": str(line),
                           "w:lineRule": "exact"})
    if indent_left or indent_right:
        sub(ppr, "w:ind", {"w:left": str(indent_left), "w:right": str(indent_right)})
    sub(ppr, "w:jc", {"w:val": _JC[align]})
    sub(sub(ppr, "w:rPr"), "w:sz", {"w:val": size})
    return p


def _baseline_in_line(size_pt: float, pitch_mm: float) -> float:
    """Where the baseline sits below the top of an exact-height line: the font's ascent plus
    half the extra leading (how Word and LibreOffice centre text in an exact line)."""
    size_mm = size_pt * PT_TO_MM
    return ASCENT * size_mm + (pitch_mm - size_mm * LINE_FACTOR) / 2


def spacer_paragraph(height_mm: float, page_break_before: bool = False) -> etree._Element:
    """An empty paragraph of exactly ``height_mm``: the space above a table, the anchor of a
    page's shapes, and (with ``page_break_before``) the start of a new page."""
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    if page_break_before:
        sub(ppr, "w:pageBreakBefore")
    sub(ppr, "w:spacing", {"w:before": "0", "w:after": "0",
                           "w:line": str(max(twips(height_mm), 1)), "w:lineRule": "exact"})
    mark = sub(ppr, "w:rPr")
    sub(mark, "w:sz", {"w:val": "2"})
    return p


def with_source_characters(lines: tuple[TextLine, ...], source: str) -> tuple[TextLine, ...]:
    """The layout's lines with the characters its PDF font lacks (shown there as "?", e.g.
    emoji) put back from ``source``, the text the lines were wrapped from.

    Word and LibreOffice draw such characters from a fallback font.  The layout wraps the
    source's words (each source character maps to one drawn character, control characters
    dropped); words are matched in order, and at the first one that does not match (a
    text cut with an ellipsis) the remaining lines stay as the layout drew them.
    """
    if not any("?" in line.text for line in lines):
        return lines
    drawn, original = _drawn_and_original(source)
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", drawn)]
    token, offset = 0, 0
    restored: list[TextLine] = []
    for index, line in enumerate(lines):
        words = []
        for word in line.text.split():
            if token >= len(tokens):
                return (*restored, *lines[index:])
            start, end = tokens[token]
            at = start + offset
            if drawn[at:at + len(word)] != word:
                return (*restored, *lines[index:])
            words.append(original[at:at + len(word)])
            offset += len(word)
            if start + offset >= end:
                token, offset = token + 1, 0
        restored.append(replace(line, text=" ".join(words)))
    return tuple(restored)


def _drawn_and_original(source: str) -> tuple[str, str]:
    """The source as the layout draws it and the matching original characters, aligned."""
    drawn, original = [], []
    for char in source:
        shown = clean(char)
        if shown:
            drawn.append(shown)
            original.append(char if shown == "?" else shown)
    return "".join(drawn), "".join(original)
