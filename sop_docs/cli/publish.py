"""`sop-docs publish ID` (freeze a revision into the archive) and `sop-docs perubahan ID`
(what changed between two versions, as text or as a one-page Lembar Perubahan PDF)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ProjectOption,
    console,
    fail,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.i18n import tr
from sop_docs.lint.summary import ordered
from sop_docs.model.build import did_you_mean, load_corpus
from sop_docs.publish.diff import Perubahan, compare
from sop_docs.publish.versions import Version, version_pair

if TYPE_CHECKING:
    from sop_docs.model.corpus import ResolvedSOP
    from sop_docs.publish.run import Publication

IdArgument = Annotated[str, typer.Argument(metavar="ID", help=tr(
    "Id SOP, misalnya contoh-sop.", "Id of the SOP, e.g. contoh-sop."))]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("publish", help=tr(
        "Terbitkan sumber SOP ID sebagai revisi berikutnya ke arsip proyek (arsip/ID/rev-N/).",
        "Publish the source of SOP ID as its next revision into the project's archive "
        "(arsip/ID/rev-N/)."))(guarded(publish))
    app.command("perubahan", help=tr(
        "Tampilkan perubahan antara dua versi SOP ID (revisi arsip atau sumber saat ini).",
        "Show what changed between two versions of SOP ID (archived revisions or the "
        "current source)."))(guarded(perubahan))


def _date(text: str | None) -> dt.date | None:
    """``--tanggal`` as a date; a usage error when it is not one."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(dg.PUB_BAD_DATE, EXIT_USAGE, text=text) from None


def publish(
    sop_id: IdArgument,
    tanggal: Annotated[str | None, typer.Option("--tanggal", help=tr(
        "Tanggal berlaku revisi (TTTT-BB-HH); bawaan: tanggal pada riwayat_revisi, "
        "atau hari ini.",
        "Date the revision comes into force (YYYY-MM-DD); default: the riwayat_revisi "
        "date, else today."), show_default=False)] = None,
    isi_perubahan: Annotated[bool, typer.Option("--isi-perubahan", help=tr(
        "Tulis entri riwayat_revisi dari perubahan yang dihitung bila belum ada.",
        "Write the riwayat_revisi entry from the computed changes when there is none."))
    ] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Publish the source of SOP ID as its next revision into the project's archive."""
    require_project(project)
    from sop_docs.publish.run import publish_sop  # renders with fpdf: only when used

    result = publish_sop(project, sop_id, _date(tanggal), isi_perubahan)
    show_diagnostics(ordered(result.diagnostics, strict=False), console())
    if result.entry is None:
        raise typer.Exit(EXIT_FAILED)
    _show_publication(result, project)
    raise typer.Exit(EXIT_OK)


def _show_publication(result: Publication, project: Path) -> None:
    """Where the revision went, its files, the riwayat text written and the changes."""
    entry = result.entry
    if entry is None:
        return
    out = console()
    where = entry.folder.relative_to(project) if entry.folder.is_relative_to(project) else (
        entry.folder)
    out.print(tr(f"diterbitkan: {entry.manifest.sop} revisi {entry.revisi} "
                 f"({entry.tanggal.isoformat()}) di {where}",
                 f"published: {entry.manifest.sop} revision {entry.revisi} "
                 f"({entry.tanggal.isoformat()}) in {where}"), style="bold green")
    for name in sorted(entry.manifest.berkas):
        out.print(f"  {name}  sha256 {entry.manifest.berkas[name].sha256[:16]}…", markup=False)
    if result.filled is not None:
        out.print(tr(f"riwayat_revisi diisi: {result.filled}",
                     f"riwayat_revisi filled in: {result.filled}"), markup=False)
    if result.perubahan is not None:
        _show_changes(result.perubahan)


def _show_changes(perubahan: Perubahan) -> None:
    """One line per change."""
    out = console()
    lines = perubahan.lines() or [tr("Tidak ada perubahan isi.", "No change of content.")]
    for line in lines:
        out.print(f"  - {line}", markup=False)


def perubahan(
    sop_id: IdArgument,
    dari: Annotated[int | None, typer.Option("--dari", help=tr(
        "Revisi lama; bawaan: revisi sebelum versi baru.",
        "Older revision; default: the revision before the newer one."),
        show_default=False)] = None,
    ke: Annotated[int | None, typer.Option("--ke", help=tr(
        "Revisi baru; bawaan: sumber saat ini bila berbeda dari revisi terakhir.",
        "Newer revision; default: the current source when it differs from the latest."),
        show_default=False)] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help=tr(
        "Tulis Lembar Perubahan (PDF satu halaman) ke berkas ini.",
        "Write the Lembar Perubahan (one-page PDF) to this file."), show_default=False)
    ] = None,
    project: ProjectOption = Path("."),
) -> None:
    """Show what changed between two versions of SOP ID."""
    require_project(project)
    corpus, problems = load_corpus(project)
    resolved = corpus.sop(sop_id)
    found: list[Diagnostic] = []
    if resolved is None:
        show_diagnostics(ordered(problems, strict=False), console())
        hint = did_you_mean(sop_id, [r.sop.id for r in corpus.sops], tr("SOP", "SOPs"))
        raise fail(dg.PUB_UNKNOWN_SOP, EXIT_FAILED, Location(str(project)), id=sop_id, hint=hint)
    pair = version_pair(project, resolved, dari, ke, found)
    if pair is None:
        show_diagnostics(found, console(True))
        raise typer.Exit(EXIT_FAILED)
    older, newer = pair
    changes = compare(older.sop, newer.sop)
    console().print(tr(f"Perubahan {sop_id}: {older.label} → {newer.label}",
                       f"Changes of {sop_id}: {older.label} → {newer.label}"), style="bold",
                    markup=False)
    _show_changes(changes)
    if pdf is not None:
        _write_lembar(pdf, _lembar(resolved, changes, older, newer))
    raise typer.Exit(EXIT_OK)


def _lembar(resolved: ResolvedSOP, changes: Perubahan, older: Version, newer: Version) -> bytes:
    """The Lembar Perubahan PDF from ``older`` to ``newer`` (fpdf loads only when asked)."""
    from sop_docs.publish.changes_pdf import Versi, changes_pdf

    return changes_pdf(dataclasses.replace(resolved, sop=newer.sop), changes,
                       Versi(older.label, older.tanggal), Versi(newer.label, newer.tanggal))


def _write_lembar(path: Path, data: bytes) -> None:
    """Write the Lembar Perubahan (a write failure is an error, not a traceback)."""
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        raise fail(dg.CLI_WRITE_FAILED, EXIT_FAILED, Location(str(path)), path=path,
                   reason=exc.strerror or exc) from None
    console().print(f"Lembar Perubahan: {path}", markup=False)
