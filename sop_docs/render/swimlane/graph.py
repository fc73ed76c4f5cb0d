"""The DOT text of an SOP's swimlane diagram, built from the model (not the sheet layout).

The diagram is a grid: one column per pelaksana in the declared order (a cluster, drawn as
the lane box with the pelaksana's name at its top), one row per step in step order (a
``rank=same`` group; ``newrank=true`` lets a row cross clusters).  Every column holds one
node in every row, the step's symbol or a tiny invisible slot, chained straight down by
heavy invisible edges, between a spacer row above and below the steps whose nodes have the
column's full width.  So every lane box has the same width, starts and ends level with the
others, and holds its symbols; :func:`column_width` widens all columns alike when arrows
inside one lane need room beside the symbols.

Clusters alone do not keep their order (dot's crossing minimisation moves them freely).
Invisible root-level anchors in one row, chained left to right by flat edges (which dot
must respect), each pull their lane below them; and every arrow is ``constraint=false``
so that crossings between lanes never outweigh them.

Node names are positional (``n<lane>_<row>``, ``h<lane>``) so no source text ever becomes
a DOT identifier; ``id`` / ``class`` attributes carry the ids into the SVG: lanes
``lane.<pelaksana>`` (class ``lane``), symbols ``step.<step>.<pelaksana>`` (class ``step``
and the symbol's name), arrows ``flow.<step>.<exit>``, joins ``join.<step>.<a>.<b>``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.sop import SOP, Langkah, Simbol
from sop_docs.render.swimlane.labels import bold, html, html_lines, label, quoted, wrap_lines

FONT = "Liberation Sans"
TEXT_PT = 9.0
SMALL_PT = 8.0
LINE_PT = 1.2 * TEXT_PT  # Graphviz's line spacing for HTML-like labels
SMALL_LINE_PT = 1.2 * SMALL_PT
LANE_PT = 190.0  # least width of a lane's column, inside the lane box
LANE_MARGIN_PT = 8.0  # the lane box's margin around its column (each side)
BOX_PT = 140.0  # width of process and terminator symbols
DIAMOND_PT = 164.0
PAD_PT = 7.0  # text padding inside a symbol
DIAMOND_TEXT = 0.56  # share of a diamond's width its text block may take
MAX_LINES = 10  # longer activity texts end in '…' (the sheet carries the full text)
SLOT_PT = 4.0  # height of an empty cell
SPACER_PT = 10.0  # height of the rows above and below the steps
ROOM_PT = 12.0  # room beside the widest symbol for each arrow passing it inside its lane

_FILL = {Simbol.TERMINATOR: "#e2f0e2", Simbol.PROSES: "#ffffff", Simbol.KEPUTUSAN: "#fdf3d4"}
_LANE_FILLS = ("#f4f6f9", "#e9edf3")


@dataclass(frozen=True, slots=True)
class Lane:
    """One column: a declared pelaksana, or an undeclared id a step names (lint reports it)."""

    id: str
    nama: str


def _lanes(sop: SOP) -> list[Lane]:
    """The declared pelaksana in order, then any undeclared ids steps use, so no step is lost."""
    lanes = [Lane(p.id, p.nama) for p in sop.pelaksana]
    known = {lane.id for lane in lanes}
    for step in sop.langkah:
        for actor in step.pelaksana:
            if actor not in known:
                known.add(actor)
                lanes.append(Lane(actor, actor))
    return lanes


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


def _step_node(sop: SOP, step: Langkah, number: int, lane: Lane) -> str:
    """The attributes of one step's symbol in one lane (the label repeats in every lane)."""
    simbol = sop.simbol(step)
    if simbol is Simbol.KEPUTUSAN:
        width, text_width = DIAMOND_PT, DIAMOND_PT * DIAMOND_TEXT
    else:
        width, text_width = BOX_PT, BOX_PT - 2 * PAD_PT
    lines = wrap_lines(f"{number}. {step.kegiatan}", text_width, TEXT_PT, max_lines=MAX_LINES)
    number_text, space, first_rest = lines[0].partition(" ")
    markup = f"{bold(html(number_text))}{space}{html(first_rest)}"
    if len(lines) > 1:
        markup += '<BR ALIGN="CENTER"/>' + html_lines(lines[1:])
    text_height = len(lines) * LINE_PT
    waktu = wrap_lines(step.waktu.teks, text_width, SMALL_PT, max_lines=2) if step.waktu else []
    if waktu:
        markup += f'<BR ALIGN="CENTER"/><FONT POINT-SIZE="{SMALL_PT:g}" COLOR="#555555"><I>'
        markup += html_lines(waktu) + "</I></FONT>"
        text_height += len(waktu) * SMALL_LINE_PT
    if simbol is Simbol.KEPUTUSAN:
        # A centred w x h block fits in a diamond W x H when w/W + h/H <= 1.
        height = text_height / (1 - DIAMOND_TEXT) + 2 * PAD_PT
        shape = 'shape=diamond, style="filled"'
    else:
        height = text_height + 2 * PAD_PT
        rounded = ",rounded" if simbol is Simbol.TERMINATOR else ""
        shape = f'shape=box, style="filled{rounded}"'
    return (
        f'id={quoted(f"step.{step.id}.{lane.id}")}, class={quoted(f"step {simbol.value}")}, '
        f'{shape}, fillcolor="{_FILL[simbol]}", width={_inches(width)}, '
        f"height={_inches(height)}, label={label(markup)}"
    )


