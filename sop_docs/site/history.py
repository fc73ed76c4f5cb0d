"""The history section of an SOP page: every published revision, what changed, downloads.

From the project's archive (:mod:`sop_docs.publish.archive`) each SOP page gets:

- one row per published revision, newest first: when it came into force, since when it is
  no longer in force (the next revision's date, or the date of its withdrawal), what changed,
  and the archived PDF, DOCX and Lembar Perubahan of that revision, linked into the docs
  tree at ``sop/<id>/revisi-<n>/``; so which version was in force on any date is read off
  the table;
- "Perubahan dari Revisi N-1": the changes of the version the page shows, from the archived
  manifest, or computed against the latest revision when the source has changed since (not
  yet published); the changed steps are marked in the procedure table.

Without an archive the section shows the source's own ``riwayat_revisi``, as before.  Only
manifests are read for SOPs whose source is unchanged, so a large archive costs little.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.sop import StatusSOP
from sop_docs.publish.archive import ArchiveEntry, changes_name, read_archive, sha256
from sop_docs.publish.diff import Perubahan, compare
from sop_docs.publish.riwayat import tanggal_text
from sop_docs.publish.versions import archived_sop
from sop_docs.site.artifacts import MEDIA_TYPES
from sop_docs.site.tree import DocsTree

DICABUT = StatusSOP.DICABUT.value


@dataclass(frozen=True, slots=True)
class SopHistory:
    """One SOP's archived revisions (oldest first) and the changes the page shows."""

    entries: tuple[ArchiveEntry, ...]
    perubahan: Perubahan | None  # of the version the page shows, from the one before
    dari: str  # "Revisi 1", what ``perubahan`` is counted from
    belum_terbit: bool  # the page shows a source not published yet


def _page_changes(resolved: ResolvedSOP, latest: ArchiveEntry
                  ) -> tuple[Perubahan | None, str, bool]:
    """(changes, counted from, unpublished) for the version the page shows."""
    if latest.source_sha256 == sha256(Path(resolved.path).read_bytes()):
        before = latest.manifest.sebelumnya
        return latest.manifest.perubahan, f"Revisi {before}" if before is not None else "", False
    archived = archived_sop(latest)
    if archived is None:
        return None, "", True
    return compare(archived, resolved.sop), f"Revisi {latest.revisi}", True


def load_histories(project: Path, corpus: Corpus) -> dict[str, SopHistory]:
    """The history of every SOP of ``corpus`` that has archived revisions, by SOP id."""
    archive = read_archive(project, {r.sop.id for r in corpus.sops})
    histories = {}
    for resolved in corpus.sops:
        entries = archive.of(resolved.sop.id)
        if entries:
            perubahan, dari, unpublished = _page_changes(resolved, entries[-1])
            histories[resolved.sop.id] = SopHistory(tuple(entries), perubahan, dari, unpublished)
    return histories


def _folder(entry: ArchiveEntry) -> str:
    """Where a revision's downloads sit, relative to the SOP page."""
    return f"revisi-{entry.revisi}"


def _downloads(entry: ArchiveEntry) -> list[dict[str, Any]]:
    """The archived files a revision's row offers: PDF, Word, Lembar Perubahan."""
    sop_id = entry.manifest.sop
    offered = ((f"{sop_id}.pdf", "PDF"), (f"{sop_id}.docx", "Word"),
               (changes_name(sop_id), "Lembar Perubahan"))
    return [{"label": label, "href": f"{_folder(entry)}/{name}",
             "ukuran": entry.manifest.berkas[name].ukuran,
             "media_type": MEDIA_TYPES[Path(name).suffix]}
            for name, label in offered if name in entry.manifest.berkas and _usable(entry, name)]


def _usable(entry: ArchiveEntry, name: str) -> bool:
    """Whether an archived file can be offered (a missing or linked one is left out; `check`
    reports it)."""
    path = entry.path(name)
    return path.is_file() and not path.is_symlink()


def link_files(tree: DocsTree, folder: str, history: SopHistory | None) -> None:
    """Put each revision's downloads next to the SOP page (``folder``/revisi-<n>/)."""
    for entry in history.entries if history is not None else ():
        for item in _downloads(entry):
            name = item["href"].rsplit("/", 1)[1]
            tree.link(f"{folder}/{item['href']}", entry.path(name))


def _until(entries: Sequence[ArchiveEntry], index: int, withdrawn: bool) -> str:
    """Since when revision ``index`` is no longer in force, in words."""
    entry = entries[index]
    if entry.manifest.status == DICABUT:
        return f"dicabut sejak {tanggal_text(entry.tanggal)}"
    if index + 1 < len(entries):
        return f"tidak berlaku sejak {tanggal_text(entries[index + 1].tanggal)}"
    return "dicabut" if withdrawn else "masih berlaku"


def _row(entries: Sequence[ArchiveEntry], index: int, withdrawn: bool) -> dict[str, Any]:
    """One row of the revisions table."""
    entry = entries[index]
    manifest = entry.manifest
    if manifest.status == DICABUT:
        what = "Pencabutan SOP"
    elif manifest.ringkasan:
        what = manifest.ringkasan
    elif manifest.perubahan is not None:
        what = manifest.perubahan.ringkasan()
    else:
        what = "Terbitan pertama dalam arsip"
    until = _until(entries, index, withdrawn)
    return {"revisi": entry.revisi, "anchor": f"revisi-{entry.revisi}",
            "sejak": tanggal_text(entry.tanggal), "sejak_iso": entry.tanggal.isoformat(),
            "sampai": until, "berlaku": until == "masih berlaku", "perubahan": what,
            "nomor": manifest.nomor, "unduhan": _downloads(entry)}


def view(resolved: ResolvedSOP, history: SopHistory | None) -> dict[str, Any]:
    """What the page's history section shows (the template ``riwayat.md.j2`` reads it)."""
    withdrawn = resolved.sop.status is StatusSOP.DICABUT
    if history is None:
        return {"arsip": [], "dicabut": withdrawn, "perubahan": None}
    entries = history.entries
    rows = [_row(entries, i, withdrawn) for i in reversed(range(len(entries)))]
    changes = None
    if history.perubahan is not None and history.dari:
        changes = {"judul": f"Perubahan dari {history.dari}"
                            + (" (belum diterbitkan)" if history.belum_terbit else ""),
                   "baris": history.perubahan.lines() or ["Tidak ada perubahan isi."]}
    return {"arsip": rows, "dicabut": withdrawn, "perubahan": changes}


def marks(history: SopHistory | None) -> Mapping[int, str]:
    """Row number -> mark, for the steps of the page that changed."""
    if history is None or history.perubahan is None or not history.dari:
        return {}
    return history.perubahan.step_marks()

