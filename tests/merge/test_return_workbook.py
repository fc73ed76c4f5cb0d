"""Return workbooks: the unit's own kit with problem cells filled and noted, written by
editing the package directly (the rest kept byte for byte), or through openpyxl when the
package is unusual; read back with openpyxl and through a LibreOffice round trip."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment

from sop_docs.kits.cells import SHEET_DATA, SHEET_IDENTITAS
from sop_docs.merge.results import Problem
from sop_docs.report.return_workbook import return_workbook
from sop_docs_demo.sample_returns import resave_with_libreoffice

if TYPE_CHECKING:
    from conftest import Lab

YELLOW, ORANGE = "FFFF00", "FFE699"
WORKBOOK_XLSX = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORKBOOK_XLSM = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _problem(cell: str, severity: str = "error", code: str = "MRG009") -> Problem:
    return Problem(code=code, severity=severity, file="kit.xlsx", cell=cell,
                   message=f"pesan {code} {cell}", hint=f"saran {code}")


def _run(tmp_path: Path, data: bytes, problems: list[Problem], name: str = "kit.xlsx"
         ) -> bytes | None:
    source = tmp_path / name
    source.write_bytes(data)
    return return_workbook(source, problems)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sheet_part(data: bytes, sheet: str) -> str:
    """The part of ``sheet`` in an openpyxl- or generator-written kit (sheetN by order)."""
    names = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def _edit_part(lab: type[Lab], data: bytes, part: str, pattern: bytes, to: bytes) -> bytes:
    def change(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        changed, count = re.subn(pattern, to, body, flags=re.DOTALL)
        assert count, f"{pattern!r} not in {part}"
        return changed
    return lab.rezip(data, change)


def _without_cell(lab: type[Lab], data: bytes, sheet: str, coord: str) -> bytes:
    """The kit with the cell left out of the sheet XML, as Excel and LibreOffice leave out
    empty cells."""
    c = re.escape(coord.encode())
    return _edit_part(lab, data, _sheet_part(data, sheet),
                      rb'<c r="' + c + rb'"[^>]*/>|<c r="' + c + rb'"[^>]*>.*?</c>', b"")


def _in_xml(data: bytes, sheet: str, coord: str) -> bool:
    return f'<c r="{coord}"'.encode() in _parts(data)[_sheet_part(data, sheet)]


def _look(cell: Cell) -> tuple[str, ...]:
    """Everything of a cell's format but its fill (style proxies compare by their text)."""
    return (repr(cell.font), repr(cell.border), cell.number_format, repr(cell.protection),
            repr(cell.alignment))


def _cells(data: bytes) -> Iterator[tuple[str, str, Cell]]:
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell.coordinate, cell


@dataclass(frozen=True)
class Case:
    """A kit to mark, the marks expected (sheet!cell -> fill colour) and the problems."""

    name: str
    kit: bytes
    expected: dict[str, str]
    problems: list[Problem]


def _case(lab: type[Lab], name: str, kit: bytes) -> Case:
    """An error on a realisasi cell; an error and a warning (its sheet name quoted) on a
    second one, the input :func:`_empty_input_kit` leaves out of the XML; a warning on a
    cell of a row the generated kit does not have."""
    rows = lab.layout("u02").indikator
    first, second = str(rows[0].realisasi[0]), str(rows[1].realisasi[0])
    far = f"{SHEET_DATA}!B3"
    problems = [_problem(first), _problem(second),
                _problem(f"'{SHEET_DATA}'!{second.split('!')[1]}", "warning", "MRG020"),
                _problem(far, "warning", "MRG020")]
    return Case(name, kit, {first: YELLOW, second: YELLOW, far: ORANGE}, problems)


def _empty_input_kit(lab: type[Lab]) -> bytes:
    ref = lab.layout("u02").indikator[1].realisasi[0]
    kit = lab.filled_kit("u02", changes={str(ref): None})
    return _without_cell(lab, kit, ref.sheet, ref.coord)


