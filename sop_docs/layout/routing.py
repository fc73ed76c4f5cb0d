"""Connector routing on one procedure page: orthogonal polylines between symbols.

Rules, in the order they are applied:

* a flow to the next row leaves its symbol at the bottom and enters the next symbol at the
  top; when the columns differ it turns in the free space under the source symbol;
* every other flow (a loop back up, a jump down over rows, a flow to an off-page connector
  that is not in the next row) runs in a *side channel*: a vertical lane in the free strip
  right of the symbols of a column (never over a symbol, since symbols are narrower than
  their column), leaving its source from the side (or from the bottom when a decision's
  side exit is taken by its other exit) and entering its target from the side;
* lanes of one strip are assigned by interval colouring, shorter flows nearest the
  symbols, so parallel loops never overlap and nested loops never cross;
* a decision's exit labels sit beside their own exit segment: above a side exit, right
  of the point where it leaves the symbol; right of a bottom exit, under the symbol;
  never by the incoming line, and inside space no lane uses; a long label wraps onto two
  lines (or fills the empty cell a side exit crosses) before it is cut;
* no lane runs along a column border and no turn along a row line (BORDER_CLEARANCE,
  LINE_CLEARANCE), so a flow never hides in the table's own lines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sop_docs.layout.columns import Column
from sop_docs.layout.fonts import line_height, text_width
from sop_docs.layout.geometry import Box, Connector, Label, Symbol, SymbolKind
from sop_docs.layout.runs import ELLIPSIS
from sop_docs.layout.symbols import (
    bottom_point,
    side_point,
    side_span,
    symbol_width,
    top_point,
)

Point = tuple[float, float]
CLEARANCE = 0.8  # between a lane and the nearest symbol or label
JOG_MIN = 0.5  # least distance between a turn under a symbol and its row's bottom line
ENTRY_STEP = 1.6  # vertical distance between side entries into one symbol


@dataclass(frozen=True, slots=True)
class Node:
    """A row of the page as the router sees it: its band and its symbols by actor column."""

    slot: int  # order on the page: -1 top band, 0.. step rows, n bottom band
    top: float
    bottom: float
    symbols: tuple[tuple[int, Symbol], ...]  # (actor column index, symbol), by column


@dataclass(frozen=True, slots=True)
class Edge:
    """One flow on this page, between a symbol of ``src`` and a symbol of ``dst``."""

    src: Node
    dst: Node
    from_id: str
    to_id: str
    label: str | None = None


@dataclass(slots=True)
class _Route:
    edge: Edge
    src: tuple[int, Symbol]
    dst: tuple[int, Symbol]
    exit: str  # "bottom", "bottom-jog", "right"
    entry: str  # "top", "side", "top-jog"
    exit_y: float = 0.0
    entry_y: float = 0.0
    strip: int = 0
    lane_x: float = 0.0
    label: Label | None = None
    span: tuple[float, float] = (0.0, 0.0)


def route(edges: list[Edge], actor_cols: list[Column], label_pt: float
          ) -> tuple[list[Connector], list[Label]]:
    """Connectors (and their labels) for ``edges``; multi-actor joins are separate."""
    routes = [_plan(e) for e in edges]
    _choose_exits(routes)
    _spread_side_points(routes)
    _place_labels(routes, actor_cols, label_pt)
    _assign_lanes(routes, actor_cols)
    connectors = [_connector(r) for r in routes]
    labels = [r.label for r in routes if r.label is not None]
    return connectors, labels


def _pick(node: Node, toward: int, rightmost: bool) -> tuple[int, Symbol]:
    """The symbol a flow attaches to: the rightmost (side channels) or the nearest."""
    if rightmost:
        return node.symbols[-1]
    return min(node.symbols, key=lambda s: (abs(s[0] - toward), s[0]))


def _plan(edge: Edge) -> _Route:
    adjacent = edge.dst.slot == edge.src.slot + 1
    src = _pick(edge.src, edge.dst.symbols[0][0], rightmost=not adjacent)
    dst = _pick(edge.dst, src[0], rightmost=not adjacent)
    if adjacent:
        return _Route(edge, src, dst, "bottom", "top")
    return _Route(edge, src, dst, "right", "side")


def _choose_exits(routes: list[_Route]) -> None:
    """A source with a flow to the next row keeps its bottom for it; otherwise its first
    side-channel flow leaves from the bottom, so a decision's two exits never share a point.
    Targets whose own side is taken by an exit are entered from the top."""
    by_source: dict[int, list[_Route]] = defaultdict(list)
    for r in routes:
        by_source[id(r.src[1])].append(r)
    side_exits: set[int] = set()
    for group in by_source.values():
        channel = [r for r in group if r.exit == "right"]
        if channel and len(group) > 1 and all(r.exit == "right" for r in group):
            channel[0].exit = "bottom-jog"
        side_exits.update(id(r.src[1]) for r in channel if r.exit == "right")
    for r in routes:
        if r.entry == "side" and id(r.dst[1]) in side_exits:
            r.entry = "top-jog"


MIN_LABEL_PT = 5.0
LABEL_GAP = 0.4  # between a label and the segment (or symbol) it sits beside


def _place_labels(routes: list[_Route], actor_cols: list[Column], size: float) -> None:
    """Each exit label sits beside its own exit segment, never by the incoming line: a
    side exit's label right of the point where it leaves the symbol, above the segment
    (raised over a diamond's sloping edge when that gives a long label room, but always
    nearer to its exit than to the top point where the flow comes in); a bottom exit's
    label just right of the segment, under the symbol.  A label may reach over the
    column's right edge up to the next column's symbols, leaving room for a lane, and a
    side exit crossing an empty neighbouring cell on its way to a farther lane may fill
    that cell.  A label too wide for its room wraps onto two lines, then takes smaller
    type; it is cut (ending in an ellipsis, reported as SHT011) only if nothing fits."""
    for r in routes:
        if not r.edge.label:
            continue
        sym, limit = r.src[1], _label_limit(r, routes, actor_cols)
        side = r.exit == "right"
        x, bottom = _side_label_spot(r, limit, size) if side else (sym.box.cx + 0.6, 0.0)
        x, pt, text = _label_spot_on_line(r.edge.label, (x, limit), actor_cols[r.src[0]],
                                          size, past_border=side)
        lines = text.split("\n")
        w = max(text_width(line, pt) for line in lines) + 0.6
        h = line_height(pt) * len(lines)
        y = bottom - h if side else sym.box.bottom + LABEL_GAP
        r.label = Label(Box(x, y, w, h), text, pt, r.edge.from_id, r.edge.to_id)


def _side_label_spot(r: _Route, limit: float, size: float) -> tuple[float, float]:
    """(left, bottom) of a side exit's label: right on its exit segment if the label fits
    there, else raised step by step over the symbol's sloping upper edge until it fits,
    as long as it stays nearer to the exit than to the incoming top point and below the
    turn of a flow coming in from above."""
    sym, need, h = r.src[1], text_width(r.edge.label or "", size) + 0.6, line_height(size)
    ceiling = r.edge.src.top + (sym.box.y - r.edge.src.top) * 0.45
    bottom = r.exit_y - LABEL_GAP
    x = _side_label_x(sym, bottom)
    while limit - x < need:
        higher = bottom - 0.25
        x_higher = _side_label_x(sym, higher)
        if higher - h < ceiling or r.exit_y - higher >= x_higher - sym.box.cx - 0.5:
            break  # as high as it may go: the most room it can have
        bottom, x = higher, x_higher
    return x, bottom


MIN_LANE_PITCH = 0.5  # the least distance between two lanes of a strip


def _label_limit(r: _Route, routes: list[_Route], actor_cols: list[Column]) -> float:
    """How far right an exit label of ``r`` may reach: up to the next column's symbols,
    keeping room for a lane (every lane of a strip runs right of its labels); in the last
    actor column up to its right edge; across the next column's empty cell when the exit
    runs through it to a lane farther right and no lane of its own column passes there."""
    index = r.src[0]
    col = actor_cols[index]
    if index + 1 == len(actor_cols):
        return col.x + col.w - 0.3
    nxt = actor_cols[index + 1]
    if r.exit == "right" and _crosses_empty_cell(r, routes):
        return nxt.cx  # lanes of the next column's strip keep CLEARANCE right of its centre
    return nxt.cx - symbol_width(nxt.w) / 2 - 3 * CLEARANCE


def _crosses_empty_cell(r: _Route, routes: list[_Route]) -> bool:
    """True when ``r``'s side exit runs to a lane beyond the next column, the next column
    has no symbol in the source's row, and no lane of the source's column passes that row."""
    index, slot = r.src[0], r.edge.src.slot
    if max(r.src[0], r.dst[0]) <= index + 1 or any(i == index + 1 for i, _ in r.edge.src.symbols):
        return False
    return not any(max(o.src[0], o.dst[0]) == index and o.exit != "bottom"
                   and min(o.edge.src.slot, o.edge.dst.slot) <= slot
                   <= max(o.edge.src.slot, o.edge.dst.slot) for o in routes)


def _side_label_x(sym: Symbol, bottom: float) -> float:
    """Where a side exit's label whose bottom edge is at ``bottom`` starts: just right of
    the symbol's outline there (the widest point of the symbol the label is beside)."""
    return max(side_point(sym, bottom)[0], sym.box.cx) + 0.4


