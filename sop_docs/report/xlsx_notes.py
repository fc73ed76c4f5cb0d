"""Notes (Excel's "comments") added to a sheet of an .xlsx package: the comments part and
the legacy VML drawing that Excel, LibreOffice and WPS draw notes from, created when the
sheet has none, extended when it has its own (those stay).  Used by
:mod:`sop_docs.report.xlsx_marks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from sop_docs.report.xlsx_package import (
    CONTENT_TYPES,
    MAIN,
    PKG_REL,
    REL,
    RELS_TYPE,
    Package,
    cell_position,
    declare,
    main_tag,
    number,
    relate,
    relationships,
    rels_name,
)

if TYPE_CHECKING:
    from sop_docs.report.xlsx_marks import Mark

VML_V = "urn:schemas-microsoft-com:vml"
VML_O = "urn:schemas-microsoft-com:office:office"
VML_X = "urn:schemas-microsoft-com:office:excel"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_COMMENTS = f"{REL}/comments"
REL_VML = f"{REL}/vmlDrawing"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
NOTE_SHAPE = "_x0000_t202"  # the shape type Office draws notes with
# CT_Worksheet children that come after <legacyDrawing> (the schema fixes the order).
_AFTER_LEGACY_DRAWING = {f"{{{MAIN}}}{name}" for name in (
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst")}
_IDMAP = re.compile(rb'data="([0-9, ]+)"')
_SHAPE_ID = re.compile(r"_x0000_s([0-9]{1,9})")
# Declared on each shape added, so a drawing written with other prefixes gets v:/o:/x:.
_VML_NAMES = {"v": VML_V, "o": VML_O, "x": VML_X}


def _v(name: str) -> str:
    return f"{{{VML_V}}}{name}"


def _o(name: str) -> str:
    return f"{{{VML_O}}}{name}"


def _x(name: str) -> str:
    return f"{{{VML_X}}}{name}"


@dataclass
class _Notes:
    """A sheet's notes: the comments part and the VML drawing (its own, or new ones) and
    the next free shape id of the drawing."""

    comments: etree._Element
    drawing: etree._Element
    next_shape: int


def _new_comments(package: Package, sheet: str) -> etree._Element:
    """A new comments part for the sheet, related to it."""
    name = package.free("xl/comments{}.xml")
    root = etree.Element(main_tag("comments"), nsmap={None: MAIN})
    package.add(name, root)
    relate(package.edit(rels_name(sheet)), sheet, REL_COMMENTS, name)
    declare(package.edit(CONTENT_TYPES), name, COMMENTS_TYPE, by_extension=False)
    return root


def _free_block(package: Package) -> int:
    """An id block (``o:idmap``) no VML part of the package uses: shape ids must not clash."""
    used = {int(n) for name, body in package.parts.items() if name.lower().endswith(".vml")
            for found in _IDMAP.findall(body) for n in found.split(b",") if n.strip()}
    return next(n for n in range(1, len(used) + 2) if n not in used)


def _new_drawing(package: Package, sheet: str, root: etree._Element) -> etree._Element:
    """A new VML drawing for the sheet, related and pointed at by <legacyDrawing>, placed
    where the schema wants it."""
    name = package.free("xl/drawings/vmlDrawing{}.vml")
    drawing = etree.Element("xml", nsmap=_VML_NAMES)
    layout = etree.SubElement(drawing, _o("shapelayout"), {_v("ext"): "edit"})
    etree.SubElement(layout, _o("idmap"), {_v("ext"): "edit", "data": str(_free_block(package))})
    package.add(name, drawing)
    declare(package.edit(CONTENT_TYPES), name, VML_TYPE, by_extension=True)
    legacy = etree.Element(main_tag("legacyDrawing"),
                           nsmap={} if REL in root.nsmap.values() else {"r": REL})
    legacy.set(f"{{{REL}}}id", relate(package.edit(rels_name(sheet)), sheet, REL_VML, name))
    later = next((child for child in root if child.tag in _AFTER_LEGACY_DRAWING), None)
    if later is None:
        root.append(legacy)
    else:
        later.addprevious(legacy)
    return drawing


def _next_shape(drawing: etree._Element) -> int:
    """The id after the drawing's highest shape id (ids start in its first id block)."""
    ids = [int(found.group(1)) for element in drawing.iter()
           for value in (element.get("id"), element.get(_o("spid")))
           if value and (found := _SHAPE_ID.fullmatch(value))]
    blocks = [number(m.get("data", "").split(",")[0].strip())
              for m in drawing.iter(_o("idmap"))]
    return max([*ids, 1024 * (blocks[0] or 1) if blocks else 1024]) + 1


def _sheet_relationships(package: Package, sheet: str) -> dict[str, tuple[str, str]] | None:
    """The sheet's relationships (a new, empty part when it has none)."""
    name = rels_name(sheet)
    if name not in package.parts:
        package.add(name, etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL}))
        declare(package.edit(CONTENT_TYPES), name, RELS_TYPE, by_extension=True)
    return relationships(package, sheet)


