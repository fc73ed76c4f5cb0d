"""What the kits and merge stages published, as the site's kits and rekap pages.

The site reads whatever exists when it is built: the kit files recorded by the kits stage
(``ctx.artifacts["kits"]``) with the ``kits_manifest.json`` written next to them, and the
rekap files recorded by the merge stage (``ctx.artifacts["merge"]``); without a build
context (``sop-docs site build``) it looks in ``<out>/kits/<cycle>/`` and
``<out>/rekap/<cycle>/``.  When neither stage ran, the site simply has no such pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_docs.pipeline import KITS_MANIFEST
from sop_docs.site.artifacts import MEDIA_TYPES


@dataclass(frozen=True, slots=True)
class Kit:
    """One unit's kit file of a cycle."""

    unit: str
    penanggung_jawab: str
    path: Path

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(self.path.suffix, "application/octet-stream")

    @property
    def jenis(self) -> str:
        """The kind of file for people: "Excel" for a workbook."""
        return _KINDS.get(self.path.suffix, self.path.suffix.lstrip(".").upper())


_KINDS = {".xlsx": "Excel", ".xls": "Excel", ".ods": "LibreOffice Calc"}


@dataclass(frozen=True, slots=True)
class KitGroup:
    """The kits one office sends out in a cycle: its deadline, contact and units."""

    kit: str  # the kit definition's id
    judul: str
    instansi: str
    pemerintah: str
    batas_waktu: str
    kontak: tuple[str, ...]
    contoh: bool
    kits: tuple[Kit, ...]


@dataclass(frozen=True, slots=True)
class KitCycle:
    """The kits of one cycle (``2026-TW1``, "Triwulan I Tahun 2026"), per office."""

    periode: str
    label: str
    groups: tuple[KitGroup, ...]

    @property
    def batas_waktu(self) -> str:
        """The deadlines of the cycle's offices, for the index of cycles."""
        return ", ".join(dict.fromkeys(g.batas_waktu for g in self.groups if g.batas_waktu))


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return str(value) if isinstance(value, str | int | float) else ""


def _kontak(data: dict[str, Any]) -> tuple[str, ...]:
    kontak = data.get("kontak")
    if not isinstance(kontak, dict):
        return ()
    who = ", ".join(t for t in (_text(kontak, "nama"), _text(kontak, "jabatan")) if t)
    lines = (f"Narahubung: {who}" if who else "",
             f"Telepon: {_text(kontak, 'telepon')}" if _text(kontak, "telepon") else "",
             f"Surel: {_text(kontak, 'email')}" if _text(kontak, "email") else "")
    return tuple(line for line in lines if line)


def read_kit_cycle(manifest: Path) -> KitCycle | None:
    """A cycle's kits from the manifest the kits stage wrote; None when it is unreadable
    or lists no kit file that exists."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("kits"), list):
        return None
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in data["kits"]:
        name = Path(_text(entry, "file")).name if isinstance(entry, dict) else ""
        if name and (manifest.parent / name).is_file():
            groups.setdefault(_text(entry, "kit"), []).append(entry)
    if not groups:
        return None
    return KitCycle(
        periode=_text(data, "siklus") or manifest.parent.name,
        label=_text(data, "label"),
        groups=tuple(_group(kit, entries, manifest.parent)
                     for kit, entries in sorted(groups.items())),
    )


def _group(kit: str, entries: list[dict[str, Any]], folder: Path) -> KitGroup:
    first = entries[0]
    kits = (Kit(_text(e, "nama_unit") or _text(e, "unit"), _text(e, "penanggung_jawab"),
                folder / Path(_text(e, "file")).name) for e in entries)
    return KitGroup(
        kit=kit,
        judul=_text(first, "judul"),
        instansi=_text(first, "instansi"),
        pemerintah=_text(first, "pemerintah"),
        batas_waktu=_text(first, "tenggat_teks") or _text(first, "tenggat"),
        kontak=_kontak(first),
        contoh=first.get("contoh") is True,
        kits=tuple(sorted(kits, key=lambda k: (k.unit, k.path.name))),
    )


def kit_cycles(kit_files: Iterable[Path] | None, kits_root: Path) -> list[KitCycle]:
    """Every cycle with kits: from the recorded files' folders, else under ``kits_root``."""
    if kit_files is not None:
        manifests = {p.parent / KITS_MANIFEST for p in kit_files}
    else:
        manifests = set(kits_root.glob(f"*/{KITS_MANIFEST}")) if kits_root.is_dir() else set()
    cycles = [c for m in sorted(manifests) if m.is_file() and (c := read_kit_cycle(m))]
    return sorted(cycles, key=lambda c: c.periode)


