"""What the kits and merge stages published, as the site's kits and rekap pages.

The site reads whatever exists when it is built: the kit files recorded by the kits stage
(``ctx.artifacts["kits"]``) with the ``kits_manifest.json`` written next to them, and the
rekap files recorded by the merge stage (``ctx.artifacts["rekap"]``); without a build
context (``sop-docs site build``) it looks in ``<out>/kits/<cycle>/`` and
``<out>/rekap/<cycle>/``.  When neither stage ran, the site simply has no such pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_docs.site.artifacts import MEDIA_TYPES

MANIFEST = "kits_manifest.json"


@dataclass(frozen=True, slots=True)
class Kit:
    """One unit's kit file of a cycle."""

    unit: str
    path: Path

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(self.path.suffix, "application/octet-stream")


@dataclass(frozen=True, slots=True)
class KitCycle:
    """The kits of one cycle: deadline, extra lines (office, contact), one kit per unit."""

    periode: str
    batas_waktu: str
    info: tuple[str, ...]
    kits: tuple[Kit, ...]


@dataclass(frozen=True, slots=True)
class Berkas:
    """One published rekap file and what it is."""

    label: str
    path: Path


@dataclass(frozen=True, slots=True)
class RekapCycle:
    """The published rekap of one cycle."""

    periode: str
    berkas: tuple[Berkas, ...]


def _text(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    return ""


def read_kit_cycle(manifest: Path) -> KitCycle | None:
    """A cycle's kits from its manifest; None when the manifest is unreadable."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    folder = manifest.parent
    kits = []
    for entry in data.get("kits", []):
        if not isinstance(entry, dict):
            continue
        name = Path(_text(entry, "file", "path", "nama_berkas")).name
        if name and (folder / name).is_file():
            kits.append(Kit(_text(entry, "unit_nama", "unit_name", "unit") or name, folder / name))
    if not kits:
        return None
    info = tuple(t for t in (_text(data, "instansi", "office"), _text(data, "kontak", "contact"))
                 if t)
    return KitCycle(
        periode=_text(data, "cycle", "siklus") or folder.name,
        batas_waktu=_text(data, "deadline_text", "tenggat_teks", "deadline", "tenggat"),
        info=info,
        kits=tuple(sorted(kits, key=lambda k: (k.unit, k.path.name))),
    )


def kit_cycles(kit_files: Iterable[Path] | None, kits_root: Path) -> list[KitCycle]:
    """Every cycle with kits: from the recorded files' folders, else under ``kits_root``."""
    if kit_files is not None:
        manifests = {p.parent / MANIFEST for p in kit_files}
    else:
        manifests = set(kits_root.glob(f"*/{MANIFEST}")) if kits_root.is_dir() else set()
    cycles = [c for m in sorted(manifests) if m.is_file() and (c := read_kit_cycle(m))]
    return sorted(cycles, key=lambda c: c.periode)


# Rekap files the site publishes, by how their names end: (suffix, label).  Return workbooks
# and notes for single units and the audit log are for the compiler, not for publication.
_REKAP_FILES: tuple[tuple[str, str], ...] = (
    ("rekap.pdf", "Rekap kinerja (PDF)"),
    ("rekap.docx", "Rekap kinerja (Word .docx)"),
    ("rekap.xlsx", "Rekap kinerja dan verifikasi (Excel .xlsx)"),
    ("verifikasi.html", "Laporan verifikasi pengumpulan (HTML)"),
    ("verifikasi.md", "Laporan verifikasi pengumpulan (teks)"),
    ("verifikasi.json", "Laporan verifikasi pengumpulan (JSON)"),
)


def _label(path: Path) -> str | None:
    name = path.name.lower()
    return next((label for end, label in _REKAP_FILES if name.endswith(end)), None)


def rekap_cycles(rekap_files: Iterable[Path] | None, rekap_root: Path) -> list[RekapCycle]:
    """Every cycle with a published rekap, files grouped by their folder (the cycle)."""
    if rekap_files is None:
        rekap_files = (
            [p for p in rekap_root.glob("*/*") if p.is_file()] if rekap_root.is_dir() else []
        )
    groups: dict[str, list[Berkas]] = {}
    for path in sorted(set(rekap_files)):
        label = _label(path)
        if label is not None and path.is_file():
            groups.setdefault(path.parent.name, []).append(Berkas(label, path))
    order = [end for end, _ in _REKAP_FILES]
    return [
        RekapCycle(cycle, tuple(sorted(
            files, key=lambda b: next(i for i, e in enumerate(order) if b.path.name.lower()
                                      .endswith(e)))))
        for cycle, files in sorted(groups.items())
    ]
