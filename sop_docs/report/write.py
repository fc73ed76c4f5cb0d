"""Write every output of one merge into ``<out>/<cycle>/``, atomically, and log the files seen.

Layout of ``<out>/<cycle>/``::

    <cycle>-verifikasi.md          the verification report for people
    <cycle>-verifikasi.json        the same for machines; also what S1/TAHUNAN merges read
    <kit>-<cycle>-rekap.docx/.pdf/.xlsx   the rekap of each kit
    kembali/<kit>_<unit>-perbaikan.xlsx   the unit's own kit, problem cells marked
    kembali/<kit>_<unit>-catatan.txt      the return note

and ``<out>/audit.jsonl``, the append-only log of every file seen (one JSON line each).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sop_docs.kits.load import KitSet
from sop_docs.kits.model import Cycle
from sop_docs.merge.results import CycleResult, Verdict
from sop_docs.report.options import RekapOptions
from sop_docs.report.output import OutputBatch, append_audit
from sop_docs.report.pdf import with_signature_fields
from sop_docs.report.rekap_data import Rekap
from sop_docs.report.rekap_docx import render_docx
from sop_docs.report.rekap_pdf import render_pdf
from sop_docs.report.rekap_xlsx import rekap_workbook
from sop_docs.report.return_workbook import return_workbook
from sop_docs.report.verification import return_note, verification_markdown

AUDIT_LOG = "audit.jsonl"
RETURN_FOLDER = "kembali"


def result_name(cycle: str) -> str:
    """File name of the persisted result of ``cycle`` inside its folder."""
    return f"{cycle}-verifikasi.json"


def load_results(out: Path, cycles: Sequence[Cycle]) -> dict[str, CycleResult]:
    """The persisted results of ``cycles`` found under ``out`` (cycle id -> result)."""
    found: dict[str, CycleResult] = {}
    for cycle in cycles:
        path = out / cycle.id / result_name(cycle.id)
        if path.is_file():
            try:
                found[cycle.id] = CycleResult.model_validate_json(path.read_bytes())
            except ValueError:
                continue  # an unreadable old result counts as missing (reported by the caller)
    return found


def _returns(batch: OutputBatch, result: CycleResult, returned: Path | None) -> None:
    for unit in result.units:
        if unit.verdict is Verdict.LENGKAP:
            continue
        stem = f"{RETURN_FOLDER}/{unit.kit}_{unit.unit}"
        workbook = None
        if returned is not None and unit.file is not None and unit.verdict is Verdict.PERBAIKAN:
            data = return_workbook(returned / unit.file, unit.problems)
            if data is not None:
                workbook = f"{unit.kit}_{unit.unit}-perbaikan.xlsx"
                batch.write_bytes(f"{stem}-perbaikan.xlsx", data)
        batch.write_text(f"{stem}-catatan.txt", return_note(result, unit, workbook))


def _rekap(batch: OutputBatch, result: CycleResult, kit_set: KitSet,
           options: RekapOptions) -> None:
    """The rekap of each kit: .xlsx (values), .docx (template) and, unless switched off,
    the PDF/A drawn directly with a signature field per signatory."""
    cycle = Cycle.parse(result.cycle)
    for kit in result.kits:
        definition = kit_set.get(kit)
        if definition is None:
            continue
        rekap = Rekap(result, definition, kit_set.profil(definition), cycle.sampai)
        stem = f"{kit}-{result.cycle}-rekap"
        batch.write_bytes(f"{stem}.xlsx", rekap_workbook(result, kit))
        batch.write_bytes(f"{stem}.docx", render_docx(rekap, options))
        if options.pdf:
            drawn = render_pdf(rekap, options)
            batch.write_bytes(f"{stem}.pdf", with_signature_fields(drawn.data, drawn.signatures))


def audit_records(result: CycleResult) -> list[dict[str, object]]:
    """One audit line per file seen: hash, size, producer, identity, verdict, reasons."""
    return [{
        "siklus_merge": result.cycle, "berkas": f.name, "sha256": f.sha256, "ukuran": f.size,
        "format": f.format, "aplikasi": f.application,
        "identitas": {"kit": f.kit, "unit": f.unit, "siklus": f.cycle,
                      "versi_skema": f.schema_version},
        "status": f.status.value, "vonis": f.vonis,
        "alasan": [f"{p.code} {p.cell or ''} {p.message}".replace("  ", " ") for p in f.problems],
    } for f in result.files]


def write_outputs(result: CycleResult, kit_set: KitSet, out: Path,
                  returned: Path | None = None, options: RekapOptions | None = None
                  ) -> list[Path]:
    """Write every output of ``result`` under ``out/<cycle>/`` (all or nothing), then append
    the audit log; return the files written.  Return workbooks of a previous run that no
    longer apply are removed."""
    folder = out / result.cycle
    with OutputBatch(folder) as batch:
        batch.write_text(f"{result.cycle}-verifikasi.md", verification_markdown(result))
        # pydantic's own serialiser: the same text as json.dumps(indent=2), 6x faster
        batch.write_text(result_name(result.cycle), result.model_dump_json(indent=2) + "\n")
        if not result.sources:  # a period computed from quarters returns nothing to units
            _returns(batch, result, returned)
        _rekap(batch, result, kit_set, options or RekapOptions())
        written = batch.commit()
    kept = set(written)
    stale_folder = folder / RETURN_FOLDER
    if stale_folder.is_dir():
        for old in sorted(stale_folder.iterdir()):
            if old.is_file() and old not in kept:
                old.unlink()
    append_audit(out / AUDIT_LOG, audit_records(result))
    return written
