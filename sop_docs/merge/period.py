"""Semester and annual rekap from the persisted quarterly merges, by each indicator's rule.

A ``2026-S1`` rekap takes TW I and TW II realisasi from the ``2026-TW1`` and ``2026-TW2``
results (each quarter's figure from its own cycle's merge, falling back to a later quarter's
merge whose kit carried it), and accumulates them with :mod:`sop_docs.kits.capaian` exactly
like a kit of that period would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sop_docs.diagnostics import MRG_QUARTER_MISSING, MRG_QUARTER_STATUS, Location, make
from sop_docs.kits.model import QUARTERS, Cycle, JenisSiklus, KitDefinition, Unit
from sop_docs.merge.results import CycleResult, Problem, UnitResult, Verdict
from sop_docs.merge.run import problem
from sop_docs.merge.verify import indikator_row, kegiatan_row

_SEVERITY_ORDER = (Verdict.LENGKAP, Verdict.PERBAIKAN, Verdict.DITOLAK, Verdict.BELUM)


def quarter_cycles(cycle: Cycle) -> tuple[Cycle, ...]:
    """The quarterly cycles a period is built from (TW1..TW``sampai``)."""
    return tuple(Cycle(cycle.tahun, JenisSiklus(f"TW{q}")) for q in range(1, cycle.sampai + 1))


def _quarter_value(results: Mapping[str, CycleResult], cycle: Cycle, kit: str, unit: str,
                   q: int, pick: str, index: int) -> float | None:
    """Quarter ``q``'s value of row ``index`` (``pick``: 'indikator'/'kegiatan'), taken
    from the merge of TW``q`` first, then from later quarters' merges."""
    for later in range(q, 5):
        result = results.get(Cycle(cycle.tahun, JenisSiklus(f"TW{later}")).id)
        found = _unit(result, kit, unit) if result is not None else None
        if found is None or found.verdict in (Verdict.BELUM, Verdict.DITOLAK):
            continue
        rows = found.indikator if pick == "indikator" else found.kegiatan
        if index < len(rows) and rows[index].realisasi_triwulan[q - 1] is not None:
            return rows[index].realisasi_triwulan[q - 1]
    return None


def _unit(result: CycleResult, kit: str, unit: str) -> UnitResult | None:
    return next((u for u in result.units if u.kit == kit and u.unit == unit), None)


def _quarter_status(definition: KitDefinition, unit: Unit, cycle: Cycle,
                    results: Mapping[str, CycleResult]) -> tuple[list[Verdict], list[Problem]]:
    """The unit's verdict in each quarter of the period, and a problem for each quarter
    not merged yet or not lengkap."""
    problems: list[Problem] = []
    verdicts: list[Verdict] = []
    where = Location(f"{definition.id}/{unit.id}")
    for source in quarter_cycles(cycle):
        result = results.get(source.id)
        found = _unit(result, definition.id, unit.id) if result is not None else None
        verdict = found.verdict if found is not None else Verdict.BELUM
        verdicts.append(verdict)
        if result is None:
            problems.append(problem(make(MRG_QUARTER_MISSING, where, cycle=source.id,
                                         target=cycle.id)))
        elif verdict is not Verdict.LENGKAP:
            problems.append(problem(make(MRG_QUARTER_STATUS, where, cycle=source.id,
                                         verdict=verdict.value)))
    return verdicts, problems


def _period_unit(definition: KitDefinition, unit: Unit, cycle: Cycle,
                 results: Mapping[str, CycleResult]) -> UnitResult:
    verdicts, problems = _quarter_status(definition, unit, cycle, results)

    def quarters(known: Callable[[int], float | None], pick: str, index: int
                 ) -> list[float | None]:
        """Row ``index``'s four quarters: known ones, else those its quarters' merges found."""
        values = [known(q) for q in QUARTERS]
        for q in range(1, cycle.sampai + 1):
            if values[q - 1] is None:
                values[q - 1] = _quarter_value(results, cycle, definition.id, unit.id, q,
                                               pick, index)
        return values

    indikator = [indikator_row(definition, ind,
                               quarters(ind.realisasi_diketahui, "indikator", index),
                               cycle.sampai)
                 for index, ind in enumerate(unit.indikator)]
    flat = [(p.nama, k) for p in unit.program for k in p.kegiatan]
    kegiatan = [kegiatan_row(program, keg, quarters(keg.realisasi_diketahui, "kegiatan", index),
                             cycle.sampai)
                for index, (program, keg) in enumerate(flat)]
    worst = max(verdicts, key=_SEVERITY_ORDER.index)
    return UnitResult(kit=definition.id, unit=unit.id, nama=unit.nama,
                      penanggung_jawab=unit.penanggung_jawab.nama, verdict=worst,
                      problems=tuple(problems), indikator=tuple(indikator),
                      kegiatan=tuple(kegiatan))


def period_result(definitions: list[KitDefinition], cycle: Cycle,
                  results: Mapping[str, CycleResult]) -> CycleResult:
    """The rekap of a semester / the year from the quarterly ``results`` (cycle id -> result)."""
    kits = sorted((d for d in definitions if d.tahun == cycle.tahun), key=lambda d: d.id)
    units = [_period_unit(d, u, cycle, results) for d in kits for u in d.unit]
    used = tuple(c.id for c in quarter_cycles(cycle) if c.id in results)
    return CycleResult(cycle=cycle.id, label=cycle.label, kits=tuple(d.id for d in kits),
                       units=tuple(units), files=(), sources=used)
