"""Atomic outputs: write every file of a run into a temp folder, then move each into place.

A crash before :meth:`OutputBatch.commit` leaves the previous outputs untouched; each file is
moved with ``os.replace`` (atomic on one filesystem), so no reader ever sees half a file.  The
append-only audit log is the one file that grows instead of being replaced.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

# Zip entries get this fixed time so the same inputs give byte-identical .xlsx/.docx files.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


STAGING_PREFIX = ".tmp-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user holds that id
        return True
    return True


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove the staging folders a killed run left in ``out`` (``.tmp-<pid>-...`` of a
    process that no longer runs, or of the older form without a pid); a running merge's
    folder is kept.  Returns the folders removed."""
    removed = []
    for folder in sorted(out.glob(f"{STAGING_PREFIX}*")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        pid_text = folder.name[len(STAGING_PREFIX):].partition("-")[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


class OutputBatch:
    """The files of one run: write them under :meth:`path`, then :meth:`commit` them all."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
        self._files: list[str] = []

    def path(self, relative: str) -> Path:
        """Where to write ``relative`` (a path inside the output folder) before commit."""
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative not in self._files:
            self._files.append(relative)
        return target

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.path(relative).write_bytes(data)

    def write_text(self, relative: str, text: str) -> None:
        self.path(relative).write_bytes(text.encode("utf-8"))

    def commit(self) -> list[Path]:
        """Move every written file into the output folder; return their final paths (sorted)."""
        final: list[Path] = []
        for relative in sorted(self._files):
            source = self.staging / relative
            if not source.exists():
                continue
            target = self.out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(source, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(source, target)
            final.append(target)
        self.abort()
        return final

    def abort(self) -> None:
        """Drop everything written so far (the previous outputs stay as they were)."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.abort()  # after commit this only removes the empty staging folder


def append_audit(log: Path, records: list[dict[str, object]]) -> None:
    """Append one JSON line per record to the audit log, stamped with the time of the run.

    The timestamp lives only here: no other output depends on the clock.
    """
    if not records:
        return
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    lines = "".join(
        json.dumps({"waktu": stamp, **r}, ensure_ascii=False, sort_keys=True) + "\n"
        for r in records
    )
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, lines.encode("utf-8"))  # one write: lines of a run stay together
        os.fsync(fd)
    finally:
        os.close(fd)


def normalise_zip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Re-pack an .xlsx/.docx with fixed entry times and order, for byte-identical outputs;
    ``edit`` (entry name, content) -> content changes entries on the way."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as packed:
        names = source.namelist()
        # [Content_Types].xml first, as Office expects; the rest in their original order.
        for name in sorted(names, key=lambda n: n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            body = source.read(name)
            packed.writestr(info, edit(name, body) if edit is not None else body)
    return target.getvalue()
