"""The default rekap template (``templates/rekap.docx``), built with python-docx.

An office replaces it with its own (letterhead / kop surat) through ``--template``; any
template may use the context keys documented in :mod:`sop_docs.report.rekap_docx`.  The
shipped file is made by running::

    .venv/bin/python -m sop_docs.report.template

and is rebuilt in memory if it is ever missing.  Loops over table rows use docxtpl's
``{%tr ... %}`` tags, conditional paragraphs ``{%p ... %}``.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from sop_docs.report.output import normalise_zip

TEMPLATE_PATH = Path(__file__).parent / "templates" / "rekap.docx"
_FIXED = dt.datetime(2000, 1, 1)


def _table(document: object, header: list[str], rows: list[list[str]],
           widths: list[float]) -> Table:
    table: Table = document.add_table(rows=0, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid widths LibreOffice and Word lay out by
    for texts in [header, *rows]:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, texts, widths, strict=True):
            cell.text = text
            cell.width = Mm(width)
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # The header row repeats on every page the table runs onto, and never splits.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    row_properties.append(OxmlElement("w:tblHeader"))
    return table


def _loop_row(table: Table, tag: str) -> None:
    """A row holding only a docxtpl row tag (docxtpl replaces the whole row)."""
    row = table.add_row()
    row.cells[0].text = tag


def _looped_rows(table: Table, name: str, items: str, fields: list[str]) -> None:
    """A docxtpl row loop ``for name in items`` whose row shows ``{{ name.field }}`` per
    column (an empty field name leaves that column blank, e.g. for a paraf)."""
    _loop_row(table, f"{{%tr for {name} in {items} %}}")
    cells = table.add_row().cells
    for cell, field in zip(cells, fields, strict=True):
        cell.text = f"{{{{ {name}.{field} }}}}" if field else ""
    _loop_row(table, "{%tr endfor %}")


def _unless_empty(document: Any, items: str, message: str) -> None:
    """``message`` when the list ``items`` is empty, else what follows up to
    :func:`_end_if` (a table: no table of bare headers when there is nothing to list)."""
    document.add_paragraph(f"{{%p if not {items} %}}")
    document.add_paragraph(message)
    document.add_paragraph("{%p else %}")


def _end_if(document: Any) -> None:
    document.add_paragraph("{%p endif %}")


def _heading(document: object, text: str) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.paragraph_format.keep_with_next = True  # never the last line of a page
    paragraph.paragraph_format.space_before = Pt(10)
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(12)


def _field(paragraph: object, code: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice fill in."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, instruction in (("begin", None), (None, code), ("separate", None), ("end", None)):
        if instruction is not None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind or "")
        run._r.append(element)


def _footer(section: object) -> None:
    """'Halaman x dari y' at the foot of every page."""
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Halaman ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" dari ")
    _field(paragraph, "NUMPAGES")


def _kop(document: object) -> None:
    """The letterhead: logo, government, office, address, and a rule under them."""
    logo = document.add_paragraph("{{ logo }}")  # type: ignore[attr-defined]
    logo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, size in (("{{ pemerintah }}", 13), ("{{ instansi }}", 15), ("{{ alamat }}", 9)):
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = size > 9, Pt(size)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thick"), ("w:sz", "18"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _signature(cell: object, lines: list[str], name_line: int) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    for index, text in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        if index == name_line:
            run.bold = run.underline = True


def _page_and_title(document: Any) -> None:
    """Landscape page with 15 mm margins, the footer, the kop and the title lines."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Liberation Sans", Pt(10)
    _footer(section)
    _kop(document)
    for text in ("REKAPITULASI DATA KINERJA", "{{ judul }}", "{{ periode }}"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    document.add_paragraph("{%p if contoh %}")
    document.add_paragraph("DATA CONTOH: angka dalam rekap ini hanya contoh.").runs[0].bold = True
    document.add_paragraph("{%p endif %}")


def _section_a(document: Any) -> None:
    _heading(document, "A. Capaian Indikator Kinerja per Unit dan Sasaran "
                       "(unit berstatus lengkap)")
    _unless_empty(document, "unit", "Belum ada unit berstatus lengkap.")
    table = _table(document, ["No", "Indikator", "Satuan", "Target {{ sampai }}",
                              "Realisasi {{ sampai }}", "Capaian (%)", "Kategori"], [],
                   [10, 110, 22, 30, 30, 25, 30])
    _loop_row(table, "{%tr for u in unit %}")
    group = table.add_row().cells
    group[0].merge(group[-1]).text = "{{ u.nama }} ({{ u.status }})"
    _loop_row(table, "{%tr for s in u.sasaran %}")
    group = table.add_row().cells
    group[0].merge(group[-1]).text = "Sasaran: {{ s.nama }}"
    _loop_row(table, "{%tr for r in s.baris %}")
    cells = table.add_row().cells
    for cell, text in zip(cells, ["{{ r.no }}", "{{ r.indikator }}", "{{ r.satuan }}",
                                  "{{ r.target }}", "{{ r.realisasi }}", "{{ r.capaian }}",
                                  "{{ r.kategori }}"], strict=True):
        cell.text = text
    for tag in ("{%tr endfor %}", "{%tr endfor %}", "{%tr endfor %}"):
        _loop_row(table, tag)
    _end_if(document)


def _sections_b_c(document: Any) -> None:
    _heading(document, "B. Realisasi Anggaran (unit berstatus lengkap)")
    _unless_empty(document, "anggaran",
                  "Tidak ada realisasi anggaran dari unit berstatus lengkap.")
    table = _table(document, ["No", "Unit", "Program / Kegiatan", "Pagu (Rp)",
                              "Realisasi {{ sampai }} (Rp)", "Serapan (%)"], [],
                   [10, 50, 110, 35, 35, 25])
    _looped_rows(table, "k", "anggaran", ["no", "unit", "nama", "pagu", "realisasi", "serapan"])
    cells = table.add_row().cells
    cells[0].merge(cells[2]).text = "Jumlah"
    cells[3].text, cells[4].text, cells[5].text = (
        "{{ total.pagu }}", "{{ total.realisasi }}", "{{ total.serapan }}")
    _end_if(document)
    _heading(document, "C. Ringkasan Capaian per Kategori")
    document.add_paragraph("{{ ringkasan_dasar }}").paragraph_format.keep_with_next = True
    table = _table(document, ["Kategori", "Jumlah indikator", "Persentase"], [], [60, 40, 40])
    _looped_rows(table, "k", "ringkasan", ["nama", "jumlah", "persen"])
    document.add_paragraph("{{ grafik }}")


def _sections_d_e(document: Any) -> None:
    _heading(document, "D. Kendala dan Tindak Lanjut")
    _unless_empty(document, "kendala", "Tidak ada kendala yang dilaporkan.")
    table = _table(document, ["No", "Unit", "Indikator", "Kendala", "Tindak lanjut"], [],
                   [10, 45, 80, 70, 70])
    _looped_rows(table, "k", "kendala", ["no", "unit", "indikator", "kendala", "tindak_lanjut"])
    _end_if(document)
    _heading(document, "E. Unit yang Belum Terverifikasi")
    document.add_paragraph("{{ status_ringkas }}").paragraph_format.keep_with_next = True
    _unless_empty(document, "belum", "Semua unit berstatus lengkap.")
    table = _table(document, ["No", "Unit", "Status", "Keterangan"], [], [10, 70, 35, 150])
    _looped_rows(table, "b", "belum", ["no", "unit", "status", "keterangan"])
    _end_if(document)


def _signatures_and_paraf(document: Any) -> None:
    document.add_paragraph()
    signatures = document.add_table(rows=1, cols=2)
    signatures.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The signature blocks never split across pages (LibreOffice and Word honour cantSplit).
    signatures.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _signature(signatures.rows[0].cells[0], [
        "", "Mengetahui,", "{{ mengetahui.jabatan }}", "", "", "", "{{ mengetahui.nama }}",
        "{{ mengetahui.pangkat }}", "NIP. {{ mengetahui.nip }}"], 6)
    _signature(signatures.rows[0].cells[1], [
        "{{ tempat_tanggal }}", "Yang menyusun,", "{{ penyusun.jabatan }}", "", "", "",
        "{{ penyusun.nama }}", "{{ penyusun.pangkat }}", "NIP. {{ penyusun.nip }}"], 6)
    document.add_paragraph()
    _heading(document, "Paraf Koordinasi")
    table = _table(document, ["No", "Jabatan", "Nama", "Paraf"], [], [10, 90, 70, 30])
    _looped_rows(table, "p", "paraf", ["no", "jabatan", "nama", ""])


def build_template() -> bytes:
    """The default rekap template as .docx bytes (deterministic)."""
    document = Document()
    _page_and_title(document)
    _section_a(document)
    _sections_b_c(document)
    _sections_d_e(document)
    _signatures_and_paraf(document)
    properties = document.core_properties
    properties.author, properties.title = "sop-docs", "Rekapitulasi Data Kinerja"
    properties.created = properties.modified = _FIXED
    properties.last_modified_by, properties.revision = "sop-docs", 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def template_bytes(path: Path | None = None) -> bytes:
    """The template to render: ``path`` when given, else the shipped one (rebuilt if absent)."""
    if path is not None:
        return path.read_bytes()
    if TEMPLATE_PATH.exists():
        return TEMPLATE_PATH.read_bytes()
    return build_template()


def main() -> int:
    """Write the shipped template file."""
    TEMPLATE_PATH.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE_PATH.write_bytes(build_template())
    print(f"wrote {TEMPLATE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
