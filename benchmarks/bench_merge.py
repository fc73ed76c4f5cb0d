"""Merge speed: 1,000 returned kits of 50 indicators, verified and recomputed (no rendering).

Target (issue 8): within 3x of the time python-calamine alone takes to read the same files
(every sheet of every file), measured in the same run; peak memory under 300 MB.

The inbox: :data:`UNITS` units' kits, generated and filled like a person would, each
returned :data:`COPIES` times (1,000 files).  Every file is read, matched, fingerprinted and
verified in full; duplicates are only recognised after that, so copies cost as much as
distinct returns.  The cell map of each unit is built inside the timed merge.  Peak memory is
the resident size of a fresh process that runs only the merge (it includes python-calamine's
own allocations, which tracemalloc cannot see).
"""

from __future__ import annotations

import multiprocessing
import resource
import shutil
import statistics
import tempfile
from pathlib import Path

import python_calamine

from benchmarks.bench_kits import CYCLE, INDICATORS, PROFIL, definition
from benchmarks.harness import Result, once_s, ratio
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.model import KitDefinition
from sop_docs.merge.results import Verdict
from sop_docs.merge.run import merge_files, returned_files
from sop_docs.report.samples import fill_kit, sample_inputs

UNITS = 20
COPIES = 50
MEMORY_LIMIT_MB = 300


def _inbox(folder: Path, kits: KitDefinition) -> list[tuple[Path, str]]:
    for unit in kits.unit:
        data = fill_kit(kit_bytes(kits, PROFIL, unit, CYCLE)[0],
                        sample_inputs(kits, unit, CYCLE))
        for copy in range(COPIES):
            (folder / f"{unit.id}-{copy:03d}.xlsx").write_bytes(data)
    return returned_files(folder)


def _calamine(files: list[tuple[Path, str]]) -> None:
    for path, _name in files:
        with python_calamine.CalamineWorkbook.from_path(path) as workbook:
            for sheet in workbook.sheet_names:
                workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _merge(files: list[tuple[Path, str]], kits: KitDefinition) -> None:
    result = merge_files(files, [kits], CYCLE)
    assert result.count(Verdict.LENGKAP) == UNITS, "the bench inbox must merge cleanly"


def _interleaved(files: list[tuple[Path, str]], kits: KitDefinition,
                 repeat: int = 3) -> tuple[float, float]:
    """Median ms of the baseline and of the merge, timed alternately so that both see the
    same machine load (other processes on a shared machine shift both alike)."""
    _calamine(files)  # warm the page cache and the imports
    _merge(files, kits)
    base, merged = [], []
    for _ in range(repeat):
        base.append(once_s(lambda: _calamine(files)) * 1000)
        merged.append(once_s(lambda: _merge(files, kits)) * 1000)
    return statistics.median(base), statistics.median(merged)


def _peak_child(folder: str, queue: multiprocessing.Queue[float]) -> None:
    kits = definition(UNITS)
    _merge(returned_files(Path(folder)), kits)
    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _peak_mb(folder: Path) -> float:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[float] = context.Queue()
    process = context.Process(target=_peak_child, args=(str(folder), queue))
    process.start()
    peak = queue.get(timeout=600)
    process.join()
    return peak


def run() -> list[Result]:
    kits = definition(UNITS)
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        files = _inbox(folder, kits)
        base, merged = _interleaved(files, kits)
        peak = _peak_mb(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    count = len(files)
    return [
        Result(f"calamine reads {count} kits (baseline)", base, "baseline", True,
               note=f"{base / count:.2f} ms/file"),
        ratio(f"merge {count} kits x {INDICATORS} indicators", merged, "calamine", base, 3.0,
              note=f"{merged / count:.2f} ms/file"),
        Result(f"merge {count} kits: peak memory", peak, f"< {MEMORY_LIMIT_MB} MB",
               peak < MEMORY_LIMIT_MB, note=f"peak RSS {peak:.0f} MB (value column is MB)"),
    ]
