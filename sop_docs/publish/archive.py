"""The archive of published revisions: plain files inside the project, one folder each.

Layout (``arsip/`` at the project root, next to ``sop_sources/``)::

    arsip/<sop id>/rev-<n>/
        <sop id>.yaml            the SOP source exactly as published
        profil-<profil>.yaml     its office profile as published (signatory, NIP, office)
        <sop id>.pdf             the official sheet (PDF/A-2b)
        <sop id>.docx            the sheet as a Word document
        <sop id>-perubahan.pdf   Lembar Perubahan: what changed from the previous revision
                                 (every revision but the first)
        manifest.json            revision, date, status, the changes, sha256 and size of
                                 every other file (sorted keys)

An entry is never rewritten: publishing refuses an existing revision, and `check` reports a
file whose bytes no longer match its manifest.  Everything here is plain files an office can
back up or commit; nothing needs git.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.publish.diff import Perubahan

ARCHIVE_FOLDER = "arsip"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
_REVISION_RE = re.compile(r"^rev-(0|[1-9][0-9]{0,5})$")


def revision_folder(project: Path, sop_id: str, revisi: int) -> Path:
    """The folder of one archived revision."""
    return project / ARCHIVE_FOLDER / sop_id / f"rev-{revisi}"


def source_name(sop_id: str) -> str:
    """File name of the archived SOP source."""
    return f"{sop_id}.yaml"


def changes_name(sop_id: str) -> str:
    """File name of the archived Lembar Perubahan."""
    return f"{sop_id}-perubahan.pdf"


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class Berkas(BaseModel):
    """One archived file's fingerprint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    ukuran: int = Field(ge=0)


class Manifest(BaseModel):
    """``manifest.json`` of one archived revision."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = MANIFEST_FORMAT
    sop: str
    revisi: int = Field(ge=0)
    tanggal: dt.date
    status: str
    nama: str
    nomor: str
    profil: str
    sebelumnya: int | None = Field(None, description="the revision the changes are from")
    perubahan: Perubahan | None = None
    ringkasan: str = ""
    versi_sop_docs: str
    berkas: dict[str, Berkas]

    def to_bytes(self) -> bytes:
        """The manifest file: sorted keys, one key per line, UTF-8."""
        data = self.model_dump(mode="json")
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    """One archived revision as read back: its folder and manifest."""

    folder: Path
    manifest: Manifest

    @property
    def revisi(self) -> int:
        """The revision number."""
        return self.manifest.revisi

    @property
    def tanggal(self) -> dt.date:
        """The date the revision came into force."""
        return self.manifest.tanggal

    def path(self, name: str) -> Path:
        """An archived file of this entry."""
        return self.folder / name

    @property
    def source(self) -> Path:
        """The archived SOP source."""
        return self.path(source_name(self.manifest.sop))

    @property
    def source_sha256(self) -> str | None:
        """The recorded hash of the archived source (compared with the current source)."""
        found = self.manifest.berkas.get(source_name(self.manifest.sop))
        return found.sha256 if found is not None else None


@dataclass
class Archive:
    """Every readable entry of a project's archive, by SOP id and in revision order, and
    the problems met while reading it (an unreadable manifest, a misnamed folder)."""

    root: Path
    entries: dict[str, list[ArchiveEntry]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def of(self, sop_id: str) -> list[ArchiveEntry]:
        """The entries of one SOP, oldest first (empty when it was never published)."""
        return self.entries.get(sop_id, [])

    def latest(self, sop_id: str) -> ArchiveEntry | None:
        """The newest revision of one SOP, if any."""
        found = self.of(sop_id)
        return found[-1] if found else None


def read_archive(project: Path, sop_ids: set[str] | None = None) -> Archive:
    """Read ``<project>/arsip`` (only the SOPs in ``sop_ids`` when given)."""
    archive = Archive(project / ARCHIVE_FOLDER)
    if not archive.root.is_dir():
        return archive
    for folder in sorted(p for p in archive.root.iterdir() if p.is_dir()):
        if folder.name.startswith(".") or (sop_ids is not None and folder.name not in sop_ids):
            continue
        entries = [e for rev in _revision_folders(folder, archive.problems)
                   if (e := _read_entry(rev, folder.name, archive.problems)) is not None]
        if entries:
            archive.entries[folder.name] = sorted(entries, key=lambda e: e.revisi)
    return archive


def _revision_folders(folder: Path, problems: list[Diagnostic]) -> list[Path]:
    """The ``rev-<n>`` folders of one SOP; anything else there is reported."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # a publication in progress, or a file manager's own file
        if path.is_dir() and _REVISION_RE.match(path.name):
            found.append(path)
        else:
            problems.append(dg.make(dg.PUB_STRAY, Location(str(path)), path=path))
    return found


def _read_entry(folder: Path, sop_id: str, problems: list[Diagnostic]) -> ArchiveEntry | None:
    """One revision's manifest, validated and checked against where it is filed."""
    path = folder / MANIFEST
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except OSError as exc:
        problems.append(dg.make(dg.PUB_MANIFEST, Location(str(path)), path=path,
                                reason=exc.strerror or exc))
        return None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "manifest"
        problems.append(dg.make(dg.PUB_MANIFEST, Location(str(path)), path=path,
                                reason=f"{where}: {first['msg']}"))
        return None
    expected = int(folder.name.removeprefix("rev-"))
    if manifest.sop != sop_id or manifest.revisi != expected:
        problems.append(dg.make(dg.PUB_MISFILED, Location(str(path)), sop=manifest.sop,
                                revisi=manifest.revisi, folder=f"{sop_id}/{folder.name}"))
        return None
    return ArchiveEntry(folder, manifest)