def _check_marked(case: Case, out: bytes) -> None:
    """The marks are there and nothing else of the workbook changed (read with openpyxl)."""
    before = {(s, c): cell for s, c, cell in _cells(case.kit)}
    workbook = load_workbook(io.BytesIO(out))
    for where, colour in case.expected.items():
        sheet, _, coord = where.rpartition("!")
        cell = workbook[sheet][coord]
        assert cell.fill.fgColor.rgb.endswith(colour), (case.name, where)
        assert cell.comment is not None, (case.name, where)
        assert all(p.message in cell.comment.text and p.hint in cell.comment.text
                   for p in case.problems if p.cell and p.cell.replace("'", "") == where)
        if _in_xml(case.kit, sheet, coord):  # an added cell takes its row's or column's
            assert _look(cell) == _look(before[(sheet, coord)]), (case.name, where)
    for sheet, coord, cell in _cells(out):
        old = before.get((sheet, coord))
        if old is not None and f"{sheet}!{coord}" not in case.expected:
            assert (_look(cell), repr(cell.fill), cell.value) == (
                _look(old), repr(old.fill), old.value), (sheet, coord)
            assert ((cell.comment.text if cell.comment else None)
                    == (old.comment.text if old.comment else None)), (sheet, coord)
    original = load_workbook(io.BytesIO(case.kit))
    assert workbook.sheetnames == original.sheetnames
    assert workbook[SHEET_IDENTITAS].sheet_state == original[SHEET_IDENTITAS].sheet_state
    for sheet in original.worksheets:
        assert (len(workbook[sheet.title].data_validations.dataValidation)
                == len(sheet.data_validations.dataValidation))


def _check_untouched(kit: bytes, out: bytes, allowed: set[str]) -> None:
    """Every part but ``allowed`` is byte-identical to the input; parts are only added."""
    before, after = _parts(kit), _parts(out)
    changed = {name for name, body in before.items() if after.get(name) != body}
    assert changed <= allowed, changed
    # the original parts keep their order ([Content_Types].xml first), new ones come after
    first = sorted(before, key=lambda name: name != "[Content_Types].xml")
    assert list(after)[: len(before)] == first


def test_marks_existing_and_absent_cells_editing_only_what_it_must(tmp_path: Path,
                                                                    lab: type[Lab]) -> None:
    case = _case(lab, "kit", _empty_input_kit(lab))
    out = _run(tmp_path, case.kit, case.problems)
    assert out is not None
    _check_marked(case, out)
    data_part = _sheet_part(case.kit, SHEET_DATA)
    _check_untouched(case.kit, out, {data_part, "xl/styles.xml", "[Content_Types].xml"})
    added = set(_parts(out)) - set(_parts(case.kit))
    rels = data_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    assert added == {"xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", rels}
    assert _run(tmp_path, case.kit, case.problems) == out  # same inputs, same bytes


def test_a_cell_with_an_error_and_a_warning_is_filled_as_an_error(tmp_path: Path,
                                                                  lab: type[Lab]) -> None:
    ref = str(lab.layout("u02").indikator[0].kendala)
    problems = [_problem(ref, "warning", "MRG020"), _problem(ref, "error", "MRG009")]
    out = _run(tmp_path, lab.filled_kit("u02"), problems)
    assert out is not None
    sheet, _, coord = ref.rpartition("!")
    cell = load_workbook(io.BytesIO(out))[sheet][coord]
    assert cell.fill.fgColor.rgb.endswith(YELLOW)
    assert cell.comment is not None
    assert "pesan MRG020" in cell.comment.text and "pesan MRG009" in cell.comment.text


OWN_NOTE = "D3"


def _own_note(workbook: Workbook) -> None:
    workbook[SHEET_DATA][OWN_NOTE] = "catatan"
    workbook[SHEET_DATA][OWN_NOTE].comment = Comment("catatan unit sendiri", "Operator")


def _check_own_note(data: bytes) -> None:
    note = load_workbook(io.BytesIO(data))[SHEET_DATA][OWN_NOTE].comment
    assert note is not None and note.text.strip() == "catatan unit sendiri"