def _label_spot_on_line(text: str, room: tuple[float, float], col: Column, size: float, *,
                        past_border: bool) -> tuple[float, float, str]:
    """(left, size, text) of a label that may run over ``room`` (left, right): inside its
    own column if it fits there whole, else (a side exit's label, whose segment runs on)
    wholly past the column's right border, else across the border, so a table line runs
    through a label only as a last resort; cut only when nothing fits whole."""
    x, limit = room
    border = col.x + col.w
    spans = [(x, min(limit, border - LABEL_GAP))]
    if past_border and limit - border > 2.0:
        spans.append((max(x, border + LABEL_GAP), limit))
    for left, right in spans:
        pt, fitted = fit_label(text, right - left, size)
        if " ".join(fitted.split()) == text:
            return left, pt, fitted
    return (x, *fit_label(text, limit - x, size))


def fit_label(text: str, room: float, size: float) -> tuple[float, str]:
    """The label's size and text fitted into ``room`` mm: on one line, else wrapped onto
    two lines (lines joined by a newline), each tried in smaller type; then cut."""
    pt = size
    while pt >= MIN_LABEL_PT:
        for candidate in (text, _two_lines(text, pt)):
            if max(text_width(line, pt) for line in candidate.split("\n")) + 0.6 <= room:
                return pt, candidate
        pt -= 0.5
    pt = MIN_LABEL_PT
    while len(text) > 1 and text_width(text, pt) + 0.6 > room:
        text = text[:-2] + ELLIPSIS if len(text) > 2 else text[:1]
    return pt, text


