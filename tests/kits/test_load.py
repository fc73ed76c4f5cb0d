"""Kit definitions: the samples load cleanly; every bad definition gives located errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from sop_docs.kits.load import load_kit_set, load_kits, write_kit_schema

from .conftest import PROFIL, definition_data

REPO = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path, kits: dict[str, str]) -> Path:
    profil = tmp_path / "sop_sources" / "profil"
    profil.mkdir(parents=True)
    (profil / "uji.yaml").write_text(yaml.safe_dump(PROFIL.model_dump(mode="json")))
    (tmp_path / "kits").mkdir()
    for name, text in kits.items():
        (tmp_path / "kits" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _dump(data: object) -> str:
    """YAML of ``data`` without anchors (sources refuse them): a JSON copy shares nothing."""
    return yaml.safe_dump(json.loads(json.dumps(data)), sort_keys=False, allow_unicode=True)


def _good_yaml() -> str:
    return _dump(definition_data())


def test_sample_definitions_load_without_problems() -> None:
    definitions, problems = load_kits(REPO)
    assert [p.render() for p in problems] == []
    assert len(definitions) >= 2
    offices = {d.profil for d in definitions}
    assert len(offices) >= 2
    for d in definitions:
        assert d.contoh, f"{d.id} must be marked as sample data"
        assert 3 <= len(d.unit) <= 4
    known = [i for d in definitions for u in d.unit for i in u.indikator if i.realisasi]
    assert known, "one sample shows pre-filled realisasi"


def test_a_good_definition_loads(tmp_path: Path) -> None:
    definitions, problems = load_kits(_project(tmp_path, {"a.yaml": _good_yaml()}))
    assert problems == [] and [d.id for d in definitions] == ["uji-kit"]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("needle", "replacement", "code", "at"), [
    ("tahun: 2026", "tahun: 2026\nthun: 2027", "MOD001", "thun:"),  # unknown key
    ("tahun: 2026", "tahun: [2026]", "MOD003", "tahun:"),  # wrong type
    ("tahun: 2026", "tahun: dua ribu", "MOD004", "tahun:"),  # not a number
    ("profil: uji-profil", "profil: tidak-ada", "MOD005", "profil:"),  # unknown profile
    ("  - 80.5\n", "  - 80.5\n    - 80.5\n", "MOD004", "- 80"),  # five targets
    ("akumulasi: kumulatif", "akumulasi: sebagian", "MOD004", "akumulasi: sebagian"),
    ("arah: naik", "arah: turun\n    metode: standar", "MOD004", "- id: naik-posisi"),
])
def test_bad_definitions_are_located(tmp_path: Path, needle: str, replacement: str,
                                     code: str, at: str) -> None:
    text = _good_yaml().replace(needle, replacement, 1)
    assert text != _good_yaml()
    kit_set = load_kit_set(_project(tmp_path, {"bad.yaml": text}))
    assert kit_set.definitions == ()
    found = [d for d in kit_set.diagnostics if d.code == code]
    assert found, [d.render() for d in kit_set.diagnostics]
    location = found[0].location
    assert location.path.endswith("bad.yaml")
    assert location.line == _line_of(text, at), found[0].render()


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = _good_yaml().replace("tahun: 2026", "tahun: 2026\nsiklus_berjalaan: TW2")
    problems = load_kit_set(_project(tmp_path, {"k.yaml": text})).diagnostics
    unknown = next(d for d in problems if d.code == "MOD001")
    assert "siklus_berjalan" in unknown.hint
    assert unknown.location.line == _line_of(text, "siklus_berjalaan")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (_good_yaml().replace("tahun: 2026", "tahun: 1900")
            .replace("profil: uji-profil", "profil: lain")
            .replace("satuan: '%'", "satuan: ''", 1))
    problems = load_kit_set(_project(tmp_path, {"k.yaml": text})).diagnostics
    lines = {d.location.line for d in problems}
    assert len(problems) >= 3 and len(lines) >= 3, [d.render() for d in problems]


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    text = "id: x\nprofil: [uji-profil\ntahun: 2026\n"
    problems = load_kit_set(_project(tmp_path, {"k.yaml": text})).diagnostics
    assert problems[0].code == "SRC006" and problems[0].location.line is not None


def test_duplicate_ids_and_cycle_checks(tmp_path: Path) -> None:
    data = definition_data(siklus_berjalan="TW4")
    data["unit"].append(dict(data["unit"][0]))
    text = _dump(data)
    problems = load_kit_set(_project(tmp_path, {"k.yaml": text})).diagnostics
    codes = {d.code for d in problems}
    assert {"KIT001", "KIT003"} <= codes, [d.render() for d in problems]
    dup = next(d for d in problems if d.code == "KIT001" and "unit" in d.message)
    assert dup.location.line is not None


def test_two_files_with_one_id(tmp_path: Path) -> None:
    kit_set = load_kit_set(_project(tmp_path, {"a.yaml": _good_yaml(), "b.yaml": _good_yaml()}))
    assert [d.code for d in kit_set.diagnostics] == ["KIT002"]
    assert len(kit_set.definitions) == 1


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"\xff\xfe bad utf8",
                                     b"- a\n- b\n", b"a: &x 1\nb: *x\n", b"a:\n\tb: 1\n"])
def test_broken_files_give_diagnostics_not_exceptions(tmp_path: Path, content: bytes) -> None:
    project = _project(tmp_path, {})
    (project / "kits" / "k.yaml").write_bytes(content)
    kit_set = load_kit_set(project)
    assert kit_set.definitions == () and kit_set.diagnostics
    assert all(d.location.path.endswith("k.yaml") for d in kit_set.diagnostics)


def test_schema_is_written(tmp_path: Path) -> None:
    [path] = write_kit_schema(tmp_path)
    text = path.read_text()
    assert '"target_triwulan"' in text and '"skala_kategori"' in text


def test_no_definitions_is_reported(tmp_path: Path) -> None:
    kit_set = load_kit_set(_project(tmp_path, {}))
    assert [d.code for d in kit_set.diagnostics] == ["KIT006"]


def test_indented_example_in_readme_style_loads(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        id: contoh
        profil: uji-profil
        tahun: 2026
        siklus: [{id: TW1, tenggat: 2026-04-10}]
        kontak: {nama: Narahubung}
        unit:
          - id: bidang-a
            nama: Bidang A
            penanggung_jawab: {jabatan: Kepala Bidang A, nama: Nama}
            indikator:
              - id: ik-1
                sasaran: Sasaran
                indikator: Indikator
                satuan: "%"
                akumulasi: posisi_akhir
                target_tahunan: 90
        """)
    definitions, problems = load_kits(_project(tmp_path, {"k.yaml": text}))
    assert problems == [] and definitions[0].unit[0].indikator[0].target_kuartal(2) == 90