@dataclass(frozen=True, slots=True)
class Berkas:
    """One published rekap file: what it is (``{kit}`` stands for its office), its kit."""

    template: str
    kit: str
    path: Path

    def label(self, offices: Mapping[str, str]) -> str:
        """What the file is, naming its office (the kit id when no kit names one)."""
        return self.template.format(kit=offices.get(self.kit) or self.kit)


def office_names(cycles: Iterable[KitCycle]) -> dict[str, str]:
    """Kit id -> the office it collects for, from the kits' manifests."""
    return {g.kit: g.instansi for c in cycles for g in c.groups if g.instansi}


@dataclass(frozen=True, slots=True)
class StatusUnit:
    """One unit's collection status in a cycle, from the verification report."""

    unit: str
    penanggung_jawab: str
    status: str
    masalah: int


@dataclass(frozen=True, slots=True)
class RekapCycle:
    """The published rekap of one cycle: documents per office and the collection status."""

    periode: str
    label: str
    berkas: tuple[Berkas, ...]
    status: tuple[StatusUnit, ...]


# Rekap files the site publishes, by how their names end: (suffix, label).  Return workbooks
# and notes for single units, the Markdown report (mkdocs would take it for a page) and the
# audit log are for the compiler, not for publication.
_REKAP_FILES: tuple[tuple[str, str], ...] = (
    ("-rekap.pdf", "Rekap kinerja {kit} (PDF, untuk ditandatangani)"),
    ("-rekap.docx", "Rekap kinerja {kit} (Word .docx)"),
    ("-rekap.xlsx", "Rekap kinerja {kit} dengan lembar verifikasi (Excel .xlsx)"),
    ("-verifikasi.json", "Laporan verifikasi pengumpulan (JSON, untuk aplikasi)"),
)
_VERIFICATION = "-verifikasi.json"


def _rekap_file(path: Path) -> tuple[int, Berkas] | None:
    """(display order, file) for a publishable rekap file, else None."""
    for order, (end, label) in enumerate(_REKAP_FILES):
        if path.name.endswith(end):
            kit = path.name[: -len(end)].removesuffix(f"-{path.parent.name}")
            return order, Berkas(label, kit, path)
    return None


def _status(report: Path) -> tuple[str, tuple[StatusUnit, ...]]:
    """The cycle label and every unit's status from the verification report (JSON)."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ()
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        return "", ()
    units = tuple(
        StatusUnit(_text(u, "nama") or _text(u, "unit"), _text(u, "penanggung_jawab"),
                   _text(u, "verdict"),
                   len(u["problems"]) if isinstance(u.get("problems"), list) else 0)
        for u in data["units"] if isinstance(u, dict)
    )
    return _text(data, "label"), units


def rekap_cycles(rekap_files: Iterable[Path] | None, rekap_root: Path) -> list[RekapCycle]:
    """Every cycle with a published rekap, files grouped by their folder (the cycle)."""
    if rekap_files is None:
        rekap_files = (
            [p for p in rekap_root.glob("*/*") if p.is_file()] if rekap_root.is_dir() else []
        )
    groups: dict[Path, list[tuple[int, Berkas]]] = {}
    for path in sorted(set(rekap_files)):
        found = _rekap_file(path) if path.is_file() else None
        if found is not None:
            groups.setdefault(path.parent, []).append(found)
    cycles = []
    for folder, files in sorted(groups.items()):
        report = next((b.path for _, b in files if b.path.name.endswith(_VERIFICATION)), None)
        label, status = _status(report) if report is not None else ("", ())
        ordered = tuple(b for _, b in sorted(files, key=lambda f: (f[0], f[1].path.name)))
        cycles.append(RekapCycle(folder.name, label, ordered, status))
    return cycles