def _notes(package: Package, sheet: str, root: etree._Element) -> _Notes | None:
    """The sheet's notes parts, created when it has none; None when they cannot be read
    (or notes come without a drawing, or the drawing is no VML)."""
    related = _sheet_relationships(package, sheet)
    if related is None:
        return None
    comments = [target for kind, target in related.values() if kind == REL_COMMENTS]
    legacy = root.find(main_tag("legacyDrawing"))
    kind, vml = related.get("" if legacy is None else legacy.get(f"{{{REL}}}id", ""), ("", ""))
    if len(comments) > 1 or (comments and legacy is None) or (legacy is not None
                                                              and kind != REL_VML):
        return None
    notes = package.edit(comments[0]) if comments else _new_comments(package, sheet)
    drawing = package.edit(vml) if legacy is not None else _new_drawing(package, sheet, root)
    if notes is None or drawing is None or notes.tag != main_tag("comments"):
        return None
    return _Notes(notes, drawing, _next_shape(drawing))


def _child(parent: etree._Element, name: str, index: int) -> etree._Element:
    """The child ``name`` of ``parent``, inserted at ``index`` when it has none."""
    found = parent.find(main_tag(name))
    if found is None:
        found = etree.Element(main_tag(name))
        parent.insert(index, found)
    return found


def _add_comments(comments: etree._Element, marks: Sequence[Mark], author: str) -> bool:
    """Add one comment per mark; False when a marked cell already has one."""
    authors, notes = _child(comments, "authors", 0), _child(comments, "commentList", 1)
    if {mark.coord for mark in marks} & {c.get("ref") for c in notes.iter(main_tag("comment"))}:
        return False
    names = [a.text for a in authors.iter(main_tag("author"))]
    if author not in names:
        etree.SubElement(authors, main_tag("author")).text = author
        names.append(author)
    for mark in marks:
        comment = etree.SubElement(notes, main_tag("comment"), ref=mark.coord,
                                   authorId=str(names.index(author)))
        text = etree.SubElement(etree.SubElement(comment, main_tag("text")), main_tag("t"))
        text.set(XML_SPACE, "preserve")
        text.text = mark.note
    return True


def _anchor(row: int, column: int, width: int, height: int) -> str:
    """The note box's cell anchor (left column, offset, top row, offset, right column,
    offset, bottom row, offset; 0-based) to the right of the cell at ``row``, ``column``
    (0-based), counting default cells of 64 x 20 px."""
    left, top = column + 1, max(row - 1, 0)
    return f"{left}, 15, {top}, 10, {left + -(-width // 64)}, 15, {top + -(-height // 20)}, 4"


def _note_type(drawing: etree._Element) -> None:
    """Define the note shape type in the drawing unless it already is."""
    if any(t.get("id") == NOTE_SHAPE for t in drawing.iter(_v("shapetype"))):
        return
    kind = etree.Element(_v("shapetype"), {
        "id": NOTE_SHAPE, "coordsize": "21600,21600", _o("spt"): "202",
        "path": "m,l,21600r21600,l21600,xe"}, nsmap=_VML_NAMES)
    etree.SubElement(kind, _v("stroke"), joinstyle="miter")
    etree.SubElement(kind, _v("path"), {"gradientshapeok": "t", _o("connecttype"): "rect"})
    layout = drawing.find(_o("shapelayout"))
    drawing.insert(0 if layout is None else drawing.index(layout) + 1, kind)


def _shape(drawing: etree._Element, mark: Mark, shape_id: int) -> None:
    """One hidden note shape: where the note of ``mark``'s cell is drawn when shown."""
    width, height = mark.size
    row, column = cell_position(mark.coord) or (1, 1)
    z = len(drawing.findall(_v("shape"))) + 1
    shape = etree.SubElement(drawing, _v("shape"), {
        "id": f"_x0000_s{shape_id}", "type": f"#{NOTE_SHAPE}", "fillcolor": "#ffffe1",
        "style": f"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:{width}px;"
                 f"height:{height}px;z-index:{z};visibility:hidden",
        _o("insetmode"): "auto"}, nsmap=_VML_NAMES)
    etree.SubElement(shape, _v("fill"), color2="#ffffe1")
    etree.SubElement(shape, _v("shadow"), on="t", color="black", obscured="t")
    etree.SubElement(shape, _v("path"), {_o("connecttype"): "none"})
    box = etree.SubElement(shape, _v("textbox"), style="mso-direction-alt:auto")
    etree.SubElement(box, "div", style="text-align:left")
    data = etree.SubElement(shape, _x("ClientData"), ObjectType="Note")
    etree.SubElement(data, _x("MoveWithCells"))
    etree.SubElement(data, _x("SizeWithCells"))
    etree.SubElement(data, _x("Anchor")).text = _anchor(row - 1, column - 1, width, height)
    etree.SubElement(data, _x("AutoFill")).text = "False"
    etree.SubElement(data, _x("Row")).text = str(row - 1)
    etree.SubElement(data, _x("Column")).text = str(column - 1)


def add_notes(package: Package, sheet: str, root: etree._Element, marks: Sequence[Mark],
               author: str) -> bool:
    """Note each mark on the sheet (its own notes stay); False when this cannot be done."""
    notes = _notes(package, sheet, root)
    if notes is None or not _add_comments(notes.comments, marks, author):
        return False
    _note_type(notes.drawing)
    for index, mark in enumerate(marks):
        _shape(notes.drawing, mark, notes.next_shape + index)
    return True
