"""The generated workbook, read back with openpyxl and python-calamine (no LibreOffice)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from pydantic import ValidationError
from python_calamine import CalamineWorkbook

from sop_docs.kits import cells as C
from sop_docs.kits.cells import Kind
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.identity import (
    changed_cells,
    fingerprint_from_values,
    grid_reader,
    make_identity,
    read_identity_from_names,
    read_identity_from_properties,
    read_identity_from_values,
)
from sop_docs.kits.model import Cycle, KitDefinition
from sop_docs.kits.placement import kit_layout

from .conftest import HOSTILE_TEXTS, PROFIL, definition, definition_data, hostile_definition

CYCLE = Cycle.parse("2026-TW2")


def _kit(kit=None, cycle: Cycle = CYCLE, key: bytes | None = None) -> bytes:  # type: ignore[no-untyped-def]
    kit = kit or definition()
    return kit_bytes(kit, PROFIL, kit.unit[0], cycle, key)[0]


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _grids(data: bytes) -> tuple[list[str], dict[str, list[list[object]]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = list(book.sheet_names)
    return names, {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in names}


def test_same_inputs_give_identical_bytes() -> None:
    first, second = _kit(), _kit()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-01-01T00:00:00Z" in core


def test_sheets_in_order_with_hidden_helpers() -> None:
    wb = _open(_kit())
    assert wb.sheetnames == list(C.SHEETS)
    assert wb[C.SHEET_DAFTAR].sheet_state == "hidden"
    assert wb[C.SHEET_IDENTITAS].sheet_state == "veryHidden"
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert wb.security is not None and wb.security.lockStructure


def test_inputs_unlocked_and_template_locked() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    wb = _open(_kit(kit))
    for placed in layout.cells:
        cell = wb[placed.ref.sheet][placed.ref.coord]
        assert cell.protection.locked is (placed.kind is not Kind.INPUT), str(placed.ref)
        if placed.kind is Kind.FORMULA:
            assert cell.data_type == "f" and str(cell.value).startswith("="), str(placed.ref)


def test_prefilled_realisasi_of_earlier_quarters_is_locked() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    row = next(r for r in layout.indikator if r.indikator_id == "diketahui")
    assert row.terisi == (1,) and row.isian == (2,)
    cell = _open(_kit(kit))[C.SHEET_DATA][row.realisasi[0].coord]
    assert cell.value == 22.5 and cell.protection.locked


def test_validation_prompts_and_errors_are_switched_on() -> None:
    wb = _open(_kit())
    found = 0
    for name in (C.SHEET_DATA, C.SHEET_ANGGARAN, C.SHEET_PENGESAHAN):
        for dv in wb[name].data_validations.dataValidation:
            assert dv.showInputMessage and dv.showErrorMessage, (name, dv.sqref)
            assert dv.prompt and dv.error
            found += 1
    assert found >= 6


def test_choice_list_comes_from_a_defined_name_never_inline() -> None:
    data = _kit(hostile_definition())
    wb = _open(data)
    lists = [dv for dv in wb[C.SHEET_DATA].data_validations.dataValidation if dv.type == "list"]
    assert [dv.formula1 for dv in lists] == [C.NAME_BUKTI_DUKUNG]
    target = wb.defined_names[C.NAME_BUKTI_DUKUNG].attr_text
    assert target == f"'{C.SHEET_DAFTAR}'!$A$1:$A$3"
    assert wb[C.SHEET_DAFTAR]["A1"].value == "x" * 300


def test_required_inputs_are_marked_while_empty() -> None:
    wb = _open(_kit())
    rules = [rule for cf in wb[C.SHEET_DATA].conditional_formatting for rule in cf.rules]
    assert any("LEN(TRIM(G8))=0" in rule.formula[0] for rule in rules)
    assert any(rule.formula[0].startswith("AND(ISNUMBER($L8),$L8<100") for rule in rules)
    assert wb[C.SHEET_PENGESAHAN].conditional_formatting


def test_frozen_header_and_print_setup() -> None:
    ws = _open(_kit())[C.SHEET_DATA]
    assert ws.freeze_panes == "D8"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$7"


def test_hostile_definition_text_is_written_as_text() -> None:
    kit = hostile_definition()
    data = _kit(kit)
    wb = _open(data)
    texts = {
        (ws.title, cell.coordinate): cell
        for ws in wb.worksheets for row in ws.iter_rows() for cell in row
        if isinstance(cell.value, str)
    }
    hyperlink = [c for c in texts.values() if c.value.startswith("=HYPERLINK")]
    assert hyperlink and all(c.data_type == "s" and c.quotePrefix for c in hyperlink)
    for text in HOSTILE_TEXTS[1:4]:
        assert any(c.value == text and c.data_type == "s" for c in texts.values()), text
    assert any(c.value == "bell\u2407 escape\u241b nul\u2400 end" for c in texts.values())
    assert wb[C.SHEET_DATA]["D8"].value == "=A1" and wb[C.SHEET_DATA]["D8"].data_type == "s"
    assert wb.properties.title.startswith("=HYPERLINK")


def test_identity_is_stored_three_ways() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    expected = make_identity(layout)
    data = _kit(kit)
    wb = _open(data)
    names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    assert read_identity_from_names(names) == expected
    assert read_identity_from_properties({p.name: p.value for p in wb.custom_doc_props}) == expected
    _, grids = _grids(data)
    assert read_identity_from_values(grids[C.SHEET_IDENTITAS]) == expected
    assert expected.tanda_tangan == ""


def test_signature_with_a_key_verifies_and_detects_changes() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    _, grids = _grids(_kit(kit, key=b"rahasia"))
    identity = read_identity_from_values(grids[C.SHEET_IDENTITAS])
    assert identity is not None and len(identity.tanda_tangan) == 64
    assert identity == make_identity(layout, b"rahasia")
    assert identity.verify(b"rahasia")
    assert not identity.verify(b"kunci lain")
    forged = type(identity)(identity.kit, "unit-lain", identity.siklus, identity.versi_skema,
                            identity.sidik_jari, identity.tanda_tangan)
    assert not forged.verify(b"rahasia")


def test_identity_reading_refuses_incomplete_data() -> None:
    assert read_identity_from_values([]) is None
    assert read_identity_from_values([["kit", "x"], ["unit", "y"]]) is None
    assert read_identity_from_names({}) is None
    assert read_identity_from_properties({"sopdocs_kit": "x"}) is None


def test_fingerprint_detects_edited_header_deleted_row_renamed_sheet() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    expected = make_identity(layout).sidik_jari
    names, grids = _grids(_kit(kit))
    assert fingerprint_from_values(layout, names, grid_reader(grids)) == expected

    edited = {**grids, C.SHEET_DATA: [list(r) for r in grids[C.SHEET_DATA]]}
    edited[C.SHEET_DATA][4][2] = "Indikator (diubah)"
    assert fingerprint_from_values(layout, names, grid_reader(edited)) != expected
    assert [str(r) for r in changed_cells(layout, grid_reader(edited))] == ["Data Kinerja!C5"]

    deleted = {**grids, C.SHEET_DATA: grids[C.SHEET_DATA][:8] + grids[C.SHEET_DATA][9:]}
    assert fingerprint_from_values(layout, names, grid_reader(deleted)) != expected

    renamed = {("Data" if n == C.SHEET_DATA else n): g for n, g in grids.items()}
    assert fingerprint_from_values(layout, list(renamed), grid_reader(renamed)) != expected


def test_user_inputs_do_not_change_the_fingerprint() -> None:
    kit = definition()
    layout = kit_layout(kit, kit.unit[0], CYCLE)
    names, grids = _grids(_kit(kit))
    filled = {n: [list(r) for r in g] for n, g in grids.items()}
    for ref in layout.required:
        filled[ref.sheet][ref.row0][ref.col0] = 12.5
    assert fingerprint_from_values(layout, names, grid_reader(filled)) == \
        make_identity(layout).sidik_jari


@pytest.mark.parametrize("cycle", ["2026-TW1", "2026-S1", "2026-S2", "2026-TAHUNAN"])
def test_input_quarters_follow_the_cycle(cycle: str) -> None:
    kit = definition()
    parsed = Cycle.parse(cycle)
    layout = kit_layout(kit, kit.unit[0], parsed)
    row = next(r for r in layout.indikator if r.indikator_id == "naik-kumulatif")
    assert row.isian == tuple(range(1, parsed.sampai + 1))
    tahunan = next(r for r in layout.indikator if r.indikator_id == "tahunan")
    assert tahunan.dinilai is (parsed.sampai == 4)


def test_a_unit_of_500_indicators_makes_a_kit_and_501_is_refused() -> None:
    data = definition_data()
    base = data["unit"][0]["indikator"][1]
    data["unit"][0]["indikator"] = [{**base, "id": f"ik-{i}"} for i in range(500)]
    kit = KitDefinition.model_validate(data)
    _, grids = _grids(_kit(kit))
    assert len(grids[C.SHEET_DATA]) == C.D_FIRST_ROW - 1 + 500
    data["unit"][0]["indikator"].append({**base, "id": "ik-500"})
    with pytest.raises(ValidationError):
        KitDefinition.model_validate(data)
