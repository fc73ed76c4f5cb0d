"""Entry point of `sop-docs`: one Typer app; each command group registers itself from its module."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Annotated

import typer

from sop_docs.cli import help_format
from sop_docs.i18n import ENV_VAR, Language, set_language, tr
from sop_docs.version import __version__

help_format.apply()

app = typer.Typer(
    name="sop-docs",
    help=tr("Menerbitkan dokumen SOP AP dan menjalankan kit pengumpulan data SAKIP.",
            "Publish SOP AP documents and run SAKIP data-collection kits."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sop-docs {__version__}")
        raise typer.Exit()


def _set_language(value: Language | None) -> None:
    if value is not None:
        set_language(value)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help=tr("Tampilkan versi sop-docs lalu keluar.", "Show the sop-docs version and exit."),
    )] = False,
    lang: Annotated[Language | None, typer.Option(
        "--lang", callback=_set_language, is_eager=True, show_default=False,
        help=tr(f"Bahasa pesan: id (Indonesia, bawaan) atau en (Inggris); juga {ENV_VAR}.",
                f"Language of the messages: id (Indonesian, default) or en (English); "
                f"also {ENV_VAR}."),
    )] = None,
) -> None:
    """Publish SOP AP documents and run SAKIP data-collection kits."""


def command_modules() -> tuple[ModuleType, ...]:
    """The command modules, each defining `register(app)`; add a module here to add its
    commands.  Imported once the app exists, so their help texts are in the user's language."""
    from sop_docs.cli import kit, merge, project_cmds, publish, render, site, studio

    return (project_cmds, render, site, kit, merge, studio, publish)


def _register() -> None:
    for module in command_modules():
        module.register(app)


_register()


def language_first(argv: list[str]) -> list[str]:
    """``argv`` with ``--lang X`` moved before the command, so it may be written anywhere
    (``sop-docs check --lang en``)."""
    rest = list(argv)
    for index, arg in enumerate(rest):
        if arg == "--lang" and index + 1 < len(rest):
            return [*rest[index:index + 2], *rest[:index], *rest[index + 2:]]
        if arg.startswith("--lang="):
            return [arg, *rest[:index], *rest[index + 1:]]
        if arg == "--":
            break
    return rest


def run() -> None:
    """Console-script entry point."""
    app(args=language_first(sys.argv[1:]))
