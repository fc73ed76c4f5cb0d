"""What every command shares: the --project option, exit codes, Rich output of diagnostics,
and the guard that turns an unexpected exception into one line instead of a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import click
import typer
from rich.console import Console
from rich.text import Text

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location, Severity, hint_label
from sop_docs.i18n import tr

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in sop-docs, never a bad input

ProjectOption = Annotated[
    Path,
    typer.Option(
        "--project",
        help=tr("Folder proyek (berisi sop-docs.yaml dan sumber); bawaan: folder saat ini.",
                "Project folder (holds sop-docs.yaml and the sources); default: current folder."),
        show_default=False,
    ),
]


SourcePaths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar=tr("[SUMBER]...", "[SOURCE]..."), show_default=False,
        help=tr("Berkas atau folder sumber; bawaan: folder sumber proyek.",
                "Source files or folders; default: the project's sources folder."),
    ),
]


OUTPUT_HELP = (
    "Folder keluaran.", "Output folder."
)


class OutputFormat(StrEnum):
    """How `check` prints its findings."""

    TEXT = "text"
    JSON = "json"


def console(stderr: bool = False) -> Console:
    """A Rich console that never wraps lines, so 'path:line:col' stays on one line."""
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def show_diagnostics(items: Iterable[Diagnostic], out: Console | None = None) -> None:
    """Print diagnostics as ``path:line:col: galat CODE pesan`` + an indented hint."""
    out = out or console()
    for item in items:
        style = "bold red" if item.severity is Severity.ERROR else "bold yellow"
        line = Text(f"{item.location}: ")
        line.append(f"{item.severity.label} {item.code}", style=style)
        line.append(f" {item.message}")
        out.print(line)
        if item.hint:
            out.print(Text(f"    {hint_label()}: {item.hint}", style="dim"))


def fail(code: dg.Code, exit_code: int, location: Location | None = None,
         **fields: object) -> typer.Exit:
    """Print one diagnostic to stderr and return the Exit to raise."""
    show_diagnostics([dg.make(code, location or Location("sop-docs"), **fields)], console(True))
    return typer.Exit(exit_code)


def require_project(project: Path) -> Path:
    """The project folder, or a usage error when it does not exist."""
    if not project.is_dir():
        raise fail(dg.CLI_NO_PROJECT, EXIT_USAGE, path=project)
    return project


P = ParamSpec("P")
R = TypeVar("R")


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command so that a bug shows as one 'internal error' line and exit code 70.

    Bad input never gets here: every stage reports it as a diagnostic.  The tests assert
    that no bad-input case ends with this exit code.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:  # the one place that may catch everything
            raise fail(dg.CLI_INTERNAL, EXIT_INTERNAL,
                       detail=f"{type(exc).__name__}: {exc}") from None

    return run
