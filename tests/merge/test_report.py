"""The outputs of a merge: verification report, return workbooks and notes, rekap docx /
pdf / xlsx, audit log; atomic, deterministic, and read back with real clients."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pikepdf
import pytest
from docx import Document
from openpyxl import load_workbook
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from sop_docs.kits.load import KitSet
from sop_docs.report import write as report_write
from sop_docs.report.options import RekapOptions
from sop_docs.report.write import AUDIT_LOG, write_outputs

if TYPE_CHECKING:
    from conftest import Corpus, Lab

SIGNATORIES = (("TandaTanganMengetahui", "Mengetahui"), ("TandaTanganPenyusun", "Yang"))

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("merge")]


@pytest.fixture(scope="session")
def kit_set(lab: type[Lab]) -> KitSet:
    return KitSet(definitions=(lab.definition,), profiles={"uji": lab.profil})


@pytest.fixture(scope="session")
def written(corpus: Corpus, kit_set: KitSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rekap")
    assert write_outputs(corpus.result, kit_set, out, corpus.folder)
    return out


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != AUDIT_LOG}


def test_outputs_are_written(written: Path) -> None:
    folder = written / "2026-TW1"
    for name in ("2026-TW1-verifikasi.md", "2026-TW1-verifikasi.json",
                 "uji-2026-2026-TW1-rekap.docx", "uji-2026-2026-TW1-rekap.pdf",
                 "uji-2026-2026-TW1-rekap.xlsx", "kembali/uji-2026_u02-perbaikan.xlsx",
                 "kembali/uji-2026_u02-catatan.txt", "kembali/uji-2026_u07-catatan.txt"):
        assert (folder / name).is_file(), name
    assert not (folder / "kembali/uji-2026_u01-catatan.txt").exists()  # lengkap: nothing
    assert not list(folder.glob(".tmp-*"))


def test_the_merge_never_touches_the_returned_folder(written: Path, corpus: Corpus,
                                                      lab: type[Lab]) -> None:
    assert lab.folder_hashes(corpus.folder) == corpus.before


def test_verification_report_lists_units_and_cells(written: Path) -> None:
    text = (written / "2026-TW1" / "2026-TW1-verifikasi.md").read_text()
    assert "| 2 | uji-2026 | Seksi U02 | perlu perbaikan |" in text
    assert "`Data Kinerja!G8` di berkas `U02 belum lengkap.xlsx` (galat MRG009)" in text
    assert "bom.xlsx" in text and "RET008" in text
    data = json.loads((written / "2026-TW1" / "2026-TW1-verifikasi.json").read_text())
    assert {u["unit"]: u["verdict"] for u in data["units"]}["u07"] == "ditolak"


def test_return_workbook_marks_the_problem_cells(written: Path, lab: type[Lab]) -> None:
    workbook = load_workbook(written / "2026-TW1" / "kembali" / "uji-2026_u02-perbaikan.xlsx")
    ref = lab.layout("u02").indikator[0].realisasi[0]
    cell = workbook[ref.sheet][ref.coord]
    assert cell.comment is not None and "wajib diisi" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFFF00")
    assert "_identitas" in workbook.sheetnames  # still their kit: they can fix and resend
    note = (written / "2026-TW1" / "kembali" / "uji-2026_u02-catatan.txt").read_text()
    assert "[Data Kinerja!G8]" in note and "uji-2026_u02-perbaikan.xlsx" in note


def test_rekap_xlsx_holds_values_only(written: Path) -> None:
    workbook = load_workbook(written / "2026-TW1" / "uji-2026-2026-TW1-rekap.xlsx")
    assert workbook.sheetnames == ["Rekap Indikator", "Anggaran", "Verifikasi", "Berkas"]
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert any(t.startswith("=HYPERLINK(") for t in texts)  # u03's kendala, kept as text
    rows = list(workbook["Rekap Indikator"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 20 * 4


def test_rekap_docx_is_complete(written: Path) -> None:
    document = Document(str(written / "2026-TW1" / "uji-2026-2026-TW1-rekap.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    everything = body + cells
    assert "{{" not in everything and "{%" not in everything
    for expected in ("REKAPITULASI DATA KINERJA", "Triwulan I Tahun 2026", "Seksi U03",
                     "Mengetahui,", "Dr. KEPALA UJI, M.Si.", "NIP. 19700101 199503 1 001",
                     "PENYUSUN UJI", "SEKRETARIS", "Sangat Tinggi", "Kegiatan Uji",
                     "Ujiharjo, 6 April 2026", "belum masuk"):
        assert expected in everything, expected
    assert document.inline_shapes  # the capaian chart


def test_rekap_pdf_has_an_empty_signature_field_per_signatory(written: Path) -> None:
    path = written / "2026-TW1" / "uji-2026-2026-TW1-rekap.pdf"
    with path.open("rb") as handle:
        fields = list(enumerate_sig_fields(PdfFileReader(handle)))
    assert [name for name, _value, _ref in fields] == [s for s, _label in SIGNATORIES]
    assert all(value is None for _name, value, _ref in fields)  # not signed yet
    with pdfplumber.open(path) as pdf:
        assert "REKAPITULASI DATA KINERJA" in pdf.pages[0].extract_text()
        page = next(p for p in pdf.pages if "Mengetahui" in (p.extract_text() or ""))
        widgets = {str(a["data"]["T"]).strip("'b"): a for a in page.annots}
        for field, label in SIGNATORIES:
            word = next(w for w in page.extract_words() if w["text"].startswith(label))
            nip = next(w for w in page.extract_words() if w["text"] == "NIP."
                       and w["top"] > word["bottom"] and abs(w["x0"] - word["x0"]) < 150)
            widget = widgets[field]
            # over its own signature space: under the label, above the NIP, same column
            assert word["bottom"] < widget["top"] < widget["bottom"] < nip["top"], field
            assert widget["x0"] < word["x1"] and widget["x1"] > word["x0"], field


def test_rekap_pdf_is_pdfa_with_page_numbers_and_margins(written: Path, lab: type[Lab]
                                                         ) -> None:
    path = written / "2026-TW1" / "uji-2026-2026-TW1-rekap.pdf"
    with pikepdf.open(path) as document:
        meta = document.open_metadata()
        assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
    lab.check_rekap_pdf(path)


def test_outputs_are_deterministic(written: Path, corpus: Corpus, kit_set: KitSet,
                                   tmp_path: Path) -> None:
    write_outputs(corpus.result, kit_set, tmp_path, corpus.folder)
    assert _hashes(tmp_path) == _hashes(written)


def test_a_failing_run_leaves_previous_outputs_intact(
        corpus: Corpus, kit_set: KitSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_outputs(corpus.result, kit_set, tmp_path, corpus.folder,
                  RekapOptions(pdf=False))
    before = _hashes(tmp_path)

    def crash(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_write, "render_docx", crash)
    with pytest.raises(RuntimeError):
        write_outputs(corpus.result, kit_set, tmp_path, corpus.folder,
                  RekapOptions(pdf=False))
    assert _hashes(tmp_path) == before
    assert not list((tmp_path / "2026-TW1").glob(".tmp-*"))


def test_audit_log_records_every_file(written: Path, corpus: Corpus) -> None:
    lines = [json.loads(line) for line in (written / AUDIT_LOG).read_text().splitlines()]
    assert len(lines) == len(corpus.result.files)
    bomb = next(line for line in lines if line["berkas"] == "bom.xlsx")
    assert bomb["vonis"] == "ditolak" and bomb["alasan"] and len(bomb["sha256"]) == 64
    lo = next(line for line in lines if line["berkas"] == "U01 final.xlsx")
    assert lo["aplikasi"].startswith("LibreOffice") and lo["identitas"]["unit"] == "u01"


def test_an_office_template_replaces_the_default(corpus: Corpus, kit_set: KitSet,
                                                  tmp_path: Path) -> None:
    template = Document()
    template.add_paragraph("KOP SURAT {{ instansi }}")
    template.add_paragraph("{% for b in belum %}{{ b.unit }}: {{ b.status }}; {% endfor %}")
    path = tmp_path / "kop.docx"
    template.save(str(path))
    write_outputs(corpus.result, kit_set, tmp_path / "out", corpus.folder,
                  RekapOptions(template=path, pdf=False))
    made = Document(str(tmp_path / "out" / "2026-TW1" / "uji-2026-2026-TW1-rekap.docx"))
    text = "\n".join(p.text for p in made.paragraphs)
    assert "KOP SURAT DINAS UJI" in text and "Seksi U02: perlu perbaikan;" in text
