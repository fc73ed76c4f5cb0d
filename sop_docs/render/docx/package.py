"""The .docx zip written byte-for-byte the same every time.

python-docx stamps each zip entry with the current time.  Here python-docx's own
``PackageWriter`` serialises the parts (content types, relationships, part blobs) into a
collector instead of a zip, and the collector writes the zip with a fixed timestamp, a
fixed entry order ([Content_Types].xml first, then by name), fixed compression and fixed
file attributes; one compression pass, no re-reading.
"""

from __future__ import annotations

import io
import zipfile

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter

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


def package_bytes(document: DocxDocument, compress: bool = True) -> bytes:
    """The document's package as deterministic .docx bytes (``compress=False`` stores the
    entries as they are: quicker to open again, for the cached template)."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    collector = _Collector()
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return deterministic_zip(collector.entries, compress)


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
