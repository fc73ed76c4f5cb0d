"""The SAKIP rules in Python (their formula twins are checked in LibreOffice)."""

from __future__ import annotations

import pytest

from sop_docs.errors import CycleError
from sop_docs.kits import capaian as rules
from sop_docs.kits.model import (
    SKALA_PERMENDAGRI_86,
    Akumulasi,
    Cycle,
    JenisSiklus,
    Kategori,
    Metode,
    Rentang,
)


@pytest.mark.parametrize(("r", "t", "metode", "cap", "expected"), [
    (80, 100, Metode.STANDAR, None, 80.0),
    (3, 2, Metode.TERBALIK, None, 50.0),
    (1, 2, Metode.TERBALIK, None, 150.0),
    (5, 2, Metode.TERBALIK, None, -50.0),
    (8, 6, Metode.RASIO_TERBALIK, None, 75.0),
    (0, 6, Metode.RASIO_TERBALIK, None, None),
    (5, 0, Metode.STANDAR, None, None),
    (0, 0, Metode.TERBALIK, None, None),
    (300, 100, Metode.STANDAR, 120, 120.0),
    (35, Rentang(min=30, max=40), Metode.STANDAR, None, 100.0),
    (24, Rentang(min=30, max=40), Metode.STANDAR, None, 80.0),
    (44, Rentang(min=30, max=40), Metode.STANDAR, None, 110.0),
    (90, Rentang(min=80, max=88), Metode.TERBALIK, None, pytest.approx(97.7272727273)),
    (3, Rentang(min=0, max=5), Metode.TERBALIK, None, 100.0),
    (None, 100, Metode.STANDAR, None, None),
    (50, None, Metode.STANDAR, None, None),
])
def test_capaian(r, t, metode, cap, expected) -> None:  # type: ignore[no-untyped-def]
    assert rules.capaian(r, t, metode, cap) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (120, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.99, "Tinggi"), (76, "Tinggi"),
    (75.5, "Sedang"), (66, "Sedang"), (65, "Rendah"), (51, "Rendah"), (50.9, "Sangat Rendah"),
    (-20, "Sangat Rendah"), (None, None),
])
def test_default_scale_is_permendagri_86(value, expected) -> None:  # type: ignore[no-untyped-def]
    assert rules.kategori(value, SKALA_PERMENDAGRI_86) == expected


def test_float_noise_at_a_boundary_is_rounded_away() -> None:
    raw = 17.29 / 19 * 100
    assert raw < 91
    value = rules.capaian(17.29, 19, Metode.STANDAR)
    assert rules.kategori(value, SKALA_PERMENDAGRI_86) == "Sangat Tinggi"


@pytest.mark.parametrize(("akumulasi", "sampai", "expected"), [
    (Akumulasi.KUMULATIF, 2, 30.0), (Akumulasi.KUMULATIF, 4, 100.0),
    (Akumulasi.POSISI_AKHIR, 3, 30.0), (Akumulasi.RATA_RATA, 2, 15.0),
    (Akumulasi.TAHUNAN, 3, None), (Akumulasi.TAHUNAN, 4, 40.0),
])
def test_accumulation(akumulasi, sampai, expected) -> None:  # type: ignore[no-untyped-def]
    assert rules.akumulasi_nilai([10, 20, 30, 40], akumulasi, sampai) == expected


def test_a_missing_quarter_leaves_the_period_blank() -> None:
    assert rules.akumulasi_nilai([None, 20, 30, 40], Akumulasi.KUMULATIF, 2) is None
    assert rules.akumulasi_nilai([None, 20, 30, 40], Akumulasi.POSISI_AKHIR, 2) == 20


def test_formula_literals_are_escaped() -> None:
    scale = (Kategori(nama='Sangat "Baik"', min=90), Kategori(nama="Lain"))
    assert '"Sangat ""Baik"""' in rules.kategori_formula("L8", scale)
    assert rules.num(1e-05) == "1E-05" and rules.num(25.0) == "25"


def test_cycles() -> None:
    cycle = Cycle.parse("2026-s1")
    assert cycle.id == "2026-S1" and cycle.sampai == 2 and cycle.label == "Semester I Tahun 2026"
    assert Cycle.parse("2026-TAHUNAN").jenis is JenisSiklus.TAHUNAN
    assert Cycle.parse("2026-S2").triwulan_isian == (3, 4)
    for bad in ("2026-TW5", "26-TW1", "TW1", ""):
        with pytest.raises(CycleError):
            Cycle.parse(bad)
