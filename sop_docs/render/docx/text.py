"""Runs and paragraphs: the layout's already-wrapped lines as WordprocessingML text.

Line breaks are the layout's (one ``w:br`` between lines), so Word and LibreOffice wrap
exactly where the PDF does; line pitch is exact so text stays inside fixed-height rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from sop_docs.layout.geometry import Align, TextLine
from sop_docs.render.docx.ooxml import clean_text, element, half_points, qn, sub, twips

PT_TO_MM = 25.4 / 72
LINE_FACTOR = 1.15  # line pitch of a single line, as a multiple of the font size
ASCENT = 0.905  # Arial / Liberation Sans ascent, in em
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def run(text: str, size_pt: float, bold: bool = False, italic: bool = False,
        underline: bool = False, line_break: bool = False) -> etree._Element:
    """One ``w:r`` of text in its own formatting; ``line_break`` starts it on a new line."""
    r = element("w:r")
    rpr = sub(r, "w:rPr")
    if bold:
        sub(rpr, "w:b")
    if italic:
        sub(rpr, "w:i")
    sub(rpr, "w:sz", {"w:val": half_points(size_pt)})
    sub(rpr, "w:szCs", {"w:val": half_points(size_pt)})
    if underline:
        sub(rpr, "w:u", {"w:val": "single"})
    if line_break:
        sub(r, "w:br")
    t = sub(r, "w:t", text=clean_text(text))
    if t.text != (t.text or "").strip():
        t.set(qn("xml:space"), "preserve")
    return r


def line_pitch_mm(lines: Sequence[TextLine]) -> float:
    """Distance between baselines: measured from the layout, else from the font size."""
    if len(lines) > 1:
        return max(lines[1].baseline - lines[0].baseline, 0.1)
    size = lines[0].size_pt if lines else 7.0
    return size * LINE_FACTOR * PT_TO_MM


def lines_paragraph(lines: Sequence[TextLine], align: Align, left_mm: float, top_mm: float,
                    right_mm: float) -> etree._Element:
    """The lines of one box (cell or text box) as one paragraph.

    ``left_mm``/``right_mm`` are the box's edges, ``top_mm`` its top: indents and the space
    before are set so the text starts where the layout put it.
    """
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    pitch = line_pitch_mm(lines)
    before = 0.0
    indent_left = indent_right = 0.0
    if lines:
        first = lines[0]
        before = max(0.0, first.baseline - top_mm - _baseline_in_line(first.size_pt, pitch))
        if align is Align.LEFT:
            indent_left = max(0.0, min(line.x for line in lines) - left_mm)
        elif align is Align.RIGHT:
            indent_right = max(0.0, right_mm - max(line.x + line.width for line in lines))
    sub(ppr, "w:spacing", {"w:before": str(twips(before)), "w:after": "0",
                           "w:line": str(max(twips(pitch), 1)), "w:lineRule": "exact"})
    if indent_left or indent_right:
        sub(ppr, "w:ind", {"w:left": str(twips(indent_left)),
                           "w:right": str(twips(indent_right))})
    sub(ppr, "w:jc", {"w:val": _JC[align]})
    if lines:
        mark = sub(ppr, "w:rPr")
        sub(mark, "w:sz", {"w:val": half_points(lines[0].size_pt)})
    for index, line in enumerate(lines):
        p.append(run(line.text, line.size_pt, line.bold, line.italic, line.underline,
                     line_break=index > 0))
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
