"""How `--help` reads: flags shown plainly (no ``<bool>``), argument names as written, and
Typer's own words (panel titles, the help option, "Usage") in the user's language.

Typer prints a value type after every option, so a flag such as ``--strict`` looked as if it
took a value (``--strict <bool>``), and it wraps an argument's metavar once more in the usage
line (``[[KIT]...]...``).  ``apply()`` adjusts those few spots of the pinned Typer once, when
the app is built.  Typer's Rich help module (with Rich's Markdown stack, ~0.1 s to import) is
loaded only for help and errors, so its words are set when Typer first imports it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from typer import core
from typer._click import core as click_core
from typer._click import formatting

from sop_docs.i18n import Language, current, tr

_option_type = core.TyperOption.display_type_rich
_argument_usage = core.TyperArgument._usage_display_name
_help_option = click_core.Command.get_help_option
_write_usage = formatting.HelpFormatter.write_usage
_RICH_UTILS = "typer.rich_utils"

# Typer's usage errors, English phrase -> Indonesian (the option and value names stay).
_ERROR_PHRASES = (
    ("No such option: ", "Opsi tidak dikenal: "),
    ("(Possible options: ", "(opsi yang ada: "),
    ("No such command ", "Perintah tidak dikenal: "),
    ("Did you mean ", "Maksudnya "),
    ("Missing argument ", "Argumen wajib belum diisi: "),
    ("Missing option ", "Opsi wajib belum diisi: "),
    ("Missing parameter: ", "Parameter wajib belum diisi: "),
    ("Invalid value for ", "Nilai tidak sah untuk "),
    ("Invalid value: ", "Nilai tidak sah: "),
    ("Value error, ", ""),
    ("Got unexpected extra argument(s) ", "Ada argumen berlebih "),
    (" is not one of ", " bukan salah satu dari "),
    (" is not a valid ", " bukan nilai sah untuk jenis "),
    (" requires an argument.", " memerlukan nilai."),
    (" does not take a value.", " tidak menerima nilai."),
)


def _plain_option_type(self: core.TyperOption, ctx: Any) -> str | None:
    """No type for a flag: it takes no value."""
    return None if self.is_flag else _option_type(self, ctx)


def _argument_type(self: core.TyperArgument, ctx: Any) -> str | None:
    """No type for an argument: its name already says what it takes."""
    return None


def _usage_name(self: core.TyperArgument) -> str:
    """An argument's metavar as written ("[KIT]..."); Typer's own form otherwise."""
    return self.metavar if self.metavar is not None else _argument_usage(self)


def _translated_help_option(self: click_core.Command, ctx: Any) -> Any:
    option = _help_option(self, ctx)
    if option is not None:
        option.help = tr("Tampilkan bantuan ini lalu keluar.", "Show this message and exit.")
    return option


def _usage(self: formatting.HelpFormatter, prog: str, args: str = "",
           prefix: str | None = None) -> None:
    _write_usage(self, prog, args, tr("Penggunaan: ", "Usage: ") if prefix is None else prefix)


def _indonesian(message: str) -> str:
    """Typer's English usage error with its known phrases in Indonesian."""
    for english, indonesian in _ERROR_PHRASES:
        message = message.replace(english, indonesian)
    return message


def _translated_error(self: Any) -> None:
    """Typer's error panel, its message in the user's language."""
    if current() is Language.ID:
        english = self.format_message
        self.format_message = lambda: _indonesian(english())
    _format_error(self)


def _format_error(error: Any) -> None:
    """Typer's own error panel (its original function, kept before translating)."""
    sys.modules[_RICH_UTILS].__dict__["_sop_docs_format_error"](error)


def apply() -> None:
    """Install the plain flags and the translated Typer words (idempotent)."""
    core.TyperOption.display_type_rich = _plain_option_type  # type: ignore[method-assign]
    core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign, assignment]
    core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
    click_core.Command.get_help_option = _translated_help_option  # type: ignore[method-assign]
    formatting.HelpFormatter.write_usage = _usage  # type: ignore[method-assign]
    module = sys.modules.get(_RICH_UTILS)
    if module is not None:
        _translate_rich_utils(module)
    elif not any(isinstance(f, _OnRichUtilsImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _OnRichUtilsImport())


def _translate_rich_utils(rich_utils: Any) -> None:
    """Typer's panel titles and messages in the user's language, and its error panel
    through :func:`_translated_error` (the original kept once)."""
    rich_utils.__dict__.setdefault("_sop_docs_format_error", rich_utils.rich_format_error)
    rich_utils.rich_format_error = _translated_error
    rich_utils.ARGUMENTS_PANEL_TITLE = tr("Argumen", "Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = tr("Opsi", "Options")
    rich_utils.COMMANDS_PANEL_TITLE = tr("Perintah", "Commands")
    rich_utils.ERRORS_PANEL_TITLE = tr("Galat", "Error")
    rich_utils.DEFAULT_STRING = tr("[bawaan: {}]", "[default: {}]")
    rich_utils.REQUIRED_LONG_STRING = tr("[wajib]", "[required]")
    rich_utils.ABORTED_TEXT = tr("Dibatalkan.", "Aborted.")
    rich_utils.RICH_HELP = tr("Coba [blue]'{command_path} {help_option}'[/] untuk bantuan.",
                              "Try [blue]'{command_path} {help_option}'[/] for help.")


class _OnRichUtilsImport(importlib.abc.MetaPathFinder):
    """Translates ``typer.rich_utils`` right after Typer imports it (help and errors only)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != _RICH_UTILS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        loader = spec.loader if spec is not None else None
        if spec is None or not isinstance(loader, importlib.abc.Loader):
            return spec
        run_module = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            _translate_rich_utils(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec
