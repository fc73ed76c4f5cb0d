"""One merge run as the CLI and the build stage use it: choose, merge, write, summarise.

A quarterly cycle merges a folder of returned kits.  A semester or the year merges a folder
of returned kits of that cycle when one is given, else it is computed from the persisted
quarterly results in the output folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.i18n import tr
from sop_docs.kits.load import KitSet, choose
from sop_docs.kits.model import Cycle, KitDefinition
from sop_docs.merge.period import period_result, quarter_cycles
from sop_docs.merge.results import CycleResult
from sop_docs.merge.run import merge_folder
from sop_docs.report.options import RekapOptions
from sop_docs.report.output import remove_stale_staging
from sop_docs.report.write import load_results, write_outputs

#: How many units a summary line names before it only counts the rest.
_NAMED = 10


@dataclass
class MergeRun:
    """The outcome of one run: the result (None when nothing could be merged), the files
    written and every run-level problem."""

    result: CycleResult | None = None
    paths: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _period_definitions(kit_set: KitSet, cycle: Cycle, wanted: Sequence[str]
                        ) -> tuple[list[KitDefinition], list[Diagnostic]]:
    chosen = [d for d in kit_set.definitions
              if d.tahun == cycle.tahun and (not wanted or d.id in wanted)]
    see = tr("lihat kits/*.yaml", "see kits/*.yaml")
    problems = [dg.make(dg.KIT_UNKNOWN_KIT, Location(k), id=k, hint=see)
                for k in wanted if kit_set.get(k) is None]
    if not chosen:
        problems.append(dg.make(dg.MRG_NO_KIT, Location("kits"), cycle=cycle.id))
    return chosen, problems


def other_kit_problems(kit_set: KitSet) -> list[Diagnostic]:
    """The problems of definitions that did not load, as warnings (MRG026): a merge uses
    only the definitions that loaded, and one it was asked for but could not load fails
    on its own (KIT007)."""
    return [d if d.severity is not dg.Severity.ERROR else dg.make(
                dg.MRG_OTHER_KIT_BROKEN, d.location, message=f"{d.code} {d.message}")
            for d in kit_set.diagnostics]


def attention(run: MergeRun, cycle: Cycle) -> list[Diagnostic]:
    """One warning (MRG025) naming the units of a written rekap that are not lengkap, for
    summaries such as `build`'s (which exits 0 when every output was written)."""
    units = run.result.attention() if run.result is not None else []
    if not units:
        return []
    shown = ", ".join(f"{u.nama} ({u.verdict.value})" for u in units[:_NAMED])
    more = f" +{len(units) - _NAMED}" if len(units) > _NAMED else ""
    return [dg.make(dg.MRG_ATTENTION, Location(f"{cycle.id}/{cycle.id}-verifikasi.md"),
                    cycle=cycle.id, count=len(units), units=shown + more,
                    report=f"{cycle.id}-verifikasi.md")]


def run_merge(kit_set: KitSet, cycle: Cycle, returned: Path | None, out: Path,
              wanted: Sequence[str] = (), options: RekapOptions | None = None,
              key: bytes | None = None) -> MergeRun:
    """Merge ``returned`` (or the persisted quarters, for a semester/the year without a
    folder) for ``cycle`` and write every output under ``out/<cycle>/``.  Staging folders
    a killed run left there are removed first."""
    run = MergeRun()
    options = options or RekapOptions()
    if (out / cycle.id).is_dir():
        remove_stale_staging(out / cycle.id)
    quarterly = cycle.jenis.value.startswith("TW")
    if returned is None and quarterly:
        run.problems.append(dg.make(dg.SRC_NOT_FOUND, Location("RETURNED_DIR"),
                                    path="RETURNED_DIR (folder kit kembali)"))
        return run
    if returned is not None and not returned.is_dir():
        run.problems.append(dg.make(dg.SRC_NOT_FOUND, Location(str(returned)), path=returned))
        return run
    if returned is not None:
        definitions, problems = choose(kit_set, cycle, wanted)
        run.problems.extend(problems)
        if not definitions:
            if not problems:
                run.problems.append(dg.make(dg.MRG_NO_KIT, Location("kits"), cycle=cycle.id))
            return run
        run.result = merge_folder(returned, definitions, cycle, key)
    else:
        definitions, problems = _period_definitions(kit_set, cycle, wanted)
        run.problems.extend(problems)
        if not definitions:
            return run
        run.result = period_result(definitions, cycle,
                                   load_results(out, quarter_cycles(cycle)))
    run.paths = write_outputs(run.result, kit_set, out, returned, options)
    return run
