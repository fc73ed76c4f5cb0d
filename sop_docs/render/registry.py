"""The table of output formats `sop-docs render --to` knows, and the job each one receives.

A format is a name mapped to ``module:function``; the module is imported only when the
format is asked for, so a missing optional program (Graphviz, LibreOffice) only affects
the formats that need it.  The layout is computed once per SOP and shared by all formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sop_docs.diagnostics import Diagnostic
from sop_docs.layout.geometry import SheetLayout
from sop_docs.model.corpus import Corpus, ResolvedSOP


@dataclass
class RenderJob:
    """One SOP to render into ``out_dir``; renderers append diagnostics instead of raising."""

    resolved: ResolvedSOP
    out_dir: Path
    corpus: Corpus | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @cached_property
    def layout(self) -> SheetLayout:
        """The official sheet's geometry, computed on first use and shared by every format."""
        from sop_docs.layout.sheet import layout_sheet

        return layout_sheet(self.resolved)

    @property
    def stem(self) -> str:
        """File-name stem of every output of this SOP."""
        return self.resolved.sop.id


Renderer = Callable[[RenderJob], list[Path]]


@dataclass(frozen=True)
class Format:
    """One output format: its name, what it is, and where its renderer lives."""

    name: str
    description: str
    target: str  # "package.module:function"

    def load(self) -> Renderer:
        module_name, _, func = self.target.partition(":")
        renderer: Renderer = getattr(importlib.import_module(module_name), func)
        return renderer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        # Each renderer adds its line here.
        Format("pdf", "official sheet as PDF (<id>.pdf; fonts embedded, text selectable)",
               "sop_docs.render.pdf:render_pdf"),
        Format("svg", "official sheet as SVG, one file per page (<id>-hal-N.svg)",
               "sop_docs.render.svg:render_svg"),
        Format("layout", "the sheet's computed geometry as JSON (<id>.layout.json)",
               "sop_docs.render.layout_json:render_layout"),
        Format("docx", "official sheet as an editable Word document (native tables and shapes)",
               "sop_docs.render.docx:render_docx"),
        Format("dot", "swimlane diagram as Graphviz DOT source (<id>-swimlane.dot)",
               "sop_docs.render.swimlane.formats:render_dot"),
        Format("svg-swimlane", "swimlane diagram drawn by Graphviz as SVG (needs graphviz)",
               "sop_docs.render.swimlane.formats:render_svg"),
        Format("png-swimlane", "swimlane diagram drawn by Graphviz as PNG (needs graphviz)",
               "sop_docs.render.swimlane.formats:render_png"),
        Format("pdf-swimlane", "swimlane diagram drawn by Graphviz as PDF (needs graphviz)",
               "sop_docs.render.swimlane.formats:render_pdf"),
    )
}