def _two_lines(text: str, pt: float) -> str:
    """``text`` broken at the space that makes its longer line the shortest."""
    words = text.split()
    if len(words) < 2:
        return text
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = min(splits, key=lambda s: max(text_width(s[0], pt), text_width(s[1], pt)))
    return "\n".join(best)


def _spread(count: int, lo: float, hi: float, centre: float) -> list[float]:
    if count == 1 or hi <= lo:
        return [min(max(centre, lo), hi)] * count
    step = min(ENTRY_STEP, (hi - lo) / (count - 1))
    first = centre - step * (count - 1) / 2
    first = min(max(first, lo), hi - step * (count - 1))
    return [first + i * step for i in range(count)]


def _spread_side_points(routes: list[_Route]) -> None:
    """Side exits and side entries of one symbol get distinct heights; the flow with the
    longer run (an outer lane) takes the point nearer to where it comes from."""
    exits: dict[int, list[_Route]] = defaultdict(list)
    entries: dict[int, list[_Route]] = defaultdict(list)
    for r in routes:
        if r.exit == "right":
            exits[id(r.src[1])].append(r)
        if r.entry == "side":
            entries[id(r.dst[1])].append(r)
    for key, group in exits.items():
        sym = group[0].src[1]
        lo, hi = side_span(sym)
        if key in entries and hi > lo:  # entries take the upper half, exits the lower
            lo = (lo + hi) / 2 + 0.4
        group.sort(key=lambda r: -r.dst[1].box.cy)
        for r, y in zip(group, _spread(len(group), lo, hi, (lo + hi) / 2), strict=True):
            r.exit_y = y
    for key, group in entries.items():
        sym = group[0].dst[1]
        lo, hi = side_span(sym)
        if key in exits and hi > lo:
            hi = (lo + hi) / 2 - 0.4
        group.sort(key=lambda r: -r.src[1].box.cy)
        for r, y in zip(group, _spread(len(group), lo, hi, (lo + hi) / 2), strict=True):
            r.entry_y = y


