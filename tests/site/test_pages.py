"""Page contents: keterkaitan links, durations, revisions, kits and rekap read defensively."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sop_docs.model.corpus import Corpus
from sop_docs.site import pages
from sop_docs.site.artifacts import SopAssets
from sop_docs.site.build import build_site
from sop_docs.site.publications import kit_cycles, rekap_cycles
from sop_docs_demo.synthetic import synthetic_corpus, synthetic_sop

NO_ASSETS = SopAssets((), None, (), {})


def test_keterkaitan_links_only_to_sops_in_the_corpus() -> None:
    resolved = synthetic_sop(1)
    related = (
        {"teks": "SOP Penyusunan Renja", "sop": "sop-renja"},
        {"teks": "SOP Penyusunan LKjIP", "sop": "sop-lkjip"},
        {"teks": "SOP Monitoring"},
    )
    sop = resolved.sop.model_copy(update={"keterkaitan": tuple(
        type(resolved.sop.keterkaitan[0]).model_validate(k) for k in related)})
    _, text = pages.sop_page(dataclasses.replace(resolved, sop=sop), NO_ASSETS,
                             {sop.id, "sop-renja"})
    assert "1. [SOP Penyusunan Renja](../sop-renja/index.md)" in text
    assert "2. SOP Penyusunan LKjIP\n" in text  # its SOP is not in the corpus: no dead link
    assert "3. SOP Monitoring\n" in text


def test_duration_in_hours_and_working_days() -> None:
    resolved = synthetic_sop(2)
    total, unknown = resolved.total_menit()
    text = pages.durasi(resolved)
    hours = int(round(total) // 60)
    assert text.startswith(f"{hours} jam") if hours else text.endswith("menit")
    if total >= 7.5 * 60:
        assert "hari kerja" in text
    assert ("tidak dihitung" in text) == bool(unknown)


def test_latest_revision_is_the_latest_history_entry() -> None:
    resolved = synthetic_sop(3)
    history = resolved.sop.riwayat_revisi
    entry = type(history[0])
    sop = resolved.sop.model_copy(update={"riwayat_revisi": (
        entry(nomor=1, tanggal="2 Januari 2020", perubahan="a"),
        entry(nomor=2, tanggal="5 Maret 2022", perubahan="b"),
    )})
    assert pages.revisi_terkini(dataclasses.replace(resolved, sop=sop)) == (
        "Revisi 2 (5 Maret 2022)")
    none = resolved.sop.model_copy(update={"riwayat_revisi": ()})
    assert pages.revisi_terkini(dataclasses.replace(resolved, sop=none)) == (
        resolved.sop.tanggal.revisi.tampil() or "Belum ada revisi")


def test_broken_or_foreign_manifests_give_no_kits_page(tmp_path: Path) -> None:
    for name, text in {"a": "{not json", "b": "[1, 2]", "c": '{"kits": [{"file": "../x"}]}',
                       "d": '{"kits": [{"file": "missing.xlsx", "nama_unit": "Bidang"}]}'}.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "kits_manifest.json").write_text(text, encoding="utf-8")
    assert kit_cycles(None, tmp_path) == []


def test_kits_page_lists_each_unit_with_its_deadline(tmp_path: Path) -> None:
    folder = tmp_path / "2026-TW2"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"PK\x03\x04 kit")
    manifest = {"siklus": "2026-TW2", "label": "Triwulan II Tahun 2026", "kits": [
        {"kit": "k", "file": "a.xlsx", "nama_unit": "<b>Bidang</b> [A](javascript:x)",
         "instansi": "DINAS", "tenggat_teks": "10 Juli 2026", "kontak": {"nama": "Ani"}}]}
    (folder / "kits_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (cycle,) = kit_cycles([folder / "a.xlsx"], tmp_path / "ignored")
    path, text = pages.kit_page(cycle)
    assert path == "kit/2026-TW2/index.md"
    assert "**10 Juli 2026**" in text and "Narahubung: Ani" in text
    assert '<a href="a.xlsx"' in text
    assert "&lt;b&gt;Bidang&lt;/b&gt; [A](javascript:x)" in text


def test_rekap_publishes_documents_not_unit_return_files(tmp_path: Path) -> None:
    folder = tmp_path / "2026-TW1"
    (folder / "kembali").mkdir(parents=True)
    for name in ("k-2026-TW1-rekap.pdf", "k-2026-TW1-rekap.xlsx", "2026-TW1-verifikasi.md",
                 "2026-TW1-verifikasi.json", "kembali/bidang.xlsx"):
        (folder / name).write_text("{}", encoding="utf-8")
    (cycle,) = rekap_cycles(None, tmp_path)
    assert [b.path.name for b in cycle.berkas] == [
        "k-2026-TW1-rekap.pdf", "k-2026-TW1-rekap.xlsx", "2026-TW1-verifikasi.json"]
    assert cycle.berkas[0].label({}).startswith("Rekap kinerja k ")


def test_a_project_without_sops_still_gets_a_site(tmp_path: Path) -> None:
    empty = Corpus(synthetic_corpus(1).settings, (), ())
    result = build_site(empty, tmp_path / "p", tmp_path / "out", make_zip=False)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert "0 SOP" in (result.site_dir / "index.html").read_text(encoding="utf-8")


def test_an_unwritable_site_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "out" / "site"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the site folder should be", encoding="utf-8")
    result = build_site(synthetic_corpus(1, seed=8), tmp_path / "p", tmp_path / "out",
                        make_zip=False)
    assert not result.ok
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == ["SIT001"]
