"""The verification report for people (Markdown) and the return note for one unit.

One row per unit with its verdict, then every problem with its sheet!cell, what is wrong and
how to fix it, then every file seen.  Text is escaped for Markdown tables, so a unit's typed
text can never break the layout.
"""

from __future__ import annotations

from sop_docs.merge.results import CycleResult, FileStatus, Problem, UnitResult, Verdict

VERDICT_ORDER = (Verdict.LENGKAP, Verdict.PERBAIKAN, Verdict.DITOLAK, Verdict.BELUM)


def cell_text(value: object) -> str:
    """A value made safe for one Markdown table cell."""
    text = "" if value is None else " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;") or "-"


def _row(*cells: object) -> str:
    return "| " + " | ".join(cell_text(c) for c in cells) + " |"


def _problem_line(p: Problem, files: frozenset[str]) -> str:
    """One problem: which file (or unit) and sheet!cell, what is wrong, how to fix it."""
    kind = "berkas" if p.file in files else "unit"
    owner = f"{kind} `{cell_text(p.file)}`"
    where = f"`{p.cell}` di {owner}" if p.cell else owner
    tingkat = "galat" if p.severity == "error" else "peringatan"
    return (f"- {where} ({tingkat} {p.code}): {cell_text(p.message)}  \n"
            f"  Perbaikan: {cell_text(p.hint)}")


def _units(result: CycleResult, files: frozenset[str]) -> list[str]:
    lines = ["## Status per unit", "",
             _row("No", "Kit", "Unit", "Status", "Berkas dipakai", "Galat", "Peringatan"),
             "|---:|---|---|---|---|---:|---:|"]
    for number, unit in enumerate(result.units, start=1):
        errors = sum(1 for p in unit.problems if p.severity == "error")
        lines.append(_row(number, unit.kit, unit.nama, unit.verdict.value, unit.file,
                          errors, len(unit.problems) - errors))
    flagged = [u for u in result.units if u.problems]
    if flagged:
        lines += ["", "## Masalah per unit", ""]
        for unit in flagged:
            lines += [f"### {cell_text(unit.nama)} ({unit.kit}): {unit.verdict.value}", ""]
            lines += [_problem_line(p, files) for p in unit.problems]
            lines.append("")
    return lines


def _files(result: CycleResult, files: frozenset[str]) -> list[str]:
    """The table of every file seen, then the reasons of every file not used."""
    lines = ["## Berkas yang diterima", "",
             _row("Berkas", "Format", "Aplikasi", "Kit / unit / siklus", "Status", "Vonis",
                  "SHA-256"), "|---|---|---|---|---|---|---|"]
    for f in result.files:
        identity = " / ".join(x for x in (f.kit, f.unit, f.cycle) if x) or "-"
        lines.append(_row(f.name, f.format, f.application, identity, f.status.value,
                          f.vonis, f.sha256[:16]))
    unused = [f for f in result.files if f.status is not FileStatus.DIPAKAI]
    if unused:
        lines += ["", "### Alasan berkas yang tidak dipakai", ""]
        for f in unused:
            lines += [f"**{cell_text(f.name)}**: {f.vonis}", ""]
            lines += [_problem_line(p, files) for p in f.problems] or ["- tanpa keterangan"]
            lines.append("")
    return lines


def verification_markdown(result: CycleResult) -> str:
    """The whole verification report of a merge run."""
    files = frozenset(f.name for f in result.files)
    lines = [f"# Laporan Verifikasi Data Kinerja {result.label}", ""]
    lines.append(f"Siklus `{result.cycle}` · kit: {', '.join(result.kits) or '-'} · "
                 f"{len(result.files)} berkas diperiksa.")
    if result.sources:
        lines.append(f"Dihitung dari hasil gabungan: {', '.join(result.sources)}.")
    lines += ["", "## Ringkasan", "", _row("Status", "Jumlah unit"), "|---|---:|"]
    lines += [_row(v.value, result.count(v)) for v in VERDICT_ORDER]
    lines += ["", *_units(result, files)]
    if result.files:
        if lines[-1]:
            lines.append("")
        lines += _files(result, files)
    return "\n".join(lines).rstrip() + "\n"


def return_note(result: CycleResult, unit: UnitResult, workbook: str | None) -> str:
    """The short note sent back to a unit that must fix its return (plain text, Indonesian)."""
    lines = [
        f"CATATAN PENGEMBALIAN KIT DATA KINERJA {result.label.upper()}",
        "",
        f"Kepada : {unit.nama}",
        f"Status : {unit.verdict.value}",
    ]
    if unit.file:
        lines.append(f"Berkas : {unit.file}")
    lines += ["", _intro(unit.verdict), ""]
    errors = [p for p in unit.problems if p.severity == "error"]
    warnings = [p for p in unit.problems if p.severity != "error"]
    for title, items in (("Yang harus diperbaiki:", errors), ("Yang perlu diperiksa:", warnings)):
        if not items:
            continue
        lines.append(title)
        for number, p in enumerate(items, start=1):
            where = f"[{p.cell}] " if p.cell else ""
            lines.append(f"{number}. {where}{p.message}")
            lines.append(f"   Cara memperbaiki: {p.hint}")
        lines.append("")
    if workbook:
        lines += [f"Sel yang bermasalah ditandai kuning dengan komentar di berkas {workbook}.",
                  "Perbaiki di kit asli Anda, lalu kirim ulang.", ""]
    return "\n".join(lines)


def _intro(verdict: Verdict) -> str:
    if verdict is Verdict.DITOLAK:
        return ("Berkas yang Anda kirim tidak dapat diterima. Mohon kirim ulang kit asli "
                "yang sudah diisi sesuai catatan berikut.")
    if verdict is Verdict.BELUM:
        return "Kit Anda belum kami terima. Mohon isi dan kirim sebelum batas waktu."
    return ("Data Anda sudah kami terima tetapi masih perlu diperbaiki (dikembalikan ke "
            "bagian sesuai SOP). Mohon perbaiki hal berikut lalu kirim ulang.")
