"""Carrying unsaved edits over to a file changed on disk: a three-way merge of form data."""

from __future__ import annotations

import copy
from pathlib import Path

from sop_docs.studio.rebase import rebase
from sop_docs.studio.workspace import Workspace

SEED = "sop_sources/sumedang-kesbangpol-pengumpulan-data-kinerja.yaml"
BASE = {"id": "a", "nama": "N", "nomor": "1", "langkah": [{"id": "s1", "kegiatan": "K1"},
                                                           {"id": "s2", "kegiatan": "K2"}]}


def test_edits_on_different_fields_both_survive() -> None:
    mine = copy.deepcopy(BASE)
    mine["nama"] = "Nama saya"
    mine["langkah"][1]["kegiatan"] = "K2 saya"
    theirs = copy.deepcopy(BASE)
    theirs["nomor"] = "2"
    theirs["langkah"][0]["kegiatan"] = "K1 mereka"
    theirs["unit"] = "U"
    merged, conflicts = rebase(BASE, mine, theirs)
    assert merged == {"id": "a", "nama": "Nama saya", "nomor": "2", "unit": "U", "langkah": [
        {"id": "s1", "kegiatan": "K1 mereka"}, {"id": "s2", "kegiatan": "K2 saya"}]}
    assert conflicts == []


def test_the_same_field_changed_twice_keeps_mine_and_says_so() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["nama"], theirs["nama"] = "saya", "mereka"
    merged, conflicts = rebase(BASE, mine, theirs)
    assert merged["nama"] == "saya" and conflicts == [("nama",)]


def test_lists_reshaped_on_both_sides_keep_mine() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["langkah"].append({"id": "s3", "kegiatan": "K3"})
    del theirs["langkah"][0]
    merged, conflicts = rebase(BASE, mine, theirs)
    assert merged["langkah"] == mine["langkah"] and conflicts == [("langkah",)]


def test_deletions_are_carried_over() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    del mine["nomor"]
    theirs["nama"] = "mereka"
    merged, conflicts = rebase(BASE, mine, theirs)
    assert "nomor" not in merged and merged["nama"] == "mereka" and conflicts == []


def test_reload_and_reapply_then_save(workspace: Workspace, project: Path) -> None:
    opened = workspace.open(SEED)
    mine = copy.deepcopy(opened["data"])
    mine["nomor"] = "NOMOR SAYA"
    path = project / SEED
    elsewhere = path.read_text(encoding="utf-8").replace("\nnama: ", "\n# di luar\nnama: ", 1)
    path.write_text(elsewhere, encoding="utf-8")
    answer = workspace.rebase(SEED, mine)
    assert answer["data"]["nomor"] == "NOMOR SAYA" and answer["conflicts"] == []
    assert answer["changed"] is True
    workspace.save(SEED, answer["data"], answer["version"])
    saved = path.read_text(encoding="utf-8")
    assert "# di luar" in saved and "NOMOR SAYA" in saved
