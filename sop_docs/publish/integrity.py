"""What `check` reports about the archive: changed or missing files, dates going backwards,
and a source whose revision number or ``riwayat_revisi`` disagrees with what was published.

Every archived file is hashed again on each check (the archive is small next to what the
hash would protect), and each problem points at the file, manifest or source line to fix.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.sop import SOP, RiwayatRevisi
from sop_docs.publish.archive import MANIFEST, ArchiveEntry, read_archive, sha256
from sop_docs.sources import Positions


def archive_problems(project: Path, corpus: Corpus,
                     sop_ids: set[str] | None = None) -> list[Diagnostic]:
    """Every problem of the project's archive (only these SOPs' entries when given), and of
    each loaded SOP against its own archived revisions."""
    archive = read_archive(project, sop_ids)
    found = list(archive.problems)
    loaded = {r.sop.id: r for r in corpus.sops}
    for sop_id, entries in sorted(archive.entries.items()):
        for entry in entries:
            found += entry_problems(entry)
        found += order_problems(entries)
        resolved = loaded.get(sop_id)
        if resolved is not None:
            positions = corpus.positions.get(sop_id) or Positions(resolved.path)
            found += source_problems(resolved, positions, entries)
    return found


def entry_problems(entry: ArchiveEntry) -> list[Diagnostic]:
    """Files of one entry that changed, went missing, or were added after publishing."""
    manifest = entry.manifest
    fields = {"sop": manifest.sop, "revisi": manifest.revisi}
    found = []
    for name, berkas in sorted(manifest.berkas.items()):
        path = entry.path(name)
        if Path(name).name != name or name == MANIFEST:
            found.append(dg.make(dg.PUB_MANIFEST, Location(str(entry.path(MANIFEST))),
                                 path=entry.path(MANIFEST), reason=f"file name {name!r}"))
            continue
        try:
            data = b"" if path.is_symlink() else path.read_bytes()  # a link is not the file
        except OSError:
            found.append(dg.make(dg.PUB_MISSING, Location(str(path)), name=name, **fields))
            continue
        if len(data) != berkas.ukuran or sha256(data) != berkas.sha256:
            found.append(dg.make(dg.PUB_CHANGED, Location(str(path)), name=name, **fields))
    listed = {*manifest.berkas, MANIFEST}
    found += [dg.make(dg.PUB_EXTRA, Location(str(p)), name=p.name, **fields)
              for p in sorted(entry.folder.iterdir()) if p.name not in listed]
    return found


def order_problems(entries: Sequence[ArchiveEntry]) -> list[Diagnostic]:
    """Revisions (oldest first) dated before the revision they follow."""
    return [
        dg.make(dg.PUB_DATE_BACKWARDS, Location(str(later.path(MANIFEST))), sop=later.manifest.sop,
                revisi=later.revisi, tanggal=later.tanggal.isoformat(), previous=earlier.revisi,
                before=earlier.tanggal.isoformat())
        for earlier, later in itertools.pairwise(entries)
        if later.tanggal < earlier.tanggal
    ]


def revision_number(nomor: int | str) -> int | None:
    """A riwayat_revisi ``nomor`` as a number ("2", 2, "Revisi 2"), else None."""
    text = str(nomor).strip().lower().removeprefix("revisi").strip()
    return int(text) if text.isdigit() else None


def riwayat_for(sop: SOP, revisi: int) -> tuple[int, RiwayatRevisi] | None:
    """(index, entry) of the riwayat_revisi entry of revision ``revisi``, if any."""
    return next(((i, r) for i, r in enumerate(sop.riwayat_revisi)
                 if revision_number(r.nomor) == revisi), None)


def source_revision(sop: SOP) -> int:
    """The revision a source says it is: its highest riwayat_revisi number, else a number
    in Tanggal Revisi ("Revisi 2"), else 0 (the first issue)."""
    numbers = [n for r in sop.riwayat_revisi if (n := revision_number(r.nomor)) is not None]
    if sop.tanggal.revisi.revisi is not None:
        numbers.append(sop.tanggal.revisi.revisi)
    return max(numbers, default=0)


def _revision_location(sop: SOP, positions: Positions) -> Location:
    """Where a source states its revision: riwayat_revisi, else Tanggal Revisi."""
    if sop.riwayat_revisi:
        return positions.at(("riwayat_revisi",), key=True)
    return positions.at(("tanggal", "revisi"))


def source_problems(resolved: ResolvedSOP, positions: Positions,
                    entries: Sequence[ArchiveEntry]) -> list[Diagnostic]:
    """The source against its archive: no going back in revision, and a riwayat_revisi that
    lists exactly the archived revisions, with their dates."""
    sop = resolved.sop
    latest = entries[-1].revisi
    found = []
    if source_revision(sop) < latest:
        found.append(dg.make(dg.PUB_REVISION_BACKWARDS, _revision_location(sop, positions),
                             revisi=source_revision(sop), latest=latest, next=latest + 1))
    for entry in entries:
        found += _riwayat_entry_problems(sop, positions, entry)
    archived = {e.revisi for e in entries}
    for index, item in enumerate(sop.riwayat_revisi):
        number = revision_number(item.nomor)
        if number is not None and entries[0].revisi < number <= latest and number not in archived:
            found.append(dg.make(dg.PUB_RIWAYAT_EXTRA,
                                 positions.at(("riwayat_revisi", index, "nomor")), revisi=number))
    return found


def _riwayat_entry_problems(sop: SOP, positions: Positions,
                            entry: ArchiveEntry) -> list[Diagnostic]:
    """The source's riwayat_revisi entry of one archived revision: present, same date."""
    if entry.revisi == 0:
        return []  # the first issue has no riwayat_revisi entry
    tanggal = entry.tanggal.isoformat()
    match = riwayat_for(sop, entry.revisi)
    if match is None:
        return [dg.make(dg.PUB_RIWAYAT_MISSING, _revision_location(sop, positions),
                        revisi=entry.revisi, tanggal=tanggal)]
    index, item = match
    written = item.tanggal.as_date()
    if written is not None and written != entry.tanggal:
        return [dg.make(dg.PUB_RIWAYAT_DATE, positions.at(("riwayat_revisi", index, "tanggal")),
                        revisi=entry.revisi, found=written.isoformat(), tanggal=tanggal)]
    return []
