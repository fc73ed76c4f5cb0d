"""Make the kits of a cycle: one .xlsx per unit, written atomically, plus a manifest.

``<out>/<cycle>/<cycle>_<kit>_<unit>_Kit-Data-Kinerja.xlsx`` for every unit of every chosen
definition, and ``<out>/<cycle>/kits_manifest.json`` describing them (cycle, deadline, unit
name, file, sha256) for the site's download page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.kits.generate.package import workbook_bytes
from sop_docs.kits.generate.petunjuk import tanggal
from sop_docs.kits.generate.styles import stylesheet
from sop_docs.kits.generate.workbook import build_workbook
from sop_docs.kits.identity import make_identity
from sop_docs.kits.load import KitSet
from sop_docs.kits.model import Cycle, KitDefinition, Unit
from sop_docs.kits.placement import kit_layout
from sop_docs.model.profile import Profil
from sop_docs.pipeline import KITS_MANIFEST

SUFFIX = "Kit-Data-Kinerja.xlsx"


@dataclass(frozen=True, slots=True)
class MadeKit:
    """One kit written: where, for whom, and its identity."""

    path: Path
    kit: str
    unit: str
    nama_unit: str
    cycle: Cycle
    tenggat: str  # ISO date
    sha256: str
    sidik_jari: str


def file_name(definition: KitDefinition, unit: Unit, cycle: Cycle) -> str:
    """``2026-TW1_purwakarta-arsip-2026_bidang-kearsipan_Kit-Data-Kinerja.xlsx``."""
    return f"{cycle.id}_{definition.id}_{unit.id}_{SUFFIX}"


def kit_bytes(definition: KitDefinition, profil: Profil, unit: Unit, cycle: Cycle,
              key: bytes | None = None) -> tuple[bytes, str]:
    """The .xlsx bytes of one kit and its fingerprint."""
    layout = kit_layout(definition, unit, cycle)
    identity = make_identity(layout, key)
    workbook = build_workbook(definition, profil, unit, layout, identity)
    return workbook_bytes(workbook), identity.sidik_jari


@dataclass(frozen=True, slots=True)
class _Job:
    """What every worker needs to write kits (inherited by forked workers, not pickled)."""

    definitions: dict[str, KitDefinition]  # by id, in id order
    profiles: dict[str, Profil]
    tenggat: dict[str, dt.date]  # kit id -> deadline of the cycle
    cycle: Cycle
    folder: Path
    key: bytes | None


@dataclass(frozen=True, slots=True)
class _Written:
    """What writing one kit gave: its task (kit id, unit index), digests or the error."""

    kit: str
    index: int
    sha256: str = ""
    sidik_jari: str = ""
    error: str | None = None


_JOB: _Job  # set by _set_job, in this process and (inherited) in forked workers
PARALLEL_FROM = 16  # kits; below this a process pool costs more than it saves


def _set_job(job: _Job) -> None:
    global _JOB
    _JOB = job


def _write_one(task: tuple[str, int]) -> _Written:
    """Write one kit: (kit id, unit index) of the current job."""
    definition = _JOB.definitions[task[0]]
    unit = definition.unit[task[1]]
    path = _JOB.folder / file_name(definition, unit, _JOB.cycle)
    data, fingerprint = kit_bytes(definition, _JOB.profiles[definition.profil], unit,
                                  _JOB.cycle, _JOB.key)
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        return _Written(*task, error=str(exc.strerror or exc))
    return _Written(*task, hashlib.sha256(data).hexdigest(), fingerprint)


def _workers(count: int) -> int:
    if count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _write_all(job: _Job, workers: int | None) -> list[_Written]:
    """Write every kit of ``job``, on a pool of forked processes when it pays."""
    tasks = [(d.id, i) for d in job.definitions.values() for i in range(len(d.unit))]
    count = workers if workers is not None else _workers(len(tasks))
    _set_job(job)
    if count <= 1:
        return [_write_one(task) for task in tasks]
    stylesheet()  # built once here, inherited by every forked worker
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_set_job,
                             initargs=(job,)) as pool:
        return list(pool.map(_write_one, tasks, chunksize=8))


def _new_job(kit_set: KitSet, definitions: Sequence[KitDefinition], cycle: Cycle,
             folder: Path, key: bytes | None) -> tuple[_Job, list[Diagnostic]]:
    """The job of the definitions that run ``cycle``; the others are reported."""
    tenggat: dict[str, dt.date] = {}
    problems: list[Diagnostic] = []
    for definition in sorted(definitions, key=lambda d: d.id):
        siklus = definition.siklus_of(cycle)
        if siklus is None:
            choices = ", ".join(c.id for c in definition.cycles)
            where = Location(kit_set.paths.get(definition.id, definition.id))
            problems.append(dg.make(dg.KIT_CYCLE_NOT_RUN, where, kit=definition.id,
                                    cycle=cycle.id, choices=choices))
        else:
            tenggat[definition.id] = siklus.tenggat
    chosen = {d.id: d for d in sorted(definitions, key=lambda d: d.id) if d.id in tenggat}
    profiles = {d.profil: kit_set.profil(d) for d in chosen.values()}
    return _Job(chosen, profiles, tenggat, cycle, folder, key), problems


def make_kits(kit_set: KitSet, definitions: Sequence[KitDefinition], cycle: Cycle, out: Path,
              key: bytes | None = None, workers: int | None = None,
              ) -> tuple[list[MadeKit], list[Diagnostic]]:
    """Write the kits of ``definitions`` for ``cycle`` into ``out/<cycle>/`` with the manifest.

    Large batches are spread over one process per core (``workers``; default: automatic).
    A kit that cannot be written is reported and the rest go on; files already there stay
    intact until their replacement is complete.  The output does not depend on the number
    of workers.
    """
    job, problems = _new_job(kit_set, definitions, cycle, out / cycle.id, key)
    made: list[MadeKit] = []
    for written in _write_all(job, workers):
        definition = job.definitions[written.kit]
        unit = definition.unit[written.index]
        path = job.folder / file_name(definition, unit, cycle)
        if written.error is not None:
            problems.append(dg.make(dg.CLI_WRITE_FAILED, Location(str(path)), path=path,
                                    reason=written.error))
            continue
        made.append(MadeKit(path, definition.id, unit.id, unit.nama, cycle,
                            job.tenggat[definition.id].isoformat(), written.sha256,
                            written.sidik_jari))
    if made:
        manifest = job.folder / KITS_MANIFEST
        try:
            atomic.write_text(manifest, manifest_text(job, made))
        except OSError as exc:
            problems.append(dg.make(dg.CLI_WRITE_FAILED, Location(str(manifest)),
                                    path=manifest, reason=exc.strerror or exc))
    return made, problems


def manifest_text(job: _Job, made: Sequence[MadeKit]) -> str:
    """The manifest of one cycle folder as stable JSON (what the site's kits page reads)."""
    entries = []
    for kit in sorted(made, key=lambda k: (k.kit, k.unit)):
        definition = job.definitions[kit.kit]
        profil = job.profiles[definition.profil]
        unit = {u.id: u for u in definition.unit}[kit.unit]
        entries.append({
            "kit": kit.kit,
            "judul": definition.judul,
            "contoh": definition.contoh,
            "profil": profil.id,
            "instansi": profil.instansi,
            "pemerintah": profil.pemerintah,
            "unit": kit.unit,
            "nama_unit": kit.nama_unit,
            "penanggung_jawab": unit.penanggung_jawab.jabatan,
            "tenggat": kit.tenggat,
            "tenggat_teks": tanggal(dt.date.fromisoformat(kit.tenggat)),
            "kontak": definition.kontak.model_dump(),
            "file": kit.path.name,
            "sha256": kit.sha256,
            "sidik_jari": kit.sidik_jari,
        })
    cycle = job.cycle
    document = {"siklus": cycle.id, "label": cycle.label, "kits": entries}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
