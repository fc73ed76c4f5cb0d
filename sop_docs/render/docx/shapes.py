"""DrawingML builders: flowchart symbols, connectors, labels and free text as Word shapes.

Every shape is a ``wps:wsp`` inside a floating ``wp:anchor`` placed in EMU straight from
the layout's millimetres, so Word and LibreOffice put it exactly where the PDF has it:
against the page, or (given ``origin``, the top-left corner of the table cell whose
paragraph holds the anchor) against that cell and paragraph, so the shape moves with its
row when a clerk's edit makes rows above it, or its own row, taller.  The
drawing sits in ``mc:AlternateContent/mc:Choice Requires="wps"`` as Word
itself writes it (Word 2010+ and LibreOffice take that choice); no VML fallback is written.
Each builder makes one element from a parsed template and sets
values through attributes; children are added in schema order.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from sop_docs.layout.geometry import Align, Box, Connector, Label, Symbol, SymbolKind, TextLine
from sop_docs.render.docx.ooxml import (
    PIC_URI,
    WPS_URI,
    IdCounter,
    clean_text,
    element,
    emu,
    find_child,
    from_template,
    nsdecls,
    qn,
    sub,
)
from sop_docs.render.docx.text import PT_TO_MM, box_paragraphs, run

LINE_EMU = 9525  # 0.75 pt outlines and connectors
BLACK, WHITE = "000000", "FFFFFF"
PRESETS = {
    SymbolKind.TERMINATOR: "roundRect",  # with the largest corner: a true capsule
    SymbolKind.PROSES: "flowChartProcess",
    SymbolKind.KEPUTUSAN: "flowChartDecision",
    SymbolKind.OFFPAGE: "flowChartOffpageConnector",
}
SYMBOL_NAMES = {
    SymbolKind.TERMINATOR: "Terminator",
    SymbolKind.PROSES: "Proses",
    SymbolKind.KEPUTUSAN: "Keputusan",
    SymbolKind.OFFPAGE: "Penghubung",
}
Origin = tuple[float, float] | None  # a holding cell's top-left corner, mm; None: the page
# Stacking order: connectors under symbols, labels and text above both.
Z_CONNECTOR, Z_SYMBOL, Z_TEXT = 251_658_240, 251_659_264, 251_660_288

_ANCHOR = (
    f"<wp:anchor {nsdecls('wp', 'a')} distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\""
    ' simplePos="0" relativeHeight="0" behindDoc="0" locked="0" layoutInCell="1"'
    ' allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="0" cy="0"/>'
    '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
    "<wp:wrapNone/>"
    '<wp:docPr id="0" name=""/>'
    "<wp:cNvGraphicFramePr/>"
    '<a:graphic><a:graphicData uri=""/></a:graphic>'
    "</wp:anchor>"
)
_BODY_PR = (
    f"<wps:bodyPr {nsdecls('wps', 'a')} rot=\"0\" vert=\"horz\" wrap=\"square\""
    ' lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
)
_POLYLINE = (
    f"<a:custGeom {nsdecls('a')}><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
    '<a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="0" h="0" fill="none"/></a:pathLst>'
    "</a:custGeom>"
)
_PICTURE = (
    f"<pic:pic {nsdecls('pic', 'a', 'r')}>"
    '<pic:nvPicPr><pic:cNvPr id="0" name=""/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed=""/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
    "</pic:pic>"
)


# --- DrawingML pieces ------------------------------------------------------------------

def xfrm(cx: int, cy: int) -> etree._Element:
    """``a:xfrm`` of a shape of size (cx, cy) EMU; its position lives on the anchor."""
    el = element("a:xfrm")
    sub(el, "a:off", {"x": "0", "y": "0"})
    sub(el, "a:ext", {"cx": str(cx), "cy": str(cy)})
    return el


def preset_geometry(preset: str) -> etree._Element:
    """``a:prstGeom`` of a named preset (flowChartProcess, line ...); a ``roundRect`` gets
    corners of half its shorter side (the capsule every backend draws for a terminator;
    Word's flowChartTerminator has elliptic ends that flatten as the shape widens)."""
    el = element("a:prstGeom", {"prst": preset})
    av = sub(el, "a:avLst")
    if preset == "roundRect":
        sub(av, "a:gd", {"name": "adj", "fmla": "val 50000"})
    return el


def polyline_geometry(points: Sequence[tuple[int, int]], cx: int, cy: int) -> etree._Element:
    """``a:custGeom`` of an open polyline; ``points`` in EMU relative to the shape's origin."""
    el = from_template(_POLYLINE)
    path = find_child(el, f"{qn('a:pathLst')}/{qn('a:path')}")
    path.set("w", str(cx))
    path.set("h", str(cy))
    for index, (x, y) in enumerate(points):
        step = sub(path, "a:moveTo" if index == 0 else "a:lnTo")
        sub(step, "a:pt", {"x": str(x), "y": str(y)})
    return el


def solid_fill(color: str) -> etree._Element:
    el = element("a:solidFill")
    sub(el, "a:srgbClr", {"val": color})
    return el


def outline(width: int | None = LINE_EMU, arrow: bool = False) -> etree._Element:
    """``a:ln``: a black line of ``width`` EMU (None: no line), arrowhead at the end."""
    ln = element("a:ln")
    if width is None:
        sub(ln, "a:noFill")
        return ln
    ln.set("w", str(width))
    ln.append(solid_fill(BLACK))
    sub(ln, "a:miter", {"lim": "800000"})
    if arrow:
        sub(ln, "a:tailEnd", {"type": "triangle", "w": "med", "len": "med"})
    return ln


def shape_properties(transform: etree._Element, geometry: etree._Element,
                     fill: str | None, line: etree._Element) -> etree._Element:
    """``wps:spPr`` in schema order: xfrm, geometry, fill, ln."""
    sppr = element("wps:spPr")
    sppr.append(transform)
    sppr.append(geometry)
    if fill is None:
        sub(sppr, "a:noFill")
    else:
        sppr.append(solid_fill(fill))
    sppr.append(line)
    return sppr


def word_shape(sppr: etree._Element, paragraphs: Sequence[etree._Element] = (),
               text_box: bool = False, anchor: str = "ctr") -> etree._Element:
    """``wps:wsp``: non-visual props, shape props, optional text, body props."""
    wsp = element("wps:wsp")
    cnv = sub(wsp, "wps:cNvSpPr")
    if text_box:
        cnv.set("txBox", "1")
    wsp.append(sppr)
    if paragraphs:
        content = sub(sub(wsp, "wps:txbx"), "w:txbxContent")
        content.extend(paragraphs)
    body = from_template(_BODY_PR)
    body.set("anchor", anchor)
    if text_box:
        body.set("wrap", "none")
    wsp.append(body)
    return wsp


def anchored(graphic: etree._Element, uri: str, x: int, y: int, cx: int, cy: int,
             ids: IdCounter, name: str, z: int, origin: Origin = None) -> etree._Element:
    """A ``w:r`` holding a floating drawing at (x, y) EMU from the page's top-left corner;
    with ``origin`` (a table cell's top-left corner, mm from the page's) placed against
    that cell (Word and LibreOffice both measure a drawing in a cell from the cell) and
    the paragraph at its top."""
    anchor = from_template(_ANCHOR)
    anchor.set("relativeHeight", str(z))
    pos_h, pos_v, extent, docpr, graphic_data = (
        find_child(anchor, qn(tag)) for tag in ("wp:positionH", "wp:positionV", "wp:extent",
                                                "wp:docPr", "a:graphic"))
    pos_h[0].text = str(x)
    pos_v[0].text = str(y)
    if origin is not None:
        pos_h.set("relativeFrom", "column")
        pos_h[0].text = str(x - emu(origin[0]))
        pos_v.set("relativeFrom", "paragraph")
        pos_v[0].text = str(y - emu(origin[1]))
    extent.set("cx", str(cx))
    extent.set("cy", str(cy))
    shape_id = ids.take()
    docpr.set("id", str(shape_id))
    docpr.set("name", f"{name} {shape_id}")
    data = graphic_data[0]
    data.set("uri", uri)
    data.append(graphic)
    r = element("w:r")
    holder = r
    if uri == WPS_URI:
        # Word writes every shape this way; a consumer that knows wps (Word 2010+,
        # LibreOffice) takes the Choice.  No VML fallback: Word 2007 is not a target.
        holder = sub(sub(r, "mc:AlternateContent"), "mc:Choice", {"Requires": "wps"})
    sub(holder, "w:drawing").append(anchor)
    return r


# --- the layout's elements -------------------------------------------------------------

def symbol_shape(symbol: Symbol, ids: IdCounter, origin: Origin = None) -> etree._Element:
    """A flowchart symbol: preset geometry, white fill, black outline, its letter or word."""
    box = symbol.box
    cx, cy = emu(box.w), emu(box.h)
    paragraphs = [_centred_text(symbol.text, symbol.size_pt)] if symbol.text else []
    sppr = shape_properties(xfrm(cx, cy), preset_geometry(PRESETS[symbol.kind]), WHITE,
                            outline())
    return anchored(word_shape(sppr, paragraphs), WPS_URI, emu(box.x), emu(box.y), cx, cy,
                    ids, SYMBOL_NAMES[symbol.kind], Z_SYMBOL, origin)


def connector_shape(connector: Connector, ids: IdCounter,
                    origin: Origin = None) -> etree._Element:
    """A connector: an open path through the layout's points, arrowhead at its end."""
    points = simplify([(emu(x), emu(y)) for x, y in connector.points])
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, upper = min(xs), min(ys)
    cx, cy = max(xs) - left, max(ys) - upper
    # Straight connectors are polylines too: LibreOffice turns some zero-width preset
    # lines by 90 degrees, and a path keeps the direction the arrowhead needs.
    cx, cy = max(cx, 1), max(cy, 1)
    transform = xfrm(cx, cy)
    geometry = polyline_geometry([(x - left, y - upper) for x, y in points], cx, cy)
    sppr = shape_properties(transform, geometry, None, outline(arrow=connector.arrow))
    return anchored(word_shape(sppr), WPS_URI, left, upper, cx, cy, ids, "Panah", Z_CONNECTOR,
                    origin)


def simplify(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The polyline without repeated points and without middle points on a straight run."""
    out: list[tuple[int, int]] = []
    for point in points:
        if out and point == out[-1]:
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], point):
            out[-1] = point
        else:
            out.append(point)
    return out if len(out) >= 2 else [out[0], out[0]] if out else [(0, 0), (0, 0)]


def _collinear(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int]) -> bool:
    """True when b lies on the segment a-c (so dropping it keeps the drawing)."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
    return cross == 0 and dot >= 0


def label_shape(label: Label, ids: IdCounter, origin: Origin = None) -> etree._Element:
    """A decision exit's label ("Ya", "Tidak") as a small frameless text box, 1 mm wider
    on each side than the text so no viewer's rounding wraps it (the text stays centred)."""
    box = Box(label.box.x - 1.0, label.box.y, label.box.w + 2.0, label.box.h)
    lines = [_centred_text(line, label.size_pt) for line in label.text.split("\n")]
    return text_box(box, lines, ids, "Label", origin=origin)


def text_line_shape(line: TextLine, ids: IdCounter) -> etree._Element:
    """A free line of page text (e.g. a title above the table) as a frameless text box."""
    size_mm = line.size_pt * PT_TO_MM
    height = size_mm * 1.3
    box = Box(line.x, line.baseline - size_mm * 1.05, max(line.width, size_mm) + 2.0, height)
    return text_box(box, box_paragraphs([line], Align.LEFT, box.x, box.y, box.right), ids,
                    "Teks", anchor="t")


MARK_COLOR = "BFBFBF"  # Word has no see-through text: a pale grey behind the page's text


def watermark_shape(line: TextLine, ids: IdCounter) -> etree._Element:
    """The status mark ("DRAF", "DICABUT") as a pale text box behind the page's content."""
    size_mm = line.size_pt * PT_TO_MM
    box = Box(line.x - 2.0, line.baseline - size_mm * 1.05, line.width + 4.0, size_mm * 1.3)
    paragraph = _centred_text(line.text, line.size_pt, bold=line.bold)
    rpr = paragraph.find(f"{qn('w:r')}/{qn('w:rPr')}")
    size = rpr.find(qn("w:sz")) if rpr is not None else None
    if size is not None:
        size.addprevious(element("w:color", {"w:val": MARK_COLOR}))
    run = text_box(box, [paragraph], ids, "Tanda", anchor="t")
    for anchor in run.iter(qn("wp:anchor")):
        anchor.set("behindDoc", "1")
        anchor.set("relativeHeight", "0")
    return run


def text_box(box: Box, paragraphs: Sequence[etree._Element], ids: IdCounter, name: str,
             anchor: str = "ctr", origin: Origin = None) -> etree._Element:
    """A frameless, unfilled text box at ``box`` (``origin``: as for :func:`anchored`)."""
    cx, cy = emu(box.w), emu(box.h)
    sppr = shape_properties(xfrm(cx, cy), preset_geometry("rect"), None, outline(None))
    wsp = word_shape(sppr, paragraphs, text_box=True, anchor=anchor)
    return anchored(wsp, WPS_URI, emu(box.x), emu(box.y), cx, cy, ids, name, Z_TEXT, origin)


def picture_shape(rel_id: str, filename: str, box: Box, ids: IdCounter) -> etree._Element:
    """An image already in the package (relationship ``rel_id``) floating at ``box``."""
    cx, cy = emu(box.w), emu(box.h)
    pic = from_template(_PICTURE)
    cnvpr = find_child(pic, f"{qn('pic:nvPicPr')}/{qn('pic:cNvPr')}")
    blip = find_child(pic, f"{qn('pic:blipFill')}/{qn('a:blip')}")
    ext = find_child(pic, f"{qn('pic:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    cnvpr.set("name", clean_text(filename))
    blip.set(qn("r:embed"), rel_id)
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))
    return anchored(pic, PIC_URI, emu(box.x), emu(box.y), cx, cy, ids, "Gambar", Z_SYMBOL)


def _centred_text(text: str, size_pt: float, bold: bool = False) -> etree._Element:
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    sub(ppr, "w:spacing", {"w:before": "0", "w:after": "0", "w:line": "240",
                           "w:lineRule": "auto"})
    sub(ppr, "w:jc", {"w:val": "center"})
    p.append(run(text, size_pt, bold=bold))
    return p
