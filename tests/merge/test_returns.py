"""The intake on its own: format sniffing, zip checks, typed numbers (no LibreOffice)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_docs.merge.results import Verdict
from sop_docs.merge.run import merge_folder
from sop_docs.returns.intake import open_returned
from sop_docs.returns.numbers import read_number
from sop_docs.returns.sniff import FileKind

if TYPE_CHECKING:
    from conftest import Lab


@pytest.mark.parametrize(("text", "value"), [
    ("15%", 15.0), ("1.234,5", 1234.5), ("1,5", 1.5), ("1.5", 1.5), (" 12 ", 12.0),
    ("12 persen", 12.0), ("1,234.5", 1234.5), ("1.234.567", 1234567.0), ("-3,25", -3.25),
    ("Rp 1.500.000", 1500000.0), ("12,5 %", 12.5), ("1.500", 1500.0), ("\u00a07\u00a0", 7.0),
])
def test_typed_numbers_are_read(text: str, value: float) -> None:
    read = read_number(text)
    assert read.value == value
    assert read.from_text and read.how


@pytest.mark.parametrize("text", ["abc", "1,2,3", ".", "", "12 orang", "1e5", "--1"])
def test_text_that_is_no_number_is_refused(text: str) -> None:
    assert read_number(text).value is None


def test_real_numbers_are_not_reported() -> None:
    assert read_number(12.5).value == 12.5 and not read_number(12.5).from_text
    assert read_number(True).value is None


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_lying_central_directory_is_refused(tmp_path: Path, lab: Lab) -> None:
    data = bytearray(lab.blank_kit("u01"))
    # Shrink the declared uncompressed size of every part in the central directory.
    index = data.find(b"PK\x01\x02")
    while index != -1:
        struct.pack_into("<I", data, index + 24, 10)
        index = data.find(b"PK\x01\x02", index + 4)
    intake = open_returned(_write(tmp_path, "bohong.xlsx", bytes(data)))
    assert not intake.readable
    assert {d.code for d in intake.diagnostics} == {"RET016"}


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(1200):
            archive.writestr(f"xl/media/{n}.bin", b"x")
    intake = open_returned(_write(tmp_path, "banyak.xlsx", out.getvalue()))
    assert [d.code for d in intake.diagnostics] == ["RET006"]


def test_oversized_part_is_refused_before_parsing(tmp_path: Path, lab: Lab) -> None:
    intake = open_returned(_write(tmp_path, "bom.xlsx", lab.zip_bomb()))
    assert intake.kind is FileKind.XLSX and not intake.readable
    assert "RET008" in {d.code for d in intake.diagnostics}


def test_entity_declaration_after_a_long_comment_is_found(tmp_path: Path, lab: Lab) -> None:
    kit = lab.blank_kit("u01")
    padded = lab.rezip(kit, lambda name, body: (
        b"<!--" + b" " * 5000 + b"-->" + b'<!DOCTYPE x [<!ENTITY a "b">]>' + body
        if name == "xl/workbook.xml" else body))
    intake = open_returned(_write(tmp_path, "komentar.xlsx", padded))
    assert [d.code for d in intake.diagnostics] == ["RET009"]


@pytest.mark.parametrize(("data", "kind", "code"), [
    (b"", FileKind.EMPTY, "RET001"),
    (b"unit;realisasi\nA;1\n", FileKind.TEXT, "RET002"),
    (b"<html><table><tr><td>1</td></tr></table></html>", FileKind.TEXT, "RET002"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FileKind.UNKNOWN, "RET003"),
    (b"PK\x03\x04garbage", FileKind.CORRUPT, "RET004"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, FileKind.OLE_OTHER, "RET017"),
])
def test_files_that_are_no_workbook(tmp_path: Path, data: bytes, kind: FileKind,
                                    code: str) -> None:
    intake = open_returned(_write(tmp_path, "berkas.xlsx", data))
    assert intake.kind is kind
    assert [d.code for d in intake.diagnostics] == [code]
    assert intake.diagnostics[0].message and intake.diagnostics[0].hint


def test_a_word_document_is_named(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    intake = open_returned(_write(tmp_path, "laporan.xlsx", out.getvalue()))
    assert "Word" in intake.diagnostics[0].message


def test_a_clean_kit_reads_with_its_producer(tmp_path: Path, lab: Lab) -> None:
    with open_returned(_write(tmp_path, "kit.bin", lab.filled_kit("u01"))) as intake:
        assert intake.readable and intake.kind is FileKind.XLSX
        assert intake.application and len(intake.sha256) == 64
        assert intake.grid("Data Kinerja") is not None
        assert intake.grid("Tidak Ada") is None


@pytest.fixture(scope="session")
def two_kits(lab: type[Lab]) -> tuple[bytes, bytes]:
    return lab.filled_kit("u01"), lab.filled_kit("u02")


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_damaged_kits_never_stop_the_batch(tmp_path_factory: pytest.TempPathFactory,
                                           lab: type[Lab], two_kits: tuple[bytes, bytes],
                                           data: st.DataObject) -> None:
    kit = bytearray(two_kits[0])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(kit) - 1))
        kit[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del kit[data.draw(st.integers(1, len(kit))):]
    folder = tmp_path_factory.mktemp("rusak")
    (folder / "rusak.xlsx").write_bytes(bytes(kit))
    (folder / "utuh.xlsx").write_bytes(two_kits[1])
    result = merge_folder(folder, [lab.definition], lab.tw1)
    assert len(result.files) == 2
    assert {u.unit: u.verdict for u in result.units}["u02"] is Verdict.LENGKAP


def test_a_file_name_that_is_not_utf8_is_shown_and_merged(tmp_path: Path,
                                                           lab: type[Lab]) -> None:
    folder = tmp_path / "kembali"
    folder.mkdir()
    raw = bytes(folder) + b"/Laporan \xff\xfe.xlsx"
    with open(raw, "wb") as handle:
        handle.write(lab.filled_kit("u01"))
    result = merge_folder(folder, [lab.definition], lab.tw1)
    assert result.files[0].name == "Laporan \ufffd\ufffd.xlsx"
    assert result.files[0].verdict is Verdict.LENGKAP
