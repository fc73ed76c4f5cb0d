"""An OOXML package opened for a few edits: parts read once, parsed only when needed, the
parts nobody edited written back byte for byte.

The mechanics of the Open Packaging Conventions that :mod:`sop_docs.report.xlsx_marks` and
:mod:`sop_docs.report.xlsx_notes` need: relationships (relative or absolute targets),
``[Content_Types].xml``, free part names and ids, and A1 cell coordinates.  Every XML part
is parsed with a hardened parser and a part declaring a DTD counts as unreadable, so
nothing here ever expands an entity.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree

from sop_docs.report.output import normalise_zip

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_DOCUMENT = f"{REL}/officeDocument"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
CONTENT_TYPES = "[Content_Types].xml"
RELATIONSHIP = f"{{{PKG_REL}}}Relationship"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_COORD = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


def main_tag(name: str) -> str:
    """The qualified name of a SpreadsheetML element (``{main namespace}name``)."""
    return f"{{{MAIN}}}{name}"


def number(text: str | None) -> int | None:
    """An attribute holding a whole number, or None when it holds anything else."""
    return int(text) if text is not None and text.isdigit() else None


def cell_position(coord: str) -> tuple[int, int] | None:
    """(row, column), both from 1, of an A1 coordinate; None when it names no cell."""
    match = _COORD.fullmatch(coord)
    if match is None:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    row = int(match.group(2))
    return (row, column) if row <= _MAX_ROW and column <= _MAX_COLUMN else None




def rels_name(part: str) -> str:
    """The relationships part of ``part`` ("" names the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def part_name(source: str, target: str) -> str:
    """The part a relationship of ``source`` points at: targets are relative to the
    source's folder, or absolute from the package root."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class Package:
    """The parts of one package: the original bytes in their order, the XML parts parsed
    (each once), which parts changed, and the parts added."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self._names = {name.lower() for name in parts}
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True,
                                       load_dtd=False, huge_tree=False,
                                       remove_blank_text=False)
        self._trees: dict[str, etree._Element] = {}
        self._changed: set[str] = set()

    @classmethod
    def read(cls, archive: zipfile.ZipFile) -> Package | None:
        """Every part of ``archive``; None when a part cannot be read or a name repeats."""
        names = archive.namelist()
        if len(set(names)) != len(names):
            return None
        try:
            return cls({name: archive.read(name) for name in names})
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError):
            return None

    def xml(self, name: str) -> etree._Element | None:
        """The root of part ``name``; None when it is missing, not well-formed or has a DTD."""
        if name not in self._trees:
            if name not in self.parts:
                return None
            try:
                root = etree.fromstring(self.parts[name], self._parser)
            except etree.XMLSyntaxError:
                return None
            if root.getroottree().docinfo.internalDTD is not None:
                return None
            self._trees[name] = root
        return self._trees[name]

    def edit(self, name: str) -> etree._Element | None:
        """Like :meth:`xml`, for a part that will be written back."""
        root = self.xml(name)
        if root is not None:
            self._changed.add(name)
        return root

    def add(self, name: str, root: etree._Element) -> None:
        """Add the XML part ``name`` (written after the original parts)."""
        self._trees[name] = root
        self._changed.add(name)
        self._names.add(name.lower())

    def free(self, pattern: str) -> str:
        """The first ``pattern.format(n)``, n = 1, 2, ..., that names no part (part names
        compare without case); the name is taken."""
        n = 1
        while pattern.format(n).lower() in self._names:
            n += 1
        self._names.add(pattern.format(n).lower())
        return pattern.format(n)

    def packed(self) -> bytes:
        """The package, changed parts written back, new parts after the original ones, in
        the fixed-time zip form of :func:`~sop_docs.report.output.normalise_zip`."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name in [*self.parts, *(n for n in self._trees if n not in self.parts)]:
                out.writestr(name, self._body(name))
        return normalise_zip(buffer.getvalue())

    def _body(self, name: str) -> bytes:
        if name not in self._changed:
            return self.parts[name]
        tree = self._trees[name].getroottree()
        if name.lower().endswith(".vml"):
            # Legacy VML is read by Office's old HTML-ish parser; it is written, as Excel
            # writes it, without an XML declaration.
            vml: bytes = etree.tostring(tree, encoding="UTF-8")
            return vml
        written: bytes = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
        return written


def relationships(package: Package, part: str) -> dict[str, tuple[str, str]] | None:
    """Id -> (type, target part) of the internal relationships of ``part`` ("" for the
    package); None when its relationships part is missing or unreadable."""
    root = package.xml(rels_name(part))
    if root is None:
        return None
    return {rel.get("Id", ""): (rel.get("Type", ""), part_name(part, rel.get("Target", "")))
            for rel in root.iter(RELATIONSHIP)
            if rel.get("TargetMode", "Internal") == "Internal"}


def relate(rels: etree._Element, source: str, kind: str, part: str) -> str:
    """Add a relationship of ``kind`` from ``source`` to ``part`` to the relationships
    part ``rels``; return its new Id."""
    taken = {rel.get("Id") for rel in rels.iter(RELATIONSHIP)}
    number = 1
    while f"rId{number}" in taken:
        number += 1
    target = posixpath.relpath(part, posixpath.dirname(source) or ".")
    etree.SubElement(rels, RELATIONSHIP, Id=f"rId{number}", Type=kind, Target=target)
    return f"rId{number}"


def content_type(types: etree._Element, part: str) -> str | None:
    """The content type ``[Content_Types].xml`` (root ``types``) gives ``part``."""
    extension = part.rpartition(".")[2].lower()
    found: list[str] = [
        *(o.get("ContentType", "") for o in types.iter(f"{{{TYPES}}}Override")
          if o.get("PartName", "").lower() == f"/{part}".lower()),
        *(d.get("ContentType", "") for d in types.iter(f"{{{TYPES}}}Default")
          if d.get("Extension", "").lower() == extension)]
    return found[0] if found else None


def declare(types: etree._Element, part: str, kind: str, by_extension: bool) -> None:
    """Make ``[Content_Types].xml`` give ``part`` the type ``kind``: by a Default for its
    extension when asked and the extension has none, else by an Override."""
    known = content_type(types, part)
    if known == kind:
        return
    defaults = list(types.iter(f"{{{TYPES}}}Default"))
    if by_extension and known is None and defaults:
        defaults[-1].addnext(etree.Element(f"{{{TYPES}}}Default",
                                           Extension=part.rpartition(".")[2],
                                           ContentType=kind))
    else:
        etree.SubElement(types, f"{{{TYPES}}}Override", PartName=f"/{part}", ContentType=kind)


def main_part(package: Package, kind: str) -> str | None:
    """The package's main document (its one officeDocument relationship) when its content
    type is ``kind``."""
    types, document = package.xml(CONTENT_TYPES), relationships(package, "")
    if types is None or document is None:
        return None
    found = [target for rel, target in document.values() if rel == REL_DOCUMENT]
    return found[0] if len(found) == 1 and content_type(types, found[0]) == kind else None
