"""The procedure pages: the table with its symbols, connectors and off-page connectors.

Steps keep their source order, one per row.  Each page repeats the two header rows; a page
after the first has a band row above its first step row, a page before the last a band row
under its last step row.  A flow between steps on different pages is cut into pieces, one
per page, joined by lettered off-page connector pairs in those bands: a flow going down
leaves through the bottom band and resumes from the top band of the next page; a loop
going back up leaves through the top band and resumes from the bottom band of the page
before.  Every pair is therefore on consecutive pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sop_docs.diagnostics import (
    SHT_LABEL_CUT,
    SHT_NARROW_COLUMNS,
    SHT_UNKNOWN_ACTOR,
    SHT_UNKNOWN_TARGET,
    Diagnostic,
    Location,
    make,
)
from sop_docs.layout.columns import Column, columns, header_cells, number_row
from sop_docs.layout.geometry import Align, Box, Cell, Label, Page, Symbol, SymbolKind, Table
from sop_docs.layout.identity import signature_runs
from sop_docs.layout.paginate import paginate
from sop_docs.layout.routing import Edge, Node, join_connectors, route
from sop_docs.layout.rows import StepRow, measure_rows, row_cells
from sop_docs.layout.runs import Run, place_runs, runs_height
from sop_docs.layout.style import SheetStyle, sheet_options
from sop_docs.layout.symbols import offpage_box, symbol_box, symbol_width
from sop_docs.model.corpus import ResolvedSOP

# Below this actor-column width symbols get small enough to be hard to read.
READABLE_ACTOR_W = 12.0
SIGNATURE_GAP = 4.0  # between the procedure table and the signatory's block under it
SIGNATURE_W = 90.0  # the block's width (at most 40% of the text width)


@dataclass(frozen=True, slots=True)
class Flow:
    """A flow between two rows of the whole table (row indices), with its exit label."""

    src: int
    dst: int
    label: str | None


# A router node on a page: a step row (its index in the SOP), or an off-page connector
# ("top"/"bottom" band, its index in PagePlan.offpage).
NodeKey = int | tuple[str, int]


@dataclass(frozen=True, slots=True)
class OffPage:
    """One off-page connector of a page: the band it sits in ("top"/"bottom"), the letter
    it shares with its pair, its actor column, its step and the step at the other end."""

    band: str
    letter: str
    col: int
    step_id: str
    peer_id: str


@dataclass(frozen=True, slots=True)
class PlannedEdge:
    """One piece of a flow on one page, between two router nodes, with its exit label and
    the ids of the steps the whole flow joins."""

    source: NodeKey
    target: NodeKey
    label: str | None
    from_id: str
    to_id: str


@dataclass(slots=True)
class PagePlan:
    """One procedure page while it is being built."""

    rows: list[int]
    top_band: bool
    bottom_band: bool
    row_y: dict[int, float] = field(default_factory=dict)
    band_y: dict[str, float] = field(default_factory=dict)  # "top"/"bottom" -> y
    offpage: list[OffPage] = field(default_factory=list)
    edges: list[PlannedEdge] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Frame:
    """What every procedure page of one sheet shares: columns, header, rows, options."""

    resolved: ResolvedSOP
    style: SheetStyle
    cols: list[Column]
    actor_cols: list[Column]
    header: tuple[float, ...]  # heights of the header rows repeated on every page
    numbered: bool  # the column-number row "(1) (2) ... (n)" is one of them
    signature: list[Run]  # the signatory's block under the last page's table, or none

    @property
    def table_top(self) -> float:
        return self.style.body_y + self.style.title_h

    @property
    def tail(self) -> float:
        """Room the signature block takes under the last row (0 without one)."""
        if not self.signature:
            return 0.0
        return SIGNATURE_GAP + runs_height(self.signature, self.style.body_pt, self.style.pad)


def procedure_pages(resolved: ResolvedSOP, style: SheetStyle,
                    problems: list[Diagnostic]) -> list[Page]:
    """The procedure part of the sheet, one Page per table page (numbered 0)."""
    sop = resolved.sop
    location = Location(resolved.path)
    frame = _frame(resolved, style)
    if frame.actor_cols[0].w < READABLE_ACTOR_W:
        problems.append(make(SHT_NARROW_COLUMNS, location, count=len(frame.actor_cols),
                             width=f"{frame.actor_cols[0].w:.1f}", paper=style.paper,
                             orientation=style.orientation))
    body_room = style.body_h - style.title_h - style.footer_h - sum(frame.header)
    next_room = body_room - 2 * style.band_h - frame.tail
    rows = measure_rows(sop, frame.cols, style, next_room, location, problems)
    page_rows = paginate([r.height for r in rows], body_room, style.band_h,
                         sheet_options(resolved).maks_langkah_per_halaman, frame.tail)
    actor_of = _actor_columns(resolved, location, problems)
    flows = _flows(resolved, location, problems)
    plans = [PagePlan(p, top_band=i > 0, bottom_band=i < len(page_rows) - 1)
             for i, p in enumerate(page_rows)]
    page_of = {row: i for i, plan in enumerate(plans) for row in plan.rows}
    _split_flows(flows, plans, page_of, actor_of, rows)
    pages = [_page(plan, rows, actor_of, frame) for plan in plans]
    _report_cut_labels(pages, flows, rows, location, problems)
    return pages


def _report_cut_labels(pages: list[Page], flows: list[Flow], rows: list[StepRow],
                       location: Location, problems: list[Diagnostic]) -> None:
    """SHT011 for every exit label printed shorter than its source wrote it."""
    wanted = {(rows[f.src].step.id, rows[f.dst].step.id): f.label for f in flows}
    for page in pages:
        for label in page.labels:
            text = wanted.get((label.step_id, label.target_id))
            if text is not None and " ".join(label.text.split()) != text:  # wrapped is whole
                problems.append(make(SHT_LABEL_CUT, location, id=label.step_id, label=text,
                                     printed=label.text))


def _frame(resolved: ResolvedSOP, style: SheetStyle) -> Frame:
    """The columns, header heights and options of the sheet's procedure pages."""
    options = sheet_options(resolved)
    unit = resolved.satuan_waktu
    cols = columns(style, resolved.sop.pelaksana, unit)
    _, (h0, h1) = header_cells(cols, resolved.sop.pelaksana, 0.0, style, unit)
    header: tuple[float, ...] = (h0, h1)
    if options.nomor_kolom:
        header += (number_row(cols, 2, 0.0, style)[1],)
    signature = (signature_runs(resolved, _signature_width(style) - 2 * style.pad,
                                style.body_pt) if options.tanda_tangan else [])
    return Frame(resolved, style, cols, [c for c in cols if c.role == "pelaksana"], header,
                 bool(options.nomor_kolom), signature)


