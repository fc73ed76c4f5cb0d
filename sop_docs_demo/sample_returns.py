"""Sample returned kits for the demo build, made from real generated kits, filled in.

Run once and commit the result (``make demo`` merges them; nothing is generated at build)::

    .venv/bin/python -m sop_docs_demo.sample_returns       # writes kits/contoh-kembali/<cycle>/

For each kit definition's current cycle it writes what a compiler's inbox holds: units'
kits filled in (figures derived from the targets, clearly sample data), one re-saved
through LibreOffice, one incomplete (an empty realisasi and a number typed as text), one
sent twice (identical copies), one sent again later with a correction (supersedes the first),
and the last unit's kit missing.  :func:`fill_kit` is also what the tests use to fill kits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook

from sop_docs.kits.cells import CellRef
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.load import KitSet, load_kit_set
from sop_docs.kits.model import Cycle, KitDefinition, Rentang, Unit
from sop_docs.kits.placement import kit_layout
from sop_docs.model.build import load_settings
from sop_docs.pipeline import SAMPLES_FOLDER
from sop_docs.report.pdf import soffice

CellEdits = Mapping[CellRef, object]


def _factor(*parts: str) -> float:
    """A stable factor in 0.80..1.10 for sample figures (same ids, same figure)."""
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return 0.80 + (digest[0] % 31) / 100


def sample_inputs(definition: KitDefinition, unit: Unit, cycle: Cycle,
                  signed: dt.date | None = None) -> dict[CellRef, object]:
    """A complete, plausible set of inputs for ``unit``'s kit: cell -> value."""
    layout = kit_layout(definition, unit, cycle)
    values: dict[CellRef, object] = {}
    by_id = {i.id: i for i in unit.indikator}
    for row in layout.indikator:
        ind = by_id[row.indikator_id]
        for q in row.isian:
            target = ind.target_kuartal(q)
            base = target.max if isinstance(target, Rentang) else float(target)
            value = round(base * _factor(unit.id, ind.id, str(q)), ind.desimal)
            values[row.realisasi[q - 1]] = value if base else float(q)
        values[row.kendala] = "Data pendukung terlambat diterima dari desa (contoh)"
        values[row.tindak_lanjut] = "Koordinasi ulang dan pendampingan (contoh)"
        values[row.bukti_dukung] = definition.pilihan_bukti_dukung[0]
    pagu = {(p.id, k.id): k.pagu for p in unit.program for k in p.kegiatan}
    for keg in layout.kegiatan:
        for q in keg.isian:
            share = 0.2 * _factor(unit.id, keg.kegiatan_id, str(q))
            values[keg.realisasi[q - 1]] = round(pagu[(keg.program_id, keg.kegiatan_id)] * share)
    pj = unit.penanggung_jawab
    siklus = definition.siklus_of(cycle)
    date = signed or (siklus.tenggat - dt.timedelta(days=5) if siklus else dt.date(
        cycle.tahun, 1, 1))
    sign = layout.pengesahan
    values.update({sign.nama: pj.nama, sign.nip: pj.nip or "-", sign.jabatan: pj.jabatan,
                   sign.pangkat: pj.pangkat, sign.tempat: "Kantor", sign.tanggal: date})
    return values


def fill_kit(data: bytes, edits: CellEdits) -> bytes:
    """The kit ``data`` with ``edits`` written into its cells (None clears a cell), saved by
    openpyxl as a person's spreadsheet program would save their entries."""
    workbook = load_workbook(io.BytesIO(data))
    for ref, value in edits.items():
        workbook[ref.sheet][ref.coord] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def resave_with_libreoffice(files: list[Path], fmt: str = "xlsx") -> dict[Path, Path]:
    """Re-save ``files`` through LibreOffice Calc in one call (``fmt``: xlsx, ods, xls);
    returns original -> converted file (in a temporary folder the caller removes)."""
    program = soffice()
    if program is None or not files:
        return {}
    out = Path(tempfile.mkdtemp(prefix="sop-docs-resave-"))
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "xls": "xls:MS Excel 97"}
    with tempfile.TemporaryDirectory(prefix="sop-docs-lo-") as profile:
        subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--norestore", "--convert-to", filters[fmt], "--outdir", str(out),
                        *map(str, files)], check=False, capture_output=True, timeout=300)
    made = {f: out / f"{f.stem}.{fmt}" for f in files}
    return {f: p for f, p in made.items() if p.exists()}


def write_samples(kit_set: KitSet, folder: Path) -> list[Path]:
    """Write the sample inbox of every definition's current cycle under ``folder``."""
    written: list[Path] = []
    for definition in kit_set.definitions:
        cycle = definition.current_cycle
        siklus = definition.siklus_of(cycle)
        if siklus is None:
            continue  # the loader reports a current cycle the definition does not run
        target = folder / cycle.id
        target.mkdir(parents=True, exist_ok=True)
        profil = kit_set.profil(definition)
        resave: list[Path] = []
        for index, unit in enumerate(definition.unit):
            if index == len(definition.unit) - 1 and len(definition.unit) > 3:
                continue  # the last unit has not returned its kit yet
            kit, _ = kit_bytes(definition, profil, unit, cycle)
            paths = _unit_returns(definition, unit, cycle, index, kit, target,
                                  siklus.tenggat - dt.timedelta(days=6))
            written += paths
            if index == 0:
                resave.append(paths[0])
        for original, converted in resave_with_libreoffice(resave).items():
            shutil.move(converted, original)
            shutil.rmtree(converted.parent, ignore_errors=True)
    return written


def _unit_returns(definition: KitDefinition, unit: Unit, cycle: Cycle, index: int, kit: bytes,
                  target: Path, early_date: dt.date) -> list[Path]:
    """The files unit number ``index`` sent: the second incomplete (one realisasi empty, one
    typed as text), the third an early version, then a corrected one sent twice."""
    inputs = sample_inputs(definition, unit, cycle)
    base = f"{cycle.jenis.value} {unit.nama}"
    if index == 1:
        layout = kit_layout(definition, unit, cycle)
        first = layout.indikator[0]
        inputs[first.realisasi[first.isian[0] - 1]] = None
        if len(layout.indikator) > 1 and layout.indikator[1].isian:
            second = layout.indikator[1]
            inputs[second.realisasi[second.isian[0] - 1]] = "12,5"
    if index != 2:
        (target / f"{base}.xlsx").write_bytes(fill_kit(kit, inputs))
        return [target / f"{base}.xlsx"]
    early = sample_inputs(definition, unit, cycle, early_date)
    (target / f"{base} (revisi lama).xlsx").write_bytes(fill_kit(kit, early))
    data = fill_kit(kit, inputs)
    (target / f"{base} FINAL.xlsx").write_bytes(data)
    (target / f"{base} FINAL (1).xlsx").write_bytes(data)  # sent twice by e-mail
    return [target / f"{base} (revisi lama).xlsx", target / f"{base} FINAL.xlsx",
            target / f"{base} FINAL (1).xlsx"]


def main(argv: list[str]) -> int:
    """Regenerate the committed sample inbox of the project in the current folder."""
    project = Path(argv[0]) if argv else Path(".")
    settings, _ = load_settings(project)
    folder = project / settings.kits / SAMPLES_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    for path in write_samples(load_kit_set(project), folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
