"""Helpers of the publishing tests: the CLI in-process, located codes, source edits."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner, Result

from sop_docs.cli.main import app

SOP_ID = "contoh-sop"
SOURCE = Path("sop_sources/contoh-sop.yaml")
# path:line:col: <severity> CODE, or path: <severity> CODE for a whole file
LOCATED = re.compile(r"^(?P<path>\S+?)(?::(?P<line>\d+):(?P<col>\d+))?: \w+ "
                     r"(?P<code>[A-Z]+\d{3}) ", re.M)


def run_cli(*args: str | Path) -> Result:
    """The CLI in-process; never an internal error."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code != 70 and "CLI008" not in result.output, result.output
    return result


def codes(output: str) -> list[tuple[str, str]]:
    """(code, path) of every located problem printed."""
    return [(m["code"], m["path"]) for m in LOCATED.finditer(output)]


def edit(project: Path, *pairs: tuple[str, str]) -> None:
    """Replace text in the example SOP source (each old text must be there once)."""
    path = project / SOURCE
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


# The scenario: two steps and an actor change between revision 0 and 1.
SECOND_REVISION = (
    ("kegiatan: Mengumpulkan data kinerja dari setiap bidang",
     "kegiatan: Mengumpulkan data kinerja dan bukti dukung dari setiap bidang"),
    ("  - {id: staf, nama: Staf Perencanaan}",
     "  - {id: staf, nama: Staf Perencanaan}\n  - {id: bendahara, nama: Bendahara}"),
    ("    pelaksana: [kasubbag, staf]", "    pelaksana: [kasubbag, bendahara]"),
)