def test_the_sheets_own_notes_stay_beside_the_marks(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.edit_workbook(lab.filled_kit("u02"), _own_note)
    ref = lab.layout("u02").indikator[0].realisasi[0]
    out = _run(tmp_path, kit, [_problem(str(ref))])
    assert out is not None
    _check_own_note(out)
    sheet = load_workbook(io.BytesIO(out))[SHEET_DATA]
    assert sheet[OWN_NOTE].comment is not None and sheet[OWN_NOTE].comment.author == "Operator"
    ours = sheet[ref.coord].comment
    assert ours is not None and "pesan MRG009" in ours.text
    assert sheet[ref.coord].fill.fgColor.rgb.endswith(YELLOW)
    before, after = _parts(kit), _parts(out)
    assert set(after) == set(before)  # the notes went into the sheet's own notes parts
    assert before["xl/comments/comment1.xml"] != after["xl/comments/comment1.xml"]


def test_a_note_on_a_marked_cell_goes_the_openpyxl_way(tmp_path: Path, lab: type[Lab]) -> None:
    ref = lab.layout("u02").indikator[0].realisasi[0]

    def note(workbook: Workbook) -> None:
        workbook[ref.sheet][ref.coord].comment = Comment("catatan unit", "Operator")

    kit = lab.edit_workbook(lab.filled_kit("u02"), note)
    out = _run(tmp_path, kit, [_problem(str(ref))])
    assert out is not None
    cell = load_workbook(io.BytesIO(out))[ref.sheet][ref.coord]
    assert cell.comment is not None and "pesan MRG009" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith(YELLOW)


def test_unusual_packages_are_marked_through_openpyxl(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.filled_kit("u02")
    no_row_numbers = _edit_part(lab, kit, _sheet_part(kit, SHEET_DATA),
                                rb'(<row) r="[0-9]+"', rb"\1")
    case = _case(lab, "no-r", kit)
    out = _run(tmp_path, no_row_numbers, case.problems)
    assert out is not None
    _check_marked(case, out)
    assert _parts(out)["docProps/core.xml"] != _parts(kit)["docProps/core.xml"]  # rewritten
    assert _run(tmp_path, no_row_numbers, case.problems) == out  # deterministic as well


def test_a_macro_workbook_comes_back_as_a_plain_xlsx(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.rezip(lab.filled_kit("u02"), lambda name, body: body.replace(
        WORKBOOK_XLSX, WORKBOOK_XLSM) if name == "[Content_Types].xml" else body,
        {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})
    ref = lab.layout("u02").indikator[0].realisasi[0]
    out = _run(tmp_path, kit, [_problem(str(ref))], "kit.xlsm")
    assert out is not None  # written as .xlsx: a macro content type there would not open
    parts = _parts(out)
    assert WORKBOOK_XLSX in parts["[Content_Types].xml"]
    assert "xl/vbaProject.bin" not in parts
    cell = load_workbook(io.BytesIO(out))[ref.sheet][ref.coord]
    assert cell.fill.fgColor.rgb.endswith(YELLOW) and cell.comment is not None


def _doctype(lab: type[Lab], kit: bytes) -> bytes:
    lol = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol;" * 10 if i == 1 else
                                                   (b"&lol%d;" % (i - 1)) * 10)
                      for i in range(1, 10)) + b"]>")
    return _edit_part(lab, kit, _sheet_part(kit, SHEET_DATA), rb"^(<\?xml[^>]*\?>)?", lol)