def _lane_name_lines(lane: Lane) -> list[str]:
    return wrap_lines(lane.nama, LANE_PT - 2 * PAD_PT, TEXT_PT, bold=True, max_lines=4)


def _lane_label(lane: Lane, line_count: int) -> str:
    """The lane's name in bold, padded with blank lines so every lane's label is as tall."""
    lines = _lane_name_lines(lane)
    markup = bold(html_lines(lines)) + '<BR ALIGN="CENTER"/> ' * (line_count - len(lines))
    return label(markup)


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow of the flow, between the copies of two steps closest to each other."""

    step: Langkah
    exit_number: int
    label: str | None
    source: tuple[int, int]  # (lane index, row)
    target: tuple[int, int]

    @property
    def back(self) -> bool:
        """True for an arrow to the same or an earlier step (a loop)."""
        return self.target[1] <= self.source[1]


@dataclass(frozen=True, slots=True)
class _Grid:
    """Where each step sits: its row, and the lanes holding a copy of its symbol."""

    lanes: list[Lane]
    rows: dict[str, int]  # step id -> row (1-based; first occurrence wins)
    copies: dict[int, list[int]]  # row -> lane indexes, in lane order

    @staticmethod
    def of(sop: SOP) -> _Grid:
        lanes = _lanes(sop)
        index = {lane.id: i for i, lane in enumerate(lanes)}
        rows: dict[str, int] = {}
        copies: dict[int, list[int]] = {}
        for row, step in enumerate(sop.langkah, start=1):
            rows.setdefault(step.id, row)
            copies[row] = sorted({index[actor] for actor in step.pelaksana})
        return _Grid(lanes, rows, copies)

    def arrows(self, sop: SOP) -> list[Arrow]:
        """Every arrow of the flow; arrows to unknown step ids (lint reports them) are left out.

        An arrow joins the pair of copies whose lanes are closest (leftmost on ties).
        """
        out = []
        for row, step in enumerate(sop.langkah, start=1):
            for exit_number, (target, exit_label) in enumerate(sop.successors(step)):
                target_row = self.rows.get(target)
                if target_row is None:
                    continue
                pairs = ((s, t) for s in self.copies[row] for t in self.copies[target_row])
                source_lane, target_lane = min(pairs, key=lambda p: (abs(p[0] - p[1]), p))
                out.append(Arrow(step, exit_number, exit_label, (source_lane, row),
                                 (target_lane, target_row)))
        return out


def column_width(arrows: list[Arrow]) -> float:
    """The width of every lane's column, with room for the arrows that run inside a lane.

    dot draws an arrow that stays in one lane but skips rows (or loops on one symbol)
    beside the symbols of the rows it passes; the column gets room for as many of them as
    ever pass one row of one lane, so no lane box grows wider than the others.
    """
    passing: dict[tuple[int, int], int] = {}
    for arrow in arrows:
        (lane, row), (target_lane, target_row) = arrow.source, arrow.target
        if lane != target_lane:
            continue  # drawn between the lanes
        low, high = sorted((row, target_row))
        for passed in range(low + 1, high) if high > low else (row,):
            passing[lane, passed] = passing.get((lane, passed), 0) + 1
    deepest = max(passing.values(), default=0)
    return max(LANE_PT, max(BOX_PT, DIAMOND_PT) + 2 * ROOM_PT * deepest)


def _lane_cluster(sop: SOP, grid: _Grid, lane_index: int, width: float,
                  label_lines: int) -> list[str]:
    """A lane: its box and name, and one node per row chained straight down."""
    lane = grid.lanes[lane_index]
    last = len(sop.langkah) + 1
    spacer = f"[width={_inches(width)}, height={_inches(SPACER_PT)}]"
    out = [
        f"  subgraph {quoted(f'cluster_{lane.id}')} {{",
        f'    graph [id={quoted(f"lane.{lane.id}")}, class="lane", style="filled", '
        f'fillcolor="{_LANE_FILLS[lane_index % 2]}", color="#8a94a6", '
        f'margin="{LANE_MARGIN_PT:g}", fontsize={TEXT_PT:g}, labelloc=t, '
        f"label={_lane_label(lane, label_lines)}];",
        f"    n{lane_index}_0 {spacer};",
    ]
    for row, step in enumerate(sop.langkah, start=1):
        if lane_index in grid.copies[row]:
            out.append(f"    n{lane_index}_{row} [{_step_node(sop, step, row, lane)}];")
        else:
            out.append(f"    n{lane_index}_{row};")
    out.append(f"    n{lane_index}_{last} {spacer};")
    chain = " -> ".join(f"n{lane_index}_{row}" for row in range(last + 1))
    out.append(f"    {chain} [style=invis, weight=100];")
    out.append("  }")
    return out


def _anchors(grid: _Grid) -> list[str]:
    """Invisible root-level nodes in one row, chained left to right, each above its lane."""
    count = len(grid.lanes)
    out = [f"  h{i};" for i in range(count)]
    out.append("  {rank=same; " + " ".join(f"h{i};" for i in range(count)) + "}")
    if count > 1:
        out.append("  " + " -> ".join(f"h{i}" for i in range(count)) + " [style=invis];")
    out.extend(f"  h{i} -> n{i}_0 [style=invis, weight=100];" for i in range(count))
    return out


def _rows(sop: SOP, grid: _Grid) -> list[str]:
    lanes = range(len(grid.lanes))
    return [
        "  {rank=same; " + " ".join(f"n{i}_{row};" for i in lanes) + "}"
        for row in range(len(sop.langkah) + 2)
    ]


def _joins(sop: SOP, grid: _Grid) -> list[str]:
    """Dashed lines joining the copies of a step done by several pelaksana."""
    out = []
    for row, step in enumerate(sop.langkah, start=1):
        for left, right in itertools.pairwise(grid.copies[row]):
            join_id = f"join.{step.id}.{grid.lanes[left].id}.{grid.lanes[right].id}"
            out.append(
                f"  n{left}_{row} -> n{right}_{row} [id={quoted(join_id)}, "
                'class="join", dir=none, style=dashed, penwidth=1.5, color="#555555", '
                "constraint=false];"
            )
    return out


def _loop_ports(arrow: Arrow) -> str:
    """Ports of a back arrow: out of the symbol's side and into the target's facing side."""
    if arrow.target[0] < arrow.source[0]:
        return "tailport=w, headport=e"
    if arrow.target[0] > arrow.source[0]:
        return "tailport=e, headport=w"
    return "tailport=e, headport=e"


def _side_toward(arrow: Arrow) -> str:
    """The side of the source symbol facing the arrow's target lane (east when the same)."""
    return "w" if arrow.target[0] < arrow.source[0] else "e"


