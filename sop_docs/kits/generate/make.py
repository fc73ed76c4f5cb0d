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
from sop_docs.build import KITS_MANIFEST
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.kits.generate.package import workbook_bytes
from sop_docs.kits.generate.petunjuk import tanggal
from sop_docs.kits.generate.styles import stylesheet
from sop_docs.kits.generate.workbook import build_workbook
from sop_docs.kits.identity import make_identity
from sop_docs.kits.load import KitSet
from sop_docs.kits.model import Cycle, KitDefinition, Unit
from sop_docs.kits.placement import kit_layout
from sop_docs.model.build import did_you_mean
from sop_docs.model.profile import Profil

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


def choose(kit_set: KitSet, cycle: Cycle, wanted: Sequence[str] = ()
           ) -> tuple[list[KitDefinition], list[Diagnostic]]:
    """The definitions to make for ``cycle``: those named (each must run the cycle), or every
    definition that runs it."""
    problems: list[Diagnostic] = []
    if not wanted:
        chosen = [d for d in kit_set.definitions if d.siklus_of(cycle) is not None]
        if not chosen and kit_set.definitions:
            problems.append(dg.make(dg.KIT_CYCLE_NOT_RUN, Location("kits"), kit="(any)",
                                    cycle=cycle.id, choices=_all_cycles(kit_set)))
        return chosen, problems
    chosen = []
    for kit_id in dict.fromkeys(wanted):
        definition = kit_set.get(kit_id)
        if definition is None:
            hint = did_you_mean(kit_id, [d.id for d in kit_set.definitions], "kits")
            problems.append(dg.make(dg.KIT_UNKNOWN_KIT, Location(kit_id), id=kit_id, hint=hint))
        elif definition.siklus_of(cycle) is None:
            where = Location(kit_set.paths.get(kit_id, kit_id))
            choices = ", ".join(c.id for c in definition.cycles)
            problems.append(dg.make(dg.KIT_CYCLE_NOT_RUN, where, kit=kit_id, cycle=cycle.id,
                                    choices=choices))
        else:
            chosen.append(definition)
    return chosen, problems


def _all_cycles(kit_set: KitSet) -> str:
    return ", ".join(sorted({c.id for d in kit_set.definitions for c in d.cycles}))


@dataclass(frozen=True, slots=True)
class _Job:
    """What every worker needs to write kits (inherited by forked workers, not pickled)."""

    definitions: dict[str, KitDefinition]
    profiles: dict[str, Profil]
    cycle: Cycle
    folder: Path
    key: bytes | None


_JOB: _Job | None = None
PARALLEL_FROM = 16  # kits; below this a process pool costs more than it saves


def _set_job(job: _Job) -> None:
    global _JOB
    _JOB = job


def _write_one(task: tuple[str, int]) -> tuple[str, int, str, str, str | None]:
    """Write one kit: (kit id, unit index) -> (kit, unit, sha256, fingerprint, error)."""
    assert _JOB is not None
    definition = _JOB.definitions[task[0]]
    unit = definition.unit[task[1]]
    path = _JOB.folder / file_name(definition, unit, _JOB.cycle)
    data, fingerprint = kit_bytes(definition, _JOB.profiles[definition.profil], unit,
                                  _JOB.cycle, _JOB.key)
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        return task[0], task[1], "", "", str(exc.strerror or exc)
    return task[0], task[1], hashlib.sha256(data).hexdigest(), fingerprint, None


def _workers(count: int) -> int:
    if count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def make_kits(kit_set: KitSet, definitions: Sequence[KitDefinition], cycle: Cycle, out: Path,
              key: bytes | None = None, workers: int | None = None,
              ) -> tuple[list[MadeKit], list[Diagnostic]]:
    """Write the kits of ``definitions`` for ``cycle`` into ``out/<cycle>/`` with the manifest.

    Large batches are spread over one process per core (``workers``; default: automatic).
    A kit that cannot be written is reported and the rest go on; files already there stay
    intact until their replacement is complete.  The output does not depend on the number
    of workers.
    """
    chosen = sorted(definitions, key=lambda d: d.id)
    folder = out / cycle.id
    job = _Job({d.id: d for d in chosen}, {d.profil: kit_set.profil(d) for d in chosen},
               cycle, folder, key)
    tasks = [(d.id, i) for d in chosen for i in range(len(d.unit))]
    count = workers if workers is not None else _workers(len(tasks))
    _set_job(job)
    if count > 1:
        stylesheet()  # built once here, inherited by every forked worker
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context, initializer=_set_job,
                                 initargs=(job,)) as pool:
            results = list(pool.map(_write_one, tasks, chunksize=8))
    else:
        results = [_write_one(task) for task in tasks]
    made: list[MadeKit] = []
    problems: list[Diagnostic] = []
    for kit_id, index, digest, fingerprint, error in results:
        definition = job.definitions[kit_id]
        unit = definition.unit[index]
        path = folder / file_name(definition, unit, cycle)
        if error is not None:
            problems.append(dg.make(dg.CLI_WRITE_FAILED, Location(str(path)), path=path,
                                    reason=error))
            continue
        siklus = definition.siklus_of(cycle)
        assert siklus is not None  # chosen definitions run the cycle
        made.append(MadeKit(path, kit_id, unit.id, unit.nama, cycle, siklus.tenggat.isoformat(),
                            digest, fingerprint))
    if made:
        try:
            atomic.write_text(folder / KITS_MANIFEST, manifest_text(kit_set, made, cycle))
        except OSError as exc:
            problems.append(dg.make(dg.CLI_WRITE_FAILED, Location(str(folder / KITS_MANIFEST)),
                                    path=folder / KITS_MANIFEST, reason=exc.strerror or exc))
    return made, problems


def manifest_text(kit_set: KitSet, made: Sequence[MadeKit], cycle: Cycle) -> str:
    """The manifest of one cycle folder as stable JSON (what the site's kits page reads)."""
    entries = []
    for kit in sorted(made, key=lambda k: (k.kit, k.unit)):
        definition = kit_set.get(kit.kit)
        assert definition is not None
        profil = kit_set.profil(definition)
        unit = definition.unit_by_id(kit.unit)
        assert unit is not None
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
    document = {"siklus": cycle.id, "label": cycle.label, "kits": entries}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
