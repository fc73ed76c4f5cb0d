"""The .docx zip written byte-for-byte the same every time.

python-docx stamps each zip entry with the current time.  Here python-docx's own
``PackageWriter`` (or, lacking its private steps, the parts' public properties) serialises
the parts (content types, relationships, part blobs) into a collector instead of a zip, and
the collector writes the zip with a fixed timestamp, a fixed entry order
([Content_Types].xml first, then by name), fixed compression and fixed file attributes;
one compression pass, no re-reading.
"""

from __future__ import annotations

import io
import zipfile

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import CT_Types, serialize_part_xml
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.part import Part
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.opc.spec import default_content_types

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"
COMPRESS_LEVEL = 1  # the parts are small; speed matters more than the last kilobytes


class _Collector(PhysPkgWriter):
    """Stands in for python-docx's physical (zip) package writer: keeps what it is given."""

    def __new__(cls) -> _Collector:  # the base class's __new__ would make a zip writer
        return object.__new__(cls)

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.entries[pack_uri.membername] = blob


_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


def package_bytes(document: DocxDocument, compress: bool = True) -> bytes:
    """The document's package as deterministic .docx bytes (``compress=False`` stores the
    entries as they are: quicker to open again, for the cached template).

    python-docx's private serialisation steps are the fast path; without them the same
    entries are built from the parts' public properties: the same bytes either way.
    """
    if all(hasattr(PackageWriter, step) for step in _STEPS):
        return deterministic_zip(_collected(document), compress)
    return deterministic_zip(_serialised(document), compress)


def _collected(document: DocxDocument) -> dict[str, bytes]:
    """The package's entries from python-docx's own serialisation steps."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    collector = _Collector()
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return collector.entries


def _serialised(document: DocxDocument) -> dict[str, bytes]:
    """The package's entries built from its parts' public properties (blob, rels XML,
    content type), exactly as python-docx's own steps build them."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {CONTENT_TYPES: _content_types(parts),
               PACKAGE_URI.rels_uri.membername: package.rels.xml}
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def _content_types(parts: list[Part]) -> bytes:
    """``[Content_Types].xml``: a default per known extension, an override per other part."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for part in parts:
        ext = part.partname.ext
        if (ext.lower(), part.content_type) in default_content_types:
            defaults[ext] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for ext in sorted(defaults, key=str.lower):
        types.add_default(ext, defaults[ext])
    for partname in sorted(overrides):
        types.add_override(partname, overrides[partname])
    return serialize_part_xml(types)


def deterministic_zip(entries: dict[str, bytes], compress: bool = True) -> bytes:
    """A zip of ``entries`` with every source of run-to-run difference removed."""
    names = sorted(entries, key=lambda name: (name != CONTENT_TYPES, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, entries[name], compresslevel=COMPRESS_LEVEL)
    return out.getvalue()
