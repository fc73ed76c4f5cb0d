"""The DOT text of an SOP's swimlane diagram, built from the model (not the sheet layout).

The diagram is a grid: one column (a cluster drawn as the lane box) per pelaksana in the
declared order, one row (a ``rank=same`` group, ``newrank=true``) per step in step order.
Every column holds one node in every row, the step's symbol or an invisible slot of the
column's full width, chained top to bottom by heavy invisible edges; so each column is
straight, every lane box has the same width and every symbol sits inside its lane.  A
spacer row above and below the steps makes all lane boxes start and end at the same height.

Clusters alone do not keep their order (dot's crossing minimisation moves them freely), so
the lane headers are root-level nodes chained left to right by invisible flat edges, which
dot must respect, each pulling its lane below it.

Node names are positional (``n<lane>_<row>``, ``h<lane>``) so no source text ever becomes
a DOT identifier; ``id`` / ``class`` attributes carry the step and lane ids into the SVG
(``step.<step>.<pelaksana>`` with class ``step``, ``lane.<pelaksana>`` with class ``lane``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.sop import SOP, Langkah, Simbol
from sop_docs.render.swimlane.labels import html, html_lines, quoted, wrap_lines

FONT = "Liberation Sans"
TEXT_PT = 9.0
SMALL_PT = 7.5
LINE_PT = 1.2 * TEXT_PT  # Graphviz's line spacing for HTML-like labels
SMALL_LINE_PT = 1.2 * SMALL_PT
LANE_PT = 190.0  # width of a lane's column, inside the lane box
LANE_MARGIN_PT = 8.0  # the lane box's margin around its column (each side)
BOX_PT = 140.0  # width of process and terminator symbols
DIAMOND_PT = 164.0
PAD_PT = 7.0  # text padding inside a symbol
DIAMOND_TEXT = 0.56  # share of a diamond's width its text block may take
MAX_LINES = 10  # longer activity texts end in '…' (the sheet carries the full text)
SLOT_PT = 4.0  # height of an empty cell
SPACER_PT = 10.0  # height of the rows above and below the steps

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
    number_text, _, first_rest = lines[0].partition(" ")
    label = f"<B>{html(number_text)}</B> {html(first_rest)}"
    if len(lines) > 1:
        label += '<BR ALIGN="CENTER"/>' + html_lines(lines[1:])
    text_height = len(lines) * LINE_PT
    if step.waktu is not None and step.waktu.teks.strip():
        waktu = wrap_lines(step.waktu.teks, text_width, SMALL_PT, max_lines=2)
        label += f'<BR ALIGN="CENTER"/><FONT POINT-SIZE="{SMALL_PT:g}" COLOR="#555555"><I>'
        label += html_lines(waktu) + "</I></FONT>"
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
        f"height={_inches(height)}, label=<{label}>"
    )


def _header_lines(lane: Lane) -> list[str]:
    return wrap_lines(lane.nama, LANE_PT - 2 * PAD_PT, TEXT_PT, bold=True, max_lines=4)


def _header_node(lane: Lane, line_count: int) -> str:
    """The lane's name at the top of its column (every header as tall as the tallest)."""
    return (
        f'id={quoted(f"lane-head.{lane.id}")}, class="lane-head", style="filled", '
        f'fillcolor="#d3dbe7", color="#8a94a6", '
        f"width={_inches(LANE_PT + 2 * LANE_MARGIN_PT)}, "
        f"height={_inches(line_count * LINE_PT + 2 * PAD_PT)}, "
        f"label=<<B>{html_lines(_header_lines(lane))}</B>>"
    )


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

    def ends(self, source_row: int, target_row: int) -> tuple[int, int]:
        """The copies an arrow joins: the pair of lanes closest together (leftmost on ties)."""
        pairs = ((s, t) for s in self.copies[source_row] for t in self.copies[target_row])
        return min(pairs, key=lambda p: (abs(p[0] - p[1]), p))


