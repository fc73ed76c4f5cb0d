"""sop-docs: publish SOP AP documents (PermenPANRB 35/2012) and run SAKIP data-collection kits.

The library API, one name per step of the pipeline (see ARCHITECTURE.md)::

    corpus, problems = sop_docs.load_corpus(project)      # load: sources -> models
    problems += sop_docs.lint_corpus(corpus)               # check (check_project does both)
    layout = sop_docs.layout_sheet(corpus.sops[0])         # layout: one SOP's sheet geometry
    sop_docs.render_corpus(corpus, ["pdf", "docx"], out)   # render
    kit_set = sop_docs.load_kit_set(project)               # kits: definitions ...
    sop_docs.make_kits(kit_set, kit_set.definitions, cycle, out)   # ... and their workbooks
    sop_docs.run_merge(kit_set, cycle, inbox, out)         # merge returned kits, write rekap
    sop_docs.run_build(project, out)                       # everything, as `sop-docs build`

Problems are returned as :class:`Diagnostic` values, never raised; the exceptions sop-docs
raises on purpose derive from :class:`SopDocsError`.  Names are imported on first use, so
importing the package (and starting the CLI) stays quick.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from sop_docs.version import __version__

if TYPE_CHECKING:
    from sop_docs.build import run_build
    from sop_docs.diagnostics import Diagnostic
    from sop_docs.errors import SopDocsError
    from sop_docs.kits.generate.make import make_kits
    from sop_docs.kits.load import load_kit_set
    from sop_docs.kits.model import Cycle
    from sop_docs.layout.sheet import layout_sheet
    from sop_docs.lint.runner import lint_corpus
    from sop_docs.lint.stage import check_project
    from sop_docs.merge.run import merge_folder
    from sop_docs.model.build import load_corpus
    from sop_docs.model.corpus import Corpus
    from sop_docs.pipeline import BuildContext
    from sop_docs.render.run import render_corpus
    from sop_docs.report.service import run_merge

__all__ = [
    "BuildContext",
    "Corpus",
    "Cycle",
    "Diagnostic",
    "SopDocsError",
    "__version__",
    "check_project",
    "layout_sheet",
    "lint_corpus",
    "load_corpus",
    "load_kit_set",
    "make_kits",
    "merge_folder",
    "render_corpus",
    "run_build",
    "run_merge",
]


def _home(name: str) -> ModuleType | None:
    """The module defining the API name ``name``, imported now (None: not an API name)."""
    return _project_home(name) or _kit_home(name)


def _project_home(name: str) -> ModuleType | None:
    """The home of an API name of the SOP pipeline (load, check, layout, render, build)."""
    if name == "load_corpus":
        from sop_docs.model import build
        return build
    if name == "Corpus":
        from sop_docs.model import corpus
        return corpus
    if name == "lint_corpus":
        from sop_docs.lint import runner
        return runner
    if name == "check_project":
        from sop_docs.lint import stage
        return stage
    if name == "layout_sheet":
        from sop_docs.layout import sheet
        return sheet
    if name == "render_corpus":
        from sop_docs.render import run
        return run
    if name == "run_build":
        from sop_docs import build as runner_module
        return runner_module
    if name == "BuildContext":
        from sop_docs import pipeline
        return pipeline
    if name == "Diagnostic":
        from sop_docs import diagnostics
        return diagnostics
    if name == "SopDocsError":
        from sop_docs import errors
        return errors
    return None


def _kit_home(name: str) -> ModuleType | None:
    """The home of an API name of the kits pipeline (kits, merge)."""
    if name == "load_kit_set":
        from sop_docs.kits import load
        return load
    if name == "make_kits":
        from sop_docs.kits.generate import make
        return make
    if name == "Cycle":
        from sop_docs.kits import model
        return model
    if name == "merge_folder":
        from sop_docs.merge import run
        return run
    if name == "run_merge":
        from sop_docs.report import service
        return service
    return None


def __getattr__(name: str) -> Any:
    """Import an API name on first use (PEP 562) and keep it for the next."""
    home = _home(name)
    if home is None:
        raise AttributeError(f"module 'sop_docs' has no attribute {name!r}")
    value = getattr(home, name)
    globals()[name] = value
    return value
