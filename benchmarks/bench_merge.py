"""Merge at scale: the whole `sop-docs kit merge` command on 1,000 distinct returned kits.

Target (issue 16): the command users run (a separate process writing every output: the
verification report, the units' return workbooks and notes, and the rekap DOCX, PDF and
XLSX of each kit) within 10x of the time python-calamine alone takes to read every sheet
of the same 1,000 files, measured in the same run, and under 300 MB peak resident memory
of the merge process (its children included: ``os.wait4`` reports the largest of them).
The verification alone (read, match, fingerprint, verify and recompute every file, in
process) keeps its own row, within 3.5x of calamine: about a third of it is building each
unit's template (cell map and fingerprint), which 1,000 distinct units pay a thousand times
(the earlier 3x was measured on 20 units returned 50 times, where templates were shared).

Times are CPU seconds (user + system; the command's from ``os.wait4``, so its start-up and
imports count), not wall time: on a shared 2-core machine the wall time of a 12-second
process and of a 1-second loop stretch by different factors, while CPU time does not.  Both
are single-threaded, so on an idle machine the two are the same; wall times are in the notes.
The command is the installed ``sop-docs`` script, run in this environment: its bytecode was
compiled when ``make setup`` installed it (as pip does; this machine sets
``PYTHONDONTWRITEBYTECODE``, so a command never writes a bytecode cache of its own).

The inbox: 2 kit definitions x 500 units (every desa of a kabupaten), each unit's kit
generated and filled like a person would (a few left incomplete, so return workbooks are
written too).  Making it takes minutes, so it is kept under ``build/bench-cache/`` and
made again only when the kits generated from these parameters change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import python_calamine
import yaml

from benchmarks.harness import Result, ratio
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.model import Cycle, KitDefinition
from sop_docs.merge.results import Verdict
from sop_docs.merge.run import merge_files, returned_files
from sop_docs.model.profile import Profil
from sop_docs_demo.sample_returns import fill_kit, sample_inputs

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("SOP_DOCS_BENCH_CACHE", ROOT / "build" / "bench-cache"))
CYCLE = Cycle.parse("2026-TW2")
KITS = ("bench-kecamatan-a", "bench-kecamatan-b")
UNITS = 500
INDICATORS = 6
INCOMPLETE_EVERY = 100  # one unit in 100 leaves a realisasi empty (perlu perbaikan)
MEMORY_LIMIT_MB = 300
REPEAT = 3
PROFIL = Profil.model_validate({
    "id": "bench", "pemerintah": "PEMERINTAH KABUPATEN BENCH", "instansi": "DINAS BENCH",
    "alamat": "Jalan Raya Bench No. 1, Bench 12345", "tempat": "Bench",
    "pejabat": [{"id": "kepala", "jabatan": "KEPALA DINAS BENCH", "nama": "KEPALA BENCH",
                 "nip": "19700101 199503 1 001"}]})
_KINDS = (
    {"akumulasi": "kumulatif", "target_tahunan": 100, "target_triwulan": [25, 25, 25, 25],
     "satuan": "dokumen", "desimal": 0},
    {"akumulasi": "posisi_akhir", "target_tahunan": 82, "target_triwulan": [80, 80.5, 81, 82],
     "realisasi": {"TW1": 79.5}},
    {"akumulasi": "rata_rata", "arah": "turun", "target_tahunan": 5,
     "target_triwulan": [6, 5.5, 5, 5], "satuan": "hari", "desimal": 1},
    {"akumulasi": "posisi_akhir", "target_tahunan": {"min": 80, "max": 88}, "batas_atas": 120},
    {"akumulasi": "tahunan", "target_tahunan": 70},
)


def definition(kit: str) -> KitDefinition:
    """One of the two definitions: :data:`UNITS` desa of :data:`INDICATORS` indicators."""
    def unit(u: int) -> dict[str, object]:
        return {
            "id": f"desa-{u:03d}", "nama": f"Pemerintah Desa {kit[-1].upper()}-{u:03d}",
            "penanggung_jawab": {"jabatan": f"Kepala Desa {u:03d}", "nama": f"KADES {u:03d}",
                                 "nip": "19800101 200501 1 001"},
            "indikator": [
                {"id": f"ik-{i}", "sasaran": f"Sasaran pembangunan desa {i // 3 + 1}",
                 "indikator": f"Indikator kinerja desa nomor {i + 1}", "satuan": "%",
                 **_KINDS[i % len(_KINDS)]} for i in range(INDICATORS)],
            "program": [{"id": "prog", "nama": "Program Pembangunan Desa", "kegiatan": [
                {"id": f"keg-{k}", "nama": f"Kegiatan desa {k + 1}", "pagu": 50_000_000.0}
                for k in range(2)]}],
        }

    return KitDefinition.model_validate({
        "id": kit, "profil": "bench", "tahun": 2026, "siklus": [
            {"id": "TW2", "tenggat": "2026-07-10"}], "siklus_berjalan": "TW2",
        "kontak": {"nama": "PENYUSUN BENCH", "jabatan": "Analis Perencanaan"},
        "unit": [unit(u) for u in range(1, UNITS + 1)]})


def _cache_key(definitions: Sequence[KitDefinition]) -> str:
    """Changes when the definitions, the kits generated from them or the filling change:
    the generated bytes of the first and last unit of each kit stand for all (generation is
    deterministic), so code changes that leave the kits as they were keep the inbox."""
    digest = hashlib.sha256()
    for d in definitions:
        digest.update(d.model_dump_json().encode())
        for unit in (d.unit[0], d.unit[-1]):
            digest.update(kit_bytes(d, PROFIL, unit, CYCLE)[0])
            digest.update(repr(sorted(sample_inputs(d, unit, CYCLE).items())).encode())
    digest.update((ROOT / "sop_docs_demo" / "sample_returns.py").read_bytes())
    digest.update(str(INCOMPLETE_EVERY).encode())
    return digest.hexdigest()[:16]


def _write_project(folder: Path, definitions: Sequence[KitDefinition]) -> None:
    """The project the command runs in: settings, the office profile and both definitions,
    written as people write them (block YAML, default values left out)."""
    (folder / "sop_sources" / "profil").mkdir(parents=True, exist_ok=True)
    (folder / "kits").mkdir(exist_ok=True)
    (folder / "sop-docs.yaml").write_text("nama: Bench\n")
    (folder / "sop_sources" / "profil" / "bench.yaml").write_text(
        _yaml(PROFIL.model_dump(mode="json", exclude_none=True)))
    for d in definitions:
        (folder / "kits" / f"{d.id}.yaml").write_text(
            _yaml(d.model_dump(mode="json", exclude_defaults=True)))


def _yaml(data: object) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)


def _write_inbox(folder: Path, definitions: Sequence[KitDefinition]) -> None:
    folder.mkdir(parents=True)
    for d in definitions:
        for number, unit in enumerate(d.unit, start=1):
            inputs = sample_inputs(d, unit, CYCLE)
            if number % INCOMPLETE_EVERY == 0:
                inputs[next(iter(inputs))] = None  # the first realisasi left empty
            data = fill_kit(kit_bytes(d, PROFIL, unit, CYCLE)[0], inputs)
            (folder / f"{d.id} {unit.nama}.xlsx").write_bytes(data)


def prepared() -> Path:
    """The cached project (``project/``) and inbox (``inbox/``), made when missing."""
    definitions = [definition(k) for k in KITS]
    folder = CACHE / f"merge-{_cache_key(definitions)}"
    _write_project(folder / "project", definitions)
    if (folder / "ready").exists():
        return folder
    for old in CACHE.glob("merge-*"):  # an inbox of other kits: made again
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(folder / "inbox", ignore_errors=True)
    _write_inbox(folder / "inbox", definitions)
    (folder / "ready").write_text("ok\n")  # written last: a half-made cache is remade
    return folder


def _calamine(files: Sequence[tuple[Path, str]]) -> None:
    for path, _name in files:
        with python_calamine.CalamineWorkbook.from_path(path) as workbook:
            for sheet in workbook.sheet_names:
                workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _cpu(func: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one call in this process."""
    cpu, wall = time.process_time(), time.perf_counter()
    func()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _command(folder: Path, out: Path) -> tuple[float, float, float]:
    """(CPU ms, wall ms, peak RSS in MB) of one `sop-docs kit merge` of the inbox into
    ``out``, run as users run it: the installed command, a process of its own, in this
    environment."""
    args = [str(Path(sys.executable).with_name("sop-docs")), "kit", "merge", "--cycle",
            CYCLE.id, str(folder / "inbox"), "-o", str(out), "--project",
            str(folder / "project")]
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code not in (0, 3):
        raise RuntimeError(f"kit merge failed ({code}): {process.stderr.read()[-2000:]!r}"
                           if process.stderr else f"kit merge failed ({code})")
    if process.stderr:
        process.stderr.close()
    rekap = list((out / CYCLE.id).glob("*-rekap.pdf"))
    assert len(rekap) == len(KITS), "every kit's rekap PDF is written"
    return (usage.ru_utime + usage.ru_stime) * 1000, seconds * 1000, usage.ru_maxrss / 1024


