"""The identity page(s): the header block and the three rows of numbered lists.

Header (one bordered table): logo and instansi hierarchy on the left, spanning the label /
value rows on the right (Nomor SOP, the three dates, Disahkan oleh with the signature
block, Nama SOP).  Below it a two-column table: Dasar Hukum | Kualifikasi Pelaksana;
Keterkaitan | Peralatan/Perlengkapan; Peringatan | Pencatatan dan Pendataan.  A list row
that does not fit is cut between lines and continues on a further page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sop_docs.layout.geometry import Align, Box, Cell, Page, Table
from sop_docs.layout.runs import (
    Run,
    blank,
    fitting,
    numbered,
    paragraph,
    place_runs,
    runs_height,
    truncate,
)
from sop_docs.layout.style import SheetStyle, sheet_options
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.settings import FormatTanggal
from sop_docs.model.sop import StatusSOP
from sop_docs.model.values import TanggalValue

LOGO_MM = 22.0
SIGNATURE_SPACE_MM = 16.0
LABEL_FILL = "#f2f2f2"
# Share of the header's height any one cell may take before its text is cut.
HEADER_CELL_SHARE = 0.45
UNSIGNED = "(belum ditandatangani)"


@dataclass(frozen=True, slots=True)
class ListCell:
    """One cell of the list rows: its heading and its runs (heading first)."""

    title: str
    runs: list[Run]
    continued: bool = False  # the rest of a cell cut at the end of the previous page


def identity_pages(resolved: ResolvedSOP, style: SheetStyle, logo: Path | None,
                   cut: list[str]) -> list[Page]:
    """The identity part as pages (numbered 0; the sheet numbers them).

    Names of fields whose text was too long and had to be cut are appended to ``cut``.
    """
    header, images = _header(resolved, style, logo, cut)
    rows = _list_rows(resolved, style)
    pages: list[Page] = []
    top = style.body_y + header.height
    tables: list[Table] = [header]
    pending = rows
    while pending:
        room = style.body_y + style.body_h - top
        table, pending = _list_table(pending, top, room, style)
        if table is None and not tables:
            # Not even one line fits on an empty page: cut and stop (hostile sizes).
            cut.append("daftar identitas")
            break
        if table is not None:
            tables.append(table)
        if pending:
            pages.append(Page(0, style.page_w, style.page_h, "identitas", tuple(tables),
                              images=tuple(images)))
            tables, images, top = [], [], style.body_y
    pages.append(Page(0, style.page_w, style.page_h, "identitas", tuple(tables),
                      images=tuple(images)))
    return pages


def _header(resolved: ResolvedSOP, style: SheetStyle, logo: Path | None,
            cut: list[str]) -> tuple[Table, list[tuple[str, Box]]]:
    """The header block: instansi (and logo) left, the label / value rows right."""
    size, pad = style.identity_pt, style.pad
    w = style.body_w
    widths = (0.42 * w, 0.17 * w, 0.41 * w)
    text_w = [cw - 2 * pad for cw in widths]
    max_runs = fitting(style.body_h * HEADER_CELL_SHARE, size, pad)

    def fit(runs: list[Run], width: float, name: str) -> list[Run]:
        if len(runs) > max_runs:
            cut.append(name)
        return truncate(runs, max_runs, width, size)

    rows = [(fit(paragraph(label, text_w[1], size, bold=True), text_w[1], label),
             fit(runs, text_w[2], label)) for label, runs in _values(resolved, text_w[2], size)]
    left = fit(_instansi_runs(resolved, text_w[0], size), text_w[0], "instansi")
    logo_h = LOGO_MM + 2 if logo is not None else 0.0
    heights = [max(runs_height(a, size, pad), runs_height(b, size, pad), 7.0) for a, b in rows]
    need_left = logo_h + runs_height(left, size, pad)
    if need_left > sum(heights):
        heights[-1] += need_left - sum(heights)
    left_box = Box(style.body_x, style.body_y, widths[0], sum(heights))
    text_top = left_box.y + (left_box.h - need_left) / 2
    images: list[tuple[str, Box]] = []
    if logo is not None:
        images.append((str(logo), Box(left_box.cx - LOGO_MM / 2, text_top + 1, LOGO_MM, LOGO_MM)))
    text_box = Box(left_box.x, text_top + logo_h, left_box.w, need_left - logo_h)
    cells = [Cell(0, 0, left_box, place_runs(left, text_box, size, pad), rowspan=len(rows),
                  role="identitas-instansi", align=Align.CENTER)]
    cells += _row_cells(rows, heights, left_box.right, left_box.y, widths[1:], style)
    return Table(left_box.x, left_box.y, widths, tuple(heights), tuple(cells),
                 role="identitas"), images


def _values(resolved: ResolvedSOP, width: float, size: float) -> list[tuple[str, list[Run]]]:
    """The label / value rows of the header: Nomor, the three dates, Disahkan, Nama SOP."""
    sop = resolved.sop
    tanggal = sop.tanggal
    fmt = sheet_options(resolved).format_tanggal
    return [
        ("Nomor SOP", paragraph(sop.nomor, width, size)),
        ("Tanggal Pembuatan", paragraph(date_text(tanggal.pembuatan, fmt), width, size)),
        ("Tanggal Revisi", paragraph(date_text(tanggal.revisi, fmt), width, size)),
        (tanggal.label_efektif, paragraph(date_text(tanggal.efektif, fmt), width, size)),
        ("Disahkan oleh", signature_runs(resolved, width, size)),
        ("Nama SOP", paragraph(sop.nama, width, size, bold=True)),
    ]


def _instansi_runs(resolved: ResolvedSOP, width: float, size: float) -> list[Run]:
    """PEMERINTAH ..., INSTANSI, UNIT (bold capitals) and the address, centred."""
    profil = resolved.profil
    runs: list[Run] = []
    for text, bold in ((profil.pemerintah, True), (profil.instansi, True),
                       (resolved.unit, True), (profil.alamat, False)):
        if text:
            runs += paragraph(text.upper() if bold else text, width, size, bold=bold,
                              align=Align.CENTER)
    return runs


def _row_cells(rows: list[tuple[list[Run], list[Run]]], heights: list[float], x: float,
               y: float, widths: tuple[float, ...], style: SheetStyle) -> list[Cell]:
    """The label (grey) and value cells of the header rows, from ``x`` right."""
    size, pad = style.identity_pt, style.pad
    cells = []
    for i, ((label, value), h) in enumerate(zip(rows, heights, strict=True)):
        label_box = Box(x, y, widths[0], h)
        value_box = Box(label_box.right, y, widths[1], h)
        cells.append(Cell(i, 1, label_box, place_runs(label, label_box, size, pad),
                          role="identitas-label", fill=LABEL_FILL))
        cells.append(Cell(i, 2, value_box, place_runs(value, value_box, size, pad),
                          role="identitas-nilai"))
        y += h
    return cells


def date_text(value: TanggalValue, fmt: FormatTanggal | None) -> str:
    """An identity date as printed: a revision number exactly as the source writes it;
    a date in the long Indonesian form, or as written with ``format_tanggal: sumber``.
    Blank or dotted parts ("......2022") are printed as written either way."""
    if fmt is FormatTanggal.SUMBER or (value.revisi is not None and value.tahun is None):
        return value.teks
    return value.tampil()


def signature_runs(resolved: ResolvedSOP, width: float, size: float) -> list[Run]:
    """Jabatan, space for signature and stamp, NAMA (bold, underlined), pangkat, NIP; a
    draft's block stays unsigned: jabatan, the empty space, "(belum ditandatangani)"."""
    p = resolved.pengesah
    runs = paragraph(p.jabatan, width, size, align=Align.CENTER)
    runs += blank(SIGNATURE_SPACE_MM, size)
    if resolved.sop.status is StatusSOP.DRAF:
        return runs + paragraph(UNSIGNED, width, size, align=Align.CENTER)
    runs += paragraph(p.nama, width, size, bold=True, underline=True, align=Align.CENTER)
    if p.pangkat:
        runs += paragraph(p.pangkat, width, size, align=Align.CENTER)
    if p.nip:
        runs += paragraph(f"NIP. {p.nip}", width, size, align=Align.CENTER)
    return runs


