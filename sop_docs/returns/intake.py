"""Open one returned file safely: sniff, check, then hand out cell values on demand.

``open_returned`` never raises for bad input: every problem becomes a located diagnostic and
``Intake.readable`` says whether the cells can be used.  The file is read once into memory
(returned kits are small; a size limit refuses the rest) and never written.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from sop_docs.diagnostics import (
    RET_CORRUPT,
    RET_EMPTY,
    RET_ENCRYPTED,
    RET_FILE_TOO_LARGE,
    RET_LINK,
    RET_MACROS,
    RET_NOT_REGULAR,
    RET_NOT_SPREADSHEET,
    RET_TEXT,
    RET_UNKNOWN_FORMAT,
    RET_UNREADABLE,
    Code,
    Diagnostic,
    Location,
    Severity,
    make,
)
from sop_docs.errors import NotAFile
from sop_docs.returns.grid import Grid
from sop_docs.returns.sniff import (
    OLE2_MAGIC,
    ZIP_MAGICS,
    FileKind,
    describe_text,
    looks_like_text,
    sniff_ole2,
    sniff_zip,
)
from sop_docs.returns.zipcheck import DEFAULT_LIMITS, ZipLimits, check_sizes, check_xml_parts

MAX_FILE_SIZE = 50 * 1024 * 1024

_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pkg": "http://schemas.openxmlformats.org/package/2006/relationships",
    "app": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


@dataclass
class Intake:
    """One returned file after the safety checks: facts for the audit log, and its cells."""

    path: Path
    name: str  # how reports name the file (relative to the returned folder)
    sha256: str
    size: int
    kind: FileKind
    diagnostics: list[Diagnostic] = field(default_factory=list)
    application: str = ""
    macros: bool = False
    sheet_names: tuple[str, ...] = ()
    _data: bytes = b""
    _workbook: python_calamine.CalamineWorkbook | None = None
    _archive: zipfile.ZipFile | None = None
    _grids: dict[str, Grid | None] = field(default_factory=dict)
    _trees: dict[str, ElementTree.Element | None] = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        """True when the cells can be read (no intake error)."""
        return self._workbook is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )

    def problem(self, code: Code, cell: str | None = None, **fields: object) -> Diagnostic:
        """Record a diagnostic located in this file (optionally at ``Sheet!A1``)."""
        diagnostic = make(code, Location(self.name, cell=cell), **fields)
        self.diagnostics.append(diagnostic)
        return diagnostic

    def grid(self, sheet: str) -> Grid | None:
        """The values of ``sheet`` (read once, then cached); None when there is no such sheet."""
        if sheet not in self._grids:
            self._grids[sheet] = self._read_grid(sheet)
        return self._grids[sheet]

    def _read_grid(self, sheet: str) -> Grid | None:
        if self._workbook is None or sheet not in self.sheet_names:
            return None
        try:
            rows = self._workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except python_calamine.CalamineError as exc:
            self.problem(RET_UNREADABLE, reason=f"lembar {sheet}: {exc}")
            return None
        return Grid(sheet, rows)

    def formula_cells(self, sheet: str) -> frozenset[str]:
        """References of the cells of ``sheet`` that hold a formula (OOXML only; else none).

        A scan of the sheet part's ``<sheetData>`` for ``<f>`` elements and the ``r`` of
        their enclosing ``<c>``, instead of a full XML parse (which costs several times the
        whole calamine read).  The values always come from calamine; a formula the scan
        misses (an unusual writer) only loses a warning.
        """
        part = self._sheet_part(sheet)
        if part is None or self._archive is None:
            return frozenset()
        try:
            return _formula_refs(self._archive.read(part))
        except (KeyError, zipfile.BadZipFile, zlib.error):
            return frozenset()

    def _sheet_part(self, sheet: str) -> str | None:
        if self._archive is None or self.kind not in (FileKind.XLSX, FileKind.XLSM):
            return None
        workbook = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        if workbook is None or rels is None:
            return None
        relationships = rels.iter(f"{{{_NS['pkg']}}}Relationship")
        targets = {r.get("Id"): r.get("Target", "") for r in relationships}
        for element in workbook.iter(f"{{{_NS['main']}}}sheet"):
            if element.get("name") == sheet:
                target = targets.get(element.get(f"{{{_NS['rel']}}}id"), "")
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        return None

    def _xml(self, part: str) -> ElementTree.Element | None:
        """A small package part, parsed once (its prolog was already checked for entities)."""
        if self._archive is None:
            return None
        if part not in self._trees:
            try:
                with self._archive.open(part) as handle:
                    self._trees[part] = ElementTree.parse(handle).getroot()
            except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error):
                self._trees[part] = None
        return self._trees[part]

    def custom_properties(self) -> dict[str, str]:
        """Custom document properties (name -> text), from docProps/custom.xml or ODF meta."""
        if self.kind is FileKind.ODS:
            meta = self._xml("meta.xml")
            if meta is None:
                return {}
            key = f"{{{_NS['meta']}}}name"
            fields = meta.iter(f"{{{_NS['meta']}}}user-defined")
            return {e.get(key, ""): (e.text or "") for e in fields}
        custom = self._xml("docProps/custom.xml")
        if custom is None:
            return {}
        return {
            prop.get("name", ""): "".join(child.text or "" for child in prop)
            for prop in custom.iter(f"{{{_NS['cp']}}}property")
        }

    def defined_names(self) -> dict[str, str]:
        """Workbook-level defined names (name -> formula text), OOXML only."""
        workbook = self._xml("xl/workbook.xml")
        if workbook is None:
            return {}
        return {
            e.get("name", ""): (e.text or "")
            for e in workbook.iter(f"{{{_NS['main']}}}definedName")
            if e.get("localSheetId") is None
        }

    def close(self) -> None:
        """Release the workbook and the in-memory bytes."""
        if self._workbook is not None:
            self._workbook.close()
        if self._archive is not None:
            self._archive.close()
        self._workbook = self._archive = None
        self._data = b""
        self._grids.clear()
        self._trees.clear()

    def __enter__(self) -> Intake:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_returned(path: Path, name: str | None = None,
                  limits: ZipLimits = DEFAULT_LIMITS) -> Intake:
    """Read ``path`` and run every safety check; the result says what it is and what is wrong."""
    display = name or path.name
    try:
        size, data = _read_regular(path)
    except NotAFile as refused:
        intake = Intake(path, display, "", 0, FileKind.UNKNOWN)
        intake.problem(refused.code, what=refused.what)
        return intake
    except OSError as exc:
        intake = Intake(path, display, "", 0, FileKind.UNKNOWN)
        intake.problem(RET_UNREADABLE, reason=str(exc))
        return intake
    intake = Intake(path, display, hashlib.sha256(data).hexdigest() if data else "", size,
                    FileKind.UNKNOWN, _data=data)
    if size > MAX_FILE_SIZE:
        intake.problem(RET_FILE_TOO_LARGE, size=size, limit=MAX_FILE_SIZE)
        return intake
    intake.kind = _sniff(intake, data)
    if intake.kind.is_zip:
        _check_package(intake, limits)
    if intake.kind.is_workbook and not any(
            d.severity is Severity.ERROR for d in intake.diagnostics):
        _open_workbook(intake)
    return intake


def _read_regular(path: Path) -> tuple[int, bytes]:
    """(size, bytes) of a regular file; a link (even one made between listing and reading)
    or a special file raises :class:`NotAFile` and is never followed or read.  The bytes
    are empty when the file is over :data:`MAX_FILE_SIZE`."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise NotAFile(RET_LINK, "symlink")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(RET_NOT_REGULAR, _special_kind(info.st_mode))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link after it was listed
            raise NotAFile(RET_LINK, "symlink") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise NotAFile(RET_NOT_REGULAR, _special_kind(opened.st_mode))
        size = opened.st_size
        return size, handle.read(size) if size <= MAX_FILE_SIZE else b""


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"


