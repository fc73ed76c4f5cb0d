"""Fixtures of the kit tests: a table of capaian cases as a kit definition, kits generated
from it, filled with openpyxl, and pushed through LibreOffice in a few batched calls."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sop_docs.kits.cells import KitLayout
from sop_docs.kits.generate.make import kit_bytes
from sop_docs.kits.load import load_kit_set
from sop_docs.kits.model import Cycle, KitDefinition
from sop_docs.kits.placement import kit_layout
from sop_docs.model.profile import Profil

REPO = Path(__file__).resolve().parents[2]
PROFIL = Profil(id="uji-profil", pemerintah="PEMERINTAH KABUPATEN UJI", instansi="DINAS UJI",
                tempat="Uji")


def _ind(ind_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": ind_id, "sasaran": f"Sasaran {ind_id}", "indikator": f"Indikator {ind_id}",
        "satuan": "%", "arah": "naik", "akumulasi": "kumulatif", "target_tahunan": 100,
        "target_triwulan": [25, 25, 25, 25],
    }
    base.update(fields)
    return base


# (indicator definition, realisasi typed per quarter: None = left empty).  Quarters the
# definition already knows are pre-filled by the kit and not typed.
CASES: list[tuple[dict[str, Any], list[float | None]]] = [
    (_ind("naik-posisi", akumulasi="posisi_akhir", target_tahunan=82,
          target_triwulan=[80, 80.5, 81, 82]), [79.4, 81.2, 81.9, 83]),
    (_ind("naik-kumulatif"), [20, 15, 30, 25]),
    (_ind("turun-terbalik", arah="turun", target_tahunan=8, target_triwulan=[2, 2, 2, 2]),
     [3, 2, 1, 2]),
    (_ind("turun-rasio", arah="turun", metode="rasio_terbalik", target_tahunan=24,
          target_triwulan=[6, 6, 6, 6]), [5, 8, 6, 4]),
    (_ind("rasio-nol", arah="turun", metode="rasio_terbalik", akumulasi="posisi_akhir",
          target_tahunan=5, target_triwulan=[5, 5, 5, 5]), [0, 0, 0, 0]),
    (_ind("target-nol", arah="turun", target_tahunan=0, target_triwulan=[0, 0, 0, 0]),
     [0, 1, 0, 0]),
    (_ind("cap", akumulasi="posisi_akhir", target_tahunan=10, target_triwulan=[10, 10, 10, 10],
          batas_atas=120), [30, 30, 12.5, 9]),
    (_ind("rentang-dalam", akumulasi="posisi_akhir", target_tahunan={"min": 30, "max": 40},
          target_triwulan=[{"min": 30, "max": 40}] * 4), [35, 35, 35, 35]),
    (_ind("rentang-bawah", akumulasi="posisi_akhir", target_tahunan={"min": 30, "max": 40},
          target_triwulan=[{"min": 30, "max": 40}] * 4), [25, 25, 20, 29]),
    (_ind("rentang-atas", akumulasi="posisi_akhir", target_tahunan={"min": 30, "max": 40},
          target_triwulan=[{"min": 30, "max": 40}] * 4), [44, 44, 41, 50]),
    (_ind("rentang-turun", arah="turun", akumulasi="rata_rata",
          target_tahunan={"min": 80, "max": 88}, target_triwulan=[{"min": 80, "max": 88}] * 4),
     [90, 95, 70, 60]),
    (_ind("rata-rata", akumulasi="rata_rata", target_tahunan=90,
          target_triwulan=[85, 90, 90, 95]), [80, 95, 91, 97]),
    (_ind("tahunan", akumulasi="tahunan", target_tahunan=40, target_triwulan=None),
     [None, None, None, 38]),
    (_ind("batas-91", akumulasi="posisi_akhir", target_tahunan=100,
          target_triwulan=[100, 100, 100, 100]), [91, 91, 91, 91]),
    (_ind("batas-float", akumulasi="posisi_akhir", target_tahunan=19,
          target_triwulan=[19, 19, 19, 19]), [17.29, 17.29, 17.29, 17.29]),
    (_ind("batas-90-5", akumulasi="posisi_akhir", target_tahunan=100,
          target_triwulan=[100, 100, 100, 100]), [90.5, 90.5, 50.5, 50]),
    (_ind("belum-lengkap"), [None, 10, 10, 10]),
    (_ind("diketahui", realisasi={"TW1": 22.5}), [None, 30, 20, 25]),
    (_ind("terbalik-negatif", arah="turun", akumulasi="posisi_akhir", target_tahunan=2,
          target_triwulan=[2, 2, 2, 2]), [5, 5, 5, 5]),
]

#: The cycles each case is checked in.
CYCLES = ("2026-TW2", "2026-S1", "2026-TW3", "2026-TAHUNAN")


def definition_data(**overrides: Any) -> dict[str, Any]:
    """A kit definition holding every case as one indicator of one unit (plain data)."""
    data: dict[str, Any] = {
        "id": "uji-kit",
        "profil": PROFIL.id,
        "tahun": 2026,
        "siklus": [{"id": c.split("-")[1], "tenggat": "2026-12-31"} for c in CYCLES],
        "kontak": {"nama": "Narahubung Uji"},
        "unit": [{
            "id": "unit-uji",
            "nama": "Unit Uji",
            "penanggung_jawab": {"jabatan": "Kepala Unit Uji", "nama": "Nama Uji",
                                 "nip": "19800101 200501 1 001"},
            "indikator": [copy.deepcopy(case) for case, _ in CASES],
            "program": [{"id": "prog", "nama": "Program Uji", "kegiatan": [
                {"id": "keg-a", "nama": "Kegiatan A", "pagu": 1000000},
                {"id": "keg-b", "nama": "Kegiatan B", "pagu": 0},
            ]}],
        }],
    }
    data.update(overrides)
    return data


def definition(**overrides: Any) -> KitDefinition:
    return KitDefinition.model_validate(definition_data(**overrides))


BUDGET_TYPED = {"keg-a": [100000.0, 250000.0, 300000.0, 50000.0], "keg-b": [0.0, 0.0, 0.0, 0.0]}


@dataclass
class FilledKit:
    """A generated kit and the inputs typed into it."""

    definition: KitDefinition
    cycle: Cycle
    layout: KitLayout
    path: Path
    typed: dict[str, list[float | None]]  # indicator id -> typed quarter values
    budget: dict[str, list[float]]  # kegiatan id -> typed quarter values


def fill(path: Path, layout: KitLayout, typed: dict[str, list[float | None]],
         budget: dict[str, list[float]]) -> None:
    """Type the realisasi, budget and sign-off inputs with openpyxl, as a user would."""
    wb = openpyxl.load_workbook(path)
    for row in layout.indikator:
        for q in row.isian:
            value = typed[row.indikator_id][q - 1]
            if value is not None:
                wb[row.realisasi[q - 1].sheet][row.realisasi[q - 1].coord] = value
        wb[row.bukti_dukung.sheet][row.bukti_dukung.coord] = "Laporan kegiatan"
    for keg in layout.kegiatan:
        for q in keg.isian:
            ref = keg.realisasi[q - 1]
            wb[ref.sheet][ref.coord] = budget[keg.kegiatan_id][q - 1]
    p = layout.pengesahan
    wb[p.tempat.sheet][p.tempat.coord] = "Uji"
    wb[p.tanggal.sheet][p.tanggal.coord] = dt.datetime(2026, 4, 5)
    wb.save(path)


def soffice_convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """Convert many files in one LibreOffice call (private profile, so calls never collide)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.fail("LibreOffice (soffice) is not installed: run `make test` to install it")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )
    missing = [f for f in files if not (outdir / f"{f.stem}.{target.split(':')[0]}").exists()]
    assert not missing, f"LibreOffice did not convert {missing}"


