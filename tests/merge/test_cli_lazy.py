"""`sop-docs` imports a command's module only when that command is used, and its help
still lists every command."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from sop_docs.cli.main import COMMANDS, app, command_modules

_PROBE = """
import sys
from typer.testing import CliRunner
from sop_docs.cli.main import app
result = CliRunner().invoke(app, [*sys.argv[1:], "--help"])
assert result.exit_code == 0, result.output
print(" ".join(sorted(m for m in sys.modules if m.startswith("sop_docs.cli."))))
"""


def _cli_modules(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, check=True)
    return set(done.stdout.split())


def test_kit_merge_imports_only_the_kit_commands() -> None:
    assert _cli_modules("kit", "merge") == {
        "sop_docs.cli.common", "sop_docs.cli.help_format", "sop_docs.cli.kit",
        "sop_docs.cli.main", "sop_docs.cli.merge"}


def test_the_help_lists_and_loads_every_command() -> None:
    loaded = _cli_modules()
    assert {m.__name__ for m in command_modules()} <= loaded
    result = CliRunner().invoke(app, ["--lang", "en", "--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.output, name


def test_every_command_runs_its_own_help() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
    assert CliRunner().invoke(app, ["--version"]).exit_code == 0
    assert CliRunner().invoke(app, ["no-such-command"]).exit_code == 2


def test_rich_help_is_loaded_only_for_help_and_errors() -> None:
    probe = ("import sys\nfrom sop_docs.cli.main import app\n"
             "print('typer.rich_utils' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
    # ... and once Typer loads it, its words are the user's language
    result = CliRunner().invoke(app, ["--lang", "id", "check", "--no-such-flag"])
    assert result.exit_code == 2
    assert "Opsi tidak dikenal" in result.output
