"""Picking two versions of an SOP to compare: archived revisions, or the current source.

By default the newer side is the current source when it differs from the latest archived
revision (what publishing would freeze), else the latest revision; the older side is the
archived revision just before the newer one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.model.build import build_model
from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.sop import SOP
from sop_docs.publish.archive import ArchiveEntry, read_archive, sha256
from sop_docs.sources import read_source

SOURCE_LABEL = "Sumber saat ini (belum diterbitkan)"


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a comparison: its label, the date it came into force, the SOP."""

    label: str
    tanggal: dt.date | None
    sop: SOP


def archived_sop(entry: ArchiveEntry) -> SOP | None:
    """The SOP model of an archived source (None when it no longer validates)."""
    return build_model(read_source(entry.source), SOP).model


def _archived(entry: ArchiveEntry, problems: list[Diagnostic]) -> Version | None:
    """An archived revision as a Version (None, reported, when its source no longer loads)."""
    sop = archived_sop(entry)
    if sop is None:
        problems.append(dg.make(dg.PUB_MANIFEST, Location(str(entry.source)), path=entry.source,
                                reason="the archived source no longer loads"))
        return None
    return Version(f"Revisi {entry.revisi}", entry.tanggal, sop)


def _pick(entries: list[ArchiveEntry], revisi: int, sop_id: str,
          problems: list[Diagnostic]) -> ArchiveEntry | None:
    """The archived revision asked for (None, reported, when there is none)."""
    found = next((e for e in entries if e.revisi == revisi), None)
    if found is None:
        known = ", ".join(str(e.revisi) for e in entries) or "-"
        problems.append(dg.make(dg.PUB_NO_REVISION, Location(sop_id), id=sop_id, revisi=revisi,
                                known=known))
    return found


def version_pair(project: Path, resolved: ResolvedSOP, dari: int | None, ke: int | None,
                 problems: list[Diagnostic]) -> tuple[Version, Version] | None:
    """(older, newer) of ``resolved``'s SOP as asked (see the module); None when one of them
    is not there (the reason is added to ``problems``)."""
    sop_id = resolved.sop.id
    entries = read_archive(project, {sop_id}).of(sop_id)
    source_sha = sha256(Path(resolved.path).read_bytes())
    newer_entry: ArchiveEntry | None = None
    if ke is not None:
        newer_entry = _pick(entries, ke, sop_id, problems)
        if newer_entry is None:
            return None
    elif entries and entries[-1].source_sha256 == source_sha:
        newer_entry = entries[-1]
    before = [e for e in entries if newer_entry is None or e.revisi < newer_entry.revisi]
    if dari is not None:
        older_entry = _pick(entries, dari, sop_id, problems)
    elif before:
        older_entry = before[-1]
    else:
        problems.append(dg.make(dg.PUB_NO_REVISION, Location(sop_id), id=sop_id,
                                revisi=(newer_entry.revisi - 1) if newer_entry else 0,
                                known=", ".join(str(e.revisi) for e in entries) or "-"))
        return None
    if older_entry is None:
        return None
    older = _archived(older_entry, problems)
    newer = (_archived(newer_entry, problems) if newer_entry is not None
             else Version(SOURCE_LABEL, None, resolved.sop))
    return (older, newer) if older is not None and newer is not None else None