def _sniff(intake: Intake, data: bytes) -> FileKind:
    if not data:
        intake.problem(RET_EMPTY)
        return FileKind.EMPTY
    if data.startswith(OLE2_MAGIC):
        kind = sniff_ole2(data)
        if kind is FileKind.ENCRYPTED:
            intake.problem(RET_ENCRYPTED)
        elif kind is FileKind.OLE_OTHER:
            intake.problem(RET_NOT_SPREADSHEET, what="dokumen Office lama (bukan Excel)")
        return kind
    if data.startswith(ZIP_MAGICS):
        try:
            intake._archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zlib.error, ValueError, EOFError) as exc:
            intake.problem(RET_CORRUPT, reason=str(exc))
            return FileKind.CORRUPT
        kind = sniff_zip(intake._archive)
        if kind is FileKind.ZIP_OTHER:
            intake.problem(RET_NOT_SPREADSHEET, what=_zip_what(intake._archive))
        return kind
    head = data[:4096]
    if looks_like_text(head):
        intake.problem(RET_TEXT, what=describe_text(head))
        return FileKind.TEXT
    intake.problem(RET_UNKNOWN_FORMAT, what=f"awal berkas {data[:8].hex(' ')}")
    return FileKind.UNKNOWN


def _zip_what(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "dokumen Word"
    if "ppt/presentation.xml" in names:
        return "presentasi PowerPoint"
    return "arsip zip"


def _check_package(intake: Intake, limits: ZipLimits) -> None:
    archive = intake._archive
    if archive is None:  # not a zip package: nothing to check
        return
    problems = check_sizes(archive, limits)
    if not problems:  # never stream parts of an archive already refused as a bomb
        problems = check_xml_parts(archive, intake._data, limits)
    intake.diagnostics.extend(make(code, Location(intake.name), **fields)
                              for code, fields in problems)
    if problems:
        return
    intake.macros = intake.kind is FileKind.XLSM or any(
        n.lower().endswith("vbaproject.bin") for n in archive.namelist()
    )
    if intake.macros:
        intake.problem(RET_MACROS)
    intake.application = _application(intake)


def _application(intake: Intake) -> str:
    if intake.kind is FileKind.ODS:
        meta = intake._xml("meta.xml")
        generator = None if meta is None else meta.find(f".//{{{_NS['meta']}}}generator")
        return (generator.text or "").strip() if generator is not None else ""
    app = intake._xml("docProps/app.xml")
    element = None if app is None else app.find(f"{{{_NS['app']}}}Application")
    version = None if app is None else app.find(f"{{{_NS['app']}}}AppVersion")
    text = (element.text or "").strip() if element is not None else ""
    if text and version is not None and version.text:
        text = f"{text} {version.text.strip()}"
    return text


def _open_workbook(intake: Intake) -> None:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(intake._data))
    except python_calamine.PasswordError:
        intake.problem(RET_ENCRYPTED)
        return
    except (python_calamine.CalamineError, ValueError, OSError, RuntimeError) as exc:
        intake.problem(RET_UNREADABLE, reason=_short(exc))
        return
    intake._workbook = workbook
    intake.sheet_names = tuple(workbook.sheet_names)


def _formula_refs(data: bytes) -> frozenset[str]:
    """The ``r`` of every ``<c>`` in ``<sheetData>`` that holds an ``<f>``."""
    begin = data.find(b"<sheetData")
    stop = data.find(b"</sheetData>", begin)
    stop = len(data) if stop == -1 else stop
    found: set[str] = set()
    index = data.find(b"<f", max(begin, 0), stop)
    while index != -1:
        if data[index + 2 : index + 3] in (b">", b" ", b"/"):
            cell = data.rfind(b"<c ", 0, index)
            attr = data.find(b' r="', cell, index)
            if cell != -1 and attr != -1:
                found.add(data[attr + 4 : data.find(b'"', attr + 4)].decode("ascii", "replace"))
        index = data.find(b"<f", index + 2, stop)
    return frozenset(found)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
