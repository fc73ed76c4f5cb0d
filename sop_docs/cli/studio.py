"""`sop-docs studio`: write and revise SOPs and office profiles in a browser form, with the
official sheet and the check findings updated as one types."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from sop_docs import diagnostics as dg
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    ProjectOption,
    console,
    fail,
    guarded,
    require_project,
)
from sop_docs.i18n import tr


def register(app: typer.Typer) -> None:
    """Add the `studio` command to the CLI."""
    app.command("studio", help=tr(
        "Buka studio SOP di peramban: formulir untuk SOP dan profil kantor, lembar resmi dan "
        "hasil pemeriksaan diperbarui saat mengetik (hanya di 127.0.0.1).",
        "Open the SOP studio in the browser: forms for SOPs and office profiles, the official "
        "sheet and the check findings updated as you type (127.0.0.1 only)."),
    )(guarded(studio))


def studio(
    port: Annotated[int, typer.Option("--port", help=tr(
        "Port di 127.0.0.1 (0: port bebas mana saja).",
        "Port on 127.0.0.1 (0: any free port)."))] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help=tr(
        "Jangan buka peramban; alamatnya tetap dicetak.",
        "Do not open the browser; the address is printed."))] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Serve the studio of the project until Ctrl+C."""
    from sop_docs.studio.server import HOST, StudioServer
    from sop_docs.studio.workspace import Workspace

    require_project(project)
    workspace = Workspace(project)
    if not workspace.sources.is_dir():
        raise fail(dg.CLI_NO_PROJECT, EXIT_USAGE, path=project.resolve())
    try:
        server = StudioServer(workspace, port)
    except OSError as exc:
        raise fail(dg.CLI_PORT_BUSY, EXIT_FAILED, host=HOST, port=port,
                   reason=exc.strerror or exc, other=port + 1 if port else 0) from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    console().print(tr(f"studio SOP di {server.url} ; Ctrl+C untuk berhenti",
                       f"SOP studio at {server.url} ; Ctrl+C stops"), markup=False)
    if not no_browser:
        webbrowser.open(server.url)
    try:
        threading.Event().wait()
    finally:
        server.shutdown()
        server.server_close()
