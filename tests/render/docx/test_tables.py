"""XML-level tests of the Word tables, text runs and paragraphs built from layout tables."""

from __future__ import annotations

from sop_docs.layout.geometry import Align, Box, Cell, Table, TextLine
from sop_docs.render.docx.ooxml import clean_text, cumulative_twips, qn
from sop_docs.render.docx.tables import table_element
from sop_docs.render.docx.text import (
    line_pitch_mm,
    run,
    spacer_paragraph,
    with_source_characters,
)

NIL = '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>' \
      '<w:right w:val="nil"/></w:tcBorders>'


def _w(name: str) -> str:
    return qn(f"w:{name}")


def _borders() -> str:
    side = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    return (f"<w:tcBorders><w:top {side}/><w:left {side}/><w:bottom {side}/>"
            f"<w:right {side}/></w:tcBorders>")


def _merged_table() -> Table:
    """Two columns, three rows: a header spanning both columns, a cell spanning two rows,
    and one grid position no cell covers."""
    return Table(20.0, 30.0, (10.0, 20.0), (5.0, 5.0, 5.0), (
        Cell(0, 0, Box(20.0, 30.0, 30.0, 5.0), colspan=2, role="header"),
        Cell(1, 0, Box(20.0, 35.0, 10.0, 10.0), rowspan=2, fill="#f2f2f2"),
        Cell(1, 1, Box(30.0, 35.0, 20.0, 5.0), border=False),
    ), header_rows=1)


def test_table_grid_rows_and_merges(xml):
    tbl = table_element([_merged_table()], margin_left_mm=15.0)
    grid = [c.get(_w("w")) for c in tbl.find("{*}tblGrid")]
    assert grid == ["567", "1134"]  # 10 mm and 20 mm in twips
    tblpr = tbl.find("{*}tblPr")
    assert [c.tag.split("}")[1] for c in tblpr] == [
        "tblW", "tblInd", "tblLayout", "tblCellMar", "tblLook"]
    assert tblpr.find("{*}tblInd").get(_w("w")) == "283"  # 5 mm right of the margin
    assert tblpr.find("{*}tblLayout").get(_w("type")) == "fixed"
    rows = tbl.findall("{*}tr")
    header, second, third = rows
    assert xml(header.find("{*}trPr")) == xml.parse(
        '<w:trPr><w:cantSplit/><w:trHeight w:val="283" w:hRule="exact"/><w:tblHeader/></w:trPr>')
    assert second.find("{*}trPr/{*}tblHeader") is None
    head_cell = header.find("{*}tc/{*}tcPr")
    assert xml(head_cell) == xml.parse(
        '<w:tcPr><w:tcW w:w="1701" w:type="dxa"/><w:gridSpan w:val="2"/>'
        + _borders() + "</w:tcPr>")
    first, plain = second.findall("{*}tc")
    assert xml(first.find("{*}tcPr")) == xml.parse(
        '<w:tcPr><w:tcW w:w="567" w:type="dxa"/><w:vMerge w:val="restart"/>' + _borders()
        + '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>')
    assert xml(plain.find("{*}tcPr/{*}tcBorders")) == xml.parse(NIL)
    continued, uncovered = third.findall("{*}tc")
    vmerge = continued.find("{*}tcPr/{*}vMerge")
    assert vmerge is not None and not vmerge.attrib  # continue
    assert xml(uncovered.find("{*}tcPr")) == xml.parse(
        '<w:tcPr><w:tcW w:w="1134" w:type="dxa"/>' + NIL + "</w:tcPr>")
    assert all(tc.find("{*}p") is not None for tr in rows for tc in tr.findall("{*}tc"))


def _cell_paragraphs(lines: tuple[TextLine, ...], align: Align = Align.LEFT) -> list:
    table = Table(20.0, 30.0, (40.0,), (30.0,), (Cell(0, 0, Box(20.0, 30.0, 40.0, 30.0), lines,
                                                      align=align),))
    return table_element([table], 20.0).findall("{*}tr/{*}tc/{*}p")


def test_regular_lines_share_a_paragraph_with_the_layout_breaks_and_formatting():
    pitch = line_pitch_mm(8.0)
    lines = (TextLine(22.0, 34.0, "Memeriksa", 8.0, bold=True, width=14.0),
             TextLine(22.0, 34.0 + pitch, "kelengkapan", 8.0, italic=True, width=16.0))
    (p,) = _cell_paragraphs(lines)
    spacing = p.find("{*}pPr/{*}spacing")
    assert spacing.get(_w("lineRule")) == "exact"
    assert spacing.get(_w("line")) == "184"  # 1.15 x 8 pt
    assert p.find("{*}pPr/{*}ind").get(_w("left")) == "113"  # the layout's 2 mm padding
    runs = p.findall("{*}r")
    assert [r.find("{*}t").text for r in runs] == ["Memeriksa", "kelengkapan"]
    assert runs[0].find("{*}rPr/{*}b") is not None and runs[0].find("{*}br") is None
    assert runs[1].find("{*}rPr/{*}i") is not None and runs[1].find("{*}br") is not None
    assert runs[0].find("{*}rPr/{*}sz").get(_w("val")) == "16"


