"""What changed between two versions: steps matched by id then by text, moves, fields."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sop_docs.model.sop import SOP
from sop_docs.publish.diff import Jenis, Perubahan, compare

BASE: dict[str, Any] = {
    "id": "s", "profil": "kantor", "nomor": "1/SOP", "nama": "SOP Contoh",
    "disahkan_oleh": "kepala",
    "pelaksana": [{"id": "a", "nama": "Kepala"}, {"id": "b", "nama": "Staf"}],
    "langkah": [
        {"id": "mulai", "kegiatan": "Menerima surat permohonan", "pelaksana": "a"},
        {"id": "catat", "kegiatan": "Mencatat surat dalam buku agenda", "pelaksana": "b",
         "waktu": "10 menit"},
        {"id": "periksa", "kegiatan": "Memeriksa kelengkapan berkas", "pelaksana": "a",
         "cabang": [{"label": "Lengkap", "ke": "arsip"}, {"label": "Tidak", "ke": "catat"}]},
        {"id": "arsip", "kegiatan": "Mengarsipkan berkas permohonan", "pelaksana": "b"},
    ],
}


def sop(change: Any = None) -> SOP:
    data = copy.deepcopy(BASE)
    if change is not None:
        change(data)
    return SOP.model_validate(data)


def kinds(perubahan: Perubahan) -> list[tuple[str, str]]:
    return [(c.jenis.value, c.id) for c in perubahan.langkah]


def test_same_version_has_no_changes() -> None:
    found = compare(sop(), sop())
    assert found.kosong and found.lines() == [] and found.step_marks() == {}


def test_a_renamed_step_id_with_the_same_text_is_the_same_step() -> None:
    def rename(data: dict[str, Any]) -> None:
        data["langkah"][1]["id"] = "agenda"
        data["langkah"][2]["cabang"][1]["ke"] = "agenda"

    assert compare(sop(), sop(rename)).kosong


def test_inserting_a_step_moves_nothing() -> None:
    def insert(data: dict[str, Any]) -> None:
        data["langkah"].insert(2, {"id": "paraf", "kegiatan": "Memaraf disposisi",
                                   "pelaksana": "a"})

    found = compare(sop(), sop(insert))
    assert kinds(found) == [("ditambah", "paraf")]
    assert found.step_marks() == {3: "ditambah"}


def test_swapping_two_steps_moves_one() -> None:
    def swap(data: dict[str, Any]) -> None:
        steps = data["langkah"]
        steps[1], steps[3] = steps[3], steps[1]

    found = compare(sop(), sop(swap))
    assert {j for j, _ in kinds(found)} <= {"dipindah", "diubah"}
    assert ("dipindah", "arsip") in kinds(found) or ("dipindah", "catat") in kinds(found)


def test_removed_step_and_changed_fields() -> None:
    def change(data: dict[str, Any]) -> None:
        steps = data["langkah"]
        steps[1]["waktu"] = "15 menit"
        steps[1]["pelaksana"] = ["a", "b"]
        steps[2]["cabang"][0]["label"] = "Ya"
        del steps[3]
        steps[2]["cabang"][0]["ke"] = "catat"

    found = compare(sop(), sop(change))
    by_id = {c.id: c for c in found.langkah}
    assert by_id["arsip"].jenis is Jenis.DIHAPUS and by_id["arsip"].no_lama == 4
    assert by_id["catat"].bidang == ("pelaksana", "mutu baku")
    assert by_id["periksa"].bidang == ("keputusan",)
    assert "langkah 4" in found.ringkasan()


def test_a_step_reworded_under_a_new_id_is_matched_by_similar_text() -> None:
    def reword(data: dict[str, Any]) -> None:
        data["langkah"][3] = {"id": "simpan", "pelaksana": "b",
                              "kegiatan": "Mengarsipkan berkas permohonan izin"}
        data["langkah"][2]["cabang"][0]["ke"] = "simpan"

    found = compare(sop(), sop(reword))
    assert kinds(found) == [("diubah", "simpan")]
    assert found.langkah[0].rincian[0].bidang == "Kegiatan"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["pelaksana"].append({"id": "c", "nama": "Bendahara"}),
     [("ditambah", "c")]),
    (lambda d: d["pelaksana"][1].update(nama="Pengadministrasi Umum"), [("diubah", "b")]),
    (lambda d: d["pelaksana"][1].update(id="staf") or [s.update(pelaksana="staf")
                                                       for s in d["langkah"]
                                                       if s["pelaksana"] == "b"], []),
])
def test_actor_changes(change: Any, expected: list[tuple[str, str]]) -> None:
    found = compare(sop(), sop(change))
    assert [(c.jenis.value, c.id) for c in found.pelaksana] == expected


def test_identity_fields_and_the_summary() -> None:
    def change(data: dict[str, Any]) -> None:
        data["nomor"] = "2/SOP"
        data["dasar_hukum"] = ["Peraturan Bupati Nomor 1 Tahun 2024"]
        data["riwayat_revisi"] = [{"nomor": 1, "perubahan": "x"}]  # not content

    found = compare(sop(), sop(change))
    assert [r.bidang for r in found.identitas] == ["Nomor SOP", "Dasar Hukum"]
    assert found.ringkasan() == "Mengubah Nomor SOP dan Dasar Hukum"
    assert Perubahan.model_validate_json(found.model_dump_json()) == found
