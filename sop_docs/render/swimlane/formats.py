"""The registered swimlane formats: ``dot``, ``svg-swimlane``, ``png-swimlane``, ``pdf-swimlane``.

Each writes ``<out_dir>/<id>-swimlane.<ext>`` atomically and reports problems as
diagnostics on the job: without Graphviz the drawn formats are skipped with a diagnostic
naming the Debian package, while the ``.dot`` source (pure text) is always written.
"""

from __future__ import annotations

from pathlib import Path

from sop_docs.atomic import write_bytes
from sop_docs.diagnostics import CLI_WRITE_FAILED, SWL_DOT_FAILED, SWL_DOT_MISSING, Location, make
from sop_docs.errors import GraphvizFailed, GraphvizMissing
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.render.registry import RenderJob
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render

FALLBACK_DATE = "20000101"


def target(job: RenderJob, ext: str) -> Path:
    """Where format ``ext`` of the job's SOP is written."""
    return job.out_dir / f"{job.stem}-swimlane.{ext}"


def render_dot(job: RenderJob) -> list[Path]:
    """Format ``dot``: the Graphviz source of the swimlane (no Graphviz needed)."""
    return _write(job, target(job, "dot"), swimlane_dot(job.resolved).encode("utf-8"))


def render_svg(job: RenderJob) -> list[Path]:
    """Format ``svg-swimlane``: the diagram as SVG (see ``graph`` for its ids and classes)."""
    return _drawn(job, "svg")


def render_png(job: RenderJob) -> list[Path]:
    """Format ``png-swimlane``: the diagram as a PNG image (96 dpi)."""
    return _drawn(job, "png")


def render_pdf(job: RenderJob) -> list[Path]:
    """Format ``pdf-swimlane``: the diagram as a one-page PDF sized to the drawing."""
    return _drawn(job, "pdf")


def _drawn(job: RenderJob, fmt: str) -> list[Path]:
    path = target(job, fmt)
    try:
        data = render(swimlane_dot(job.resolved), fmt, pdf_date=document_date(job.resolved))
    except GraphvizMissing:
        if not any(d.code == SWL_DOT_MISSING.code for d in job.diagnostics):  # once per SOP
            job.diagnostics.append(make(SWL_DOT_MISSING, Location(str(job.out_dir)),
                                        id=job.resolved.sop.id))
        return []
    except GraphvizFailed as exc:
        job.diagnostics.append(make(SWL_DOT_FAILED, Location(job.resolved.path), file=path.name,
                                    reason=str(exc), dot=target(job, "dot").name))
        return []
    return _write(job, path, data)


def _write(job: RenderJob, path: Path, data: bytes) -> list[Path]:
    try:
        write_bytes(path, data)
    except OSError as exc:
        job.diagnostics.append(make(CLI_WRITE_FAILED, Location(str(path)), path=path,
                                    reason=exc.strerror or type(exc).__name__))
        return []
    return [path]


def document_date(resolved: ResolvedSOP) -> str:
    """The date stamped into the PDF (yyyymmdd): the SOP's efektif, else pembuatan, date."""
    tanggal = resolved.sop.tanggal
    for value in (tanggal.efektif, tanggal.pembuatan):
        date = value.as_date()
        if date is not None:
            return date.strftime("%Y%m%d")
    return FALLBACK_DATE
