"""The author's guide ("Panduan") on the site, with a code table that follows the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.diagnostics import CATALOGUE
from sop_docs.site.guide import CODES, GUIDE, code_table, guide_pages


def test_code_table_lists_every_code_once_with_what_to_do() -> None:
    table = code_table()
    rows = re.findall(r"^\| `([A-Z]+\d{3})` \| (galat|peringatan) \| (.+) \| (.+) \|$", table,
                      re.M)
    assert sorted(code for code, *_ in rows) == sorted(CATALOGUE)
    for code, level, message, todo in rows:
        assert message.strip() and todo.strip(), code
        assert (level == "galat") == (CATALOGUE[code].severity.value == "error")
    assert re.search(r"\{[a-z_]+\}", table) is None  # placeholders are shown as ‹field›


def test_guide_covers_the_author_s_work() -> None:
    pages = dict(guide_pages())
    assert set(pages) == {GUIDE, CODES}
    guide = pages[GUIDE]
    for command in ("sop-docs new", "sop-docs check", "sop-docs publish", "sop-docs kit make",
                    "sop-docs kit merge", "satuan_waktu", "singkatan", "--lang en"):
        assert command in guide, command
    assert "(kode.md)" in guide


def test_guide_is_published_on_the_site(example_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluaran"
    result = CliRunner().invoke(app, ["build", "-o", str(out), "--project",
                                      str(example_project)])
    assert result.exit_code == 0, result.output
    site = out / "site"
    guide = (site / "panduan/index.html").read_text(encoding="utf-8")
    codes = (site / "panduan/kode.html").read_text(encoding="utf-8")
    assert "Panduan penulis SOP" in guide and 'href="kode.html' in guide
    assert all(code in codes for code in CATALOGUE)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "panduan/" in home  # in the navigation
