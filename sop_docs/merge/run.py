"""The merge of one cycle: every file of the returned folder -> one verdict per unit.

The whole pipeline in one readable place: list the folder, read each file safely, match it
by identity, verify and recompute it, then choose one return per unit (duplicates count
once, a later sign-off date supersedes, equal dates conflict) and give every unit of every
kit its verdict.  Nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sop_docs.diagnostics import (
    MRG_CONFLICT,
    MRG_DUPLICATE,
    MRG_NOT_RETURNED,
    MRG_SUPERSEDED,
    RET_UNREADABLE,
    Code,
    Diagnostic,
    Location,
    Severity,
    make,
)
from sop_docs.i18n import Language
from sop_docs.kits.model import Cycle, KitDefinition, Unit
from sop_docs.merge.match import Match, Matcher
from sop_docs.merge.results import (
    CycleResult,
    FileRecord,
    FileStatus,
    Problem,
    UnitResult,
    Verdict,
)
from sop_docs.merge.verify import Reading, known_rows, verify
from sop_docs.returns.intake import Intake, open_returned

#: Allocations between two young-generation collections while reading (default 700).
GC_THRESHOLD = 20_000
#: Files office software leaves next to an open workbook; never a return.
_LOCK_PREFIXES = ("~$", ".~lock.")


@dataclass
class Returned:
    """One file after reading, matching and verification."""

    record: FileRecord
    problems: list[Diagnostic]
    reading: Reading | None
    unit_key: tuple[str, str] | None  # (kit, unit) when the identity names a known unit


def returned_files(folder: Path) -> list[tuple[Path, str]]:
    """Every entry under ``folder`` that could be a return (any name, any extension) with
    its display name.  Links are listed, never followed: a linked folder is not entered,
    and reading refuses every link and special file (RET018, RET019), so nothing outside
    the folder is opened."""
    found = []
    for root, folders, files in os.walk(folder, followlinks=False):
        base = Path(root)
        linked = [name for name in folders if (base / name).is_symlink()]
        folders[:] = [name for name in folders if name not in linked]
        for entry in (*files, *linked):
            if not entry.startswith(_LOCK_PREFIXES):
                path = base / entry
                name = path.relative_to(folder).as_posix()
                # a name that is not UTF-8 (copied from an old zip or disk) shows U+FFFD
                shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                found.append((path, shown))
    return sorted(found)


def problem(d: Diagnostic) -> Problem:
    """A diagnostic in its persisted form."""
    # model_construct: built from a checked Diagnostic, validation would only cost time;
    # the notes and reports go to the offices, so they are Indonesian whatever --lang says
    message, hint = d.in_language(Language.ID)
    return Problem.model_construct(code=d.code, severity=d.severity.value, file=d.location.path,
                                   cell=d.location.cell, message=message, hint=hint)


def _has_error(problems: Sequence[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in problems)


def _check(intake: Intake, matcher: Matcher, problems: list[Diagnostic]
           ) -> tuple[Match | None, Reading | None]:
    """Match and verify a readable intake, adding every problem found to ``problems``."""
    try:
        found = matcher.match(intake)
        problems.extend(found.problems)
        if not found.accepted or found.definition is None or found.layout is None:
            return found, None
        targets = matcher.targets(found.definition, found.layout.unit_id)
        reading = verify(intake, found.definition, found.layout, targets)
        problems.extend(reading.diagnostics)
        return found, reading
    except Exception as exc:  # a file no check foresaw must not stop the batch
        problems.append(make(RET_UNREADABLE, Location(intake.name),
                             reason=f"{type(exc).__name__}: {exc}"[:200]))
        return None, None


def read_one(path: Path, name: str, matcher: Matcher) -> Returned:
    """Read, match and verify one file; never raises for bad content."""
    with open_returned(path, name) as intake:
        problems = list(intake.diagnostics)
        found, reading = _check(intake, matcher, problems) if intake.readable else (None, None)
        identity = found.identity if found is not None else None
        if reading is None:
            verdict, status = Verdict.DITOLAK, FileStatus.DITOLAK
        else:
            verdict = Verdict.PERBAIKAN if _has_error(problems) else Verdict.LENGKAP
            status = FileStatus.DIPAKAI
        known_unit = (found is not None and found.definition is not None and identity is not None
                      and found.definition.unit_by_id(identity.unit) is not None)
        record = FileRecord.model_construct(
            name=name, sha256=intake.sha256, size=intake.size, format=intake.kind.value,
            application=intake.application,
            kit=identity.kit if identity else None, unit=identity.unit if identity else None,
            cycle=identity.siklus if identity else None,
            schema_version=identity.versi_skema if identity else None,
            status=status, verdict=verdict, problems=tuple(problem(d) for d in problems),
        )
    unit_key = (identity.kit, identity.unit) if known_unit and identity is not None else None
    return Returned(record, problems, reading, unit_key)


def _with(record: FileRecord, status: FileStatus, code: Code, **fields: object) -> FileRecord:
    note = problem(make(code, Location(record.name), **fields))
    return record.model_copy(update={"status": status, "problems": (*record.problems, note)})


def _choose(unit_files: list[Returned]) -> tuple[Returned | None, list[Diagnostic]]:
    """Pick the return to use among a unit's verified files; mark the others in place.

    Identical content counts once; the latest sign-off date wins; two different returns
    sharing the latest date are a conflict (none is used).
    """
    usable = sorted(((f, f.reading) for f in unit_files if f.reading is not None),
                    key=lambda pair: pair[0].record.name)
    distinct: dict[str, Returned] = {}
    for item, reading in usable:
        first = distinct.setdefault(reading.content_key, item)
        if first is not item:
            item.record = _with(item.record, FileStatus.DUPLIKAT, MRG_DUPLICATE,
                                other=first.record.name)
    if not distinct:
        return None, []

    def date_of(item: Returned) -> dt.date:
        tanggal = item.reading.tanggal if item.reading is not None else None
        return tanggal or dt.date.min

    ordered = sorted(distinct.values(), key=lambda f: (date_of(f), f.record.name))
    latest = ordered[-1]
    tied = [f for f in ordered if date_of(f) == date_of(latest)]
    if len(tied) > 1:
        shown = date_of(latest).isoformat() if date_of(latest) != dt.date.min else "kosong"
        notes = []
        for item in tied:
            others = ", ".join(f.record.name for f in tied if f is not item)
            item.record = _with(item.record, FileStatus.KONFLIK, MRG_CONFLICT,
                                date=shown, other=others)
            notes.append(make(MRG_CONFLICT, Location(item.record.name), date=shown,
                              other=others))
        return None, notes[:1]
    for item in ordered[:-1]:
        item.record = _with(item.record, FileStatus.DIGANTIKAN, MRG_SUPERSEDED,
                            other=latest.record.name, date=date_of(latest).isoformat())
    return latest, []


def _unit_result(definition: KitDefinition, unit: Unit, cycle: Cycle,
                 unit_files: list[Returned]) -> UnitResult:
    chosen, conflict = _choose(unit_files)
    base = {"kit": definition.id, "unit": unit.id, "nama": unit.nama,
            "penanggung_jawab": unit.penanggung_jawab.nama}
    if chosen is not None and chosen.reading is not None:
        return UnitResult(
            **base, verdict=chosen.record.verdict, file=chosen.record.name,
            problems=tuple(problem(d) for d in chosen.problems),
            indikator=tuple(chosen.reading.indikator), kegiatan=tuple(chosen.reading.kegiatan),
            pengesahan=chosen.reading.pengesahan,
        )
    indikator, kegiatan = known_rows(definition, unit, cycle.sampai)
    if conflict:
        return UnitResult(**base, verdict=Verdict.PERBAIKAN,
                          problems=tuple(problem(d) for d in conflict),
                          indikator=tuple(indikator), kegiatan=tuple(kegiatan))
    if unit_files:
        problems = [p for f in unit_files for p in f.record.problems]
        return UnitResult(**base, verdict=Verdict.DITOLAK, file=unit_files[0].record.name,
                          problems=tuple(problems), indikator=tuple(indikator),
                          kegiatan=tuple(kegiatan))
    siklus = definition.siklus_of(cycle)
    deadline = siklus.tenggat.isoformat() if siklus else "-"
    missing = make(MRG_NOT_RETURNED, Location(f"{definition.id}/{unit.id}"), deadline=deadline)
    return UnitResult(**base, verdict=Verdict.BELUM, problems=(problem(missing),),
                      indikator=tuple(indikator), kegiatan=tuple(kegiatan))


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the garbage collector less often while files are read: each file makes
    hundreds of short-lived objects (its cell map, rows), and with the default thresholds
    the collector scans the loaded definitions over and over (a fifth of the time of a
    1,000-unit merge).  Young objects are still collected, after 20,000 allocations instead
    of 700; measured on a 1,000-unit inbox, the peak memory does not change."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def merge_files(files: Sequence[tuple[Path, str]], definitions: Sequence[KitDefinition],
                cycle: Cycle, key: bytes | None = None) -> CycleResult:
    """Merge ``files`` (path, display name) for ``cycle`` against ``definitions``."""
    by_id = {d.id: d for d in definitions if d.siklus_of(cycle) is not None}
    matcher = Matcher(by_id, cycle, key)
    with _fewer_collections():
        returned = [read_one(path, name, matcher) for path, name in files]
    per_unit: dict[tuple[str, str], list[Returned]] = {}
    for item in returned:
        if item.unit_key is not None:
            per_unit.setdefault(item.unit_key, []).append(item)
    units = [
        _unit_result(definition, unit, cycle, per_unit.get((definition.id, unit.id), []))
        for definition in sorted(by_id.values(), key=lambda d: d.id)
        for unit in definition.unit
    ]
    return CycleResult(cycle=cycle.id, label=cycle.label, kits=tuple(sorted(by_id)),
                       units=tuple(units), files=tuple(r.record for r in returned))


def merge_folder(folder: Path, definitions: Sequence[KitDefinition], cycle: Cycle,
                 key: bytes | None = None) -> CycleResult:
    """Merge every file under ``folder``; the folder is only read."""
    return merge_files(returned_files(folder), definitions, cycle, key)
