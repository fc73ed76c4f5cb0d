"""The columns of the procedure table and its two header rows.

``No | Kegiatan | Pelaksana (one column per actor) | Mutu Baku: Kelengkapan, Waktu, Output |
Keterangan``.  Widths start from ideal values for 8 pt type, actor columns share what is
left after Kegiatan gets a comfortable width, and when the paper is too narrow every column
but No shrinks in proportion, so the table always spans exactly the text width.
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_docs.layout.fonts import text_width
from sop_docs.layout.geometry import Align, Box, Cell
from sop_docs.layout.style import SheetStyle
from sop_docs.layout.wrap import block_height, place, wrap
from sop_docs.model.sop import Pelaksana

# Ideal widths (mm) at 8 pt; scaled with the body type size.
NO_W = 8.0
MUTU_W = {"kelengkapan": 24.0, "waktu": 16.0, "output": 24.0}
KETERANGAN_W = 20.0
KEGIATAN_MIN = 60.0
ACTOR_MIN, ACTOR_MAX = 14.0, 30.0
MIN_TAIL_SHARE = 0.7  # Kelengkapan, Output, Keterangan shrink to this share first
HEADER_MIN_PT = 5.0  # column titles get smaller type, down to this, before breaking words
MUTU_ROLES = tuple(MUTU_W)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the procedure table: what it holds and where it lies."""

    role: str  # "no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"
    x: float
    w: float
    actor_id: str | None = None

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


def column_widths(table_w: float, actors: int, body_pt: float) -> list[float]:
    """Widths of No, Kegiatan, each actor, the three Mutu Baku columns and Keterangan."""
    scale = body_pt / 8.0
    fixed = [NO_W * scale, *(w * scale for w in MUTU_W.values()), KETERANGAN_W * scale]
    rest = table_w - sum(fixed)
    actor_w = min(ACTOR_MAX * scale,
                  max(ACTOR_MIN * scale, (rest - KEGIATAN_MIN * scale) / actors))
    kegiatan_w = max(rest - actor_w * actors, 0.6 * KEGIATAN_MIN * scale)
    widths = [fixed[0], kegiatan_w, *([actor_w] * actors), *fixed[1:]]
    excess = sum(widths) - table_w
    if excess > 0:
        # Too wide: Kelengkapan, Output and Keterangan give up to 30% first (their texts are
        # short phrases), then every column but No shrinks in proportion.
        first_tail = len(widths) - len(fixed) + 1
        give = [first_tail, first_tail + 2, first_tail + 3]
        spare = sum(widths[i] for i in give) * (1 - MIN_TAIL_SHARE)
        cut = min(1.0, excess / spare) * (1 - MIN_TAIL_SHARE)
        for i in give:
            widths[i] *= 1 - cut
        total = sum(widths)
        if total > table_w:
            factor = (table_w - widths[0]) / (total - widths[0])
            widths = [widths[0], *(w * factor for w in widths[1:])]
    return widths


def columns(style: SheetStyle, actors: tuple[Pelaksana, ...],
            satuan_waktu: str | None = None) -> list[Column]:
    """The table's columns, left to right, spanning the page's text width; actor columns
    widened (Keterangan, then Kegiatan giving the width) until no word of a pelaksana's
    name has to be broken in the smallest header type."""
    widths = column_widths(style.body_w, len(actors), style.body_pt)
    roles: list[tuple[str, str | None]] = [("no", None), ("kegiatan", None)]
    roles += [("pelaksana", a.id) for a in actors]
    roles += [(r, None) for r in MUTU_ROLES] + [("keterangan", None)]
    titles = [header_title(role, actor_id, actors, satuan_waktu) for role, actor_id in roles]
    _widen_actor_columns(widths, titles, [r for r, _ in roles], style)
    result, x = [], style.body_x
    for (role, actor_id), w in zip(roles, widths, strict=True):
        result.append(Column(role, x, w, actor_id))
        x += w
    return result


def _word_need(title: str, style: SheetStyle, pt: float) -> float:
    """Width a column needs so its title's longest word fits in ``pt`` header type."""
    return max((text_width(w, pt, bold=True) for w in title.split()),
               default=0.0) + 2 * style.pad + 0.2


def _widen_actor_columns(widths: list[float], titles: list[str], roles: list[str],
                         style: SheetStyle) -> None:
    """Every actor column as wide as its widest name word needs (all alike) in the
    largest header type the width Keterangan, then Kegiatan can give allows, each donor
    keeping what its own title needs in that type."""
    actor = [i for i, role in enumerate(roles) if role == "pelaksana"]
    donors = [roles.index("keterangan"), roles.index("kegiatan")]
    pt = style.body_pt
    while True:
        need = max(_word_need(titles[i], style, pt) for i in actor)
        short = sum(max(0.0, need - widths[i]) for i in actor)
        floors = [_word_need(titles[d], style, pt) for d in donors]
        floors[1] = max(floors[1], 0.6 * KEGIATAN_MIN * style.body_pt / 8.0)
        spare = [max(0.0, widths[d] - f) for d, f in zip(donors, floors, strict=True)]
        if sum(spare) >= short or pt <= HEADER_MIN_PT:
            break
        pt -= 0.5
    given = 0.0
    for donor, room in zip(donors, spare, strict=True):
        give = min(short - given, room)
        widths[donor] -= give
        given += give
    for i in actor:  # what the donors gave, shared so all actor columns stay alike
        widths[i] += given / len(actor)


