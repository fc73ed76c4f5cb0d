"""The legal-basis recogniser: every spelling the seeds use, and the usual abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest

from sop_docs.model.build import load_corpus
from sop_docs.site.legal import build_index, judul, recognise

REPO = Path(__file__).resolve().parents[2]

# Each seed's dasar hukum as printed in the original documents, and its normalised keys.
SEED_SPELLINGS = [
    ("Peraturan Menteri Dalam Negeri Nomor 86 tahun 2017 tentang Tata Cara Perencanaan, "
     "Pengendalian dan Evaluasi Pembangunan Daerah , Tata Cara Evaluasi Rancangan Peraturan "
     "Daerah tentang Rencana Pembangunan Jangka Menengah Daerah", ["Permendagri 86/2017"]),
    ("Peraturan Bupati Sumedang Nomor 11 tahun 2016 tentang Uraian Tugas Jabatan Struktural",
     ["Perbup Sumedang 11/2016"]),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Indonesia Nomor "
     "29 Tahun 2010 tentang Pedoman Penyusunan Penetapan Kinerja", ["PermenPANRB 29/2010"]),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
     "Indonesia Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur",
     ["PermenPANRB 35/2012"]),
    ("Peraturan Daerah Kabupaten Nganjuk Nomor 8 Tahun 2016 Tentang Pembentukan Dan Susunan "
     "Perangkat Daerah Kabupaten Nganjuk", ["Perda Kabupaten Nganjuk 8/2016"]),
    ("Peraturan Bupati Nganjuk Nomor 07 Tahun 2012 Tentang Penyusunan Standar Operasional",
     ["Perbup Nganjuk 7/2012"]),
    ("Peraturan Bupati Nganjuk Nomor 41 Tahun 2016 Tentang Kedudukan, Susunan Organisasi",
     ["Perbup Nganjuk 41/2016"]),
    ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", ["UU 23/2014"]),
    ("Peraturan Presiden Republik Indonesia Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
     "Kinerja Instansi Pemerintah", ["Perpres 29/2014"]),
    ("Peraturan Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
     "Tahun 2014 tentang Petunjuk Teknis Perjalanan Kinerja", ["PermenPANRB 53/2014"]),
    ("Keputusan Kepala Lembaga Administrasi Negara Nomor 589/I/X/6/Y/1999 tentang Pedoman "
     "Penyusunan Pelaporan Akuntabilitas Kinerja Instansi Pemerintah dan Nomor "
     "239/I/X/6/8/2003 tentang Perbaikan Pedoman",
     ["Keputusan Kepala LAN 589/I/X/6/Y/1999", "Keputusan Kepala LAN 239/I/X/6/8/2003"]),
    ("Keputusan Bupati Purwakarta Nomor 123 Tahun 2020 Tentang Kedudukan, Susunan Organisasi",
     ["Keputusan Bupati Purwakarta 123/2020"]),
    ("Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional "
     "Prosedur Di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota;", ["Permendagri 52/2011"]),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara Dan Reformasi Birokrasi Republik "
     "Indonesia Nomor 53 Tahun 2014 Tentang Petunjuk Teknis Perjanjian Kinerja",
     ["PermenPANRB 53/2014"]),
    ("Peraturan Bupati Purwakarta Nomor 107 Tahun 2020 Tentang Kedudukan, Susunan Organisasi",
     ["Perbup Purwakarta 107/2020"]),
    ("Peraturan Pemerintah Nomor 60 Tahun 2008 tentang Sistem Pengendalian Intern Pemerintah",
     ["PP 60/2008"]),
    ("Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan", ["PP 17/2018"]),
    ("Peraturan Bupati Sukoharjo Nomor 40 Tahun 2017 Tentang Rencana Strategis Perangkat "
     "Daerah Kabupaten Sukoharjo tahun 2016-2021", ["Perbup Sukoharjo 40/2017"]),
]

# Short forms offices also write.
ABBREVIATIONS = [
    ("PermenPAN-RB No. 53/2014", ["PermenPANRB 53/2014"]),
    ("Permenpan RB Nomor 35 Tahun 2012", ["PermenPANRB 35/2012"]),
    ("Permendagri 86/2017", ["Permendagri 86/2017"]),
    ("UU No 23 Th 2014", ["UU 23/2014"]),
    ("PP 60/2008", ["PP 60/2008"]),
    ("Perpres Nomor 29 Tahun 2014", ["Perpres 29/2014"]),
    ("Perbup Sukoharjo No. 40 Tahun 2017", ["Perbup Sukoharjo 40/2017"]),
    ("Peraturan Bupati Nomor 41 Tahun 2016 tentang Kedudukan", ["Perbup 41/2016"]),
    ("Peraturan Walikota Bandung Nomor 5 Tahun 2019", ["Perwal Bandung 5/2019"]),
    ("Peraturan Gubernur Jawa Barat Nomor 54 Tahun 2019", ["Pergub Jawa Barat 54/2019"]),
    ("Peraturan Daerah Provinsi Jawa Tengah Nomor 1 Tahun 2020",
     ["Perda Provinsi Jawa Tengah 1/2020"]),
    ("Kepmen PAN RB Nomor 1 Tahun 2020", ["KepmenPANRB 1/2020"]),
    ("Peraturan Kepala LAN Nomor 1 Tahun 2015", ["Perka LAN 1/2015"]),
    ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2020", ["Perppu 1/2020"]),
    ("Undang-Undang Nomor 23 Tahun 2014 dan Undang-Undang Nomor 9 Tahun 2015",
     ["UU 23/2014", "UU 9/2015"]),
]

NOT_REGULATIONS = [
    "Undang-Undang Dasar 1945",
    "Peraturan perundang-undangan yang berlaku",
    "SOP Penyusunan Renstra",
    "Rancangan Peraturan Daerah tentang Rencana Pembangunan Jangka Menengah",
    "",
]


@pytest.mark.parametrize(("text", "keys"), SEED_SPELLINGS + ABBREVIATIONS)
def test_recognises_and_normalises(text: str, keys: list[str]) -> None:
    assert [r.kunci for r in recognise(text)] == keys


@pytest.mark.parametrize("text", NOT_REGULATIONS)
def test_texts_that_cite_no_numbered_regulation(text: str) -> None:
    assert recognise(text) == ()


def test_every_dasar_hukum_of_the_sample_project_is_recognised() -> None:
    corpus, _ = load_corpus(REPO)
    assert len(corpus.sops) >= 5
    index = build_index(corpus.sops)
    assert index.tidak_dikenali == []
    keys = {e.regulasi.kunci for e in index.entri}
    assert {"PermenPANRB 53/2014", "Permendagri 86/2017", "Perpres 29/2014"} <= keys
    cited = {e.regulasi.kunci: set(e.sops) for e in index.entri}
    assert len(cited["PermenPANRB 53/2014"]) >= 3  # three offices cite it, spelled 3 ways


def test_title_is_the_text_after_tentang() -> None:
    text = "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang  Kecamatan;"
    assert judul(text) == "Kecamatan"
    assert judul("PP 60/2008") == ""


def test_index_groups_kinds_in_table_order_and_newest_first() -> None:
    corpus, _ = load_corpus(REPO)
    groups = build_index(corpus.sops).per_jenis()
    names = [jenis.singkatan for jenis, _ in groups]
    assert names.index("UU") < names.index("PermenPANRB") < names.index("Perbup")
    panrb = next(entries for jenis, entries in groups if jenis.singkatan == "PermenPANRB")
    years = [int(e.regulasi.tahun or 0) for e in panrb]
    assert years == sorted(years, reverse=True)