def test_a_thousand_unit_definition_in_yaml_loads(tmp_path: Path) -> None:
    """Every desa of a kabupaten in one definition: megabytes of block YAML and well over
    the 100,000 values a hand-written source may hold, yet a normal kit definition."""
    data = definition_data()
    [unit] = data["unit"]
    data["unit"] = [{**unit, "id": f"desa-{n:04d}", "nama": f"Pemerintah Desa {n:04d}",
                     "indikator": unit["indikator"][:6]} for n in range(1, 1001)]
    text = yaml.dump(json.loads(json.dumps(data)), Dumper=yaml.CSafeDumper, sort_keys=False,
                     allow_unicode=True)  # a JSON copy shares nothing: no anchors
    assert len(text) > 1_000_000 and len(list(yaml.parse(text, yaml.CSafeLoader))) > 150_000
    kit_set = load_kit_set(_project(tmp_path, {"besar.yaml": text}))
    assert [p.render() for p in kit_set.diagnostics] == []
    [loaded] = kit_set.definitions
    assert len(loaded.unit) == 1000 and loaded.unit[-1].id == "desa-1000"


def test_a_kit_definition_still_has_a_size_limit(tmp_path: Path) -> None:
    project = _project(tmp_path, {})
    (project / "kits" / "k.yaml").write_bytes(b"a: " + b"x" * 21_000_000 + b"\n")
    kit_set = load_kit_set(project)
    assert [d.code for d in kit_set.diagnostics] == ["SRC005"]