def _jog_below(r: _Route) -> float:
    """Height of a turn under the source symbol: mid-gap, below the exit label if any."""
    sym, row_bottom = r.src[1], r.edge.src.bottom
    y = (sym.box.bottom + row_bottom) / 2
    if r.label is not None and r.exit != "right":
        y = max(y, r.label.box.bottom + 0.6)
    return min(y, row_bottom - JOG_MIN)


def _jog_above(r: _Route) -> float:
    """Height of a turn above the target symbol: near the row's top line (yet off it),
    above any label the target's own side exit has there."""
    gap = r.dst[1].box.y - r.edge.dst.top
    return r.edge.dst.top + max(gap * 0.3, min(LINE_CLEARANCE, gap / 2))


LINE_CLEARANCE = 1.2  # least distance between a turn and a row line, when there is room


def _next_row_turn(r: _Route) -> float:
    """Height of the turn of a flow to the next row: under its source symbol, or, when
    the exit label pushes that turn onto the row line, in the free space above the target."""
    y = _jog_below(r)
    if r.edge.src.bottom - y >= LINE_CLEARANCE:
        return y
    return (r.edge.dst.top + r.dst[1].box.y) / 2


def _channel_ys(r: _Route) -> tuple[float, float]:
    """Heights where the route joins and leaves its lane."""
    start = r.exit_y if r.exit == "right" else _jog_below(r)
    end = r.entry_y if r.entry == "side" else _jog_above(r)
    return start, end


def _assign_lanes(routes: list[_Route], actor_cols: list[Column]) -> None:
    channel = [r for r in routes if r.exit != "bottom"]
    if not channel:
        return
    by_strip: dict[int, list[_Route]] = defaultdict(list)
    for r in channel:
        r.strip = max(r.src[0], r.dst[0])
        a, b = _channel_ys(r)
        r.span = (min(a, b), max(a, b))
        by_strip[r.strip].append(r)
    lo_edge, hi_edge = _strip_bounds(routes, actor_cols)
    borders = [c.x for c in actor_cols] + [actor_cols[-1].x + actor_cols[-1].w]
    for strip, group in by_strip.items():
        lanes: list[list[tuple[float, float]]] = []
        lane_of: dict[int, int] = {}
        for r in sorted(group, key=lambda r: (r.span[1] - r.span[0], r.span[0])):
            for index, taken in enumerate(lanes):
                if all(r.span[1] + ENTRY_STEP / 2 < s[0] or r.span[0] - ENTRY_STEP / 2 > s[1]
                       for s in taken):
                    taken.append(r.span)
                    lane_of[id(r)] = index
                    break
            else:
                lanes.append([r.span])
                lane_of[id(r)] = len(lanes) - 1
        xs = lane_positions(len(lanes), lo_edge[strip], hi_edge[strip], borders)
        for r in group:
            r.lane_x = xs[lane_of[id(r)]]


BORDER_CLEARANCE = 1.5  # least distance between a lane and a column border line


def lane_positions(count: int, lo: float, hi: float, borders: list[float]) -> list[float]:
    """x of ``count`` lanes spread evenly over the strip ``lo``..``hi``, left to right,
    skipping the band around each column border, so no lane runs along a table line where
    the reader cannot see it.  A strip squeezed by labels still keeps its lanes apart
    (they may then reach past the strip's right end)."""
    free = _free_spans(lo, hi, borders)
    total = sum(b - a for a, b in free)
    if total < MIN_LANE_PITCH * (count + 1):  # no room: lanes pitch apart, off the lines
        xs: list[float] = []
        for _ in range(count):
            x = xs[-1] + MIN_LANE_PITCH if xs else lo
            xs.append(max([x, *(b + BORDER_CLEARANCE for b in borders
                                if abs(x - b) < BORDER_CLEARANCE)]))
        return xs
    step, xs = total / (count + 1), []
    for k in range(count):
        along = step * (k + 1)
        for a, b in free:
            if along <= b - a:
                xs.append(a + along)
                break
            along -= b - a
    return xs


