"""The 'Petunjuk' sheet: what to fill, by when, whom to ask, the colour legend and the scale."""

from __future__ import annotations

import datetime as dt

from sop_docs.kits.cells import SHEET_ANGGARAN, SHEET_DATA, SHEET_PENGESAHAN
from sop_docs.kits.generate.sheet import SheetXml
from sop_docs.kits.model import ROMAN, Cycle, KitDefinition, Unit
from sop_docs.model.profile import Profil
from sop_docs.model.values import BULAN


def tanggal(value: dt.date) -> str:
    """'10 April 2026'."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def _steps(cycle: Cycle) -> tuple[str, ...]:
    tw = ", ".join(f"TW {ROMAN[q]}" for q in cycle.triwulan_isian)
    return (
        f"Buka lembar '{SHEET_DATA}'. Isi sel KUNING: realisasi ({tw}), kendala, tindak lanjut "
        "dan bukti dukung setiap indikator.",
        "Realisasi diisi angka saja, tanpa satuan dan tanpa tanda %; desimal boleh.",
        "Sel BIRU berisi realisasi triwulan sebelumnya yang sudah dilaporkan; sel ini terkunci.",
        "Realisasi s.d. periode, capaian (%) dan kategori (sel HIJAU) dihitung otomatis saat "
        "Anda mengetik.",
        "Kendala dan tindak lanjut wajib diisi bila capaian di bawah 100%.",
        f"Isi realisasi anggaran per kegiatan di lembar '{SHEET_ANGGARAN}' (rupiah, angka saja).",
        f"Lengkapi lembar '{SHEET_PENGESAHAN}': nama, NIP, jabatan, tempat dan tanggal pengisian.",
        "Sel MERAH menandai isian wajib yang masih kosong. Kit lengkap bila tidak ada sel merah.",
        "Jangan mengganti nama lembar, menyisipkan atau menghapus baris/kolom, atau menyalin "
        "lembar ke berkas lain: kit dikenali dari isinya.",
        "Simpan sebagai .xlsx (tanpa kata sandi) dan kirim kembali kepada narahubung sebelum "
        "tenggat.",
    )


_LEGEND = (
    ("legend_input", "Isian: diisi oleh unit"),
    ("legend_prefilled", "Sudah dilaporkan pada siklus sebelumnya (terkunci)"),
    ("legend_formula", "Dihitung otomatis (terkunci)"),
    ("legend_unused", "Tidak diisi pada periode ini"),
    ("legend_required", "Wajib diisi dan masih kosong"),
)


def write(writer: SheetXml, definition: KitDefinition, profil: Profil, unit: Unit,
          cycle: Cycle) -> None:
    """Fill the 'Petunjuk' sheet: who and when, how to fill in, the colours, the scale."""
    row = 0
    for look, left, right in _rows(definition, profil, unit, cycle):
        row += 1
        if left:
            writer.text(row, 1, left, look)
        if right:
            writer.text(row, 2, right, "text")
    for look, meaning in _LEGEND:
        row += 1
        writer.empty(row, 1, look)
        writer.text(row, 2, meaning, "text")
    row += 2
    writer.text(row, 1, "Skala kategori capaian", "subtitle")
    for band in definition.skala_kategori:
        row += 1
        writer.text(row, 1, band.nama, "key")
        bound = f"capaian ≥ {band.min:g}%" if band.min is not None else "di bawahnya"
        writer.text(row, 2, bound, "text")


def _rows(definition: KitDefinition, profil: Profil, unit: Unit, cycle: Cycle
          ) -> list[tuple[str, str, str]]:
    """The sheet's text rows down to the colour legend: (look, column A, column B)."""
    siklus = definition.siklus_of(cycle)
    rows: list[tuple[str, str, str]] = [
        ("title", definition.judul.upper(), ""),
        ("subtitle", profil.pemerintah, ""),
        ("subtitle", " ".join(p for p in (profil.instansi, profil.unit) if p), ""),
    ]
    if definition.contoh:
        rows.append(("notice", "DATA CONTOH: angka dalam kit ini hanya contoh.", ""))
    rows.append(("text", "", ""))
    kontak = definition.kontak
    contact = " · ".join(p for p in (kontak.nama, kontak.jabatan, kontak.telepon, kontak.email)
                         if p)
    pj = unit.penanggung_jawab
    rows += [
        ("key", "Unit", unit.nama),
        ("key", "Periode", f"{cycle.label} (realisasi s.d. Triwulan {ROMAN[cycle.sampai]})"),
        ("key", "Tenggat pengembalian", tanggal(siklus.tenggat) if siklus else "-"),
        ("key", "Narahubung", contact),
        ("key", "Penanggung jawab", f"{pj.jabatan}: {pj.nama}"),
        ("text", "", ""),
        ("subtitle", "Cara mengisi", ""),
    ]
    rows += [("line", f"{i}. {step}", "") for i, step in enumerate(_steps(cycle), start=1)]
    rows += [("text", "", ""), ("subtitle", "Arti warna", "")]
    return rows
