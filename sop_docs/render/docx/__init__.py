"""The official SOP sheet as an editable Word document with native tables and shapes.

Modules: ``ooxml`` (XML helpers, units, ids), ``text`` (runs and paragraphs), ``tables``
(layout tables as Word tables), ``shapes`` (DrawingML builders), ``document`` (template,
page setup, footer, properties), ``package`` (deterministic zip), ``render`` (assembly and
the registered renderer).
"""

from sop_docs.render.docx.render import build_docx, properties_of, render_docx, step_texts

__all__ = ["build_docx", "properties_of", "render_docx", "step_texts"]
