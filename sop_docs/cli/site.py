"""`sop-docs site build` and `sop-docs site serve`: the SOP reference site."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer

from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    ProjectOption,
    console,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.lint.summary import counts, ordered
from sop_docs.model.build import load_settings
from sop_docs.site.build import SiteResult, build_project_site

OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="Folder of the built site; rendered files, the "
                       "generated mkdocs project and site.zip go next to it.")
]


def register(app: typer.Typer) -> None:
    """Add the `site` command group to the CLI."""
    group = typer.Typer(help="Build or serve the SOP reference site (mkdocs-material).",
                        no_args_is_help=True)
    group.command("build")(guarded(build))
    group.command("serve")(guarded(serve))
    app.add_typer(group, name="site")


def _report(result: SiteResult) -> int:
    """Print the problems and a one-line summary; the exit code."""
    found = ordered(result.diagnostics, strict=False)
    show_diagnostics(found, console())
    errors, warnings = counts(found)
    where = f"{result.site_dir}" + (f" and {result.zip_path}" if result.zip_path else "")
    console().print(
        f"site: {where}: {len(result.rendered)} SOPs rendered, {len(result.reused)} reused, "
        f"{result.pages_changed} files changed"
        f"{' (incremental build)' if result.incremental else ''}; "
        f"{errors} errors, {warnings} warnings",
        style="bold red" if not result.ok else "bold green")
    return EXIT_OK if result.ok else EXIT_FAILED


def build(out: OutputOption = Path("build/site"), project: ProjectOption = Path(".")) -> None:
    """Build the site: pages for every SOP, indexes, kits and rekap; then site.zip."""
    require_project(project)
    raise typer.Exit(_report(build_project_site(project, out)))


def serve(
    out: OutputOption = Path("build/site"),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8000,
    project: ProjectOption = Path("."),
) -> None:
    """Build the site, serve it on http://127.0.0.1:PORT/ and rebuild when a source changes."""
    from sop_docs.site.serve import Debounced, start_server, watch

    require_project(project)
    _report(build_project_site(project, out, make_zip=False))
    lock = threading.Lock()

    def rebuild() -> None:  # the zip is for handing the site around, not for previewing
        with lock:
            console().print("source changed: rebuilding", style="dim")
            _report(build_project_site(project, out, make_zip=False))

    settings, _ = load_settings(project)
    watched = [project / settings.sumber, project / settings.site]
    observer = watch(watched, Debounced(rebuild).trigger)
    server, _thread = start_server(out, port=port)
    console().print(f"serving {out} on http://127.0.0.1:{server.server_port}/ "
                    f"(watching {', '.join(map(str, watched))}); Ctrl+C stops")
    try:
        threading.Event().wait()
    finally:
        observer.stop()
        server.shutdown()
