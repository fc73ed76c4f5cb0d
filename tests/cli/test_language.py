"""Indonesian by default, English on request: the catalogue, every help text, the output."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sop_docs import diagnostics as dg
from sop_docs import i18n
from sop_docs.cli.main import app, language_first
from sop_docs.diagnostics import CATALOGUE, Location, Severity

REPO = Path(__file__).resolve().parents[2]

# Prints every help text of the CLI as JSON: {"command path / parameter": help}.  Help texts
# are fixed when the CLI is imported, so each language is read in a fresh interpreter.
DUMP_HELP = """
import json
import typer.main
from sop_docs.cli.main import app

def walk(command, path, found):
    found[path] = command.help or ""
    for param in command.params:
        found[f"{path} {param.opts[0] if param.opts else param.name}"] = param.help or ""
    if hasattr(command, "list_commands"):  # through click's API: commands load lazily
        context = typer.Context(command)
        for name in sorted(command.list_commands(context)):
            walk(command.get_command(context, name), f"{path} {name}", found)
    return found

print(json.dumps(walk(typer.main.get_command(app), "sop-docs", {})))
"""


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_speaks_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = CATALOGUE[code]
    assert entry.id_message and entry.id_hint is not None, f"{code} has no Indonesian form"
    only_a_field = entry.message.strip("{}").isidentifier()
    assert entry.id_message != entry.message or only_a_field, f"{code} is not translated"
    assert _placeholders(entry.id_message) == _placeholders(entry.message), code
    assert _placeholders(entry.id_hint) == _placeholders(entry.hint), code


def _help_texts(language: str) -> dict[str, str]:
    env = {**os.environ, i18n.ENV_VAR: language}
    done = subprocess.run([sys.executable, "-c", DUMP_HELP], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_every_command_and_option_has_help_in_both_languages() -> None:
    indonesian, english = _help_texts("id"), _help_texts("en")
    assert set(indonesian) == set(english)
    assert len(indonesian) > 30  # every command, every option and argument
    for where, text in indonesian.items():
        assert text.strip() and english[where].strip(), f"{where}: no help"
        assert text != english[where], f"{where}: the same text in both languages"


def _check(project: Path, *options: str, output: str = "text") -> str:
    result = CliRunner().invoke(app, [*options, "check", "--project", str(project),
                                      "--format", output])
    assert result.exit_code == 0, result.output
    return result.output


def test_indonesian_by_default_english_on_request(seed_project: Path) -> None:
    assert i18n.DEFAULT is i18n.Language.ID  # the installed-program test runs without --lang
    indonesian = _check(seed_project, "--lang", "id")
    assert ": peringatan LNT011 " in indonesian and "    petunjuk: " in indonesian
    assert "diperiksa" in indonesian
    english = _check(seed_project, "--lang", "en")
    assert ": warning LNT011 " in english and "    hint: " in english
    assert "checked" in english


def test_json_output_is_language_neutral(seed_project: Path) -> None:
    reports = {
        lang: json.loads(_check(seed_project, "--lang", lang, output="json"))
        for lang in ("id", "en")
    }
    by_language = {lang: report["diagnostics"] for lang, report in reports.items()}
    for id_item, en_item in zip(by_language["id"], by_language["en"], strict=True):
        texts = ("message", "hint", "fields")  # fields may hold a phrase (a NIP's 'detail')
        neutral = {k: v for k, v in id_item.items() if k not in texts}
        assert neutral == {k: v for k, v in en_item.items() if k not in texts}
        assert set(id_item["fields"]) == set(en_item["fields"])
        assert id_item["severity"] in ("error", "warning")
    assert all(i["message"] != e["message"] for i, e in zip(*by_language.values(), strict=True))
    nip = next(d for d in by_language["en"] if d["code"] == "LNT011")
    assert nip["fields"]["nip"] and nip["path"].endswith(".yaml") and nip["line"]


def test_language_may_follow_the_command() -> None:
    assert language_first(["check", "--lang", "en", "x"]) == ["--lang", "en", "check", "x"]
    assert language_first(["kit", "make", "--lang=en"]) == ["--lang=en", "kit", "make"]
    assert language_first(["check", "--", "--lang"]) == ["check", "--", "--lang"]


def test_installed_program_switches_language(seed_project: Path) -> None:
    program = REPO / ".venv/bin/sop-docs"
    env = {k: v for k, v in os.environ.items() if k != i18n.ENV_VAR}
    after = subprocess.run([program, "check", "--lang", "en"], cwd=seed_project, env=env,
                           capture_output=True, text=True, timeout=60)
    assert after.returncode == 0 and ": warning LNT011 " in after.stdout, after.stderr
    by_env = subprocess.run([program, "check", "--help"], cwd=seed_project,
                            env={**env, i18n.ENV_VAR: "en"}, capture_output=True, text=True,
                            timeout=60)
    assert "Treat warnings as errors." in by_env.stdout
    default = subprocess.run([program, "check", "--help"], cwd=seed_project, env=env,
                             capture_output=True, text=True, timeout=60)
    assert "Perlakukan peringatan sebagai galat." in default.stdout


def test_help_shows_flags_plainly() -> None:
    runner = CliRunner()
    check = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "100"})
    assert check.exit_code == 0
    assert "<bool>" not in check.output and "--strict" in check.output
    make = runner.invoke(app, ["kit", "make", "--help"], env={"COLUMNS": "100"})
    assert "[[KIT]...]..." not in make.output and "[KIT]..." in make.output
    merge = runner.invoke(app, ["kit", "merge", "--help"], env={"COLUMNS": "100"})
    assert "<bool>" not in merge.output and "--no-pdf" in merge.output


def test_documents_for_offices_stay_indonesian() -> None:
    i18n.set_language(i18n.Language.EN)
    item = dg.make(dg.MRG_REQUIRED, Location("kit.xlsx", cell="Data!G8"), field="Realisasi")
    assert item.message == "Realisasi is required"
    assert item.in_language(i18n.Language.ID) == ("Realisasi wajib diisi",
                                                  "isi Realisasi pada sel ini")
    assert Severity.ERROR.label == "error"
    i18n.set_language(i18n.Language.ID)
    assert Severity.ERROR.label == "galat" and Severity.WARNING.label == "peringatan"


def test_cached_diagnostics_speak_the_language_of_the_run() -> None:
    """The render cache stores diagnostics; read back, they follow --lang."""
    i18n.set_language(i18n.Language.ID)
    stored = dg.make(dg.SHT_UNKNOWN_FORMAT, Location("x"), name="png", known="pdf").as_dict()
    i18n.set_language(i18n.Language.EN)
    assert dg.Diagnostic.from_dict(stored).message == "unknown output format 'png'"
    legacy = {k: v for k, v in stored.items() if k != "fields"}  # a cache of 0.1
    assert dg.Diagnostic.from_dict(legacy).message == stored["message"]


def test_usage_errors_speak_the_user_s_language() -> None:
    runner = CliRunner()
    i18n.set_language(i18n.Language.ID)
    indonesian = runner.invoke(app, ["check", "--bogus"])
    assert indonesian.exit_code == 2 and "Opsi tidak dikenal: --bogus" in indonesian.output
    choice = runner.invoke(app, ["check", "--format", "xml"])
    assert choice.exit_code == 2 and "bukan salah satu dari" in choice.output
    english = runner.invoke(app, ["--lang", "en", "check", "--bogus"])
    assert english.exit_code == 2 and "No such option: --bogus" in english.output
