"""Hand-typed values read as offices write them: waktu (durations) and month names of dates,
and the total duration of the normal path (rework a decision loops back to left out)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sop_docs.errors import TanggalError
from sop_docs.model.build import load_corpus
from sop_docs.model.flow import normal_path
from sop_docs.model.values import SatuanWaktu, parse_tanggal, parse_waktu
from sop_docs.site.pages import durasi

MENIT, JAM, HARI = SatuanWaktu.MENIT, SatuanWaktu.JAM, SatuanWaktu.HARI


@pytest.mark.parametrize(("text", "value", "low", "unit"), [
    ("3 hari kerja", 3, None, HARI),
    ("7 hari kalender", 7, None, HARI),
    ("1-2 hari", 2, 1, HARI),
    ("15-30 menit", 30, 15, MENIT),
    ("15 – 30 Menit", 30, 15, MENIT),
    ("15 s.d. 30 menit", 30, 15, MENIT),
    ("1 sampai 2 hari", 2, 1, HARI),
    ("± 15 menit", 15, None, MENIT),
    ("+/- 15 menit", 15, None, MENIT),
    ("kurang lebih 2 jam", 2, None, JAM),
    ("1 (satu) hari", 1, None, HARI),
    ("3 (tiga) hari kerja", 3, None, HARI),
    ("1 x 24 jam", 1, None, HARI),  # "within one day", as offices mean it
    ("2 X 24 Jam", 2, None, HARI),
    ("3 x 8 jam", 24, None, JAM),
    ("3 HK", 3, None, HARI),
    ("½ hari", 0.5, None, HARI),
    ("1½ hari", 1.5, None, HARI),
    ("1/2 jam", 0.5, None, JAM),
    ("0,5 jam", 0.5, None, JAM),
    ("30 menit / berkas", 30, None, MENIT),
    ("30 menit/ bagian", 30, None, MENIT),
    ("60 menit (per berkas)", 60, None, MENIT),
    ("15-30", 30, 15, None),  # a bare range: satuan_waktu gives the unit
])
def test_common_waktu_forms_are_durations(text: str, value: float, low: float | None,
                                          unit: SatuanWaktu | None) -> None:
    waktu = parse_waktu(text)
    assert (waktu.nilai, waktu.nilai_min, waktu.satuan, waktu.teks) == (value, low, unit, text)


def test_waktu_qualifiers_are_kept() -> None:
    assert parse_waktu("30 menit / berkas").kualifikasi == "berkas"
    assert parse_waktu("3 hari kerja").kualifikasi == "kerja"
    assert parse_waktu("7 hari kalender").kalender
    assert not parse_waktu("3 hari kerja").kalender


@pytest.mark.parametrize("text", ["tergantung volume pekerjaan", "sesuai kontrak", "2 kali",
                                  "1/0 jam", "menit 15", "", "1" * 5000 + "/2 jam",
                                  "9" * 400 + " menit"])
def test_text_without_a_duration_is_kept_unread(text: str) -> None:
    waktu = parse_waktu(text)
    assert not waktu.terbaca and waktu.nilai is None and waktu.teks == text


@pytest.mark.parametrize(("text", "month"), [
    ("19 Agu 2023", 8), ("19 Ags 2023", 8), ("19 Agt 2023", 8), ("19 Agt. 2023", 8),
    ("19 Agust 2023", 8), ("19 AGUSTUS 2023", 8), ("19 Peb 2023", 2), ("19 Pebruari 2023", 2),
    ("19 Feb 2023", 2), ("19 Sept 2023", 9), ("19 Sep 2023", 9), ("19 Nop 2023", 11),
    ("19 Nopember 2023", 11), ("19 Nov. 2023", 11), ("19 Jan 2023", 1), ("19 Mrt 2023", 3),
    ("19 Mei 2023", 5), ("19 Jun 2023", 6), ("19 Juni 2023", 6), ("19 Jul 2023", 7),
    ("19 juli 2023", 7), ("19 Okt 2023", 10), ("19 Des 2023", 12), ("19-Agu-2023", 8),
])
def test_month_abbreviations_and_spellings(text: str, month: int) -> None:
    value = parse_tanggal(text)
    assert (value.tahun, value.bulan, value.hari) == (2023, month, 19)


def test_month_only_and_unknown_month() -> None:
    assert parse_tanggal("Agt. 2023").bulan == 8
    with pytest.raises(TanggalError):
        parse_tanggal("19 Agx 2023")


def test_total_leaves_out_rework_of_a_loop(example_data: dict,
                                           write_sop: Callable[[dict], Path]) -> None:
    """The example: perintah, kumpul, periksa (Tidak -> kumpul), laporkan.  A rework step
    reached only through the Tidak exit and jumping back is not in the total."""
    steps = example_data["langkah"]
    for step in steps:
        step["waktu"] = "1 jam"
    steps[2]["cabang"][1]["ke"] = "lengkapi"
    steps.append({"id": "lengkapi", "kegiatan": "Melengkapi data", "pelaksana": "staf",
                  "waktu": "1 hari", "ke": "periksa"})
    steps[3]["ke"] = "selesai"
    steps.append({"id": "selesai", "kegiatan": "Selesai", "pelaksana": "staf",
                  "waktu": "1-2 jam"})
    resolved = load_corpus(write_sop(example_data))[0].sops[0]
    assert normal_path(resolved.sop) == {"perintah", "kumpul", "periksa", "laporkan", "selesai"}
    assert resolved.total_menit() == (6 * 60, 0)  # 4 x 1 jam + the upper bound of 1-2 jam
    assert resolved.pengulangan() == 1
    assert "jalur normal: 1 langkah" in durasi(resolved)


def test_total_of_a_loop_straight_back_counts_every_step(example_project: Path) -> None:
    resolved = load_corpus(example_project)[0].sops[0]  # periksa: Tidak -> kumpul
    assert resolved.pengulangan() == 0
    assert resolved.total_menit()[1] == 0
    assert "jalur normal" not in durasi(resolved)


def test_calendar_days_count_as_working_days(example_data: dict,
                                             write_sop: Callable[[dict], Path]) -> None:
    for step in example_data["langkah"]:
        step["waktu"] = "7 hari kalender"
    resolved = load_corpus(write_sop(example_data))[0].sops[0]
    calendar = resolved.settings.waktu_kerja
    week = calendar.hari_per_minggu * calendar.jam_per_hari * 60
    assert resolved.total_menit() == (pytest.approx(week * len(example_data["langkah"])), 0)
