"""The rekap PDF, drawn directly with fpdf2 (PDF/A-2b through :mod:`sop_docs.render.pdfa`).

The same content as the DOCX (:mod:`sop_docs.report.rekap_data`) on the project's paper in
landscape: a kop (logo, government, office, address, a rule), the sections A-E and the
signature blocks.  Tables keep inside the margins, repeat their header row on every page
they run onto, and never leave a heading at the foot of a page; the signature blocks keep
the last rows before them on their page; every page says "Halaman x dari y".  Where each
signature space lands is recorded, so that :mod:`sop_docs.report.pdf` adds one empty
signature field per signatory over its own space.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from fpdf import FPDF

from sop_docs.model.settings import Kertas
from sop_docs.render.pdfa import SANS, add_sans_fonts, finish_pdfa, new_pdfa_document
from sop_docs.report.options import RekapOptions
from sop_docs.report.rekap_data import Rekap, Rows, chart_png, context
from sop_docs.report.table import Column, Drawer, Table, columns

MARGIN = 15.0
FOOTER = 8.0  # band at the foot of the content area that holds "Halaman x dari y"
SIGN_SPACE = 24.0  # height of the space left for a signature and stamp
MM_TO_PT = 72 / 25.4
_KEEP_ROWS = 2  # rows of the last table kept on the signature page


@dataclass(frozen=True, slots=True)
class SignatureSpace:
    """Where one signatory signs: field name, 0-based page, box in PDF points (x1, y1,
    x2, y2 from the bottom left)."""

    name: str
    page: int
    box: tuple[int, int, int, int]


@dataclass
class RekapPdf:
    """The drawn PDF and the signature spaces on it."""

    data: bytes
    signatures: list[SignatureSpace] = field(default_factory=list)


def _document(kertas: Kertas) -> FPDF:
    short, long = kertas.mm
    pdf = new_pdfa_document((long, short))
    add_sans_fonts(pdf)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    return pdf


def _kop(d: Drawer, values: dict[str, Any], options: RekapOptions, rekap: Rekap) -> None:
    """Logo on the left, the office's names centred, the address, then a double rule."""
    pdf, top = d.pdf, d.y
    logo = options.logo(rekap.profil)
    if logo is not None:
        pdf.image(str(logo), x=MARGIN, y=top, h=20)
    for text, size, bold in ((values["pemerintah"], 13, True),
                             (values["instansi"], 15, True), (values["alamat"], 9, False)):
        if text:
            d.centred(str(text), size, bold)
    d.y = max(d.y, top + 21 if logo is not None else d.y) + 1
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, d.y, d.right, d.y)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, d.y + 1, d.right, d.y + 1)
    d.y += 5


def _title(d: Drawer, values: dict[str, Any]) -> None:
    for text in ("REKAPITULASI DATA KINERJA", values["judul"], values["periode"]):
        d.centred(str(text), 11, True)
    if values["contoh"]:
        d.centred("DATA CONTOH: angka dalam rekap ini hanya contoh.", 9, True)
    d.y += 3


def _section_a(d: Drawer, values: dict[str, Any]) -> None:
    table = Table(columns(d.width, [
        Column("No", 10, "C"), Column("Indikator", 0), Column("Satuan", 22),
        Column(f"Target {values['sampai']}", 30, "R"),
        Column(f"Realisasi {values['sampai']}", 30, "R"), Column("Capaian (%)", 24, "R"),
        Column("Kategori", 30)]))
    for unit in values["unit"]:
        table.group(f"{unit['nama']} ({unit['status']})", bold=True)
        for sasaran in unit["sasaran"]:
            table.group(f"Sasaran: {sasaran['nama']}", bold=False)
            for r in sasaran["baris"]:
                table.row([r["no"], r["indikator"], r["satuan"], r["target"], r["realisasi"],
                           r["capaian"], r["kategori"]])
    d.section("A. Capaian Indikator Kinerja per Unit dan Sasaran (unit berstatus lengkap)")
    d.table(table, empty="Belum ada unit berstatus lengkap.")


def _section_b(d: Drawer, values: dict[str, Any]) -> None:
    table = Table(columns(d.width, [
        Column("No", 10, "C"), Column("Unit", 50), Column("Program / Kegiatan", 0),
        Column("Pagu (Rp)", 35, "R"), Column(f"Realisasi {values['sampai']} (Rp)", 38, "R"),
        Column("Serapan (%)", 24, "R")]))
    for k in values["anggaran"]:
        table.row([k["no"], k["unit"], k["nama"], k["pagu"], k["realisasi"], k["serapan"]])
    total = values["total"]
    if values["anggaran"]:
        table.row(["", "Jumlah", "", total["pagu"], total["realisasi"], total["serapan"]],
                  bold=True)
    d.section("B. Realisasi Anggaran (unit berstatus lengkap)")
    d.table(table, empty="Tidak ada realisasi anggaran dari unit berstatus lengkap.")


def _section_c(d: Drawer, values: dict[str, Any], chart: bytes) -> None:
    table = Table([Column("Kategori", 60), Column("Jumlah indikator", 40, "R"),
                   Column("Persentase", 40, "R")])
    for k in values["ringkasan"]:
        table.row([k["nama"], k["jumlah"], k["persen"]])
    d.section("C. Ringkasan Capaian per Kategori", str(values["ringkasan_dasar"]))
    d.table(table)
    d.image(chart)


