"""Entry point of `sop-docs`: one Typer app; each command group registers itself from its module."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Annotated

import typer
from typer._click import Command, Context  # typer's own click, which its groups are built on
from typer.core import TyperGroup

from sop_docs.cli import help_format
from sop_docs.i18n import ENV_VAR, Language, set_language, tr
from sop_docs.version import __version__

help_format.apply()


class _LazyGroup(TyperGroup):
    """The top-level command group: it knows every command's name (:data:`COMMANDS`) but
    imports a command's module only when that command runs or help lists it, so
    `sop-docs kit merge` does not pay for the site, SOP rendering and studio stacks."""

    def list_commands(self, ctx: Context) -> list[str]:
        """Every command, in the help's order."""
        return [*COMMANDS, *(name for name in super().list_commands(ctx)
                             if name not in COMMANDS)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """The command ``cmd_name``, its module imported and registered on first use."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(_loaded(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    cls=_LazyGroup,
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


def _project_cmds() -> tuple[ModuleType, ...]:
    from sop_docs.cli import project_cmds
    return (project_cmds,)


def _render() -> tuple[ModuleType, ...]:
    from sop_docs.cli import render
    return (render,)


def _studio() -> tuple[ModuleType, ...]:
    from sop_docs.cli import studio
    return (studio,)


def _publish() -> tuple[ModuleType, ...]:
    from sop_docs.cli import publish
    return (publish,)


def _site() -> tuple[ModuleType, ...]:
    from sop_docs.cli import site
    return (site,)


def _kit() -> tuple[ModuleType, ...]:
    from sop_docs.cli import kit, merge  # merge adds `kit merge` to kit's group
    return (kit, merge)


#: Each top-level command (in the help's order) and the loader of the command modules that
#: register it (each module defines ``register(app)``).  Add a command here to add it; the
#: modules are imported when the command is used, after ``--lang`` is read, so their help
#: texts are in the user's language.
COMMANDS: dict[str, Callable[[], tuple[ModuleType, ...]]] = {
    "check": _project_cmds, "build": _project_cmds, "init": _project_cmds,
    "new": _project_cmds, "schema": _project_cmds, "render": _render, "studio": _studio,
    "publish": _publish, "perubahan": _publish, "site": _site, "kit": _kit,
}
_LOADED: dict[str, Command] = {}


def _loaded(name: str) -> Command:
    """The click command ``name``, from its modules registered on an app of their own
    (once per process: a module's registration is not repeated)."""
    if name not in _LOADED:
        modules = COMMANDS[name]()
        own = typer.Typer()
        for module in modules:
            module.register(own)
        group = typer.main.get_group(own)
        for loaded, command in group.commands.items():
            _LOADED.setdefault(loaded, command)
    return _LOADED[name]


def command_modules() -> tuple[ModuleType, ...]:
    """Every command module (imported here): for checks that walk all commands."""
    return tuple(dict.fromkeys(m for load in COMMANDS.values() for m in load()))


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