def _signature_width(style: SheetStyle) -> float:
    return min(SIGNATURE_W, style.body_w * 0.4)


def _actor_columns(resolved: ResolvedSOP, location: Location,
                   problems: list[Diagnostic]) -> list[list[int]]:
    """Per step, the actor-column indices of its symbols (first column if none is known)."""
    index = {a.id: i for i, a in enumerate(resolved.sop.pelaksana)}
    result = []
    for step in resolved.sop.langkah:
        known = sorted({index[a] for a in step.pelaksana if a in index})
        for ref in step.pelaksana:
            if ref not in index:
                problems.append(make(SHT_UNKNOWN_ACTOR, location, id=step.id, ref=ref))
        result.append(known or [0])
    return result


def _flows(resolved: ResolvedSOP, location: Location, problems: list[Diagnostic]) -> list[Flow]:
    sop = resolved.sop
    row_of: dict[str, int] = {}
    for i, step in enumerate(sop.langkah):
        row_of.setdefault(step.id, i)
    flows = []
    for i, step in enumerate(sop.langkah):
        for target, label in sop.successors(step):
            if target not in row_of:
                problems.append(make(SHT_UNKNOWN_TARGET, location, id=step.id, ref=target))
                continue
            flows.append(Flow(i, row_of[target], label))
    return flows


def _letters() -> Iterator[str]:
    """A, B, ..., Z, AA, AB, ...: the letters of off-page connector pairs."""
    n = 0
    while True:
        n += 1
        name, k = "", n
        while k:
            k, rem = divmod(k - 1, 26)
            name = chr(65 + rem) + name
        yield name


def _nearest(cols: list[int], toward: list[int]) -> int:
    return min(cols, key=lambda c: (min(abs(c - t) for t in toward), c))