def _section_d(d: Drawer, values: dict[str, Any]) -> None:
    table = Table(columns(d.width, [
        Column("No", 10, "C"), Column("Unit", 45), Column("Indikator", 0),
        Column("Kendala", 70), Column("Tindak lanjut", 70)]))
    for k in values["kendala"]:
        table.row([k["no"], k["unit"], k["indikator"], k["kendala"], k["tindak_lanjut"]])
    d.section("D. Kendala dan Tindak Lanjut")
    d.table(table, empty="Tidak ada kendala yang dilaporkan.")


def _belum_table(d: Drawer, rows: Rows) -> Table:
    table = Table(columns(d.width, [Column("No", 10, "C"), Column("Unit", 70),
                                     Column("Status", 32), Column("Keterangan", 0)]))
    for b in rows:
        table.row([b["no"], b["unit"], b["status"], b["keterangan"]])
    return table


def _section_e_and_signatures(d: Drawer, values: dict[str, Any]) -> list[SignatureSpace]:
    """Section E, whose last rows share the page of the signature blocks."""
    rows: Rows = values["belum"]
    head, tail = rows[: max(0, len(rows) - _KEEP_ROWS)], rows[max(0, len(rows) - _KEEP_ROWS):]
    d.section("E. Unit yang Belum Terverifikasi", str(values["status_ringkas"]),
              keep=_signature_height(d, values) if not rows else 0.0)
    if not rows:
        d.paragraph("Semua unit berstatus lengkap.")
    if head:
        d.table(_belum_table(d, head))
    if tail:
        last = _belum_table(d, tail)
        d.keep(d.table_height(last) + _signature_height(d, values))
        d.table(last)
    return _signatures(d, values)


def _signature_lines(values: dict[str, Any]) -> tuple[list[str], list[str]]:
    left, right = values["mengetahui"], values["penyusun"]
    return (["", "Mengetahui,", left["jabatan"]], [values["tempat_tanggal"], "Yang menyusun,",
                                                   right["jabatan"]])


def _signature_height(d: Drawer, values: dict[str, Any]) -> float:
    width = d.width / 2 - 10
    tops = [d.lines_height(lines, width) for lines in _signature_lines(values)]
    return 4 + max(tops) + SIGN_SPACE + 3 * d.line_h + 2


def _signatures(d: Drawer, values: dict[str, Any]) -> list[SignatureSpace]:
    """The two signature blocks side by side; returns their signature spaces."""
    d.keep(_signature_height(d, values))
    d.y += 4
    width = d.width / 2 - 10
    tops = _signature_lines(values)
    top_h = max(d.lines_height(lines, width) for lines in tops)
    spaces = []
    for index, (key, name) in enumerate((("mengetahui", "TandaTanganMengetahui"),
                                         ("penyusun", "TandaTanganPenyusun"))):
        x = MARGIN + index * (d.width / 2) + 5
        d.block(tops[index], x, d.y, width)
        space_top = d.y + top_h
        person = values[key]
        d.block([person["nama"]], x, space_top + SIGN_SPACE, width, bold=True, underline=True)
        d.block([person["pangkat"], f"NIP. {person['nip']}"], x,
                space_top + SIGN_SPACE + d.line_h, width)
        spaces.append(SignatureSpace(name, d.pdf.page - 1, _points(
            d, x + width / 2 - 35, space_top + 1, x + width / 2 + 35, space_top + SIGN_SPACE - 1)))
    d.y += top_h + SIGN_SPACE + 3 * d.line_h + 2
    return spaces


def _points(d: Drawer, x1: float, y1: float, x2: float, y2: float
            ) -> tuple[int, int, int, int]:
    """A box in mm from the top left as whole PDF points from the bottom left (inside
    the box given)."""
    height = d.page_h
    return (math.ceil(x1 * MM_TO_PT), math.ceil((height - y2) * MM_TO_PT),
            math.floor(x2 * MM_TO_PT), math.floor((height - y1) * MM_TO_PT))


def _paraf(d: Drawer, values: dict[str, Any]) -> None:
    table = Table([Column("No", 10, "C"), Column("Jabatan", 90), Column("Nama", 70),
                   Column("Paraf", 30)])
    for p in values["paraf"]:
        table.row([p["no"], p["jabatan"], p["nama"], ""])
    d.section("Paraf Koordinasi")
    d.table(table)


def _created(rekap: Rekap) -> dt.date:
    """The document's date: the latest sign-off of its units, else 1 January of its year."""
    dates = sorted(u.pengesahan.tanggal for u in rekap.units if u.pengesahan.tanggal)
    try:
        return dt.date.fromisoformat(dates[-1]) if dates else dt.date(rekap.definition.tahun,
                                                                       1, 1)
    except ValueError:
        return dt.date(rekap.definition.tahun, 1, 1)


def render_pdf(rekap: Rekap, options: RekapOptions | None = None) -> RekapPdf:
    """The rekap as PDF/A-2b bytes, and where each signatory signs."""
    options = options or RekapOptions()
    values = context(rekap)
    pdf = _document(options.kertas)
    d = Drawer(pdf, MARGIN, FOOTER, SANS)
    d.new_page()
    _kop(d, values, options, rekap)
    _title(d, values)
    _section_a(d, values)
    _section_b(d, values)
    _section_c(d, values, chart_png(rekap))
    _section_d(d, values)
    spaces = _section_e_and_signatures(d, values)
    _paraf(d, values)
    d.number_pages()
    data = finish_pdfa(pdf, title=f"Rekapitulasi Data Kinerja {values['periode']}",
                       author=str(values["instansi"]), subject=str(values["judul"]),
                       created=_created(rekap))
    return RekapPdf(data, spaces)

