"""The table of output formats `sop-docs render --to` knows, and the job each one receives.

A format is a name mapped to a loader of its renderer; the renderer's module is imported
only when the format is asked for, so a missing optional program (Graphviz, LibreOffice)
only affects the formats that need it.  The layout is computed once per SOP and shared by
all formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType

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
    """One output format: its name, what it is, and how to get its renderer."""

    name: str
    description: str
    loader: Callable[[], Renderer]  # imports the renderer's module when first asked

    def load(self) -> Renderer:
        return self.loader()


def _pdf() -> ModuleType:
    from sop_docs.render import pdf
    return pdf


def _svg() -> ModuleType:
    from sop_docs.render import svg
    return svg


def _layout_json() -> ModuleType:
    from sop_docs.render import layout_json
    return layout_json


def _docx() -> ModuleType:
    from sop_docs.render import docx
    return docx


def _swimlane() -> ModuleType:
    from sop_docs.render.swimlane import formats
    return formats


def _in(module: Callable[[], ModuleType], function: str) -> Callable[[], Renderer]:
    """The loader of renderer ``function`` of the module that ``module`` imports."""
    def load() -> Renderer:
        renderer: Renderer = getattr(module(), function)
        return renderer
    return load


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        # Each renderer adds its line here.
        Format("pdf", "official sheet as PDF (<id>.pdf; fonts embedded, text selectable)",
               _in(_pdf, "render_pdf")),
        Format("svg", "official sheet as SVG, one file per page (<id>-hal-N.svg)",
               _in(_svg, "render_svg")),
        Format("layout", "the sheet's computed geometry as JSON (<id>.layout.json)",
               _in(_layout_json, "render_layout")),
        Format("docx", "official sheet as an editable Word document (native tables and shapes)",
               _in(_docx, "render_docx")),
        Format("dot", "swimlane diagram as Graphviz DOT source (<id>-swimlane.dot)",
               _in(_swimlane, "render_dot")),
        Format("svg-swimlane", "swimlane diagram drawn by Graphviz as SVG (needs graphviz)",
               _in(_swimlane, "render_svg")),
        Format("png-swimlane", "swimlane diagram drawn by Graphviz as PNG (needs graphviz)",
               _in(_swimlane, "render_png")),
        Format("pdf-swimlane", "swimlane diagram drawn by Graphviz as PDF (needs graphviz)",
               _in(_swimlane, "render_pdf")),
    )
}
