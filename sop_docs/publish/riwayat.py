"""Add one ``riwayat_revisi`` entry to an SOP source, as a line of text.

The source stays the author's file: nothing is re-serialised, so comments, order and
quoting survive.  The entry is written in flow style on one line, after the last line of
the existing list (or as a new list at the end of the file), and the text is quoted as a
JSON string, which YAML reads as the same text whatever it holds.
"""

from __future__ import annotations

import datetime as dt
import json

from sop_docs.model.values import BULAN
from sop_docs.sources import Positions


def tanggal_text(tanggal: dt.date | None) -> str:
    """"5 Desember 2026", or a dash when unknown (the dates of revisions, as shown)."""
    if tanggal is None:
        return "—"
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def entry_line(nomor: int, tanggal: dt.date, perubahan: str, indent: int) -> str:
    """``- {nomor: 2, tanggal: 2026-12-05, perubahan: "..."}`` indented by ``indent``."""
    text = json.dumps(" ".join(perubahan.split()), ensure_ascii=False)
    return f"{' ' * indent}- {{nomor: {nomor}, tanggal: {tanggal.isoformat()}, perubahan: {text}}}"


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _list_end(lines: list[str], start: int, dash_column: int) -> int:
    """Index of the line after the list's last content line: the list ends at the first
    content line indented no deeper than its dashes that is not one of its items."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not _is_content(line):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < dash_column or (indent == dash_column and not line.lstrip().startswith("-")):
            break
        last = index
    return last + 1


def add_entry(text: str, positions: Positions, nomor: int, tanggal: dt.date,
              perubahan: str) -> str | None:
    """``text`` with the entry added; None when the existing list is written in flow style
    (``riwayat_revisi: [...]``), which only the author should rewrite."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    if not positions.has(("riwayat_revisi",)):
        body = text if text.endswith("\n") or not text else text + newline
        return (body + "riwayat_revisi:" + newline + entry_line(nomor, tanggal, perubahan, 2)
                + newline)
    line, column = positions.value(("riwayat_revisi",))
    first = lines[line - 1][column - 1:] if line <= len(lines) else ""
    if not first.startswith("-"):
        return None  # a flow list, an empty value, or something the schema refuses anyway
    end = _list_end(lines, line - 1, column - 1)
    lines.insert(end, entry_line(nomor, tanggal, perubahan, column - 1))
    return newline.join(lines) + newline
