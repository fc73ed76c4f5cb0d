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
CORNER_SEGMENTS = 6


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
        return rounded_rect(b, corner_radius(symbol))
    return ((b.x, b.y), (b.right, b.y), (b.right, b.bottom), (b.x, b.bottom))


def corner_radius(symbol: Symbol) -> float:
    """Corner radius a backend uses to draw the symbol as a rounded rectangle (terminator)."""
    return symbol.box.h / 2 if symbol.kind is SymbolKind.TERMINATOR else 0.0


def rounded_rect(b: Box, radius: float) -> tuple[tuple[float, float], ...]:
    """A rectangle with corners of ``radius`` (at most half its shorter side) as a closed
    polygon: each corner's quarter circle by :data:`CORNER_SEGMENTS` straight pieces, every
    vertex exactly on the circle (a capsule when ``radius`` is half the height)."""
    r = min(radius, b.h / 2, b.w / 2)
    points: list[tuple[float, float]] = []
    corners = ((b.right - r, b.y + r, -90.0), (b.right - r, b.bottom - r, 0.0),
               (b.x + r, b.bottom - r, 90.0), (b.x + r, b.y + r, 180.0))
    for cx, cy, start in corners:
        for i in range(CORNER_SEGMENTS + 1):
            a = math.radians(start + 90.0 * i / CORNER_SEGMENTS)
            point = (round(cx + r * math.cos(a), 4), round(cy + r * math.sin(a), 4))
            if not points or point != points[-1]:
                points.append(point)
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
