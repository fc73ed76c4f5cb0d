"""Flowchart symbols: their size in a column, their outline, and points on their boundary.

Every backend draws a symbol from :func:`outline` (a closed polygon, or a rounded rectangle
for the terminator), and the router attaches connectors at :func:`side_point`, so an arrow
always ends exactly on the drawn edge.
"""

from __future__ import annotations

import math

from sop_docs.layout.geometry import Box, Symbol, SymbolKind
from sop_docs.model.sop import Simbol

SYMBOL_H = {SymbolKind.TERMINATOR: 7.0, SymbolKind.PROSES: 7.0, SymbolKind.KEPUTUSAN: 10.0}
SYMBOL_MAX_W = 18.0
SYMBOL_MIN_W = 5.0
# Room kept free on each side of a symbol in its column, for exit labels and side channels.
SIDE_ROOM = 5.5

KIND_OF = {Simbol.TERMINATOR: SymbolKind.TERMINATOR, Simbol.PROSES: SymbolKind.PROSES,
           Simbol.KEPUTUSAN: SymbolKind.KEPUTUSAN}


def symbol_width(column_w: float) -> float:
    """Width of a step symbol in an actor column of ``column_w`` mm."""
    side = min(SIDE_ROOM, column_w * 0.25)
    return max(min(SYMBOL_MAX_W, column_w - 2 * side), min(SYMBOL_MIN_W, column_w * 0.6))


def symbol_box(kind: SymbolKind, cx: float, cy: float, column_w: float) -> Box:
    """The box of a symbol of ``kind`` centred at (cx, cy)."""
    w = symbol_width(column_w)
    h = SYMBOL_H.get(kind, w)
    if kind is SymbolKind.TERMINATOR:
        h = min(h, 0.8 * w)  # a capsule is wider than tall, or it would be a circle
    return Box(cx - w / 2, cy - h / 2, w, h)


def offpage_box(cx: float, cy: float, size: float) -> Box:
    """The box of an off-page connector centred at (cx, cy)."""
    return Box(cx - size / 2, cy - size / 2, size, size)


# The pentagon's straight sides end at this fraction of its height; the point is below.
PENTAGON_SHOULDER = 0.6
CAPSULE_SEGMENTS = 8


def outline(symbol: Symbol) -> tuple[tuple[float, float], ...]:
    """The symbol's outline as a closed polygon (the capsule approximated by arcs)."""
    b = symbol.box
    if symbol.kind is SymbolKind.KEPUTUSAN:
        return ((b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy))
    if symbol.kind is SymbolKind.OFFPAGE:
        shoulder = b.y + b.h * PENTAGON_SHOULDER
        return ((b.x, b.y), (b.right, b.y), (b.right, shoulder), (b.cx, b.bottom),
                (b.x, shoulder))
    if symbol.kind is SymbolKind.TERMINATOR:
        return _capsule(b)
    return ((b.x, b.y), (b.right, b.y), (b.right, b.bottom), (b.x, b.bottom))


def corner_radius(symbol: Symbol) -> float:
    """Corner radius a backend uses to draw the symbol as a rounded rectangle (terminator)."""
    return symbol.box.h / 2 if symbol.kind is SymbolKind.TERMINATOR else 0.0


def _capsule(b: Box) -> tuple[tuple[float, float], ...]:
    r = min(b.h, b.w) / 2
    points: list[tuple[float, float]] = []
    for cx, start in ((b.right - r, -90.0), (b.x + r, 90.0)):
        for i in range(CAPSULE_SEGMENTS + 1):
            a = math.radians(start + 180.0 * i / CAPSULE_SEGMENTS)
            points.append((round(cx + r * math.cos(a), 4), round(b.cy + r * math.sin(a), 4)))
    return tuple(points)


def top_point(symbol: Symbol) -> tuple[float, float]:
    """Where a connector enters from above."""
    return (symbol.box.cx, symbol.box.y)


def bottom_point(symbol: Symbol) -> tuple[float, float]:
    """Where a connector leaves downwards."""
    return (symbol.box.cx, symbol.box.bottom)


def side_point(symbol: Symbol, y: float, right: bool = True) -> tuple[float, float]:
    """The point of the symbol's left or right boundary at height ``y``."""
    b = symbol.box
    dy = abs(y - b.cy)
    if symbol.kind is SymbolKind.KEPUTUSAN:
        half = b.w / 2 * max(0.0, 1 - dy / (b.h / 2))
    elif symbol.kind is SymbolKind.TERMINATOR:
        r = min(b.h, b.w) / 2
        half = b.w / 2 - r + math.sqrt(max(0.0, r * r - dy * dy))
    else:
        half = b.w / 2
    return (b.cx + half if right else b.cx - half, y)


def side_span(symbol: Symbol) -> tuple[float, float]:
    """The range of heights at which a connector may enter the symbol from the side."""
    b = symbol.box
    if symbol.kind is SymbolKind.KEPUTUSAN:
        return (b.cy, b.cy)
    if symbol.kind is SymbolKind.OFFPAGE:
        return (b.y + 0.8, b.y + b.h * PENTAGON_SHOULDER - 0.5)
    return (b.y + b.h * 0.2, b.bottom - b.h * 0.2)
