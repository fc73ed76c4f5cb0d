"""Kits recalculated and re-saved by LibreOffice: the formulas give the Python numbers, and
the identity and fingerprint survive xlsx->xlsx, xlsx->ods->xlsx and xlsx->xls->xlsx."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from sop_docs.kits import capaian as rules
from sop_docs.kits.cells import SHEET_IDENTITAS
from sop_docs.kits.identity import (
    fingerprint_from_values,
    grid_reader,
    make_identity,
    read_identity_from_names,
    read_identity_from_properties,
    read_identity_from_values,
)
from sop_docs.kits.model import Cycle
from sop_docs.kits.placement import kit_layout

from .conftest import CYCLES, RoundTrips, definition, hostile_definition

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kits")]


def _grids(path: Path) -> tuple[list[str], dict[str, list[list[object]]]]:
    book = CalamineWorkbook.from_path(str(path))
    names = list(book.sheet_names)
    grids = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in names}
    return names, grids


def test_formulas_recalculate_to_the_python_capaian(roundtrips: RoundTrips) -> None:
    """Every case of the table in four cycles, and every bundled sample kit (one with its
    own category scale), recalculated by LibreOffice, equals the Python rules."""
    checked = 0
    for filled in roundtrips.filled:
        kit = filled.definition
        unit = kit.unit_by_id(filled.layout.unit_id)
        assert unit is not None
        indikator = {i.id: i for i in unit.indikator}
        _, grids = _grids(roundtrips.recalculated / filled.path.name)
        read = grid_reader(grids)
        for row in filled.layout.indikator:
            ind = indikator[row.indikator_id]
            values = [ind.realisasi_diketahui(q) for q in (1, 2, 3, 4)]
            for q in row.isian:
                values[q - 1] = filled.typed[ind.id][q - 1]
            r_sd, cap, _ = rules.capaian_indikator(ind, values, filled.cycle.sampai)
            kat = rules.kategori(cap, kit.skala_kategori)
            where = f"{filled.path.name} {ind.id}"
            got_cap, got_kat, got_sd = read(row.capaian), read(row.kategori), read(row.realisasi_sd)
            if cap is None:
                assert got_cap is None, f"{where}: capaian {got_cap!r}, expected blank"
            else:
                assert got_cap == pytest.approx(cap, abs=1e-9), where
            assert got_kat == kat, f"{where}: kategori {got_kat!r} != {kat!r}"
            if r_sd is None:
                assert got_sd is None, where
            else:
                assert got_sd == pytest.approx(r_sd, abs=1e-9), where
            checked += 1
    assert checked >= len(CYCLES) * len(definition().unit[0].indikator) + 8


def test_budget_serapan_recalculates(roundtrips: RoundTrips) -> None:
    for filled in roundtrips.filled:
        unit = filled.definition.unit_by_id(filled.layout.unit_id)
        assert unit is not None
        kegiatan = {k.id: k for p in unit.program for k in p.kegiatan}
        pagu = {k.id: k.pagu for k in kegiatan.values()}
        _, grids = _grids(roundtrips.recalculated / filled.path.name)
        read = grid_reader(grids)
        for keg in filled.layout.kegiatan:
            typed = filled.budget[keg.kegiatan_id]
            known = [kegiatan[keg.kegiatan_id].realisasi_diketahui(q) for q in (1, 2, 3, 4)]
            values = [k if k is not None else t for k, t in zip(known, typed, strict=True)]
            total = rules.akumulasi_nilai(values, rules.Akumulasi.KUMULATIF, filled.cycle.sampai)
            assert read(keg.realisasi_sd) == pytest.approx(total)
            expected = rules.serapan(total, pagu[keg.kegiatan_id])
            got = read(keg.serapan)
            assert (got is None) if expected is None else got == pytest.approx(expected)


def test_signature_block_is_built_from_the_sign_off(roundtrips: RoundTrips) -> None:
    for filled in roundtrips.filled:
        _, grids = _grids(roundtrips.recalculated / filled.path.name)
        sheet = grids["Pengesahan"]
        assert sheet[12][1] == "Uji, 5 April 2026", filled.path.name
        assert sheet[19][1].startswith("NIP. ")


def test_required_inputs_are_the_typed_ones(roundtrips: RoundTrips) -> None:
    """The layout's required cells are exactly the unlocked realisasi inputs of the cycle."""
    for filled in roundtrips.filled:
        wb = openpyxl.load_workbook(filled.path)
        for ref in filled.layout.required:
            assert wb[ref.sheet][ref.coord].protection.locked is False, str(ref)


@pytest.mark.parametrize("trip", ["xlsx", "ods", "xls"])
def test_identity_and_fingerprint_survive_round_trip(roundtrips: RoundTrips, trip: str) -> None:
    for stem, original in roundtrips.originals.items():
        layout = roundtrips.layouts[stem]
        expected = make_identity(layout)
        names, grids = _grids(roundtrips.via[trip] / original.name)
        assert SHEET_IDENTITAS in names
        assert read_identity_from_values(grids[SHEET_IDENTITAS]) == expected
        assert fingerprint_from_values(layout, names, grid_reader(grids)) == expected.sidik_jari


@pytest.mark.parametrize("trip", ["xlsx", "ods", "xls"])
def test_identity_in_names_and_properties_survive_round_trip(roundtrips: RoundTrips,
                                                              trip: str) -> None:
    for stem, original in roundtrips.originals.items():
        expected = make_identity(roundtrips.layouts[stem])
        wb = openpyxl.load_workbook(roundtrips.via[trip] / original.name)
        names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
        assert read_identity_from_names(names) == expected
        props = {p.name: p.value for p in wb.custom_doc_props}
        assert read_identity_from_properties(props) == expected



def test_hostile_text_stays_text_after_libreoffice(roundtrips: RoundTrips) -> None:
    kit = hostile_definition()
    layout = kit_layout(kit, kit.unit[0], Cycle.parse("2026-TW2"))
    names, grids = _grids(roundtrips.hostile)
    read = grid_reader(grids)
    texts = [p for p in layout.owned() if isinstance(p.value, str)]
    assert any(str(p.value).startswith("=HYPERLINK") for p in texts)
    for placed in texts:
        assert read(placed.ref) == placed.value, str(placed.ref)
    assert "\u2407" in str(grids["Data Kinerja"])  # BEL shown as its control picture
    assert fingerprint_from_values(layout, names, read) == make_identity(layout).sidik_jari
    assert grids["_daftar"][0][0] == "x" * 300
