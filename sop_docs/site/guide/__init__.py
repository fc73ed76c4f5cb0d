"""The author's guide ("Panduan") published on the site: the hand-written guide and the
table of every diagnostic code, generated from the catalogue so that it never drifts.

Both pages are Indonesian, as the site is: the guide speaks to the staff who write SOPs and
to the offices that fill kits.
"""

from __future__ import annotations

import string
from importlib import resources

from sop_docs.diagnostics import CATALOGUE, Code, Severity
from sop_docs.site.escape import markdown_text

GUIDE = "panduan/index.md"
CODES = "panduan/kode.md"

# Headings of the catalogue's blocks, by code prefix.
BLOCKS = {
    "SRC": "Berkas dan sintaks YAML",
    "MOD": "Isi sumber: kunci dan nilai",
    "LNT": "Aturan pemeriksaan SOP",
    "CLI": "Perintah",
    "PUB": "Penerbitan revisi",
    "KIT": "Definisi dan pembuatan kit",
    "RET": "Kit yang kembali: penerimaan berkas",
    "MRG": "Kit yang kembali: verifikasi dan penggabungan",
    "DOCX": "Dokumen Word",
    "SHT": "Lembar SOP (PDF, SVG)",
    "SWL": "Diagram swimlane",
    "SIT": "Situs rujukan",
}
# What a message or hint says when its whole text comes from where the problem was found.
_WHOLE_MESSAGE = "uraian masalahnya menyebut kunci dan nilai yang salah"
_WHOLE_HINT = "ikuti petunjuk yang menyertai pesan (misalnya 'maksudnya ...?')"


def guide_pages() -> list[tuple[str, str]]:
    """(path in the docs tree, Markdown) of the guide and of the code table."""
    guide = (resources.files(__package__) / "panduan.md").read_text(encoding="utf-8")
    return [(GUIDE, guide), (CODES, code_table())]


def _prefix(code: str) -> str:
    return code.rstrip("0123456789")


def _readable(template: str, whole: str) -> str:
    """A catalogue template as a reader sees it: each field as ‹field›; a template that is
    one field only is described instead."""
    parts = list(string.Formatter().parse(template))
    if all(not literal.strip() for literal, *_ in parts):
        return whole
    return "".join(literal + (f"‹{name}›" if name is not None else "")
                   for literal, name, _, _ in parts)


def _row(entry: Code) -> str:
    level = "galat" if entry.severity is Severity.ERROR else "peringatan"
    message = _readable(entry.id_message or entry.message, _WHOLE_MESSAGE)
    hint = _readable(entry.id_hint if entry.id_hint is not None else entry.hint, _WHOLE_HINT)
    return (f"| `{entry.code}` | {level} | {markdown_text(message)} | "
            f"{markdown_text(hint)} |")


def code_table() -> str:
    """Every code of the catalogue, by block: level, message and what to do."""
    lines = [
        "# Kode pesan", "",
        "Setiap masalah yang dilaporkan `sop-docs` membawa kode yang sama dalam bahasa apa "
        "pun. **Galat** harus diperbaiki; **peringatan** perlu diperiksa (`--strict` "
        "menghitungnya sebagai galat). Bagian bertanda ‹...› diisi dengan nilai dari berkas "
        "Anda.", "",
    ]
    by_block: dict[str, list[Code]] = {}
    for entry in CATALOGUE.values():
        by_block.setdefault(_prefix(entry.code), []).append(entry)
    order = [*(p for p in BLOCKS if p in by_block), *sorted(set(by_block) - set(BLOCKS))]
    for prefix in order:
        lines += [f"## {BLOCKS.get(prefix, prefix)} ({prefix})", "",
                  "| kode | tingkat | pesan | yang harus dilakukan |", "|---|---|---|---|"]
        lines += [_row(entry) for entry in sorted(by_block[prefix], key=lambda c: c.code)]
        lines.append("")
    return "\n".join(lines)
