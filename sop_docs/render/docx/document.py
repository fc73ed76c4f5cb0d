"""The Word document around the sheet: template, page setup, styles, footer, properties.

A trimmed python-docx template is built once per process (Arial styles, no latent styles,
no thumbnail, Word 2013+ compatibility, the "Halaman x dari y" footer) and every render
starts from a copy of its bytes.  Page size, orientation and margins come from the layout.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm
from lxml import etree

from sop_docs.layout.geometry import SheetLayout, TextLine
from sop_docs.render.docx.ooxml import clean_text, find_child, qn, sub
from sop_docs.render.docx.package import package_bytes
from sop_docs.render.docx.text import run

FONT = "Arial"
FOOTER_SIZE_PT = 7.0
DEFAULT_MARGIN = 15.0  # mm, when the layout has no table to take margins from
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer"}
# The thumbnail, and app.xml (python-docx's says "Microsoft Macintosh Word"; it is optional).
_DROPPED_PACKAGE_RELS = {RT.THUMBNAIL, RT.EXTENDED_PROPERTIES}
_DROPPED_DOCUMENT_RELS = {RT.CUSTOM_XML, RT.WEB_SETTINGS,
                          "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}


@dataclass(frozen=True)
class Properties:
    """Core document properties of one SOP's .docx (fixed values: the file is reproducible)."""

    title: str
    subject: str
    author: str
    revision: int
    created: dt.datetime
    modified: dt.datetime
    keywords: str = "SOP AP"
    description: str = ""  # what the document is (the title when empty)


@dataclass(frozen=True)
class Frame:
    """Where the body text area starts on every page, in mm from the page's top-left."""

    left: float
    top: float


def new_document() -> DocxDocument:
    """A fresh document from the cached template."""
    return Document(io.BytesIO(_template()))


@lru_cache(maxsize=1)
def _template() -> bytes:
    """python-docx's default document trimmed and set up once per process, stored uncompressed
    so each render opens it quickly."""
    doc = Document()
    _drop_parts(doc)
    _trim_styles(doc.styles.element)
    _tune_settings(doc.settings.element)
    _add_footer(doc)
    return package_bytes(doc, compress=False)


def _drop_parts(doc: DocxDocument) -> None:
    """Remove parts a generated sheet does not need (python-docx's thumbnail among them)."""
    package_rels = doc.part.package.rels
    for rel_id in [r.rId for r in package_rels.values() if r.reltype in _DROPPED_PACKAGE_RELS]:
        del package_rels[rel_id]
    document_rels = doc.part.rels
    for rel_id in [r.rId for r in document_rels.values() if r.reltype in _DROPPED_DOCUMENT_RELS]:
        del document_rels[rel_id]


def _trim_styles(styles: etree._Element) -> None:
    """Keep the few styles used; make Arial, no spacing, the document default."""
    for child in list(styles):
        if child.tag == qn("w:latentStyles") or (
            child.tag == qn("w:style") and child.get(qn("w:styleId")) not in KEPT_STYLES
        ):
            styles.remove(child)
    defaults = find_child(styles, qn("w:docDefaults"))
    defaults.clear()
    rpr = sub(sub(defaults, "w:rPrDefault"), "w:rPr")
    sub(rpr, "w:rFonts", {"w:ascii": FONT, "w:hAnsi": FONT, "w:eastAsia": FONT, "w:cs": FONT})
    sub(rpr, "w:sz", {"w:val": "14"})
    sub(rpr, "w:szCs", {"w:val": "14"})
    sub(rpr, "w:lang", {"w:val": "id-ID", "w:eastAsia": "id-ID", "w:bidi": "ar-SA"})
    ppr = sub(sub(defaults, "w:pPrDefault"), "w:pPr")
    sub(ppr, "w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"})