def _split_flows(flows: list[Flow], plans: list[PagePlan], page_of: dict[int, int],
                 actor_of: list[list[int]], rows: list[StepRow]) -> None:
    """Give every page its pieces of the flows, with off-page connector pairs between."""
    letters = _letters()
    for flow in flows:
        src_id, dst_id = rows[flow.src].step.id, rows[flow.dst].step.id
        p, q = page_of[flow.src], page_of[flow.dst]
        if p == q:
            plans[p].edges.append(PlannedEdge(flow.src, flow.dst, flow.label, src_id, dst_id))
            continue
        down = q > p
        if down:
            out_col = _nearest(actor_of[flow.src], actor_of[flow.dst])
            in_col = _nearest(actor_of[flow.dst], actor_of[flow.src])
        else:
            out_col, in_col = actor_of[flow.src][-1], actor_of[flow.dst][-1]
        leave, arrive = ("bottom", "top") if down else ("top", "bottom")
        step = 1 if down else -1
        source: NodeKey = flow.src
        label = flow.label
        col = out_col
        for page in range(p, q, step):
            letter = next(letters)
            plan, nxt = plans[page], plans[page + step]
            out_key = (leave, len(plan.offpage))
            plan.offpage.append(OffPage(leave, letter, col, src_id, dst_id))
            plan.edges.append(PlannedEdge(source, out_key, label, src_id, dst_id))
            col = in_col
            in_key = (arrive, len(nxt.offpage))
            nxt.offpage.append(OffPage(arrive, letter, col, dst_id, src_id))
            source, label = in_key, None
        plans[q].edges.append(PlannedEdge(source, flow.dst, None, src_id, dst_id))


def _page(plan: PagePlan, rows: list[StepRow], actor_of: list[list[int]],
          frame: Frame) -> Page:
    style, cols, actor_cols = frame.style, frame.cols, frame.actor_cols
    heights, cells = _header_rows(frame)
    y = frame.table_top + sum(heights)
    if plan.top_band:
        plan.band_y["top"] = y
        cells += _band_cells(cols, len(heights), y, style, "band-atas")
        heights.append(style.band_h)
        y += style.band_h
    nodes: dict[NodeKey, Node] = {}
    symbols: list[Symbol] = []
    for slot, index in enumerate(plan.rows):
        row = rows[index]
        plan.row_y[index] = y
        cells += row_cells(row, len(heights), cols, y, style)
        node_symbols = _row_symbols(row, actor_of[index], actor_cols, y)
        symbols += _drawn_symbols(node_symbols)
        nodes[index] = Node(slot, y, y + row.height, node_symbols)
        heights.append(row.height)
        y += row.height
    if plan.bottom_band:
        plan.band_y["bottom"] = y
        cells += _band_cells(cols, len(heights), y, style, "band-bawah")
        heights.append(style.band_h)
    symbols += _offpage_nodes(plan, nodes, frame)
    edges = [Edge(nodes[e.source], nodes[e.target], e.from_id, e.to_id, e.label)
             for e in plan.edges]
    connectors, labels = route(edges, actor_cols, style.label_pt)
    for index in plan.rows:
        if rows[index].kind is not SymbolKind.TERMINATOR:
            connectors += join_connectors(nodes[index])
    tables = [Table(style.body_x, frame.table_top, tuple(c.w for c in cols), tuple(heights),
                    tuple(cells), header_rows=len(frame.header), role="prosedur")]
    if frame.signature and not plan.bottom_band:
        tables.append(_signature_table(frame, tables[0].y + tables[0].height))
    return Page(0, style.page_w, style.page_h, "prosedur", tuple(tables),
                symbols=tuple(symbols), connectors=tuple(connectors),
                labels=tuple(_sorted_labels(labels)))


def _header_rows(frame: Frame) -> tuple[list[float], list[Cell]]:
    """The heights and cells of the header rows at the top of a page's table."""
    top = frame.table_top
    header, _ = header_cells(frame.cols, frame.resolved.sop.pelaksana, top, frame.style,
                             frame.resolved.satuan_waktu)
    cells: list[Cell] = list(header)
    if frame.numbered:
        cells += number_row(frame.cols, 2, top + sum(frame.header[:2]), frame.style)[0]
    return list(frame.header), cells


def _offpage_nodes(plan: PagePlan, nodes: dict[NodeKey, Node], frame: Frame) -> list[Symbol]:
    """The page's off-page connectors, each also a router node of its band."""
    bands = {"top": -1, "bottom": len(plan.rows)}
    symbols = []
    for key, (col, offpage) in _offpage_symbols(plan, frame.actor_cols, frame.style):
        y0 = plan.band_y[key[0]]
        nodes[key] = Node(bands[key[0]], y0, y0 + frame.style.band_h, ((col, offpage),))
        symbols.append(offpage)
    return symbols


