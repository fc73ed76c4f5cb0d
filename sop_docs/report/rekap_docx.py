"""The rekap .docx: the content of :mod:`sop_docs.report.rekap_data` rendered by docxtpl into
the shipped template or an office's own (see that module for the context keys), on the
project's paper in landscape.
"""

from __future__ import annotations

import io

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from sop_docs.model.settings import Kertas
from sop_docs.report.options import RekapOptions
from sop_docs.report.output import normalise_zip
from sop_docs.report.rekap_data import Rekap, chart_png, context
from sop_docs.report.template import template_bytes

_LOGO_HEIGHT = Mm(20)


def _paper(document: DocxTemplate, kertas: Kertas) -> None:
    """Every section on ``kertas`` in landscape (the rekap's wide tables need it)."""
    short, long = kertas.mm
    for section in document.docx.sections:
        section.page_width, section.page_height = Mm(long), Mm(short)


def render_docx(rekap: Rekap, options: RekapOptions | None = None) -> bytes:
    """The rekap .docx from the options' template (default: the shipped one)."""
    options = options or RekapOptions()
    document = DocxTemplate(io.BytesIO(template_bytes(options.template)))
    values = context(rekap)
    values["grafik"] = InlineImage(document, io.BytesIO(chart_png(rekap)), width=Mm(250))
    logo = options.logo(rekap.profil)
    values["logo"] = InlineImage(document, str(logo), height=_LOGO_HEIGHT) if logo else ""
    document.render(values, autoescape=True)
    _paper(document, options.kertas)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