def _forward_port(arrow: Arrow, arrows: list[Arrow]) -> str | None:
    """The tail port of a decision's forward exit when its other exit also goes forward:
    the exit to the nearer row leaves from the bottom, the other from the side facing its
    target, so the two exits (and their labels) never leave from one point."""
    others = [a for a in arrows if a.step is arrow.step and a is not arrow and not a.back]
    if arrow.back or not others:
        return None
    nearer = all((arrow.target[1], arrow.exit_number) < (a.target[1], a.exit_number)
                 for a in others)
    return "tailport=s" if nearer else f"tailport={_side_toward(arrow)}"


def _arrow_edge(arrow: Arrow, arrows: list[Arrow]) -> str:
    """One arrow; a decision's exit carries its name next to the diamond, the second
    exit's name on the other side of its line than the first's."""
    (source_lane, row), (target_lane, target_row) = arrow.source, arrow.target
    attrs = [f"id={quoted(f'flow.{arrow.step.id}.{arrow.exit_number}')}", 'class="flow"',
             "constraint=false"]
    port = _loop_ports(arrow) if arrow.back else _forward_port(arrow, arrows)
    if port:
        attrs.append(port)
    text = wrap_lines(arrow.label or "", BOX_PT / 2, SMALL_PT, max_lines=2)
    if text:
        angle = -35 if arrow.exit_number % 2 else 35
        attrs.append(f"taillabel=<{html_lines(text)}>, labeldistance=2.2, labelangle={angle}")
    return f"  n{source_lane}_{row} -> n{target_lane}_{target_row} [{', '.join(attrs)}];"