def _lane_cluster(sop: SOP, grid: _Grid, lane_index: int) -> list[str]:
    lane = grid.lanes[lane_index]
    last = len(sop.langkah) + 1
    out = [
        f"  subgraph cluster_lane{lane_index} {{",
        f'    graph [id={quoted(f"lane.{lane.id}")}, class="lane", label="", style="filled", '
        f'fillcolor="{_LANE_FILLS[lane_index % 2]}", color="#8a94a6", '
        f'margin="{LANE_MARGIN_PT:g}"];',
        f"    n{lane_index}_0 [width={_inches(LANE_PT)}, height={_inches(SPACER_PT)}];",
    ]
    for row, step in enumerate(sop.langkah, start=1):
        if lane_index in grid.copies[row]:
            out.append(f"    n{lane_index}_{row} [{_step_node(sop, step, row, lane)}];")
        else:
            out.append(f"    n{lane_index}_{row};")
    out.append(f"    n{lane_index}_{last} [width={_inches(LANE_PT)}, "
               f"height={_inches(SPACER_PT)}];")
    chain = " -> ".join(f"n{lane_index}_{row}" for row in range(last + 1))
    out.append(f"    {chain} [style=invis, weight=100];")
    out.append("  }")
    return out


def _headers(grid: _Grid) -> list[str]:
    """The lane headers: root-level nodes in one row, chained left to right (see above)."""
    count = len(grid.lanes)
    line_count = max(len(_header_lines(lane)) for lane in grid.lanes)
    out = [f"  h{i} [{_header_node(lane, line_count)}];" for i, lane in enumerate(grid.lanes)]
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


def _loop_ports(source_lane: int, target_lane: int) -> str:
    """Ports of a back edge: out of the symbol's side and into the target's facing side."""
    if target_lane < source_lane:
        return "tailport=w, headport=e"
    if target_lane > source_lane:
        return "tailport=e, headport=w"
    return "tailport=e, headport=e"


def _flow(sop: SOP, grid: _Grid) -> list[str]:
    """Arrows between steps (labelled exits of decisions; back edges as loops) and joins.

    Every one is ``constraint=false``: the rows already fix the ranks, and constraining
    edges between lanes would let dot's crossing minimisation reorder the lane clusters.
    """
    out = []
    for row, step in enumerate(sop.langkah, start=1):
        copies = grid.copies[row]
        for left, right in itertools.pairwise(copies):
            join_id = f"join.{step.id}.{grid.lanes[left].id}.{grid.lanes[right].id}"
            out.append(
                f"  n{left}_{row} -> n{right}_{row} [id={quoted(join_id)}, "
                'class="join", dir=none, style=dashed, penwidth=1.5, color="#555555", '
                "constraint=false];"
            )
        for exit_number, (target, label) in enumerate(sop.successors(step)):
            target_row = grid.rows.get(target)
            if target_row is None:
                continue  # an unknown step id: lint reports it
            source_lane, target_lane = grid.ends(row, target_row)
            attrs = [f"id={quoted(f'flow.{step.id}.{exit_number}')}", 'class="flow"',
                     "constraint=false"]
            if target_row <= row:
                attrs.append(_loop_ports(source_lane, target_lane))
            if label is not None:
                text = wrap_lines(label, BOX_PT / 2, SMALL_PT, max_lines=2)
                attrs.append(f"taillabel=<{html_lines(text)}>, labeldistance=2.2, labelangle=35")
            out.append(
                f"  n{source_lane}_{row} -> n{target_lane}_{target_row} [{', '.join(attrs)}];"
            )
    return out


def swimlane_dot(resolved: ResolvedSOP) -> str:
    """The deterministic DOT text of ``resolved``'s swimlane diagram."""
    sop = resolved.sop
    grid = _Grid.of(sop)
    total = len(grid.lanes) * (LANE_PT + 2 * LANE_MARGIN_PT)
    title = wrap_lines(sop.nama, total, TEXT_PT + 2, bold=True, max_lines=3)
    lines = [
        "digraph swimlane {",
        f"  graph [id={quoted(f'swimlane.{sop.id}')}, newrank=true, rankdir=TB, "
        'nodesep=0.1, ranksep=0.22, pad=0.15, labelloc=t, '
        f'fontname="{FONT}", fontsize={TEXT_PT + 2:g}, label=<<B>{html_lines(title)}</B>>];',
        f'  node [fontname="{FONT}", fontsize={TEXT_PT:g}, fixedsize=true, shape=box, '
        f'style=invis, label="", width={_inches(SLOT_PT)}, height={_inches(SLOT_PT)}, '
        'margin=0, penwidth=1];',
        f'  edge [fontname="{FONT}", fontsize={SMALL_PT:g}, arrowsize=0.7];',
    ]
    for lane_index in range(len(grid.lanes)):
        lines.extend(_lane_cluster(sop, grid, lane_index))
    lines.extend(_headers(grid))
    lines.extend(_rows(sop, grid))
    lines.extend(_flow(sop, grid))
    lines.append("}")
    return "\n".join(lines) + "\n"
