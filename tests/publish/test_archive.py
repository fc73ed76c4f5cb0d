"""Publishing refuses what it must, is deterministic, and `check` guards the archive."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sop_docs.lint.stage import check_project
from sop_docs.model.build import load_corpus
from sop_docs.publish.run import publish_sop
from sop_docs.scaffold import init_project
from sop_docs.site.history import load_histories, view
from tests.publish.helpers import SECOND_REVISION, SOP_ID, SOURCE, codes, edit, run_cli

DAY = dt.date(2024, 1, 15)


def _codes(project: Path) -> set[str]:
    _, problems = check_project(project)
    return {d.code for d in problems}


def _published(project: Path) -> Path:
    result = publish_sop(project, SOP_ID, DAY)
    assert result.entry is not None, [d.render() for d in result.diagnostics]
    return result.entry.folder


def test_the_same_source_gives_byte_identical_entries(tmp_path: Path) -> None:
    folders = []
    for name in ("a", "b"):
        init_project(tmp_path / name)
        folders.append(_published(tmp_path / name))
    first, second = ({p.name: p.read_bytes() for p in f.iterdir()} for f in folders)
    assert first == second


def test_an_unchanged_source_and_an_existing_revision_are_refused(project: Path) -> None:
    folder = _published(project)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = publish_sop(project, SOP_ID, DAY)
    assert again.entry is None and [d.code for d in again.diagnostics] == ["PUB016"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_refusals(project: Path) -> None:
    assert [d.code for d in publish_sop(project, "tidak-ada").diagnostics] == ["PUB012"]
    edit(project, ("status: berlaku ", "status: draf "))
    assert [d.code for d in publish_sop(project, SOP_ID).diagnostics][-1] == "PUB014"
    edit(project, ("status: draf ", "status: berlaku "), ("waktu: 15 menit", "waktu: sebentar"))
    refused = [d.code for d in publish_sop(project, SOP_ID).diagnostics]
    assert refused == ["LNT009", "PUB013"]  # a warning is enough: check --strict


def test_the_next_revision_needs_its_riwayat_entry_and_a_later_date(project: Path) -> None:
    _published(project)
    edit(project, SECOND_REVISION[0])
    assert [d.code for d in publish_sop(project, SOP_ID).diagnostics] == ["PUB017"]
    early = publish_sop(project, SOP_ID, dt.date(2023, 1, 1), fill=True)
    assert [d.code for d in early.diagnostics] == ["PUB019"]
    assert "riwayat_revisi" not in (project / SOURCE).read_text(encoding="utf-8")
    later = publish_sop(project, SOP_ID, dt.date(2024, 6, 1), fill=True)
    assert later.entry is not None and later.entry.revisi == 1
    assert later.filled == "Mengubah langkah 2"


def test_bad_date_is_a_usage_error(project: Path) -> None:
    result = run_cli("publish", SOP_ID, "--tanggal", "31-02-2024", "--project", project)
    assert result.exit_code == 2 and "PUB021" in result.output


def test_check_reports_missing_added_and_misfiled_archive_files(project: Path) -> None:
    folder = _published(project)
    (folder / f"{SOP_ID}.docx").unlink()
    (folder / "catatan.txt").write_text("x", encoding="utf-8")
    (folder.parent / "rev-x").mkdir()
    shutil.copytree(folder, folder.parent / "rev-7")
    found = codes(run_cli("check", "--project", project).output)
    assert ("PUB002", str(folder / f"{SOP_ID}.docx")) in found
    assert ("PUB003", str(folder / "catatan.txt")) in found
    assert ("PUB005", str(folder.parent / "rev-x")) in found
    assert ("PUB006", str(folder.parent / "rev-7" / "manifest.json")) in found


def test_check_reports_an_unreadable_manifest(project: Path) -> None:
    manifest = _published(project) / "manifest.json"
    manifest.chmod(0o644)
    manifest.write_text("{not json", encoding="utf-8")
    assert "PUB004" in _codes(project)


def _second(project: Path) -> Path:
    _published(project)
    edit(project, *SECOND_REVISION)
    result = publish_sop(project, SOP_ID, dt.date(2024, 6, 1), fill=True)
    assert result.entry is not None
    return result.entry.folder


def test_riwayat_revisi_must_agree_with_the_archive(project: Path) -> None:
    _second(project)
    assert not _codes(project) & {"PUB008", "PUB009", "PUB010", "PUB011"}
    entry = "  - {nomor: 1, tanggal: 2024-06-01"
    edit(project, (entry, "  - {nomor: 1, tanggal: 2024-06-02"))
    assert "PUB010" in _codes(project)
    edit(project, ("  - {nomor: 1, tanggal: 2024-06-02", "  - {nomor: 0, tanggal: 2024-06-01"))
    assert {"PUB008", "PUB009"} <= _codes(project)


def test_dates_going_backwards_in_the_archive(project: Path) -> None:
    manifest = _second(project) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["tanggal"] = "2023-01-01"
    manifest.chmod(0o644)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert {"PUB007", "PUB010"} <= _codes(project)


@pytest.mark.parametrize("text", ["riwayat_revisi: []\n", "riwayat_revisi:\n- {nomor: 9, "
                                  "tanggal: 2030-01-01, perubahan: x}\n"])
def test_revision_lists_the_author_wrote_oddly(project: Path, text: str) -> None:
    _published(project)
    edit(project, SECOND_REVISION[0])
    path = project / SOURCE
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    refused = [d.code for d in publish_sop(project, SOP_ID, fill=True).diagnostics]
    assert refused in (["PUB017"], ["PUB018"])


def test_a_file_replaced_by_a_link_is_reported_and_not_offered(project: Path,
                                                                tmp_path: Path) -> None:
    folder = _published(project)
    secret = tmp_path / "rahasia.txt"
    secret.write_text("rahasia", encoding="utf-8")
    target = folder / f"{SOP_ID}.pdf"
    target.unlink()
    target.symlink_to(secret)
    assert "PUB001" in _codes(project)
    corpus, _ = load_corpus(project)
    resolved = corpus.sop(SOP_ID)
    assert resolved is not None
    rows = view(resolved, load_histories(project, corpus)[SOP_ID])["arsip"]
    assert [d["label"] for d in rows[0]["unduhan"]] == ["Word"]
