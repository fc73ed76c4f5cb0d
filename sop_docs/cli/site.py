"""`sop-docs site build` and `sop-docs site serve`: the SOP reference site."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sop_docs import diagnostics as dg
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ProjectOption,
    console,
    fail,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.i18n import tr
from sop_docs.lint.summary import counts, ordered
from sop_docs.model.build import load_settings
from sop_docs.site.build import SiteResult, build_project_site

if TYPE_CHECKING:
    from sop_docs.site.serve import Reloader

HOST = "127.0.0.1"

OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help=tr(
        "Folder situs yang dibangun; berkas hasil render, proyek mkdocs yang dibuat dan site.zip "
        "diletakkan di sampingnya.",
        "Folder of the built site; rendered files, the generated mkdocs project and site.zip "
        "go next to it."))
]


def register(app: typer.Typer) -> None:
    """Add the `site` command group to the CLI."""
    group = typer.Typer(help=tr("Bangun atau sajikan situs rujukan SOP (mkdocs-material).",
                                "Build or serve the SOP reference site (mkdocs-material)."),
                        no_args_is_help=True)
    group.command("build", help=tr(
        "Bangun situs: halaman setiap SOP, indeks, kit dan rekap; lalu site.zip.",
        "Build the site: pages for every SOP, indexes, kits and rekap; then site.zip."),
    )(guarded(build))
    group.command("serve", help=tr(
        "Bangun situs, sajikan di http://127.0.0.1:PORT/, bangun ulang saat sumber berubah dan "
        "muat ulang halaman di peramban.",
        "Build the site, serve it on http://127.0.0.1:PORT/, rebuild when a source changes and "
        "reload the pages in the browser."),
    )(guarded(serve))
    app.add_typer(group, name="site")


def _report(result: SiteResult) -> int:
    """Print the problems and a one-line summary; the exit code."""
    found = ordered(result.diagnostics, strict=False)
    show_diagnostics(found, console())
    errors, warnings = counts(found)
    zip_path = f" {tr('dan', 'and')} {result.zip_path}" if result.zip_path else ""
    rendered, reused, changed = len(result.rendered), len(result.reused), result.pages_changed
    incremental = result.incremental
    console().print(tr(
        f"site: {result.site_dir}{zip_path}: {rendered} SOP dibuat, {reused} dipakai ulang, "
        f"{changed} berkas berubah{' (bangun inkremental)' if incremental else ''}; "
        f"{errors} galat, {warnings} peringatan",
        f"site: {result.site_dir}{zip_path}: {rendered} SOPs rendered, {reused} reused, "
        f"{changed} files changed{' (incremental build)' if incremental else ''}; "
        f"{errors} errors, {warnings} warnings"),
        style="bold red" if not result.ok else "bold green")
    return EXIT_OK if result.ok else EXIT_FAILED


def _listen(out: Path, port: int, reloader: Reloader) -> ThreadingHTTPServer:
    """The running server, or a usage error naming the busy port and the --port way out."""
    from sop_docs.site.serve import start_server

    try:
        return start_server(out, host=HOST, port=port, reloader=reloader)[0]
    except OSError as exc:
        raise fail(dg.CLI_PORT_BUSY, EXIT_USAGE, host=HOST, port=port,
                   reason=exc.strerror or exc, other=port + 1 if port else 8001) from None


def build(out: OutputOption = Path("build/site"), project: ProjectOption = Path(".")) -> None:
    """Build the site: pages for every SOP, indexes, kits and rekap; then site.zip."""
    require_project(project)
    raise typer.Exit(_report(build_project_site(project, out)))


def serve(
    out: OutputOption = Path("build/site"),
    port: Annotated[int, typer.Option("--port", help=tr(
        "Port di 127.0.0.1.", "Port on 127.0.0.1."))] = 8000,
    project: ProjectOption = Path("."),
) -> None:
    """Build the site, serve it on http://127.0.0.1:PORT/, rebuild when a source changes
    and reload the open pages."""
    from sop_docs.site.serve import Debounced, Reloader, watch

    require_project(project)
    reloader = Reloader()
    server = _listen(out, port, reloader)  # before building: a busy port fails at once
    lock = threading.Lock()

    def rebuild() -> None:  # the zip is for handing the site around, not for previewing
        with lock:
            console().print(tr("sumber berubah: membangun ulang", "source changed: rebuilding"),
                            style="dim")
            _report(build_project_site(project, out, make_zip=False))
            reloader.bump()

    settings, _ = load_settings(project)
    watched = [project / settings.sumber, project / settings.site]
    # Watch before the first build: an edit saved while it runs is rebuilt right after it.
    observer = watch(watched, Debounced(rebuild).trigger)
    with lock:
        _report(build_project_site(project, out, make_zip=False))
    url, folders = f"http://{HOST}:{server.server_port}/", ", ".join(map(str, watched))
    console().print(tr(f"menyajikan {out} di {url} (memantau {folders}); Ctrl+C untuk berhenti",
                       f"serving {out} on {url} (watching {folders}); Ctrl+C stops"))
    try:
        threading.Event().wait()
    finally:
        observer.stop()
        server.shutdown()