def _free_spans(lo: float, hi: float, borders: list[float]) -> list[tuple[float, float]]:
    """The parts of ``lo``..``hi`` farther than BORDER_CLEARANCE from every border."""
    spans = [(lo, hi)]
    for border in borders:
        a, b = border - BORDER_CLEARANCE, border + BORDER_CLEARANCE
        spans = [piece for s0, s1 in spans for piece in ((s0, min(s1, a)), (max(s0, b), s1))
                 if piece[1] > piece[0]]
    return spans


def _strip_bounds(routes: list[_Route], actor_cols: list[Column]
                  ) -> tuple[dict[int, float], dict[int, float]]:
    """Per actor column, the free strip right of its symbols and labels."""
    right: dict[int, float] = defaultdict(float)
    left: dict[int, float] = {}
    for r in routes:
        for index, sym in (r.src, r.dst):
            right[index] = max(right[index], sym.box.right)
            left[index] = min(left.get(index, sym.box.x), sym.box.x)
        if r.label is not None and not (r.exit == "right" and _crosses_empty_cell(r, routes)):
            # (no lane of the column passes the row of a label in the next, empty cell)
            right[r.src[0]] = max(right[r.src[0]], r.label.box.right)
    lo: dict[int, float] = {}
    hi: dict[int, float] = {}
    for i, col in enumerate(actor_cols):
        lo[i] = max(right.get(i, col.cx), col.cx) + CLEARANCE
        if i + 1 < len(actor_cols):
            nxt = actor_cols[i + 1]
            hi[i] = min(left.get(i + 1, nxt.cx), nxt.cx) - CLEARANCE
        else:
            hi[i] = col.x + col.w - CLEARANCE
        hi[i] = max(hi[i], lo[i] + 0.2)
    return lo, hi


def _connector(r: _Route) -> Connector:
    src, dst = r.src[1], r.dst[1]
    kind = "back" if r.edge.dst.slot <= r.edge.src.slot else "flow"
    if r.exit == "bottom":
        (sx, sy), (tx, ty) = bottom_point(src), top_point(dst)
        if abs(sx - tx) < 1e-6:
            points = [(sx, sy), (tx, ty)]
        else:
            jog = _next_row_turn(r)
            points = [(sx, sy), (sx, jog), (tx, jog), (tx, ty)]
        return Connector(_tidy(points), r.edge.from_id, r.edge.to_id, label=r.label, kind=kind,
                         start_side="bottom", end_side="top")
    x = r.lane_x
    if r.exit == "right":
        start = side_point(src, r.exit_y)
        head = [start, (x, start[1])]
    else:
        sx, sy = bottom_point(src)
        jog = _jog_below(r)
        head = [(sx, sy), (sx, jog), (x, jog)]
    if r.entry == "side":
        end = side_point(dst, r.entry_y)
        tail = [(x, end[1]), end]
    else:
        tx, ty = top_point(dst)
        jog = _jog_above(r)
        tail = [(x, jog), (tx, jog), (tx, ty)]
    return Connector(_tidy(head + tail), r.edge.from_id, r.edge.to_id, label=r.label,
                     kind=kind, start_side="right" if r.exit == "right" else "bottom",
                     end_side="right" if r.entry == "side" else "top")


def _tidy(points: list[Point]) -> tuple[Point, ...]:
    """Rounded points without repeats or collinear middle points."""
    rounded = [(round(x, 3), round(y, 3)) for x, y in points]
    out: list[Point] = []
    for p in rounded:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def join_connectors(node: Node) -> list[Connector]:
    """The join lines between consecutive symbols of one multi-actor row."""
    result = []
    for (_, a), (_, b) in zip(node.symbols, node.symbols[1:], strict=False):
        if a.kind is SymbolKind.OFFPAGE or b.kind is SymbolKind.OFFPAGE:
            continue
        y = a.box.cy
        result.append(Connector(_tidy([side_point(a, y), side_point(b, y, right=False)]),
                                a.step_id, b.step_id, arrow=False, kind="join",
                                start_side="right", end_side="left"))
    return result
