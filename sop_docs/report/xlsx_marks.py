"""Fills and notes written straight into an .xlsx package, without an openpyxl round trip.

For each mark: a fill (a new ``<fill>`` and, per format the marked cells had, a copy of
that ``<xf>`` with the fill, so font, border, number format and protection stay), the cell
added to ``<sheetData>`` when the sheet omits it, and a note (:mod:`xlsx_notes`; a sheet's
own notes are kept and ours added).  Only the parts a mark needs are rewritten
(:mod:`xlsx_package`).

A package this module does not handle (a macro or template workbook, rows or cells without
``r``, a missing or unreadable part, a marked cell that already has a note) makes
:func:`mark_cells` answer None and the caller takes the general path.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from sop_docs.report.xlsx_notes import add_notes
from sop_docs.report.xlsx_package import (
    MAIN,
    REL,
    Package,
    cell_position,
    main_part,
    main_tag,
    number,
    relationships,
)

REL_WORKSHEET = f"{REL}/worksheet"
REL_STYLES = f"{REL}/styles"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

# Characters XML 1.0 cannot carry (a note quoting a typed value may hold them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (a message may quote what a person
    typed, control characters included)."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True, slots=True)
class Mark:
    """One cell to mark: sheet name, A1 coordinate, fill colour (ARGB, ``FFFFFF00``), the
    note's text (see :func:`xml_text`) and its box size in px (width, height)."""

    sheet: str
    coord: str
    colour: str
    note: str
    size: tuple[int, int]


@dataclass(frozen=True)
class _Book:
    """What marking needs of the workbook: its worksheets (name -> part) and styles part."""

    sheets: dict[str, str]
    styles: str


def _book(package: Package) -> _Book | None:
    """The workbook's worksheets and styles, found through the relationships (never by
    assuming ``sheetN`` names); None for a macro or template workbook or a broken one."""
    workbook = main_part(package, WORKBOOK_TYPE)
    root = None if workbook is None else package.xml(workbook)
    rels = None if workbook is None else relationships(package, workbook)
    if root is None or rels is None or root.tag != main_tag("workbook"):
        return None
    styles = [target for kind, target in rels.values() if kind == REL_STYLES]
    sheets = {}
    for sheet in root.iter(main_tag("sheet")):
        kind, target = rels.get(sheet.get(f"{{{REL}}}id", ""), ("", ""))
        if kind == REL_WORKSHEET:
            sheets[sheet.get("name", "")] = target
    return _Book(sheets, styles[0]) if len(styles) == 1 else None


class _Styles:
    """The new fills and cell formats: one fill per colour, one format per (old format,
    colour), each a copy of the old one with the fill set."""

    def __init__(self, root: etree._Element) -> None:
        self.fills = root.find(main_tag("fills"))
        self.formats = root.find(main_tag("cellXfs"))
        self.fill_ids: dict[str, int] = {}
        self.restyled: dict[tuple[int, str], int] = {}

    def usable(self) -> bool:
        return self.fills is not None and self.formats is not None

    def fill(self, colour: str) -> int:
        if colour not in self.fill_ids:
            self.fill_ids[colour] = len(self.fills.findall(main_tag("fill")))
            pattern = etree.SubElement(etree.SubElement(self.fills, main_tag("fill")),
                                       main_tag("patternFill"), patternType="solid")
            etree.SubElement(pattern, main_tag("fgColor"), rgb=colour)
            etree.SubElement(pattern, main_tag("bgColor"), indexed="64")
            self.fills.set("count", str(self.fill_ids[colour] + 1))
        return self.fill_ids[colour]

    def restyle(self, old: int, colour: str) -> int | None:
        """The format for a cell of format ``old`` filled with ``colour``; None when the
        workbook has no format ``old``."""
        if (old, colour) not in self.restyled:
            formats = self.formats.findall(main_tag("xf"))
            if old >= len(formats):
                return None
            copy = deepcopy(formats[old])
            copy.set("fillId", str(self.fill(colour)))
            copy.set("applyFill", "1")
            self.formats.append(copy)
            self.formats.set("count", str(len(formats) + 1))
            self.restyled[(old, colour)] = len(formats)
        return self.restyled[(old, colour)]


def _row(sheet_data: etree._Element, wanted: int) -> etree._Element:
    """Row ``wanted`` of the sheet, inserted in order when the sheet has none."""
    for row in sheet_data.iterchildren(main_tag("row")):
        r = number(row.get("r"))
        if r == wanted:
            return row
        if r is not None and r > wanted:
            new: etree._Element = etree.Element(main_tag("row"), r=str(wanted))
            row.addprevious(new)
            return new
    return etree.SubElement(sheet_data, main_tag("row"), r=str(wanted))


