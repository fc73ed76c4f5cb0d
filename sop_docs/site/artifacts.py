"""What the render stage left for each SOP, seen as the site's images and downloads.

The site never renders anything itself: ``render_corpus`` (with its content-hash cache)
writes ``<out>/sop/<id>/``, and this module only finds the files there.  A format that is
not registered or failed simply has no file, and the page omits that download.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# File suffix -> media type the site declares for it (links carry it in type="...", and
# `site serve` and the tests serve files with it; .dot is not a Word template here).
MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".dot": "text/vnd.graphviz",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".zip": "application/zip",
}

# The formats the site shows or offers, which a stand-alone `site build` renders (inside
# `sop-docs build` the render stage has already rendered every format).
SITE_FORMATS: tuple[str, ...] = ("svg", "pdf", "docx", "dot", "svg-swimlane")

_SHEET_PAGE = re.compile(r"^(.*)-hal-(\d+)\.svg$")  # <stem>-hal-<page>.svg


@dataclass(frozen=True, slots=True)
class Unduhan:
    """One download of an SOP page: file name next to the page, what it is, its size.

    ``jenis`` says what the page does with it: "pdf" and "docx" are the buttons under the
    title, "sumber" (the Graphviz source) sits under "Berkas sumber", the rest in the list.
    """

    nama: str
    label: str
    ukuran: int
    media_type: str
    jenis: str = "lain"


@dataclass(frozen=True, slots=True)
class SopAssets:
    """The rendered files of one SOP the site shows or offers, by file name."""

    lembar: tuple[str, ...]  # sheet pages as SVG, in page order
    swimlane: str | None  # the swimlane diagram as SVG
    unduhan: tuple[Unduhan, ...]
    sources: dict[str, Path]  # file name -> rendered file to link into the docs tree

    def berkas(self, *jenis: str) -> list[Unduhan]:
        """The downloads of the given kinds, in display order."""
        return [d for d in self.unduhan if d.jenis in jenis]

    def satu(self, jenis: str) -> Unduhan | None:
        """The download of one kind ("pdf", "docx", "swimlane-pdf"), if rendered."""
        return next(iter(self.berkas(jenis)), None)


def _downloads(stem: str) -> tuple[tuple[str, str, str], ...]:
    """(file name, label, jenis) of every download an SOP page offers, in display order."""
    return (
        (f"{stem}.pdf", "Lembar SOP (PDF, untuk dicetak)", "pdf"),
        (f"{stem}.docx", "Lembar SOP (Word .docx, dapat disunting)", "docx"),
        (f"{stem}-swimlane.svg", "Diagram alir swimlane (SVG)", "swimlane"),
        (f"{stem}-swimlane.pdf", "Diagram alir swimlane (PDF)", "swimlane-pdf"),
        (f"{stem}-swimlane.dot", "Diagram alir swimlane (Graphviz DOT)", "sumber"),
    )


def find_assets(folder: Path, stem: str) -> SopAssets:
    """The site's view of ``folder`` (``<out>/sop/<id>/``): what exists is shown."""
    sizes = _file_sizes(folder)
    sheets = sorted(
        (int(m.group(2)), name) for name in sizes
        if (m := _SHEET_PAGE.match(name)) and m.group(1) == stem
    )
    names = [name for _, name in sheets]
    downloads = [
        Unduhan(name, label, sizes[name], MEDIA_TYPES[Path(name).suffix], jenis)
        for name, label, jenis in _downloads(stem)
        if name in sizes
    ]
    downloads += [
        Unduhan(name, f"Lembar SOP halaman {page} (SVG)", sizes[name], MEDIA_TYPES[".svg"],
                "lembar")
        for page, name in sheets
    ]
    swimlane = f"{stem}-swimlane.svg"
    shown = {*names, *(d.nama for d in downloads)}
    return SopAssets(
        lembar=tuple(names),
        swimlane=swimlane if swimlane in sizes else None,
        unduhan=tuple(downloads),
        sources={name: folder / name for name in sorted(shown)},
    )


def _file_sizes(folder: Path) -> dict[str, int]:
    """Name -> size of the files in ``folder`` (none when it is missing): one listing
    instead of a look-up per download, which counts on a site of 1,000 SOPs."""
    try:
        with os.scandir(folder) as entries:
            return {e.name: e.stat().st_size for e in entries if e.is_file()}
    except OSError:
        return {}


def size_text(size: int) -> str:
    """A file size for people: "820 B", "14 KB", "1,2 MB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
