"""The official sheet as a .docx: one Word table per layout table, shapes on top.

Every layout page becomes: an anchor paragraph (a page break before it from the second
page on, exactly as tall as the space above the page's first table, holding the page's
free texts and images positioned against the page), then the page's tables.  Since each
page's content is sized by the layout, Word and LibreOffice break pages where the layout
does.

The flowchart is anchored in the procedure table itself: each symbol (and a decision's
exit labels) in the paragraph of its own row's actor cell (off-page connectors in their
band cell), each connector in the cell where it starts, each placed vertically against
that paragraph.  Step rows may grow ("at least" their laid-out height), so when a clerk
lengthens a step's text in Word or LibreOffice its row grows and every symbol stays in its
row; only the connectors that cross the grown row keep their old length (README says what
to redraw).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from docx.document import Document as DocxDocument
from lxml import etree

from sop_docs.atomic import write_bytes
from sop_docs.diagnostics import DOCX_IMAGE, Diagnostic, Location, make
from sop_docs.layout.geometry import Box, Page, SheetLayout, Table, TextLine
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.values import TanggalValue
from sop_docs.render.docx.document import (
    Frame,
    Properties,
    new_document,
    section_properties,
    set_properties,
    setup_pages,
)
from sop_docs.render.docx.ooxml import IdCounter, qn
from sop_docs.render.docx.package import package_bytes
from sop_docs.render.docx.shapes import (
    Origin,
    connector_shape,
    label_shape,
    picture_shape,
    symbol_shape,
    text_line_shape,
    watermark_shape,
)
from sop_docs.render.docx.tables import CellShapes, StepTexts, table_element
from sop_docs.render.docx.text import spacer_paragraph
from sop_docs.render.registry import RenderJob

SPACER_MM = 0.35  # least height of a paragraph between blocks (1 pt, which Word allows)
STACK_MM = 0.05  # tables closer than this (and aligned) are drawn as one Word table
FALLBACK_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def build_docx(layout: SheetLayout, props: Properties, source: str = "",
               diagnostics: list[Diagnostic] | None = None,
               texts: StepTexts | None = None) -> bytes:
    """The .docx bytes of one sheet; problems (an unreadable logo) go to ``diagnostics``.

    ``source`` is the SOP's file (where problems point); ``texts`` the steps' own texts,
    from which characters the layout's font lacks (emoji) are restored.
    """
    doc = new_document()
    footer = next((t for page in layout.pages for t in page.texts if _is_footer(t)), None)
    frame = setup_pages(doc, layout, SPACER_MM, SPACER_MM, footer)
    ids = IdCounter()
    end = section_properties(doc)
    for index, page in enumerate(layout.pages):
        for block in _page_blocks(doc, page, index > 0, frame, ids, texts or {}, source,
                                  diagnostics):
            end.addprevious(block)
    end.addprevious(spacer_paragraph(SPACER_MM))
    _number_drawings(doc)
    set_properties(doc, props)
    return package_bytes(doc)


def _number_drawings(doc: DocxDocument) -> None:
    """Drawing ids 1, 2, ... in document order (shapes are built page by page but end up
    in many table cells), each name ending in its id as Word names shapes."""
    for number, docpr in enumerate(doc.element.body.iter(qn("wp:docPr")), 1):
        docpr.set("id", str(number))
        docpr.set("name", f"{docpr.get('name', '').rsplit(' ', 1)[0]} {number}")


def _page_blocks(doc: DocxDocument, page: Page, new_page: bool, frame: Frame,
                 ids: IdCounter, texts: StepTexts, source: str,
                 diagnostics: list[Diagnostic] | None) -> list[etree._Element]:
    """The anchor paragraph with the page's shapes, then its tables with spacers between."""
    top = frame.top
    tables = sorted(page.tables, key=lambda t: t.y)
    first_y = tables[0].y if tables else top + SPACER_MM
    anchor = spacer_paragraph(max(first_y - top, SPACER_MM), page_break_before=new_page)
    for path, box in page.images:
        rel_id = _image_rel(doc, path, source, diagnostics)
        if rel_id is not None:
            anchor.append(picture_shape(rel_id, Path(path).name, box, ids))
    anchor.extend(text_line_shape(line, ids) for line in page.texts if not _is_footer(line))
    if page.watermark is not None:
        anchor.append(watermark_shape(page.watermark, ids))
    in_cells = _cell_shapes(page, ids, anchor)
    blocks = [anchor]
    cursor = first_y
    for stack in _stacks(tables):
        if blocks[-1] is not anchor:
            blocks.append(spacer_paragraph(max(stack[0].y - cursor, SPACER_MM)))
        blocks.append(table_element(stack, frame.left, texts, in_cells))
        cursor = stack[-1].y + stack[-1].height
    return blocks


HOLDER_ROLES = frozenset({"pelaksana", "band-atas", "band-bawah"})