def test_list_number_and_text_on_one_baseline_are_joined_by_a_tab(xml):
    pitch = line_pitch_mm(8.0)
    lines = (TextLine(21.0, 34.0, "1.", 8.0, width=2.0), TextLine(25.0, 34.0, "Camat", 8.0,
                                                                  width=9.0),
             TextLine(25.0, 34.0 + pitch, "Kabupaten", 8.0, width=12.0))
    first, hanging = _cell_paragraphs(lines)
    assert xml(first.find("{*}pPr/{*}tabs")) == xml.parse(
        '<w:tabs><w:tab w:val="left" w:pos="283"/></w:tabs>')
    assert first.findall("{*}r")[1][1].tag.endswith("}tab")
    assert hanging.find("{*}pPr/{*}ind").get(_w("left")) == "283"
    assert hanging.find("{*}pPr/{*}spacing").get(_w("before")) == "0"


def test_a_gap_between_lines_becomes_space_before_a_new_paragraph():
    pitch = line_pitch_mm(9.0)
    lines = (TextLine(30.0, 35.0, "CAMAT", 9.0, width=10.0),
             TextLine(28.0, 55.0, "NAMA", 9.0, bold=True, underline=True, width=14.0))
    _top, signature = _cell_paragraphs(lines, Align.LEFT)
    before = int(signature.find("{*}pPr/{*}spacing").get(_w("before")))
    assert before == round((20.0 - pitch) * 1440 / 25.4)
    assert signature.find("{*}r/{*}rPr/{*}u").get(_w("val")) == "single"


def test_hostile_text_is_escaped_and_controls_removed():
    r = run('A & B < C > "D" \'E\'\x00\x01\x0b\ud800 \U0001f600\tend\n', 7.0)
    text = r.find("{*}t").text
    assert text == 'A & B < C > "D" \'E\' \U0001f600 end '
    assert r.find("{*}t").get(qn("xml:space")) == "preserve"
    assert clean_text("\x7f\ufffe\uffffok") == "ok"


def test_spacer_paragraph_has_exact_height_and_optional_page_break(xml):
    assert xml(spacer_paragraph(10.0, page_break_before=True)) == xml.parse(
        '<w:p><w:pPr><w:pageBreakBefore/>'
        '<w:spacing w:before="0" w:after="0" w:line="567" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def test_row_heights_are_rounded_on_their_running_sum():
    heights = cumulative_twips((3.3,) * 30)
    assert sum(heights) == round(99.0 * 1440 / 25.4)
    assert set(heights) <= {187, 188}


def test_characters_the_pdf_font_lacks_come_back_from_the_source():
    source = "Data \U0001f600 kinerja\t& laporan\x01 \U0001f4c4ok  akhir"
    lines = (TextLine(0, 0, "Data ? kinerja", 7), TextLine(0, 3, "& laporan ?ok", 7),
             TextLine(0, 6, "akhir", 7))
    restored = with_source_characters(lines, source)
    assert [line.text for line in restored] == [
        "Data \U0001f600 kinerja", "& laporan \U0001f4c4ok", "akhir"]
    cut = (TextLine(0, 0, "Data ? kin…", 7),)
    assert with_source_characters(cut, source) == cut


def test_step_cells_show_the_source_emoji():
    table = Table(0, 0, (50.0,), (10.0,), (Cell(0, 0, Box(0, 0, 50, 10), (
        TextLine(1, 4, "Cek ?", 7.0),), role="kegiatan", step_id="s1"),))
    tbl = table_element([table], 0.0, {("s1", "kegiatan"): "Cek \U0001f600"})
    assert [t.text for t in tbl.iter(qn("w:t"))] == ["Cek \U0001f600"]


def test_stacked_tables_become_one_word_table_on_the_union_of_their_columns():
    header = Table(10.0, 10.0, (20.0, 30.0), (5.0,), (
        Cell(0, 0, Box(10.0, 10.0, 20.0, 5.0)), Cell(0, 1, Box(30.0, 10.0, 30.0, 5.0))),
        header_rows=1)
    lists = Table(10.0, 15.0, (25.0, 25.0), (4.0, 4.0), (
        Cell(0, 0, Box(10.0, 15.0, 25.0, 8.0), rowspan=2),
        Cell(0, 1, Box(35.0, 15.0, 25.0, 4.0)), Cell(1, 1, Box(35.0, 19.0, 25.0, 4.0))))
    tbl = table_element([header, lists], 10.0)
    assert [c.get(_w("w")) for c in tbl.find("{*}tblGrid")] == ["1134", "283", "1418"]
    rows = tbl.findall("{*}tr")
    assert [r.find("{*}trPr/{*}trHeight").get(_w("val")) for r in rows] == ["283", "227", "227"]
    assert [r.find("{*}trPr/{*}tblHeader") is not None for r in rows] == [True, False, False]

    def spans(row):
        return [int(tc.find("{*}tcPr/{*}gridSpan").get(_w("val")))
                if tc.find("{*}tcPr/{*}gridSpan") is not None else 1
                for tc in row.findall("{*}tc")]

    assert [spans(r) for r in rows] == [[1, 2], [2, 1], [2, 1]]
    merge = rows[2].find("{*}tc/{*}tcPr/{*}vMerge")
    assert merge is not None and not merge.attrib