def _tune_settings(settings: etree._Element) -> None:
    """Word 2013+ layout rules (no compatibility mode), no preview picture."""
    for child in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(child)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _add_footer(doc: DocxDocument) -> None:
    """ "Halaman x dari y" at the bottom right, with live PAGE / NUMPAGES fields."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    ppr = p.get_or_add_pPr()
    sub(ppr, "w:jc", {"w:val": "right"})
    p.append(run("Halaman ", FOOTER_SIZE_PT))
    p.extend(field_runs("PAGE", "1", FOOTER_SIZE_PT))
    p.append(run(" dari ", FOOTER_SIZE_PT))
    p.extend(field_runs("NUMPAGES", "1", FOOTER_SIZE_PT))


def field_runs(instruction: str, shown: str, size_pt: float) -> list[etree._Element]:
    """The runs of a complex field (begin, instruction, separate, cached result, end)."""
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        if kind == "result":
            runs.append(run(shown, size_pt))
            continue
        r = run("", size_pt)
        r.remove(r[-1])  # drop the empty w:t; this run carries a field marker instead
        if kind == "instr":
            sub(r, "w:instrText", {"xml:space": "preserve"}, f" {instruction} ")
        else:
            sub(r, "w:fldChar", {"w:fldCharType": kind})
        runs.append(r)
    return runs


def setup_pages(doc: DocxDocument, layout: SheetLayout, spacer_mm: float,
                trailer_mm: float, footer: TextLine | None = None) -> Frame:
    """Page size, orientation and margins from the layout; the body frame they give.

    The top margin sits ``spacer_mm`` above the highest table so each page's first
    paragraph (the anchor of its shapes) fits there; the bottom margin leaves room for the
    closing paragraph of ``trailer_mm`` under the lowest table, and holds the footer (at the
    layout's page-number line when it has one).
    """
    first = layout.pages[0]
    tables = [t for page in layout.pages for t in page.tables]
    left = min((t.x for t in tables), default=DEFAULT_MARGIN)
    top = max(0.0, min((t.y for t in tables), default=DEFAULT_MARGIN + spacer_mm) - spacer_mm)
    right = max(0.0, min((first.width - t.x - t.width for t in tables), default=DEFAULT_MARGIN))
    lowest = max((t.y + t.height for t in tables), default=first.height - DEFAULT_MARGIN)
    bottom = max(0.0, min(first.height - lowest - trailer_mm - 0.5, DEFAULT_MARGIN))
    footer_line_mm = FOOTER_SIZE_PT * 1.15 * 25.4 / 72
    distance = bottom / 2
    if footer is not None:
        distance = first.height - footer.baseline - 0.25 * footer.size_pt * 25.4 / 72
    distance = max(0.0, min(distance, bottom - footer_line_mm - 0.5))
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if first.width > first.height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(first.width), Mm(first.height)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.header_distance = Mm(min(top, 5.0))
    section.footer_distance = Mm(distance)
    if footer is not None and footer.x < first.width / 2:
        _align_footer(doc, "center" if footer.x > first.width / 4 else "left")
    return Frame(left=left, top=top)


def _align_footer(doc: DocxDocument, where: str) -> None:
    for jc in doc.sections[0].footer.paragraphs[0]._p.iter(qn("w:jc")):
        jc.set(qn("w:val"), where)


def set_properties(doc: DocxDocument, props: Properties) -> None:
    """Title, subject, author, revision and the fixed dates of the core properties."""
    core = doc.core_properties
    core.title = clean_text(props.title)
    core.subject = clean_text(props.subject)
    core.author = clean_text(props.author)
    core.last_modified_by = clean_text(props.author)
    core.keywords = clean_text(props.keywords)
    core.comments = clean_text(props.description or props.title)  # not python-docx's note
    core.category = "Standar Operasional Prosedur"
    core.language = "id-ID"
    core.revision = props.revision
    core.created = props.created
    core.modified = props.modified
    core.last_printed = props.modified


def section_properties(doc: DocxDocument) -> etree._Element:
    """The body's closing ``w:sectPr``; the sheet's blocks go before it."""
    return find_child(doc.element.body, qn("w:sectPr"))

