"""Fixtures of the merge tests: a test-owned kit definition, its kits filled like people
fill them, and a corpus of returned files (ordinary, broken, hostile) made from real kits.

The corpus is built once per session (LibreOffice conversions batched, one call per target
format, run side by side); tests using it are grouped with ``xdist_group("merge")``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook, load_workbook

from sop_docs.kits.cells import SHEET_DATA, SHEET_IDENTITAS, KitLayout
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.model import Cycle, KitDefinition, Unit
from sop_docs.kits.placement import kit_layout
from sop_docs.merge.results import CycleResult, FileRecord, UnitResult
from sop_docs.merge.run import merge_folder
from sop_docs.model.profile import Profil
from sop_docs_demo.sample_returns import fill_kit, resave_with_libreoffice, sample_inputs

TW1 = Cycle.parse("2026-TW1")
TW2 = Cycle.parse("2026-TW2")
SIGNED = dt.date(2026, 4, 3)

PROFIL = Profil.model_validate({
    "id": "uji", "pemerintah": "PEMERINTAH KABUPATEN UJI", "instansi": "DINAS UJI",
    "tempat": "Ujiharjo",
    "pejabat": [
        {"id": "kepala", "jabatan": "KEPALA DINAS UJI", "nama": "Dr. KEPALA UJI, M.Si.",
         "pangkat": "Pembina Utama Muda (IV/c)", "nip": "19700101 199503 1 001"},
        {"id": "sekretaris", "jabatan": "SEKRETARIS", "nama": "SEKRETARIS UJI",
         "pangkat": "Pembina (IV/a)", "nip": "19750101 200003 1 002"},
    ],
})

UNIT_IDS = [f"u{n:02d}" for n in range(1, 21)]


def _unit(unit_id: str) -> dict[str, object]:
    return {
        "id": unit_id, "nama": f"Seksi {unit_id.upper()}",
        "penanggung_jawab": {"jabatan": f"Kepala Seksi {unit_id.upper()}",
                             "nama": f"PEJABAT {unit_id.upper()}", "nip": "19800101 200501 1 001",
                             "pangkat": "Penata (III/c)"},
        "indikator": [
            {"id": "ik-kumulatif", "sasaran": "Meningkatnya layanan", "indikator":
             "Jumlah dokumen diproses", "satuan": "dokumen", "akumulasi": "kumulatif",
             "target_tahunan": 400, "target_triwulan": [100, 100, 100, 100], "desimal": 0,
             # u03 types 1.234,5 (1,234.5% of its target): plausible for this indicator
             "batas_wajar": {"capaian_maks": 2000}},
            {"id": "ik-persen", "sasaran": "Meningkatnya layanan", "indikator":
             "Persentase layanan tepat waktu", "satuan": "%", "akumulasi": "posisi_akhir",
             "target_tahunan": 90, "target_triwulan": [80, 85, 88, 90], "batas_atas": 120},
            {"id": "ik-turun", "sasaran": "Menurunnya keluhan", "indikator":
             "Jumlah keluhan masyarakat", "satuan": "keluhan", "arah": "turun",
             "akumulasi": "rata_rata", "target_tahunan": 10, "target_triwulan": [10, 10, 10, 10],
             "desimal": 1},
            {"id": "ik-rentang", "sasaran": "Menurunnya keluhan", "indikator":
             "Waktu tunggu layanan", "satuan": "menit", "arah": "naik",
             "akumulasi": "posisi_akhir", "target_tahunan": {"min": 20, "max": 30}},
        ],
        "program": [{"id": "prog", "nama": "Program Uji", "kegiatan": [
            {"id": "keg", "nama": "Kegiatan Uji", "pagu": 100000000}]}],
    }


DEFINITION = KitDefinition.model_validate({
    "id": "uji-2026", "profil": "uji", "tahun": 2026, "judul": "Kit Uji",
    "siklus": [{"id": "TW1", "tenggat": "2026-04-10"}, {"id": "TW2", "tenggat": "2026-07-10"},
               {"id": "S1", "tenggat": "2026-07-20"}],
    "kontak": {"nama": "PENYUSUN UJI", "jabatan": "Kasubag Perencanaan"},
    "unit": [_unit(u) for u in UNIT_IDS],
})


def unit(unit_id: str) -> Unit:
    found = DEFINITION.unit_by_id(unit_id)
    assert found is not None
    return found


def blank_kit(unit_id: str, cycle: Cycle = TW1, key: bytes | None = None) -> bytes:
    """The generated kit of a test unit."""
    return kit_bytes(DEFINITION, PROFIL, unit(unit_id), cycle, key)[0]


def filled_kit(unit_id: str, cycle: Cycle = TW1, signed: dt.date = SIGNED,
               changes: dict[str, object] | None = None, key: bytes | None = None) -> bytes:
    """A test unit's kit filled completely; ``changes`` maps 'Sheet!A1' to other values."""
    inputs: dict[object, object] = dict(sample_inputs(DEFINITION, unit(unit_id), cycle, signed))
    by_text = {str(ref): ref for ref in inputs}
    for where, value in (changes or {}).items():
        inputs[by_text.get(where, where)] = value
    data = fill_kit(blank_kit(unit_id, cycle, key), {
        k: v for k, v in inputs.items() if not isinstance(k, str)})
    extra = {k: v for k, v in inputs.items() if isinstance(k, str)}
    if extra:
        workbook = load_workbook(io.BytesIO(data))
        for where, value in extra.items():
            sheet, _, coord = where.rpartition("!")
            workbook[sheet][coord] = value
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    return data


