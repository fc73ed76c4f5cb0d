"""The README's source-format section stays true: its examples load and its forms parse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_docs.lint import lint_corpus
from sop_docs.model.build import load_corpus
from sop_docs.model.values import SatuanWaktu, parse_tanggal, parse_waktu

README = Path(__file__).resolve().parents[2] / "README.md"


def yaml_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## The source format")[1].split("\n## ")[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_readme_examples_load(tmp_path: Path) -> None:
    profile, sop, settings = yaml_blocks()
    (tmp_path / "sop_sources/profil").mkdir(parents=True)
    (tmp_path / "sop_sources/profil/kantor.yaml").write_text(profile, encoding="utf-8")
    (tmp_path / "sop_sources/contoh-sop.yaml").write_text(sop, encoding="utf-8")
    (tmp_path / "sop-docs.yaml").write_text(settings, encoding="utf-8")
    corpus, problems = load_corpus(tmp_path)
    assert problems == [], [d.render() for d in problems]
    assert corpus.sops[0].tata_letak.maks_langkah_per_halaman == 8
    # the example names a related SOP the project does not have: the one finding
    assert [d.code for d in lint_corpus(corpus)] == ["LNT015"]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), [
    ("15 menit", 15, SatuanWaktu.MENIT, None),
    ("10 Menit", 10, SatuanWaktu.MENIT, None),
    ("30 menit / bagian", 30, SatuanWaktu.MENIT, "bagian"),
    ("30 menit/ bagian", 30, SatuanWaktu.MENIT, "bagian"),
    ("1,5 jam", 1.5, SatuanWaktu.JAM, None),
    ("1 pekan", 1, SatuanWaktu.MINGGU, None),
    ("2 bln", 2, SatuanWaktu.BULAN, None),
    ("3 hari", 3, SatuanWaktu.HARI, None),
])
def test_waktu_forms(text: str, value: float, unit: SatuanWaktu, qualifier: str | None) -> None:
    waktu = parse_waktu(text)
    assert (waktu.nilai, waktu.satuan, waktu.kualifikasi, waktu.teks) == (
        value, unit, qualifier, text)


def test_waktu_without_a_duration_is_kept() -> None:
    waktu = parse_waktu("tergantung volume pekerjaan")
    assert not waktu.terbaca and waktu.teks == "tergantung volume pekerjaan"


@pytest.mark.parametrize(("text", "parts"), [
    ("2021-01-19", (2021, 1, 19, None)),
    ("19 Januari 2021", (2021, 1, 19, None)),
    ("19-01-2021", (2021, 1, 19, None)),
    ("19/1/2021", (2021, 1, 19, None)),
    ("Januari 2019", (2019, 1, None, None)),
    ("......2022", (2022, None, None, None)),
    ("", (None, None, None, None)),
    ("Revisi 1", (None, None, None, 1)),
    (1, (None, None, None, 1)),
])
def test_tanggal_forms(text: str | int, parts: tuple) -> None:
    value = parse_tanggal(text)
    assert (value.tahun, value.bulan, value.hari, value.revisi) == parts
