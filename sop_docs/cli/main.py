"""Entry point of `sop-docs`: one Typer app; each command group registers itself from its module."""

from __future__ import annotations

import importlib

import typer

from sop_docs import __version__
from sop_docs.i18n import tr

app = typer.Typer(
    name="sop-docs",
    help="Publish SOP AP documents and run SAKIP data-collection kits.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines `register(app)`; add a module here to add its commands.
COMMAND_MODULES: tuple[str, ...] = (
    "sop_docs.cli.project_cmds",
    "sop_docs.cli.render",
    "sop_docs.cli.site",
    "sop_docs.cli.kit",
    "sop_docs.cli.merge",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sop-docs {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True,
        help=tr("Tampilkan versi sop-docs lalu keluar.", "Show the sop-docs version and exit."),
    ),
) -> None:
    """Publish SOP AP documents and run SAKIP data-collection kits."""


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register()


def run() -> None:
    """Console-script entry point."""
    app()