def _filled_samples(folder: Path) -> list[FilledKit]:
    """The bundled sample kits of their current cycle, filled with made-up figures."""
    kit_set = load_kit_set(REPO)
    found = []
    for kit in kit_set.definitions:
        cycle = kit.current_cycle
        for unit in kit.unit:
            path = folder / f"contoh-{kit.id}-{unit.id}.xlsx"
            path.write_bytes(kit_bytes(kit, kit_set.profil(kit), unit, cycle)[0])
            layout = kit_layout(kit, unit, cycle)
            typed: dict[str, list[float | None]] = {
                ind.id: [float(7 * i + 3 * q + 1) for q in range(4)]
                for i, ind in enumerate(unit.indikator)
            }
            budget = {k.id: [k.pagu / 5] * 4 for p in unit.program for k in p.kegiatan}
            fill(path, layout, typed, budget)
            found.append(FilledKit(kit, cycle, layout, path, typed, budget))
    return found


@dataclass
class RoundTrips:
    """Kits before and after LibreOffice: recalculated fills, and identity round trips."""

    filled: list[FilledKit]
    recalculated: Path  # folder of filled kits re-saved as xlsx (recalculated)
    originals: dict[str, Path]  # stem -> generated kit
    layouts: dict[str, KitLayout]  # stem -> layout
    via: dict[str, Path]  # "xlsx" / "ods" / "xls" -> folder of xlsx files after the trip
    hostile: Path  # the hostile kit after LibreOffice re-saved it