LIST_TITLES = (
    ("Dasar Hukum", "Kualifikasi Pelaksana"),
    ("Keterkaitan", "Peralatan/Perlengkapan"),
    ("Peringatan", "Pencatatan dan Pendataan"),
)


def _list_rows(resolved: ResolvedSOP, style: SheetStyle) -> list[tuple[ListCell, ListCell]]:
    sop = resolved.sop
    items = (
        (list(sop.dasar_hukum), list(sop.kualifikasi_pelaksana)),
        ([k.teks for k in sop.keterkaitan], list(sop.peralatan_perlengkapan)),
        (list(sop.peringatan), list(sop.pencatatan_pendataan)),
    )
    width = style.body_w / 2 - 2 * style.pad
    size = style.identity_pt
    return [
        (ListCell(a_title, numbered(a_items, width, size)),
         ListCell(b_title, numbered(b_items, width, size)))
        for (a_title, b_title), (a_items, b_items) in zip(LIST_TITLES, items, strict=True)
    ]


def _list_table(rows: list[tuple[ListCell, ListCell]], top: float, room: float,
                style: SheetStyle) -> tuple[Table | None, list[tuple[ListCell, ListCell]]]:
    """The list rows that fit in ``room`` mm, and what is left for the next page."""
    size, pad = style.identity_pt, style.pad
    half = style.body_w / 2
    width = half - 2 * pad
    heights: list[float] = []
    cells: list[Cell] = []
    y = top
    pending = list(rows)
    while pending:
        pair = pending[0]
        titled = [_titled(c, width, size) for c in pair]
        need = max(runs_height(r, size, pad) for r in titled)
        space = top + room - y
        if need > space:
            keep = fitting(space, size, pad)
            title_runs = [len(_titled(c, width, size)) - len(c.runs) for c in pair]
            if keep <= max(title_runs):
                break
            # Cut both cells after ``keep`` lines; the rest continues on the next page.
            rests = [ListCell(c.title, c.runs[max(0, keep - t):], True) for c, t in
                     zip(pair, title_runs, strict=True)]
            titled = [r[:keep] for r in titled]
            need = max(runs_height(r, size, pad) for r in titled)
            pending[0] = (rests[0], rests[1])
            _add_row(cells, titled, y, need, len(heights), half, style)
            heights.append(need)
            break
        _add_row(cells, titled, y, need, len(heights), half, style)
        heights.append(need)
        y += need
        pending.pop(0)
    if not heights:
        return None, pending
    return Table(style.body_x, top, (half, half), tuple(heights), tuple(cells),
                 role="identitas-daftar"), pending


def _titled(cell: ListCell, width: float, size: float) -> list[Run]:
    title = f"{cell.title} (lanjutan):" if cell.continued else f"{cell.title}:"
    return paragraph(title, width, size, bold=True) + cell.runs


def _add_row(cells: list[Cell], titled: list[list[Run]], y: float, h: float, row: int,
             half: float, style: SheetStyle) -> None:
    for col, runs in enumerate(titled):
        box = Box(style.body_x + col * half, y, half, h)
        cells.append(Cell(row, col, box, place_runs(runs, box, style.identity_pt, style.pad),
                          role="identitas-daftar"))
