"""`sop-docs render`: the official sheet (and any other registered format) of every source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sop_docs import diagnostics as dg
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ProjectOption,
    SourcePaths,
    console,
    fail,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.cli.project_cmds import source_inputs
from sop_docs.i18n import tr
from sop_docs.lint.runner import lint_corpus
from sop_docs.lint.stage import without_errors
from sop_docs.lint.summary import counts, ordered
from sop_docs.model.build import load_files, load_settings
from sop_docs.render.registry import FORMATS
from sop_docs.render.run import render_corpus

DEFAULT_FORMATS = "pdf,svg,layout"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("render", help=tr(
        "Buat keluaran sumber SOP ke <keluaran>/sop/<id>/: PDF, halaman SVG, JSON tata letak, ...",
        "Render SOP sources into <output>/sop/<id>/: PDF, SVG pages, layout JSON, ..."),
    )(guarded(render))


def render(
    paths: SourcePaths = None,
    to: Annotated[str, typer.Option("--to", help=tr(
        f"Format, dipisah koma: {', '.join(FORMATS)}.",
        f"Comma-separated formats: {', '.join(FORMATS)}."))] = DEFAULT_FORMATS,
    out: Annotated[Path, typer.Option("--output", "-o", help=tr(
        "Folder keluaran.", "Output folder."))] = Path("build"),
    force: Annotated[bool, typer.Option("--force", help=tr(
        "Buat ulang walaupun keluaran sudah mutakhir.",
        "Render again even when the outputs are up to date."))] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Render SOP sources into <output>/sop/<id>/: PDF, SVG pages, layout JSON, ..."""
    require_project(project)
    formats = [name.strip() for name in to.split(",") if name.strip()]
    for name in formats:
        if name not in FORMATS:
            raise fail(dg.SHT_UNKNOWN_FORMAT, EXIT_USAGE, name=name, known=", ".join(FORMATS))
    settings, problems = load_settings(project)
    sop_files, profile_files = source_inputs(paths or [project / settings.sumber], project,
                                       settings.sumber)
    if not sop_files:
        raise fail(dg.CLI_NO_SOURCES, EXIT_FAILED, path=", ".join(map(str, paths or [project])))
    corpus, more = load_files(sop_files, profile_files, settings)
    found = problems + more + lint_corpus(corpus)
    results = render_corpus(without_errors(corpus, found), formats, out, force=force)
    found = ordered(found + results.diagnostics, strict=False)
    show_diagnostics(found, console())
    errors, warnings = counts(found)
    console().print(tr(
        f"render: {len(results.rendered)} SOP dibuat, {len(results.reused)} sudah mutakhir, "
        f"{len(results.paths)} berkas di {out / 'sop'}: {errors} galat, {warnings} peringatan",
        f"render: {len(results.rendered)} SOP rendered, {len(results.reused)} up to date, "
        f"{len(results.paths)} files in {out / 'sop'}: {errors} errors, {warnings} warnings"),
        style="bold red" if errors else "bold green")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)