HEADER_TITLES = {"no": "No", "kegiatan": "Kegiatan", "kelengkapan": "Kelengkapan",
                 "waktu": "Waktu", "output": "Output", "keterangan": "Keterangan"}


def header_title(role: str, actor_id: str | None, actors: tuple[Pelaksana, ...],
                 satuan_waktu: str | None = None) -> str:
    """The title of a column: the pelaksana's name, or its role's title ("Waktu" with
    the SOP's time unit when it has one: "Waktu (menit)")."""
    if role == "pelaksana":
        return next((a.nama for a in actors if a.id == actor_id), "")
    if role == "waktu" and satuan_waktu:
        return f"{HEADER_TITLES[role]} ({satuan_waktu})"
    return HEADER_TITLES[role]
HEADER_FILL = "#e8e8e8"


# A header cell before placement: (row, first column, colspan, rowspan, lines, type size).
HeaderSpec = tuple[int, int, int, int, list[str], float]


def header_cells(cols: list[Column], actors: tuple[Pelaksana, ...], top: float,
                 style: SheetStyle, satuan_waktu: str | None = None
                 ) -> tuple[list[Cell], tuple[float, float]]:
    """The two header rows (group headers Pelaksana and Mutu Baku above their columns)."""
    pad = style.pad
    spec = _header_spec(cols, actors, style, satuan_waktu)

    def need(entry: HeaderSpec) -> float:
        return block_height(len(entry[4]), entry[5], pad)

    h0 = max(need(e) for e in spec if e[0] == 0 and e[3] == 1)
    h1 = max([need(e) for e in spec if e[0] == 1] + [need(e) - h0 for e in spec if e[3] == 2])
    cells: list[Cell] = []
    for row, first, span, rowspan, lines, pt in spec:
        x = cols[first].x
        w = sum(c.w for c in cols[first:first + span])
        y = top if row == 0 else top + h0
        h = h0 + h1 if rowspan == 2 else (h0 if row == 0 else h1)
        text_h = block_height(len(lines), pt, 0)
        placed = place(lines, x + pad, y + (h - text_h) / 2, w - 2 * pad, pt, bold=True,
                       align=Align.CENTER)
        cells.append(Cell(row, first, Box(x, y, w, h), placed, rowspan=rowspan, colspan=span,
                          role="header", align=Align.CENTER, fill=HEADER_FILL))
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, (h0, h1)


def _header_spec(cols: list[Column], actors: tuple[Pelaksana, ...], style: SheetStyle,
                 satuan_waktu: str | None) -> list[HeaderSpec]:
    """What each header cell says and where: the group titles over row 0, the column
    titles (actor names) in row 1, or over both rows for No, Kegiatan and Keterangan.
    Each row is set in one type size, the largest in which no title breaks a word."""
    pad = style.pad
    actor_cols = [i for i, c in enumerate(cols) if c.role == "pelaksana"]
    mutu_cols = [i for i, c in enumerate(cols) if c.role in MUTU_ROLES]
    groups = [("Pelaksana", actor_cols[0], len(actor_cols)),
              ("Mutu Baku", mutu_cols[0], len(mutu_cols))]
    # (row, first column, colspan, rowspan, title, width for the text)
    cells = [(0, first, span, 1, title, sum(c.w for c in cols[first:first + span]) - 2 * pad)
             for title, first, span in groups]
    for i, col in enumerate(cols):
        spans = col.role in ("no", "kegiatan", "keterangan")
        title = header_title(col.role, col.actor_id, actors, satuan_waktu)
        cells.append((0 if spans else 1, i, 1, 2 if spans else 1, title, col.w - 2 * pad))
    sizes = {row: min(_fitted_pt(title, width, style.body_pt)
                      for r, _, _, _, title, width in cells if r == row) for row in (0, 1)}
    return [(row, first, span, rowspan, wrap(title, width, sizes[row], True), sizes[row])
            for row, first, span, rowspan, title, width in cells]


def _fitted_pt(title: str, width: float, size: float) -> float:
    """The largest header type size, down to HEADER_MIN_PT, fitting ``title``'s longest
    word into ``width``."""
    longest = max(title.split() or [""], key=lambda w: text_width(w, size, bold=True))
    pt = size
    while pt > HEADER_MIN_PT and text_width(longest, pt, bold=True) > width:
        pt -= 0.5
    return pt


NUMBER_PAD = 0.6  # vertical padding of the column-number row


def number_row(cols: list[Column], row: int, top: float, style: SheetStyle
               ) -> tuple[list[Cell], float]:
    """The column-number row "(1) (2) ... (n)" some offices print under the header, as
    grid row ``row`` at ``top``, and its height."""
    size = style.label_pt
    h = block_height(1, size, NUMBER_PAD)
    cells = []
    for i, col in enumerate(cols):
        lines = place([f"({i + 1})"], col.x + style.pad, top + NUMBER_PAD, col.w - 2 * style.pad,
                      size, align=Align.CENTER)
        cells.append(Cell(row, i, Box(col.x, top, col.w, h), lines, role="nomor-kolom",
                          align=Align.CENTER, fill=HEADER_FILL))
    return cells, h
