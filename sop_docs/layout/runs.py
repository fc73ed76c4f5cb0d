"""Cell content as already-wrapped lines ("runs") that can be measured, cut and placed.

The identity page needs more than plain paragraphs: numbered lists with a hanging indent,
a bold underlined name, blank space for a signature.  A run is one line of such content;
a cell's height is its run count times the line height, so splitting a cell across pages
is cutting its list of runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sop_docs.layout.fonts import line_height, text_width
from sop_docs.layout.geometry import Align, Box, TextLine
from sop_docs.layout.wrap import block_height, place, wrap

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Run:
    """One line of cell content before placement."""

    text: str
    bold: bool = False
    underline: bool = False
    align: Align = Align.LEFT
    indent: float = 0.0  # mm from the text area's left edge where ``text`` starts
    prefix: str = ""  # drawn at the left edge (a list number), ``text`` at ``indent``


def paragraph(text: str, width: float, size: float, *, bold: bool = False,
              underline: bool = False, align: Align = Align.LEFT) -> list[Run]:
    """A paragraph wrapped to ``width`` mm, one run per line."""
    return [Run(line, bold, underline, align) for line in wrap(text, width, size, bold)]


def blank(height: float, size: float) -> list[Run]:
    """Empty runs covering at least ``height`` mm (space for a signature and stamp)."""
    return [Run("")] * math.ceil(height / line_height(size))


def numbered(items: list[str], width: float, size: float) -> list[Run]:
    """A numbered list with a hanging indent; a single item is a plain paragraph."""
    if not items:
        return [Run("-")]
    if len(items) == 1:
        return paragraph(items[0], width, size)
    gutter = text_width(f"{len(items)}. ", size) + 0.5
    runs: list[Run] = []
    for number, item in enumerate(items, start=1):
        lines = wrap(item, width - gutter, size) or [""]
        runs.append(Run(lines[0], indent=gutter, prefix=f"{number}."))
        runs.extend(Run(line, indent=gutter) for line in lines[1:])
    return runs


def runs_height(runs: list[Run], size: float, pad: float) -> float:
    """Height of a cell holding ``runs``."""
    return block_height(len(runs), size, pad)


def fitting(height: float, size: float, pad: float) -> int:
    """How many runs fit in a cell of ``height`` mm."""
    return max(0, int((height - 2 * pad) / line_height(size) + 1e-9))


def truncate(runs: list[Run], max_runs: int, width: float, size: float) -> list[Run]:
    """At most ``max_runs`` runs; when cut, the last kept run ends with an ellipsis."""
    if len(runs) <= max_runs:
        return runs
    kept = runs[:max(1, max_runs)]
    last = kept[-1]
    text = last.text
    room = width - last.indent
    while text and text_width(text + ELLIPSIS, size, last.bold) > room:
        text = text[:-1]
    kept[-1] = Run(text + ELLIPSIS, last.bold, last.underline, last.align, last.indent,
                   last.prefix)
    return kept


def place_runs(runs: list[Run], box: Box, size: float, pad: float) -> tuple[TextLine, ...]:
    """The runs as TextLines inside ``box`` (padding ``pad``), from its top."""
    lines: list[TextLine] = []
    step = line_height(size)
    for i, run in enumerate(runs):
        top = box.y + pad + i * step
        if run.prefix:
            lines.extend(place([run.prefix], box.x + pad, top, run.indent, size))
        if run.text:
            lines.extend(place([run.text], box.x + pad + run.indent, top,
                               box.w - 2 * pad - run.indent, size, bold=run.bold,
                               underline=run.underline, align=run.align))
    return tuple(lines)
