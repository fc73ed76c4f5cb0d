"""What a returned file really is, decided from its bytes, never from its name."""

from __future__ import annotations

import zipfile
from enum import StrEnum

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# An encrypted OOXML package is an OLE2 file holding these two streams (MS-OFFCRYPTO).
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# An .xls workbook stream; Word and PowerPoint OLE2 files do not have it.
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


class FileKind(StrEnum):
    """The formats the intake tells apart; only XLSX, XLSM, XLS and ODS hold a kit."""

    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"
    ENCRYPTED = "encrypted"
    ZIP_OTHER = "zip"  # a zip that is no spreadsheet (docx, a plain archive)
    OLE_OTHER = "ole"  # an OLE2 file that is no workbook (.doc)
    TEXT = "text"
    EMPTY = "empty"
    CORRUPT = "corrupt"
    UNKNOWN = "unknown"

    @property
    def is_workbook(self) -> bool:
        """True for the kinds python-calamine reads as a workbook."""
        return self in (FileKind.XLSX, FileKind.XLSM, FileKind.XLS, FileKind.ODS)

    @property
    def is_zip(self) -> bool:
        """True for the zip-packaged workbook formats (checked for bombs before parsing)."""
        return self in (FileKind.XLSX, FileKind.XLSM, FileKind.ODS)


def sniff_ole2(data: bytes) -> FileKind:
    """An OLE2 compound file: encrypted OOXML package, an .xls workbook, or something else."""
    if all(name in data for name in _ENCRYPTION_STREAMS):
        return FileKind.ENCRYPTED
    if any(name in data for name in _XLS_STREAMS):
        return FileKind.XLS
    return FileKind.OLE_OTHER


def sniff_zip(archive: zipfile.ZipFile) -> FileKind:
    """A zip package: OOXML workbook (with or without macros), ODF spreadsheet, or other."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and any(n.startswith("xl/workbook") for n in names):
        return FileKind.XLSM if "xl/vbaProject.bin" in names else FileKind.XLSX
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 128:
            with archive.open(info) as handle:
                if handle.read(128).strip() == ODS_MIMETYPE:
                    return FileKind.ODS
    return FileKind.ZIP_OTHER


def looks_like_text(head: bytes) -> bool:
    """True when the first bytes read as text (CSV, HTML saved as .xls, a note)."""
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text with a BOM
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def describe_text(head: bytes) -> str:
    """A short Indonesian name for a text file, for the message."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<html", b"<!doctype html", b"<table")):
        return "HTML"
    if sample.startswith(b"<?xml"):
        return "XML"
    first_line = sample.split(b"\n", 1)[0]
    if first_line.count(b",") + first_line.count(b";") + first_line.count(b"\t") >= 1:
        return "CSV"
    return "teks"