def swimlane_dot(resolved: ResolvedSOP) -> str:
    """The deterministic DOT text of ``resolved``'s swimlane diagram.

    Every arrow and join is ``constraint=false``: the rows already fix the ranks, and
    constraining edges between lanes would let dot's crossing minimisation reorder lanes.
    """
    sop = resolved.sop
    grid = _Grid.of(sop)
    arrows = grid.arrows(sop)
    width = column_width(arrows)
    total = len(grid.lanes) * (width + 2 * LANE_MARGIN_PT)
    title = wrap_lines(sop.nama, total, TEXT_PT + 2, bold=True, max_lines=3)
    lines = [
        "digraph swimlane {",
        f"  graph [id={quoted(f'swimlane.{sop.id}')}, newrank=true, rankdir=TB, "
        "nodesep=0.1, ranksep=0.22, pad=0.15, labelloc=t, "
        f'fontname="{FONT}", fontsize={TEXT_PT + 2:g}, label={label(bold(html_lines(title)))}];',
        f'  node [fontname="{FONT}", fontsize={TEXT_PT:g}, fixedsize=true, shape=box, '
        f'style=invis, label="", width={_inches(SLOT_PT)}, height={_inches(SLOT_PT)}, '
        "margin=0, penwidth=1];",
        f'  edge [fontname="{FONT}", fontsize={SMALL_PT:g}, arrowsize=0.7];',
    ]
    label_lines = max(len(_lane_name_lines(lane)) for lane in grid.lanes)
    for lane_index in range(len(grid.lanes)):
        lines.extend(_lane_cluster(sop, grid, lane_index, width, label_lines))
    lines.extend(_anchors(grid))
    lines.extend(_rows(sop, grid))
    lines.extend(_joins(sop, grid))
    lines.extend(_arrow_edge(arrow, arrows) for arrow in arrows)
    lines.append("}")
    return "\n".join(lines) + "\n"