def layout(unit_id: str, cycle: Cycle = TW1) -> KitLayout:
    """The cell map of a test unit's kit."""
    return kit_layout(DEFINITION, unit(unit_id), cycle)


def edit_workbook(data: bytes, edit: Callable[[Workbook], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None],
          extra: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a package part by part (``change`` returns None to drop a part)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info.filename))
            if body is not None:
                target.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def sheet_part(data: bytes, sheet: str) -> str:
    """The package part name of ``sheet`` in an openpyxl-written workbook."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    index = workbook.sheetnames.index(sheet) + 1
    return f"xl/worksheets/sheet{index}.xml"


def zip_bomb() -> bytes:
    """An xlsx-shaped package whose sheet inflates 1000:1 to 60 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/workbook.xml", "<workbook/>")
        target.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def entity_bomb(kit: bytes) -> bytes:
    """A real kit whose Data Kinerja sheet starts with a billion-laughs DOCTYPE."""
    part = sheet_part(kit, SHEET_DATA)
    doctype = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
               + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10 if i > 1
                                                        else b"&lol;" * 10) for i in range(1, 10))
               + b"]>\n")

    def change(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        if body.startswith(b"<?xml"):
            body = body.split(b"?>", 1)[1].lstrip()
        return doctype + body

    return rezip(kit, change)


def encrypted(data: bytes) -> bytes:
    """The workbook encrypted with a password (Agile encryption, as Excel does)."""
    source = OOXMLFile(io.BytesIO(data))
    out = io.BytesIO()
    source.encrypt("rahasia", out)
    return out.getvalue()


def retyped(data: bytes) -> bytes:
    """The kit's visible sheets copied value by value into a fresh workbook (no identity)."""
    source = load_workbook(io.BytesIO(data))
    fresh = Workbook()
    fresh.remove(fresh.active)
    for sheet in source.worksheets:
        if sheet.title == SHEET_IDENTITAS:
            continue
        copy = fresh.create_sheet(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and not str(cell.value).startswith("="):
                    copy[cell.coordinate] = cell.value
    buffer = io.BytesIO()
    fresh.save(buffer)
    return buffer.getvalue()


def inbox(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A returned-kits folder ``kembali`` under ``tmp_path`` holding ``files`` (name -> bytes)."""
    folder = tmp_path / "kembali"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def folder_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Corpus:
    """The returned folder, its hashes before the merge, and the merge result."""

    folder: Path
    before: dict[str, str]
    result: CycleResult

    def file(self, name: str) -> FileRecord:
        return next(f for f in self.result.files if f.name == name)

    def unit(self, unit_id: str) -> UnitResult:
        return next(u for u in self.result.units if u.unit == unit_id)


def _libreoffice_batch(folder: Path, jobs: dict[str, list[tuple[bytes, str]]]) -> None:
    """Convert inputs through LibreOffice, one call per format, the calls side by side;
    each converted file is written into ``folder`` under its target name."""
    work = folder.parent / "lo-input"
    threads, results = [], {}
    for fmt, items in jobs.items():
        sub = work / fmt
        sub.mkdir(parents=True)
        paths = []
        for data, name in items:
            path = sub / (Path(name).stem + ".xlsx")
            path.write_bytes(data)
            paths.append((path, name))

        def run(fmt: str = fmt, paths: list[tuple[Path, str]] = paths) -> None:
            results[fmt] = (paths, resave_with_libreoffice([p for p, _ in paths], fmt))

        threads.append(threading.Thread(target=run))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for paths, converted in results.values():
        for source, name in paths:
            made = converted.get(source)
            assert made is not None, f"LibreOffice did not convert {source.name}"
            (folder / name).write_bytes(made.read_bytes())
        for made in converted.values():
            shutil.rmtree(made.parent, ignore_errors=True)
    shutil.rmtree(work)


def lo_changes() -> dict[str, object]:
    """Edits for the kit saved through LibreOffice with a formula overwritten and a formula
    typed into an input cell."""
    rows = layout("u10").indikator
    return {str(rows[0].capaian): 999.0, str(rows[1].realisasi[0]): "=40+42"}


def build_corpus(folder: Path) -> None:
    """Write every case of the corpus into ``folder`` (see test_corpus.py for verdicts)."""
    folder.mkdir(parents=True)
    rows = layout("u03").indikator
    write = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    ordinary = filled_kit("u01")
    (folder / "kiriman email").mkdir()
    write("kiriman email/Laporan TW1 U01.xlsx", ordinary)  # duplicate of the LO re-save
    write("U02 belum lengkap.xlsx", filled_kit("u02", changes={
        str(layout("u02").indikator[0].realisasi[0]): None}))
    def hostile_text(wb: Workbook) -> None:  # typed with a leading apostrophe: text
        cell = wb[rows[0].kendala.sheet][rows[0].kendala.coord]
        cell.value = '=HYPERLINK("http://contoh.invalid","klik")'
        cell.data_type = "s"

    write("u03.XLSX", edit_workbook(filled_kit("u03", changes={
        str(rows[0].realisasi[0]): "1.234,5", str(rows[1].realisasi[0]): "85%",
        str(rows[2].realisasi[0]): " 12 ", str(rows[3].realisasi[0]): "1,5"}), hostile_text))
    write("u04 lama.xlsx", filled_kit("u04", signed=dt.date(2026, 4, 1)))
    write("u04 baru.xlsx", filled_kit("u04", signed=dt.date(2026, 4, 6), changes={
        str(layout("u04").indikator[0].realisasi[0]): 77}))
    write("u05 a.xlsx", filled_kit("u05", changes={
        str(layout("u05").indikator[0].realisasi[0]): 50}))
    write("u05 b.xlsx", filled_kit("u05", changes={
        str(layout("u05").indikator[0].realisasi[0]): 60}))
    write("u06 triwulan lalu.xlsx", filled_kit("u06", cycle=TW2))
    header = layout("u07").indikator[0].row
    write("u07 judul diubah.xlsx", edit_workbook(filled_kit("u07"), lambda wb: wb[SHEET_DATA]
                                                  .cell(header, 3, "Indikator lain")))
    write("u08 lembar diganti.xlsx", edit_workbook(
        filled_kit("u08"), lambda wb: setattr(wb[SHEET_DATA], "title", "Data")))
    write("u09 baris dihapus.xlsx", edit_workbook(
        filled_kit("u09"), lambda wb: wb[SHEET_DATA].delete_rows(layout("u09").indikator[1].row)))
    typed = str(layout("u16").indikator[0].realisasi[0])
    write("u16 rumus tanpa nilai.xlsx", filled_kit("u16", changes={typed: "=10+5"}))
    write("u13 makro.xlsm", rezip(filled_kit("u13"), lambda _n, body: body,
                                  {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0fake vba"}))
    kit14 = filled_kit("u14")
    part = sheet_part(kit14, SHEET_DATA)
    write("u14 wps.xlsx", rezip(kit14, lambda name, body: body.replace(
        b'<dimension ref="', b'<dimension ref="A1" x="') if name == part else body))

    def many_rows(wb: Workbook) -> None:
        sheet = wb[SHEET_DATA]
        for row in range(200, 10200):
            sheet.cell(row, 20, f"catatan {row}")
            sheet.cell(row, 21, row)

    write("u15 besar.xlsx", edit_workbook(filled_kit("u15"), many_rows))
    write("u17 bersandi.xlsx", encrypted(filled_kit("u17")))
    write("u18 ketik ulang.xlsx", retyped(filled_kit("u18")))
    write("u19 kit lain.xlsx", edit_workbook(
        filled_kit("u19"), lambda wb: wb[SHEET_IDENTITAS].cell(1, 2, "kit-lain-2026")))
    write("u20 unit lain.xlsx", edit_workbook(
        filled_kit("u20"), lambda wb: wb[SHEET_IDENTITAS].cell(2, 2, "seksi-tidak-ada")))
    write("bom.xlsx", zip_bomb())
    write("entitas.xlsx", entity_bomb(filled_kit("u12")))
    write("terpotong.xlsx", filled_kit("u12")[:6000])
    write("kosong.xlsx", b"")
    write("rekap lama.csv", b"no;unit;realisasi\n1;U01;12\n")
    _libreoffice_batch(folder, {
        "xlsx": [(ordinary, "U01 final.xlsx"),
                 (filled_kit("u10", changes=lo_changes()), "u10 rumus.xlsx")],
        "xls": [(filled_kit("u11"), "u11 dari excel lama.xlsx")],
        "ods": [(filled_kit("u12"), "u12 dari libreoffice.xlsx")],
    })


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The returned folder with every case, merged once."""
    folder = tmp_path_factory.mktemp("merge-corpus") / "kembali"
    build_corpus(folder)
    before = folder_hashes(folder)
    return Corpus(folder, before, merge_folder(folder, [DEFINITION], TW1))


MARGIN_PT = 15 * 72 / 25.4
HEADER_FILL = (217 / 255, 225 / 255, 242 / 255)


def _is_header(rect: dict[str, object]) -> bool:
    colour = rect.get("non_stroking_color")
    return isinstance(colour, tuple | list) and len(colour) == 3 and all(
        abs(float(a) - b) < 0.01 for a, b in zip(colour, HEADER_FILL, strict=True))


def check_rekap_pdf(path: Path) -> int:
    """Read a rekap PDF back: 'Halaman x dari y' on every page, every character and table
    cell inside the 15 mm margins, and a header row at the top of the table rows of every
    page that holds any.  Returns the number of pages."""
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            assert f"Halaman {number} dari {total}" in (page.extract_text() or ""), number
            for item in [*page.chars, *page.rects]:
                assert item["x0"] >= MARGIN_PT - 0.5 and item["x1"] <= page.width - MARGIN_PT + 0.5
                assert item["top"] >= MARGIN_PT - 0.5, (number, item.get("text"))
                assert item["bottom"] <= page.height - MARGIN_PT + 0.5, (number, item.get("text"))
            if page.rects:
                top = min(r["top"] for r in page.rects)
                assert any(_is_header(r) for r in page.rects if abs(r["top"] - top) < 0.5), number
    with pikepdf.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            fonts = page.Resources.get("/Font", {})
            selected = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    selected = str(operands[0])
                    assert selected in fonts, (number, selected)
                elif str(operator) == "Tj":
                    assert selected is not None, f"text without a font on page {number}"
    return total


class Lab:
    """The helpers of this conftest, handed to tests as the ``lab`` fixture (test modules
    cannot import conftest under --import-mode=importlib)."""

    definition = DEFINITION
    profil = PROFIL
    tw1, tw2 = TW1, TW2
    layout = staticmethod(layout)
    blank_kit = staticmethod(blank_kit)
    filled_kit = staticmethod(filled_kit)
    edit_workbook = staticmethod(edit_workbook)
    rezip = staticmethod(rezip)
    folder_hashes = staticmethod(folder_hashes)
    inbox = staticmethod(inbox)
    zip_bomb = staticmethod(zip_bomb)
    check_rekap_pdf = staticmethod(check_rekap_pdf)


@pytest.fixture(scope="session")
def lab() -> type[Lab]:
    """Helpers to make kits and returned files."""
    return Lab