def _cell_shapes(page: Page, ids: IdCounter, anchor: etree._Element) -> CellShapes:
    """The flowchart's shapes by the cell whose paragraph anchors them (see the module
    docstring); a shape outside every actor or band cell stays on the page's anchor."""
    holders = [c for t in page.tables for c in t.cells if c.role in HOLDER_ROLES]
    shapes: dict[int, list[etree._Element]] = {}

    def place(point: tuple[float, float], build: Callable[[Origin], etree._Element]) -> None:
        cell = next((c for c in holders if _holds(c.box, point)), None)
        if cell is None:
            anchor.append(build(None))
        else:
            shapes.setdefault(id(cell), []).append(build((cell.box.x, cell.box.y)))

    for c in page.connectors:
        place(c.points[0], partial(connector_shape, c, ids))
    decisions = {}
    for s in page.symbols:
        place((s.box.x + 0.01, s.box.cy), partial(symbol_shape, s, ids))
        decisions[s.step_id] = (s.box.x + 0.01, s.box.cy)
    for label in page.labels:
        where = decisions.get(label.step_id, (label.box.x, label.box.y))
        place(where, partial(label_shape, label, ids))
    return shapes


def _holds(box: Box, point: tuple[float, float]) -> bool:
    """True when ``point`` lies in ``box`` (its edges included, within rounding)."""
    x, y = point
    return box.x - 0.01 <= x <= box.right + 0.01 and box.y - 0.01 <= y <= box.bottom + 0.01


def _stacks(tables: list[Table]) -> list[list[Table]]:
    """Tables (top to bottom) grouped where one starts right under the other, at the same
    x and width: each group becomes one Word table (Word merges touching tables anyway)."""
    stacks: list[list[Table]] = []
    for table in tables:
        below = stacks[-1][-1] if stacks else None
        if below is not None and (abs(table.y - below.y - below.height) < STACK_MM
                                  and abs(table.x - below.x) < STACK_MM
                                  and abs(table.width - below.width) < STACK_MM):
            stacks[-1].append(table)
        else:
            stacks.append([table])
    return stacks


def _is_footer(line: TextLine) -> bool:
    """The page number line: the Word footer carries it, as live fields."""
    return line.text.startswith("Halaman ") and " dari " in line.text


def _image_rel(doc: DocxDocument, path: str, source: str,
               diagnostics: list[Diagnostic] | None) -> str | None:
    """The relationship id of an image added to the package, or None (and a diagnostic)."""
    try:
        rel_id, _image = doc.part.get_or_add_image(path)
    except Exception as exc:  # python-docx raises many types for unreadable images
        if diagnostics is not None:
            diagnostics.append(make(DOCX_IMAGE, Location(source), path=path,
                                    reason=type(exc).__name__))
        return None
    return str(rel_id)


def step_texts(resolved: ResolvedSOP) -> dict[tuple[str, str], str]:
    """Each step's texts by (step id, the role of the procedure-table cell showing it)."""
    texts = {}
    for step in resolved.sop.langkah:
        texts[(step.id, "kegiatan")] = step.kegiatan
        texts[(step.id, "kelengkapan")] = step.kelengkapan
        texts[(step.id, "waktu")] = step.waktu.teks if step.waktu is not None else ""
        texts[(step.id, "output")] = step.output
        texts[(step.id, "keterangan")] = step.keterangan
    return texts


def properties_of(resolved: ResolvedSOP, layout: SheetLayout) -> Properties:
    """Core properties from the SOP: its dates, its revision number, its office."""
    sop = resolved.sop
    dates = sop.tanggal
    created = _datetime(dates.pembuatan) or _iso(layout.creation_date) or FALLBACK_DATE
    later = [d for d in (_datetime(dates.revisi), _datetime(dates.efektif)) if d is not None]
    modified = max([created, *later])
    if dates.revisi.revisi is not None:
        revision = dates.revisi.revisi
    elif sop.riwayat_revisi:
        revision = len(sop.riwayat_revisi) + 1
    else:
        revision = 2 if dates.revisi.tahun is not None else 1
    return Properties(
        title=layout.title or sop.nama,
        subject=layout.subject,
        author=resolved.profil.instansi,
        revision=max(1, revision),
        created=created,
        modified=modified,
        description=f"Standar Operasional Prosedur {sop.nama}",
    )


def _datetime(value: TanggalValue) -> dt.datetime | None:
    """The date as a UTC midnight; a month or a year alone counts from its first day."""
    if value.tahun is None:
        return None
    return dt.datetime(value.tahun, value.bulan or 1, value.hari or 1, tzinfo=dt.UTC)


def _iso(text: str) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def render_docx(job: RenderJob) -> list[Path]:
    """Registered renderer of format ``docx``: writes ``<out_dir>/<id>.docx`` atomically.

    A folder that cannot be written raises OSError, which the render run reports.
    """
    layout = job.layout
    data = build_docx(layout, properties_of(job.resolved, layout), job.resolved.path,
                      job.diagnostics, step_texts(job.resolved))
    target = job.out_dir / f"{job.stem}.docx"
    write_bytes(target, data)
    return [target]
