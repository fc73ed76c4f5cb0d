"""`sop-docs publish ID`: freeze the current source of an SOP as its next revision.

The SOP must pass `check --strict` (its source, its profile and its archive) and be signed
(not a draft).  The revision number is the next one after the archive's latest (the first
time: the revision the source itself states, usually 0); the source must carry that
revision's ``riwayat_revisi`` entry, or ``--isi-perubahan`` writes one from the computed
changes.  The date is ``--tanggal``, else the date that entry states, else today.

The entry is assembled in a hidden folder next to its place and renamed into place, so a
failure leaves no half entry; an existing revision is never overwritten.  The sheet is
drawn by the registered renderers (the same PDF and DOCX as `sop-docs render`), so the
same source gives byte-identical entries.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from sop_docs import __version__, atomic
from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location, Severity
from sop_docs.i18n import tr
from sop_docs.lint.stage import check_project
from sop_docs.model.build import did_you_mean, load_files
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.sop import StatusSOP
from sop_docs.publish.archive import (
    MANIFEST,
    ArchiveEntry,
    Berkas,
    Manifest,
    changes_name,
    read_archive,
    revision_folder,
    sha256,
    source_name,
)
from sop_docs.publish.changes_pdf import Versi, changes_pdf
from sop_docs.publish.diff import Perubahan, compare
from sop_docs.publish.integrity import archive_problems, riwayat_for, source_revision
from sop_docs.publish.riwayat import add_entry
from sop_docs.publish.versions import archived_sop
from sop_docs.render.registry import FORMATS, RenderJob

ARCHIVED_FORMATS = ("pdf", "docx")


@dataclass
class Publication:
    """What one `publish` did: the new entry (None when refused) and every problem."""

    entry: ArchiveEntry | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    filled: str | None = None  # the riwayat_revisi text written into the source
    perubahan: Perubahan | None = None

    def refuse(self, code: dg.Code, location: Location, **fields: object) -> None:
        """Record why the publication was refused."""
        self.diagnostics.append(dg.make(code, location, **fields))


@dataclass(frozen=True, slots=True)
class _Plan:
    """The revision about to be written."""

    resolved: ResolvedSOP
    corpus: Corpus
    revisi: int
    tanggal: dt.date
    previous: ArchiveEntry | None
    fill: bool  # write the riwayat_revisi entry first


def publish_sop(project: Path, sop_id: str, tanggal: dt.date | None = None,
                fill: bool = False, today: dt.date | None = None) -> Publication:
    """Publish the SOP ``sop_id`` of ``project`` as its next revision (see the module)."""
    result = Publication()
    corpus, problems = check_project(project)
    resolved = _clean_sop(project, corpus, problems, sop_id, result)
    if resolved is None:
        return result
    plan = _plan(project, corpus, resolved, tanggal, today or dt.date.today(), fill, result)
    if plan is None:
        return result
    if plan.previous is not None:
        before = archived_sop(plan.previous)
        result.perubahan = compare(before, resolved.sop) if before is not None else None
    if plan.fill:
        plan = _fill_riwayat(plan, result)
        if plan is None:
            return result
    result.entry = _write_entry(project, plan, result)
    return result


def _clean_sop(project: Path, corpus: Corpus, problems: list[Diagnostic], sop_id: str,
               result: Publication) -> ResolvedSOP | None:
    """The SOP when it passes `check --strict` and is signed; else None, with the reasons."""
    resolved = corpus.sop(sop_id)
    if resolved is None:
        hint = did_you_mean(sop_id, [r.sop.id for r in corpus.sops], tr("SOP", "SOPs"))
        result.diagnostics += [d for d in problems if d.severity is Severity.ERROR]
        result.refuse(dg.PUB_UNKNOWN_SOP, Location(str(project)), id=sop_id, hint=hint)
        return None
    profile = corpus.profile_positions.get(resolved.profil.id)
    files = {resolved.path, profile.path if profile is not None else ""}
    own = [d for d in problems if d.location.path in files]
    own += archive_problems(project, corpus, {sop_id})
    if own:
        result.diagnostics += own
        result.refuse(dg.PUB_NOT_CLEAN, Location(resolved.path), id=sop_id, count=len(own))
        return None
    if resolved.sop.status is StatusSOP.DRAF:
        positions = corpus.positions[sop_id]
        result.refuse(dg.PUB_DRAFT, positions.at(("status",)), id=sop_id)
        return None
    return resolved


def _plan(project: Path, corpus: Corpus, resolved: ResolvedSOP, tanggal: dt.date | None,
          today: dt.date, fill: bool, result: Publication) -> _Plan | None:
    """Number and date of the new revision, or None (with the reason) when it is refused."""
    sop, where = resolved.sop, corpus.positions[resolved.sop.id]
    previous = read_archive(project, {sop.id}).latest(sop.id)
    if previous is not None and previous.source_sha256 == sha256(Path(resolved.path).read_bytes()):
        result.refuse(dg.PUB_UNCHANGED, Location(resolved.path), id=sop.id, revisi=previous.revisi)
        return None
    revisi = previous.revisi + 1 if previous is not None else source_revision(sop)
    if source_revision(sop) > revisi:
        result.refuse(dg.PUB_REVISION_GAP, where.at(("riwayat_revisi",), key=True),
                      revisi=source_revision(sop), next=revisi)
        return None
    entry = riwayat_for(sop, revisi) if revisi > 0 else None
    if revisi > 0 and entry is None and not (fill and previous is not None):
        result.refuse(dg.PUB_NEEDS_RIWAYAT, where.at(("riwayat_revisi",), key=True),
                      revisi=revisi, id=sop.id)
        return None
    written = entry[1].tanggal.as_date() if entry is not None else None
    chosen = tanggal or written or today
    if entry is not None and written is not None and written != chosen:
        result.refuse(dg.PUB_RIWAYAT_DATE, where.at(("riwayat_revisi", entry[0], "tanggal")),
                      revisi=revisi, found=written.isoformat(), tanggal=chosen.isoformat())
        return None
    if previous is not None and chosen < previous.tanggal:
        result.refuse(dg.PUB_DATE_BEFORE, Location(resolved.path), tanggal=chosen.isoformat(),
                      previous=previous.revisi, before=previous.tanggal.isoformat())
        return None
    return _Plan(resolved, corpus, revisi, chosen, previous, revisi > 0 and entry is None)


def _fill_riwayat(plan: _Plan, result: Publication) -> _Plan | None:
    """Write the riwayat_revisi entry of the new revision into the source and load it again."""
    resolved = plan.resolved
    path = Path(resolved.path)
    text = path.read_bytes().decode("utf-8")
    summary = (result.perubahan or Perubahan()).ringkasan()
    changed = add_entry(text, plan.corpus.positions[resolved.sop.id], plan.revisi,
                        plan.tanggal, summary)
    location = plan.corpus.positions[resolved.sop.id].at(("riwayat_revisi",), key=True)
    if changed is None:
        result.refuse(dg.PUB_NEEDS_RIWAYAT, location, revisi=plan.revisi, id=resolved.sop.id)
        return None
    profiles = [Path(p.path) for p in plan.corpus.profile_positions.values()]
    try:
        atomic.write_text(path, changed)
    except OSError as exc:
        result.refuse(dg.CLI_WRITE_FAILED, Location(str(path)), path=path,
                      reason=exc.strerror or exc)
        return None
    corpus, problems = load_files([path], profiles, plan.corpus.settings)
    reloaded = corpus.sop(resolved.sop.id)
    if reloaded is None or any(d.severity is Severity.ERROR for d in problems):
        atomic.write_bytes(path, text.encode("utf-8"))  # leave the author's file as it was
        result.diagnostics += problems
        result.refuse(dg.PUB_NEEDS_RIWAYAT, location, revisi=plan.revisi, id=resolved.sop.id)
        return None
    result.filled = summary
    return replace(plan, resolved=reloaded, fill=False)


def _render(plan: _Plan, folder: Path, result: Publication) -> bool:
    """Draw the archived formats into ``folder``; False when a renderer reported an error."""
    job = RenderJob(plan.resolved, folder, plan.corpus)
    for name in ARCHIVED_FORMATS:
        try:
            FORMATS[name].load()(job)
        except Exception as exc:  # a broken renderer refuses this publication only
            job.diagnostics.append(dg.make(dg.SHT_RENDER_FAILED, Location(plan.resolved.path),
                                           format=name, id=plan.resolved.sop.id,
                                           reason=f"{type(exc).__name__}: {exc}"))
    result.diagnostics += job.diagnostics
    return not any(d.severity is Severity.ERROR for d in job.diagnostics)


def _entry_files(plan: _Plan, result: Publication) -> dict[str, bytes]:
    """The files of the entry besides what the renderers draw: sources, Lembar Perubahan."""
    resolved = plan.resolved
    files = {source_name(resolved.sop.id): Path(resolved.path).read_bytes()}
    profile = plan.corpus.profile_file(resolved.profil.id)
    if profile is not None:
        files[f"profil-{resolved.profil.id}.yaml"] = profile.read_bytes()
    if plan.previous is not None and result.perubahan is not None:
        lama = Versi(f"Revisi {plan.previous.revisi}", plan.previous.tanggal)
        baru = Versi(f"Revisi {plan.revisi}", plan.tanggal)
        files[changes_name(resolved.sop.id)] = changes_pdf(resolved, result.perubahan, lama,
                                                           baru)
    return files


def _manifest(plan: _Plan, folder: Path, result: Publication) -> Manifest:
    """The manifest of the files assembled in ``folder``."""
    sop = plan.resolved.sop
    berkas = {p.name: Berkas(sha256=sha256(data := p.read_bytes()), ukuran=len(data))
              for p in sorted(folder.iterdir()) if p.is_file()}
    riwayat = riwayat_for(sop, plan.revisi)
    return Manifest(
        sop=sop.id, revisi=plan.revisi, tanggal=plan.tanggal, status=sop.status.value,
        nama=sop.nama, nomor=sop.nomor, profil=sop.profil,
        sebelumnya=plan.previous.revisi if plan.previous is not None else None,
        perubahan=result.perubahan, ringkasan=riwayat[1].perubahan if riwayat else "",
        versi_sop_docs=__version__, berkas=berkas)


def _write_entry(project: Path, plan: _Plan, result: Publication) -> ArchiveEntry | None:
    """Assemble the entry in a hidden folder, then rename it into place (never over one)."""
    target = revision_folder(project, plan.resolved.sop.id, plan.revisi)
    temp = target.with_name(f".{target.name}.tmp")
    try:
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        if not _render(plan, temp, result):
            return None
        for name, data in _entry_files(plan, result).items():
            (temp / name).write_bytes(data)
        manifest = _manifest(plan, temp, result)
        (temp / MANIFEST).write_bytes(manifest.to_bytes())
        for path in temp.iterdir():
            path.chmod(0o444)  # a reminder, not a lock: `check` compares the hashes
        if target.exists():
            result.refuse(dg.PUB_EXISTS, Location(str(target)), revisi=plan.revisi,
                          id=plan.resolved.sop.id, path=target)
            return None
        os.rename(temp, target)
    except OSError as exc:
        result.refuse(dg.CLI_WRITE_FAILED, Location(str(target)), path=target,
                      reason=exc.strerror or exc)
        return None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return ArchiveEntry(target, manifest)
