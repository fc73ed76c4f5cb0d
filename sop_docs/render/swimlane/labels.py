"""Text for Graphviz: wrapped, escaped HTML-like labels and quoted DOT strings.

Source text may hold anything a user can type or paste: quotes, ``<``, ``>``, ``&``,
``{``, ``|``, backslashes, newlines, control characters, emoji.  Labels are HTML-like
(``<...>``): XML entities for ``& < > "`` and doubled backslashes (Graphviz expands
``\\N``, ``\\G`` even there).  Text first goes through the sheet's font ``clean``
(control characters dropped, glyphs the font lacks shown as ``?``), so every label is valid
XML and measured as the sheet measures it.
"""

from __future__ import annotations

from sop_docs.layout.fonts import PT_TO_MM, text_width
from sop_docs.layout.wrap import wrap

# Wrap a little narrower than the box: Graphviz measures with pango, which kerns and
# rounds differently from the font's plain advance widths.
_WRAP_SAFETY = 0.92

# Graphviz expands \N, \G, \E ... (node name, graph name) even inside HTML-like labels,
# after decoding entities; a doubled backslash is its escape for a literal one.  Graphviz
# 2.43 also rejects a text node that is a lone "]" (syntax error), so "]" goes as an entity.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\\\", "]": "&#93;"}
)


def html(text: str) -> str:
    """``text`` escaped for the inside of an HTML-like label (already cleaned and wrapped)."""
    return text.translate(_ESCAPES)


def quoted(text: str) -> str:
    """``text`` as a double-quoted DOT string (for ids and plain attribute values)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", " ").replace("\r", " ") + '"'


def wrap_lines(text: str, width_pt: float, size_pt: float, *, bold: bool = False,
               max_lines: int | None = None) -> list[str]:
    """``text`` broken into lines that fit ``width_pt``; more than ``max_lines`` end in '…'."""
    lines = [line for line in wrap(text, width_pt * PT_TO_MM * _WRAP_SAFETY, size_pt, bold)
             if line.strip()]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], width_pt, size_pt, bold)
    return lines


def _with_ellipsis(line: str, width_pt: float, size_pt: float, bold: bool) -> str:
    """``line`` cut (character by character, at most one line's worth) to fit with '…'."""
    limit = width_pt * PT_TO_MM * _WRAP_SAFETY
    while line and text_width(line + "…", size_pt, bold) > limit:
        line = line[:-1]
    return line.rstrip() + "…"


def html_lines(lines: list[str]) -> str:
    """Escaped lines joined with centred line breaks."""
    return '<BR ALIGN="CENTER"/>'.join(html(line) for line in lines)


def bold(markup: str) -> str:
    """``markup`` in bold; nothing for empty text (Graphviz rejects an empty ``<B></B>``)."""
    return f"<B>{markup}</B>" if markup else ""


def label(markup: str) -> str:
    """The DOT value of a label holding ``markup`` (an empty HTML label is a syntax error)."""
    return f"<{markup}>" if markup else '""'
