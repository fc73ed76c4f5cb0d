"""The rekap .docx: the content of :mod:`sop_docs.report.rekap_data` rendered by docxtpl into
the shipped template or an office's own (see that module for the context keys), on the
project's paper in landscape.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.parsers import expat

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from sop_docs.model.settings import Kertas
from sop_docs.report.options import RekapOptions
from sop_docs.report.output import normalise_zip
from sop_docs.report.rekap_data import Rekap, chart_png, context
from sop_docs.report.template import template_bytes

_LOGO_HEIGHT = Mm(20)
#: A text run holding a character docxtpl turns into Word markup (tab, line break, new
#: paragraph, page break); values of a rekap seldom have any.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A namespace declaration in a start tag: prefix (empty for the default one) and URI.
_DECLARATION = re.compile(rb' xmlns(?::([\w.-]+))?="([^"]*)"')
#: docxtpl tags that change how many cells a table row has (column loops, horizontal
#: merges, spans): a template using them needs docxtpl's repair of the table grids.
_RESHAPING = re.compile(r"\{[%{]-?\s*(?:tc|hm|colspan)\b")
#: The id of a drawing (``wp:docPr``), which docxtpl renumbers after rendering.
_DRAWING_ID = re.compile(r'(<wp:docPr\b[^>]*?\sid=")[^"]*(")')


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, without the pass over every paragraph when nothing in the
    rendered XML needs it: that regular-expression pass was a third of a 1,000-unit rekap's
    DOCX time, and its result is the XML unchanged when no text run holds one of the
    characters it rewrites.  The rendered body is kept aside rather than moved into the
    document (lxml re-homes every node of it, a third of the DOCX time again) and written
    into the saved package by :func:`_with_body`; when its tables need no repair it is
    kept as the rendered text, never parsed into a tree (55 MB for 1,000 units)."""

    body: Any = None  # the rendered body: its XML text, or the tree docxtpl repaired

    def fix_tables(self, xml: str) -> Any:
        """The rendered body as text, its drawings numbered as docxtpl numbers them, when
        rendering cannot have changed a table's shape and the text is well-formed;
        otherwise :meth:`repaired`."""
        if self._tables_keep_their_shape() and _well_formed(xml):
            return _DRAWING_ID.sub(self._next_drawing_id, xml)
        return self.repaired(xml)

    def repaired(self, xml: str) -> Any:
        """The body parsed as docxtpl parses it, and table grids whose column count no
        longer fits the rows repaired by docxtpl (only then: its walk over every cell was
        a fifth of the DOCX time)."""
        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
        if any(_grid_unfit(table) for table in tree.iter(f"{_W}tbl")):
            return super().fix_tables(xml)
        return tree

    def _tables_keep_their_shape(self) -> bool:
        """True when every table of the template fits its grid and the template uses no
        docxtpl tag that changes how many cells a row has: rendered rows are then copies
        of the template's, and no grid needs repair."""
        body = self.docx.element.body
        return (_RESHAPING.search("".join(body.itertext())) is None
                and not any(_grid_unfit(table) for table in body.iter(f"{_W}tbl")))

    def _next_drawing_id(self, found: re.Match[str]) -> str:
        self.docx_ids_index += 1
        return f"{found.group(1)}{self.docx_ids_index}{found.group(2)}"

    def fix_docpr_ids(self, tree: Any) -> None:
        """docxtpl's renumbering of drawings, for a parsed body (a text body was numbered
        by :meth:`fix_tables`: text cannot be changed in place)."""
        if not isinstance(tree, str):
            super().fix_docpr_ids(tree)

    def map_tree(self, tree: Any) -> None:
        """Keep the rendered body for :func:`_with_body`."""
        self.body = tree

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's rewrite of tabs, line and page breaks in text runs, when there are any."""
        if _LISTING.search(xml) is None:
            return xml
        return str(super().resolve_listing(xml))