def _signature_table(frame: Frame, table_bottom: float) -> Table:
    """The signatory's block under the procedure table, at the right, without borders."""
    style = frame.style
    w = _signature_width(style)
    h = frame.tail - SIGNATURE_GAP
    box = Box(style.body_x + style.body_w - w, table_bottom + SIGNATURE_GAP, w, h)
    lines = place_runs(frame.signature, box, style.body_pt, style.pad)
    cell = Cell(0, 0, box, lines, role="tanda-tangan", align=Align.CENTER, border=False)
    return Table(box.x, box.y, (w,), (h,), (cell,), role="tanda-tangan")


def _row_symbols(row: StepRow, actor_cols_of_row: list[int], actor_cols: list[Column],
                 y: float) -> tuple[tuple[int, Symbol], ...]:
    """The step's symbol in each of its actor columns, as the router attaches to them."""
    result = []
    for col in actor_cols_of_row:
        c = actor_cols[col]
        box = symbol_box(row.kind, c.cx, y + row.height / 2, c.w)
        result.append((col, Symbol(row.kind, box, row.step.id, c.actor_id,
                                   area=Box(c.x, y, c.w, row.height))))
    return tuple(result)


def _drawn_symbols(node_symbols: tuple[tuple[int, Symbol], ...]) -> list[Symbol]:
    """What is drawn for one row: its symbols, joined by lines in ``_page``; but a start or
    end step of several actors is one capsule spanning their columns, so the procedure
    shows exactly one start and one end.  Its flat top and bottom pass through every
    column's attachment point and its round ends are those of the outer columns' symbols,
    so connectors routed to the per-column symbols end on its outline."""
    symbols = [sym for _col, sym in node_symbols]
    first, last = symbols[0], symbols[-1]
    if (len(symbols) < 2 or first.kind is not SymbolKind.TERMINATOR or first.area is None
            or last.area is None):
        return symbols
    box = Box(first.box.x, first.box.y, last.box.right - first.box.x, first.box.h)
    area = Box(first.area.x, first.area.y, last.area.right - first.area.x, first.area.h)
    return [Symbol(SymbolKind.TERMINATOR, box, first.step_id, first.actor_id, area=area)]


def _sorted_labels(labels: list[Label]) -> list[Label]:
    return sorted(labels, key=lambda lb: (lb.box.y, lb.box.x))


def _band_cells(cols: list[Column], row: int, y: float, style: SheetStyle,
                role: str) -> list[Cell]:
    return [Cell(row, i, Box(c.x, y, c.w, style.band_h), role=role) for i, c in enumerate(cols)]


def _offpage_symbols(plan: PagePlan, actor_cols: list[Column], style: SheetStyle
                     ) -> list[tuple[tuple[str, int], tuple[int, Symbol]]]:
    """The off-page connectors of a page, spread side by side when they share a column."""
    groups: dict[tuple[str, int], list[int]] = {}
    for n, offpage in enumerate(plan.offpage):
        groups.setdefault((offpage.band, offpage.col), []).append(n)
    result = []
    for (band, col), members in groups.items():
        c = actor_cols[col]
        # Several connectors in one column sit side by side, all inside the column.
        room = symbol_width(c.w) / len(members)
        size = min(style.offpage_size, room * 0.8)
        pitch = min(style.offpage_size + 1.5, room)
        y0 = plan.band_y[band]
        for k, n in enumerate(members):
            offpage = plan.offpage[n]
            cx = c.cx + (k - (len(members) - 1) / 2) * pitch
            box = offpage_box(cx, y0 + style.band_h / 2, size)
            direction = "out" if _is_out(plan, n) else "in"
            sym = Symbol(SymbolKind.OFFPAGE, box, offpage.step_id, c.actor_id,
                         text=offpage.letter, size_pt=style.label_pt,
                         area=Box(c.x, y0, c.w, style.band_h), direction=direction,
                         peer_id=offpage.peer_id)
            result.append(((band, n), (col, sym)))
    result.sort(key=lambda item: item[0][1])
    return result


def _is_out(plan: PagePlan, n: int) -> bool:
    """True when the page's n-th off-page connector is where a flow leaves the page."""
    return any(e.target == (plan.offpage[n].band, n) for e in plan.edges)