def _widen_spans(row: etree._Element, column: int) -> None:
    """Keep the row's optional ``spans`` hint true after a cell is added in ``column``."""
    spans = row.get("spans")
    if spans is None:
        return
    first, _, last = spans.partition(":")
    if first.isdigit() and last.isdigit():
        row.set("spans", f"{min(int(first), column)}:{max(int(last), column)}")
    else:
        del row.attrib["spans"]


def _default_format(root: etree._Element, row: etree._Element, column: int) -> str:
    """The format an absent cell shows: its row's, else its column's, else the default
    (an input cell keeps its unlocked protection when it is added)."""
    if row.get("customFormat") in ("1", "true") and row.get("s") is not None:
        style: str = row.get("s", "0")
        return style
    for col in root.iter(main_tag("col")):
        if (number(col.get("min")) or 0) <= column <= (number(col.get("max")) or 0):
            style = col.get("style", "0")
            return style
    return "0"


def _cell(root: etree._Element, sheet_data: etree._Element, coord: str,
          position: tuple[int, int]) -> etree._Element | None:
    """The cell at ``coord``, inserted in column order when absent; None when a cell of
    its row has an unreadable reference."""
    row = _row(sheet_data, position[0])
    for cell in row.iterchildren(main_tag("c")):
        at = cell_position(cell.get("r", ""))
        if at is None:
            return None
        if at[1] == position[1]:
            return cell
        if at[1] > position[1]:
            new: etree._Element = etree.Element(main_tag("c"), r=coord)
            cell.addprevious(new)
            break
    else:
        new = etree.SubElement(row, main_tag("c"), r=coord)
    new.set("s", _default_format(root, row, position[1]))
    _widen_spans(row, position[1])
    return new


def _fill_cells(root: etree._Element, marks: Sequence[Mark], styles: _Styles) -> bool:
    """Give each marked cell of the sheet ``root`` its fill; False when the sheet is one
    this module does not edit (rows or cells without ``r``, an unknown format)."""
    sheet_data = root.find(main_tag("sheetData"))
    if sheet_data is None or sheet_data.xpath(
            "boolean(m:row[not(@r)] | m:row/m:c[not(@r)])", namespaces={"m": MAIN}):
        return False
    for mark in marks:
        position = cell_position(mark.coord)
        cell = None if position is None else _cell(root, sheet_data, mark.coord, position)
        old = None if cell is None else number(cell.get("s", "0"))
        new = None if old is None else styles.restyle(old, mark.colour)
        if cell is None or new is None:
            return False
        cell.set("s", str(new))
    return True


def _by_sheet(marks: Sequence[Mark], sheets: dict[str, str]) -> Iterator[tuple[str, list[Mark]]]:
    """(sheet part, its marks in row/column order) for the marks on existing worksheets."""
    grouped: dict[str, list[Mark]] = {}
    for mark in marks:
        if mark.sheet in sheets and cell_position(mark.coord) is not None:
            grouped.setdefault(sheets[mark.sheet], []).append(mark)
    for part in sorted(grouped):
        yield part, sorted(grouped[part], key=lambda m: cell_position(m.coord) or (0, 0))


def _mark_sheet(package: Package, part: str, marks: Sequence[Mark], styles: _Styles,
                author: str) -> bool:
    root = package.edit(part)
    return (root is not None and root.tag == main_tag("worksheet")
            and _fill_cells(root, marks, styles) and add_notes(package, part, root, marks,
                                                                author))


def mark_cells(archive: zipfile.ZipFile, marks: Sequence[Mark], author: str) -> bytes | None:
    """The package of ``archive`` with each mark's cell filled and noted by ``author``
    (marks on sheets the workbook does not have are left out); None when the package is
    one this module does not edit.  Same inputs, same bytes."""
    package = Package.read(archive)
    book = None if package is None else _book(package)
    if package is None or book is None:
        return None
    styles_root = package.xml(book.styles)
    styles = None if styles_root is None else _Styles(styles_root)
    if styles is None or not styles.usable():
        return None
    for part, sheet_marks in _by_sheet(marks, book.sheets):
        if not _mark_sheet(package, part, sheet_marks, styles, author):
            return None
    if styles.fill_ids:
        package.edit(book.styles)
    return package.packed()