class _Fields(dict[str, Any]):
    """A context mapping whose keys are also its attributes: Jinja reads ``{{ r.no }}`` by
    trying the attribute first, and the exception each miss on a plain dict raised was a
    sixth of a 1,000-unit rekap's DOCX time.  ``r["no"]`` works as before."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.__dict__ = self


def _spans(table: Any) -> dict[Any, int] | None:
    """The columns each row of ``table`` spans beyond one per cell (``w:gridSpan``), or
    None when a span is not where or what docxtpl expects."""
    extra: dict[Any, int] = {}
    for span in table.iter(f"{_W}gridSpan"):
        properties = span.getparent()
        cell = properties.getparent()
        if (properties.tag != f"{_W}tcPr" or cell is None or cell.tag != f"{_W}tc"
                or cell.find(f"{_W}tcPr") is not properties
                or properties.find(f"{_W}gridSpan") is not span):
            return None
        try:
            more = int(span.get(f"{_W}val")) - 1
        except (TypeError, ValueError):
            return None
        extra[cell.getparent()] = extra.get(cell.getparent(), 0) + more
    return extra


def _grid_unfit(table: Any) -> bool:
    """Whether docxtpl's ``fix_tables`` would change ``table``: a row with more cells than
    grid columns, or no row as wide as the grid (or a grid it cannot read)."""
    grid = table.find(f"{_W}tblGrid")
    extra = _spans(table)
    if grid is None or extra is None:
        return True
    columns = len(grid.findall(f"{_W}gridCol"))
    widest = 0
    for row in table.iter(f"{_W}tr"):
        cells = len(row.findall(f"{_W}tc"))
        if cells > columns:
            return True
        widest = max(widest, cells + extra.get(row, 0))
    return widest < columns


def _refuse_doctype(*_args: object) -> None:
    raise ValueError("a rendered body declares a DOCTYPE")


def _well_formed(xml: str) -> bool:
    """True when ``xml`` is well-formed XML without a DOCTYPE (checked by expat, which
    builds nothing: the rendered body of a 1,000-unit rekap is some 6 MB)."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(xml, True)
    except (expat.ExpatError, ValueError):
        return False
    return True


def _fields(value: Any) -> Any:
    """``value`` with every mapping in it (lists included) as :class:`_Fields`."""
    if isinstance(value, dict):
        return _Fields({key: _fields(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_fields(item) for item in value]
    return value


def _paper(document: DocxTemplate, kertas: Kertas) -> None:
    """Every section on ``kertas`` in landscape (the rekap's wide tables need it)."""
    short, long = kertas.mm
    for section in document.get_docx().sections:
        section.page_width, section.page_height = Mm(long), Mm(short)


def _with_body(document: DocxTemplate, name: str, data: bytes) -> bytes:
    """Entry ``name`` of the saved package, its body the one rendered by a
    :class:`_Template` (any other entry, or a plain docxtpl's, as it is)."""
    body = getattr(document, "body", None)
    if body is None or name != document.docx.part.partname.lstrip("/"):
        return data
    start, end = data.index(b"<w:body"), data.rindex(b"</w:body>") + len(b"</w:body>")
    rendered: bytes = body.encode() if isinstance(body, str) else etree.tostring(
        body, encoding="UTF-8", xml_declaration=False)
    tag_end = rendered.index(b">")
    return data[:start] + _own_declarations(rendered[:tag_end], document.docx.element.nsmap) \
        + rendered[tag_end:] + data[end:]


def _own_declarations(tag: bytes, inherited: dict[str | None, str]) -> bytes:
    """A start ``tag`` without the namespace declarations its parent already makes, as
    lxml leaves them when it moves an element under that parent."""
    def kept(match: re.Match[bytes]) -> bytes:
        prefix = match.group(1).decode() if match.group(1) else None
        return b"" if inherited.get(prefix) == match.group(2).decode() else match.group(0)

    return _DECLARATION.sub(kept, tag)


def render_docx(rekap: Rekap, options: RekapOptions | None = None) -> bytes:
    """The rekap .docx from the options' template (default: the shipped one)."""
    options = options or RekapOptions()
    document = _Template(io.BytesIO(template_bytes(options.template)))
    _paper(document, options.kertas)  # before rendering: the rendered body carries it
    values = _fields(context(rekap))
    values["grafik"] = InlineImage(document, io.BytesIO(chart_png(rekap)), width=Mm(250))
    logo = options.logo(rekap.profil)
    values["logo"] = InlineImage(document, str(logo), height=_LOGO_HEIGHT) if logo else ""
    document.render(values, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(),
                         lambda name, data: _with_body(document, name, data))