def _verify(files: Sequence[tuple[Path, str]], definitions: Sequence[KitDefinition]) -> None:
    result = merge_files(files, definitions, CYCLE)
    assert result.count(Verdict.LENGKAP) >= len(files) * 0.95, "the bench inbox merges cleanly"


def run() -> list[Result]:
    folder = prepared()
    files = returned_files(folder / "inbox")
    definitions = [definition(k) for k in KITS]
    _calamine(files)  # warm the page cache and the imports
    base, command, verify, walls, peaks = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-merge-out-") as out:
        _command(folder, Path(out) / "warm-up")  # reads the inbox into the page cache
        for index in range(REPEAT):  # alternately, so both see the same machine load
            base.append(_cpu(lambda: _calamine(files)))
            cpu, wall, peak = _command(folder, Path(out) / str(index))
            command.append(cpu)
            walls.append(wall)
            peaks.append(peak)
            verify.append(_cpu(lambda: _verify(files, definitions))[0])
    calamine = statistics.median(cpu for cpu, _wall in base)
    calamine_wall = statistics.median(wall for _cpu_ms, wall in base)
    whole, checked, wall = (statistics.median(v) for v in (command, verify, walls))
    count, peak = len(files), max(peaks)
    return [
        Result(f"calamine reads {count} kits (baseline, CPU)", calamine, "baseline", True,
               note=f"{calamine / count:.2f} ms/file; wall {calamine_wall / 1000:.1f} s"),
        ratio(f"kit merge command, {count} distinct units (CPU)", whole, "calamine", calamine,
              10.0, note=f"wall {wall / 1000:.1f} s; all outputs (md, json, return files, "
                         "rekap docx/pdf/xlsx)"),
        ratio(f"verification only, {count} units (CPU)", checked, "calamine", calamine, 3.5,
              note=f"{checked / count:.2f} ms/file"),
        Result(f"kit merge command, {count} units: peak memory", peak,
               f"< {MEMORY_LIMIT_MB} MB", peak < MEMORY_LIMIT_MB,
               note=f"peak RSS {peak:.0f} MB incl. children (value column is MB)"),
    ]
