"""XML-level tests of the DrawingML builders: expected XML for a given input."""

from __future__ import annotations

import pytest

from sop_docs.layout.geometry import Box, Connector, Label, Symbol, SymbolKind
from sop_docs.render.docx.ooxml import IdCounter
from sop_docs.render.docx.shapes import (
    Z_CONNECTOR,
    Z_SYMBOL,
    Z_TEXT,
    connector_shape,
    label_shape,
    outline,
    polyline_geometry,
    simplify,
    symbol_shape,
    xfrm,
)

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _anchor(doc_id: int, name: str, x: int, y: int, cx: int, cy: int, z: int,
            graphic: str) -> str:
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{doc_id}" name="{name} {doc_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}">{graphic}</a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
    )


_BODY = ('<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"'
         ' anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>')
_LINE = ('<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
         '<a:miter lim="800000"/>{tail}</a:ln>')
_ARROW = '<a:tailEnd type="triangle" w="med" len="med"/>'


def test_process_symbol_is_a_preset_shape_at_its_page_position(xml):
    symbol = Symbol(SymbolKind.PROSES, Box(100.0, 50.0, 16.0, 6.0), "s2", "staf")
    expected = _anchor(
        1, "Proses", 3_600_000, 1_800_000, 576_000, 216_000, Z_SYMBOL,
        '<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="576000" cy="216000"/></a:xfrm>'
        '<a:prstGeom prst="flowChartProcess"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        + _LINE.format(tail="") + "</wps:spPr>" + _BODY + "</wps:wsp>",
    )
    assert xml(symbol_shape(symbol, IdCounter())) == xml.parse(expected)


@pytest.mark.parametrize(
    ("kind", "preset"),
    [(SymbolKind.TERMINATOR, "roundRect"), (SymbolKind.KEPUTUSAN, "flowChartDecision"),
     (SymbolKind.OFFPAGE, "flowChartOffpageConnector")],
)
def test_every_symbol_kind_has_its_flowchart_preset(kind, preset):
    run = symbol_shape(Symbol(kind, Box(0, 0, 10, 5), "s1"), IdCounter())
    geometry = run.find(".//{*}prstGeom")
    assert geometry is not None and geometry.get("prst") == preset


def test_symbol_text_goes_in_a_text_box_before_body_properties(xml):
    symbol = Symbol(SymbolKind.OFFPAGE, Box(10.0, 10.0, 5.0, 5.0), "s4", text="A & <B>",
                    size_pt=6.0)
    wsp = symbol_shape(symbol, IdCounter(7)).find(".//{*}wsp")
    assert [child.tag.split("}")[1] for child in wsp] == ["cNvSpPr", "spPr", "txbx", "bodyPr"]
    expected = (
        '<wps:txbx><w:txbxContent><w:p><w:pPr>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="12"/><w:szCs w:val="12"/></w:rPr><w:t>A &amp; &lt;B&gt;</w:t>'
        "</w:r></w:p></w:txbxContent></wps:txbx>"
    )
    assert xml(wsp[2]) == xml.parse(expected)


def test_straight_connector_upwards_is_a_path_ending_at_the_top_with_arrowhead(xml):
    connector = Connector(((20.0, 30.0), (20.0, 10.0)), "s3", "s1")
    expected = _anchor(
        3, "Panah", 720_000, 360_000, 1, 720_000, Z_CONNECTOR,
        '<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="1" cy="720000"/></a:xfrm><a:custGeom><a:avLst/><a:gdLst/><a:ahLst/>'
        '<a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
        '<a:path w="1" h="720000" fill="none"><a:moveTo><a:pt x="0" y="720000"/></a:moveTo>'
        '<a:lnTo><a:pt x="0" y="0"/></a:lnTo></a:path></a:pathLst></a:custGeom>'
        "<a:noFill/>" + _LINE.format(tail=_ARROW) + "</wps:spPr>" + _BODY + "</wps:wsp>",
    )
    assert xml(connector_shape(connector, IdCounter(3))) == xml.parse(expected)


def test_elbow_connector_is_a_custom_polyline_relative_to_its_box(xml):
    connector = Connector(((10.0, 10.0), (10.0, 15.0), (10.0, 20.0), (30.0, 20.0)), "s1", "s2")
    run = connector_shape(connector, IdCounter())
    path = run.find(".//{*}path")
    expected = (
        '<a:path w="720000" h="360000" fill="none">'
        '<a:moveTo><a:pt x="0" y="0"/></a:moveTo>'
        '<a:lnTo><a:pt x="0" y="360000"/></a:lnTo>'
        '<a:lnTo><a:pt x="720000" y="360000"/></a:lnTo></a:path>'
    )
    assert xml(path) == xml.parse(expected)
    offsets = [el.text for el in run.iter("{*}posOffset")]
    assert offsets == ["360000", "360000"]


def test_join_connector_without_arrow_has_no_tail_end():
    connector = Connector(((10.0, 10.0), (30.0, 10.0)), "s1", "s1", arrow=False, kind="join")
    assert connector_shape(connector, IdCounter()).find(".//{*}tailEnd") is None


def test_label_is_a_frameless_unfilled_text_box_above_shapes():
    label = Label(Box(50.0, 60.0, 8.0, 3.0), "Tidak", 6.0, "s3", "s2")
    run = label_shape(label, IdCounter())
    anchor = run.find(".//{*}anchor")
    assert anchor.get("relativeHeight") == str(Z_TEXT)
    wsp = run.find(".//{*}wsp")
    assert wsp.find("{*}cNvSpPr").get("txBox") == "1"
    sppr = wsp.find("{*}spPr")
    assert [c.tag.split("}")[1] for c in sppr] == ["xfrm", "prstGeom", "noFill", "ln"]
    assert sppr.find("{*}ln/{*}noFill") is not None
    assert "".join(t.text for t in wsp.iter("{*}t")) == "Tidak"


def test_ids_come_from_one_counter_in_drawing_order():
    ids = IdCounter()
    runs = [symbol_shape(Symbol(SymbolKind.PROSES, Box(0, 0, 5, 5), "s"), ids) for _ in range(3)]
    assert [r.find(".//{*}docPr").get("id") for r in runs] == ["1", "2", "3"]


def test_small_pieces(xml):
    assert xml(xfrm(10, 20)) == xml.parse(
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="20"/></a:xfrm>')
    assert xml(outline(None)) == xml.parse("<a:ln><a:noFill/></a:ln>")
    assert xml(polyline_geometry([(0, 0), (5, 0)], 5, 1)).count("a:lnTo") == 1


def test_simplify_drops_repeats_and_straight_run_middles_but_keeps_reversals():
    assert simplify([(0, 0), (0, 0), (0, 5), (0, 9), (4, 9)]) == [(0, 0), (0, 9), (4, 9)]
    assert simplify([(0, 0), (0, 9), (0, 4)]) == [(0, 0), (0, 9), (0, 4)]
    assert simplify([(3, 3)]) == [(3, 3), (3, 3)]