HOSTILE_TEXTS = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-1+2",
    "@SUM(A1)",
    "bell\x07 escape\x1b nul\x00 end",
    "tab\tand\r\nnewline",
)


def hostile_definition() -> KitDefinition:
    """Every text a definition can hold set to something a spreadsheet could misread."""
    data = definition_data(
        judul=HOSTILE_TEXTS[0],
        pilihan_bukti_dukung=["x" * 300, "y" * 300, HOSTILE_TEXTS[0]],
        skala_kategori=[{"nama": 'Sangat "Baik"', "min": 90}, {"nama": "=1+1", "min": 50},
                        {"nama": "@kurang"}],
    )
    unit = data["unit"][0]
    unit["nama"] = HOSTILE_TEXTS[1]
    unit["penanggung_jawab"]["nama"] = HOSTILE_TEXTS[2]
    for i, ind in enumerate(unit["indikator"]):
        ind["indikator"] = HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)]
        ind["sasaran"] = HOSTILE_TEXTS[(i + 1) % len(HOSTILE_TEXTS)]
        ind["satuan"] = "=A1"
    unit["program"][0]["nama"] = HOSTILE_TEXTS[3]
    unit["program"][0]["kegiatan"][0]["nama"] = HOSTILE_TEXTS[4]
    return KitDefinition.model_validate(data)


@pytest.fixture(scope="session")
def roundtrips(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoundTrips]:
    """Generate one kit per cycle, fill it, and run every LibreOffice conversion once."""
    base = tmp_path_factory.mktemp("kits-lo")
    profile = Path(f"/tmp/sopdocs-kits-lo-{uuid.uuid4().hex}")
    kit = definition()
    unit = kit.unit[0]
    generated = filled_dir = base / "generated"
    generated.mkdir()
    filled: list[FilledKit] = []
    originals: dict[str, Path] = {}
    layouts: dict[str, KitLayout] = {}
    typed = {case["id"]: values for case, values in CASES}
    for cycle_id in CYCLES:
        cycle = Cycle.parse(cycle_id)
        data, _ = kit_bytes(kit, PROFIL, unit, cycle)
        stem = f"asli-{cycle_id}"
        original = generated / f"{stem}.xlsx"
        original.write_bytes(data)
        layout = kit_layout(kit, unit, cycle)
        originals[stem], layouts[stem] = original, layout
        target = filled_dir / f"isi-{cycle_id}.xlsx"
        target.write_bytes(data)
        fill(target, layout, typed, BUDGET_TYPED)
        filled.append(FilledKit(kit, cycle, layout, target, typed, BUDGET_TYPED))
    filled += _filled_samples(filled_dir)
    hostile = generated / "hostile.xlsx"
    hostile_kit = hostile_definition()
    hostile.write_bytes(kit_bytes(hostile_kit, PROFIL, hostile_kit.unit[0],
                                  Cycle.parse("2026-TW2"))[0])
    try:
        # four LibreOffice calls in all: recalculation and the xlsx re-save share one
        soffice_convert([f.path for f in filled] + [*originals.values(), hostile], "xlsx",
                        base / "lo-xlsx", profile)
        for fmt in ("ods", "xls"):
            soffice_convert(list(originals.values()), fmt, base / f"as-{fmt}", profile)
        trips = [p.rename(p.with_name(f"{p.stem}~{p.suffix[1:]}{p.suffix}"))
                 for fmt in ("ods", "xls") for p in sorted((base / f"as-{fmt}").glob("*.*"))]
        soffice_convert(trips, "xlsx", base / "lo-back", profile)
        via = {"xlsx": base / "lo-xlsx"}
        for fmt in ("ods", "xls"):
            folder = base / f"via-{fmt}"
            folder.mkdir()
            for stem in originals:
                (base / "lo-back" / f"{stem}~{fmt}.xlsx").rename(folder / f"{stem}.xlsx")
            via[fmt] = folder
        yield RoundTrips(filled, base / "lo-xlsx", originals, layouts, via,
                         base / "lo-xlsx" / hostile.name)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