def test_hostile_or_broken_input_never_raises(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.filled_kit("u02")
    ref = str(lab.layout("u02").indikator[0].realisasi[0])
    problems = [_problem(ref)]
    no_workbook = lab.rezip(kit, lambda name, body: None if name == "xl/workbook.xml" else body)
    for data in (b"bukan zip", b"", kit[:5000], no_workbook, lab.zip_bomb(),
                 _doctype(lab, kit)):
        assert _run(tmp_path, data, problems) is None
    assert return_workbook(tmp_path / "tidak-ada.xlsx", problems) is None


@pytest.mark.parametrize("rows", ["numbered", "unnumbered"])  # unnumbered: the openpyxl way
def test_characters_xml_cannot_carry_are_left_out_of_notes(tmp_path: Path, lab: type[Lab],
                                                           rows: str) -> None:
    kit = lab.filled_kit("u02")
    if rows == "unnumbered":
        kit = _edit_part(lab, kit, _sheet_part(kit, SHEET_DATA), rb'(<row) r="[0-9]+"', rb"\1")
    ref = lab.layout("u02").indikator[0].kendala
    problem = Problem(code="MRG020", severity="warning", file="kit.xlsx", cell=str(ref),
                      message="diketik: 'a\x0bb\x00c'", hint="ketik ulang")
    out = _run(tmp_path, kit, [problem])
    assert out is not None
    note = load_workbook(io.BytesIO(out))[ref.sheet][ref.coord].comment
    assert note is not None and "diketik: 'abc'" in note.text


def test_problems_naming_no_cell_are_left_out(tmp_path: Path, lab: type[Lab]) -> None:
    kit = lab.filled_kit("u02")
    ref = str(lab.layout("u02").indikator[0].realisasi[0])
    problems = [_problem(ref), _problem(f"{SHEET_DATA}!ZZZ0"), _problem(f"{SHEET_DATA}!A0"),
                _problem("Lembar Lain!A1"), _problem(f"{SHEET_DATA}!XFE1"), _problem("G8"),
                _problem(f"{SHEET_DATA}!"), Problem(code="MRG001", severity="error",
                                                   file="kit.xlsx", cell=None, message="m",
                                                   hint="h")]
    out = _run(tmp_path, kit, problems)
    assert out is not None
    notes = [(s, c) for s, c, cell in _cells(out) if cell.comment is not None]
    assert notes == [(SHEET_DATA, ref.split("!")[1])]
    assert _run(tmp_path, kit, problems[1:]) is not None  # nothing to mark: the kit as it was


# --- LibreOffice: its xlsx as input, and a round trip of our output -----------------------


@pytest.fixture(scope="module")
def lo_cases(lab: type[Lab], tmp_path_factory: pytest.TempPathFactory
             ) -> list[tuple[Case, bytes, bytes]]:
    """(case, return workbook, the return workbook re-saved by LibreOffice) for the kit as
    generated and filled, the kit re-saved by LibreOffice first, and a kit with a note of
    its own."""
    folder = tmp_path_factory.mktemp("return-lo")
    kit = folder / "kit.xlsx"
    kit.write_bytes(lab.filled_kit("u02"))
    resaved = resave_with_libreoffice([kit])
    assert kit in resaved, "LibreOffice (soffice) is needed: run `make test` to install it"
    cases = [_case(lab, "kit", _empty_input_kit(lab)),
             _case(lab, "libreoffice", resaved[kit].read_bytes()),
             _case(lab, "catatan", lab.edit_workbook(lab.filled_kit("u02"), _own_note))]
    shutil.rmtree(resaved[kit].parent)
    outputs = {}
    for case in cases:
        source = folder / f"{case.name}.xlsx"
        source.write_bytes(case.kit)
        marked = return_workbook(source, case.problems)
        assert marked is not None, case.name
        outputs[case.name] = folder / f"{case.name}-perbaikan.xlsx"
        outputs[case.name].write_bytes(marked)
    converted = resave_with_libreoffice(list(outputs.values()))
    result = [(case, outputs[case.name].read_bytes(),
               converted[outputs[case.name]].read_bytes()) for case in cases]
    shutil.rmtree(next(iter(converted.values())).parent)
    return result


@pytest.mark.slow
@pytest.mark.xdist_group("return-lo")  # the LibreOffice fixture runs once, on one worker
def test_a_kit_saved_by_libreoffice_is_marked_in_place(lo_cases: list[tuple[Case, bytes, bytes]]
                                                       ) -> None:
    case, out, _ = next(item for item in lo_cases if item[0].name == "libreoffice")
    _check_marked(case, out)
    data_part = _sheet_part(case.kit, SHEET_DATA)
    rels = data_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    _check_untouched(case.kit, out, {data_part, rels, "xl/styles.xml", "[Content_Types].xml"})


@pytest.mark.slow
@pytest.mark.xdist_group("return-lo")
def test_libreoffice_reads_the_fills_and_notes_we_write(
        lo_cases: list[tuple[Case, bytes, bytes]]) -> None:
    for case, _, round_trip in lo_cases:
        workbook = load_workbook(io.BytesIO(round_trip))
        for where, colour in case.expected.items():
            sheet, _, coord = where.rpartition("!")
            cell = workbook[sheet][coord]
            assert cell.fill.fgColor.rgb.endswith(colour), (case.name, where)
            assert cell.comment is not None and "Perbaikan: saran" in cell.comment.text, (
                case.name, where)
        if case.name == "catatan":
            _check_own_note(round_trip)
