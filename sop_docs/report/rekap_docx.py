"""The rekap .docx: the content of :mod:`sop_docs.report.rekap_data` rendered by docxtpl into
the shipped template or an office's own (see that module for the context keys), on the
project's paper in landscape.
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from sop_docs.model.settings import Kertas
from sop_docs.report.options import RekapOptions
from sop_docs.report.output import normalise_zip
from sop_docs.report.rekap_data import Rekap, chart_png, context
from sop_docs.report.template import template_bytes

_LOGO_HEIGHT = Mm(20)
#: A text run holding a character docxtpl turns into Word markup (tab, line break, new
#: paragraph, page break); values of a rekap seldom have any.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, without the pass over every paragraph when nothing in the
    rendered XML needs it: that regular-expression pass was a third of a 1,000-unit rekap's
    DOCX time, and its result is the XML unchanged when no text run holds one of the
    characters it rewrites."""

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
    for section in document.docx.sections:
        section.page_width, section.page_height = Mm(long), Mm(short)


def render_docx(rekap: Rekap, options: RekapOptions | None = None) -> bytes:
    """The rekap .docx from the options' template (default: the shipped one)."""
    options = options or RekapOptions()
    document = _Template(io.BytesIO(template_bytes(options.template)))
    values = _fields(context(rekap))
    values["grafik"] = InlineImage(document, io.BytesIO(chart_png(rekap)), width=Mm(250))
    logo = options.logo(rekap.profil)
    values["logo"] = InlineImage(document, str(logo), height=_LOGO_HEIGHT) if logo else ""
    document.render(values, autoescape=True)
    _paper(document, options.kertas)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
