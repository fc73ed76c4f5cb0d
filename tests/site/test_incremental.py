"""Incremental site builds: only changed pages are rebuilt, and the site is the clean one.

Each case builds a small project, changes it the way a user would, rebuilds (incrementally
where that is safe), then builds the same docs tree clean and compares both sites byte for
byte: the incremental build must be an optimisation, never a different site.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sop_docs.site.build import build_project_site, source_folder
from sop_docs.site.incremental import STATE_FILE, BuildState
from sop_docs.site.mkdocs_run import run_mkdocs
from sop_docs.site.tree import DocsTree
from sop_docs_demo.synthetic import change_source as _change
from sop_docs_demo.synthetic import project_sources as _sources
from sop_docs_demo.synthetic import write_synthetic_project

Edit = Callable[[Path], None]


def _edit_step(project: Path) -> None:
    _change(project, 1, lambda d: d["langkah"][0].update(kegiatan="Memverifikasi ulang berkas"))


def _rename(project: Path) -> None:  # the office's index page lists the new name
    _change(project, 0, lambda d: d.update(nama="Mekanisme Baru Pengarsipan Dokumen"))


def _new_revision(project: Path) -> None:  # the home page lists the latest revisions
    def change(data: dict) -> None:
        data["tanggal"]["revisi"] = "2 Januari 2026"
        data["riwayat_revisi"].append({"nomor": len(data["riwayat_revisi"]) + 1,
                                       "tanggal": "2 Januari 2026",
                                       "perubahan": "Penyesuaian waktu verifikasi"})
    _change(project, 2, change)


def _add_sop(project: Path) -> None:
    source = _sources(project)[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(id="sop-tambahan", nama="Mekanisme Tambahan", nomor="999/SOP/2026")
    (source.parent / "sop-tambahan.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _remove_sop(project: Path) -> None:
    _sources(project)[-1].unlink()


def _retitle_site(project: Path) -> None:  # every page shows the title
    (project / "site").mkdir(exist_ok=True)
    (project / "site" / "site.yaml").write_text("judul: Referensi SOP Baru\n", "utf-8")


def _override_theme(project: Path) -> None:  # every page's footer comes from the override
    folder = project / "site" / "overrides" / "partials"
    folder.mkdir(parents=True)
    (folder / "copyright.html").write_text("<div>Hak cipta kantor contoh</div>\n", "utf-8")


def _nothing(project: Path) -> None:
    pass


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _assert_same_site(built: Path) -> None:
    """``built`` equals a clean mkdocs build of the same docs tree."""
    incremental = _files(built)
    assert run_mkdocs(source_folder(built.parent) / "mkdocs.yml").warnings == []
    clean = _files(built)
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """A three-SOP project whose site was built once (cold)."""
    root = tmp_path / "project"
    write_synthetic_project(root, 3, seed=11)
    site_dir = tmp_path / "build" / "site"
    cold = build_project_site(root, site_dir, make_zip=False)
    assert cold.ok and not cold.incremental
    return root, site_dir


@pytest.mark.parametrize(("edit", "incremental"), [
    (_nothing, True), (_edit_step, True), (_rename, True), (_new_revision, True),
    (_add_sop, True), (_remove_sop, False), (_retitle_site, False), (_override_theme, False),
], ids=lambda v: getattr(v, "__name__", str(v)).strip("_"))
def test_rebuild_equals_a_clean_build(project: tuple[Path, Path], edit: Edit,
                                      incremental: bool) -> None:
    root, site_dir = project
    edit(root)
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.ok, [d.render() for d in warm.diagnostics]
    assert warm.incremental is incremental
    _assert_same_site(site_dir)


def test_incremental_build_rebuilds_only_the_changed_page(
        project: tuple[Path, Path]) -> None:
    root, site_dir = project
    pages = {p: p.stat().st_mtime_ns for p in site_dir.rglob("*.html")}
    _edit_step(root)
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.incremental
    rebuilt = sorted(p.relative_to(site_dir).as_posix() for p, mtime in pages.items()
                     if p.stat().st_mtime_ns != mtime)
    edited = yaml.safe_load(_sources(root)[1].read_text(encoding="utf-8"))["id"]
    # Of the pages only the edited one (404.html is a page of the docs tree, not a theme
    # template rendered every time).
    assert rebuilt == [f"sop/{edited}/index.html"]
    assert "Memverifikasi ulang berkas" in (site_dir / f"sop/{edited}/index.html").read_text()


def test_a_change_hidden_by_a_coarse_clock_is_still_rebuilt(
        project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system with coarse mtimes a new page can look older than its old output."""
    root, site_dir = project
    write_text = DocsTree.write_text

    def backdated(self: DocsTree, rel: str, text: str, inputs: str | None = None) -> Path:
        path = write_text(self, rel, text, inputs)
        os.utime(path, ns=(0, 0))
        return path

    monkeypatch.setattr(DocsTree, "write_text", backdated)
    _edit_step(root)
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.incremental
    edited = yaml.safe_load(_sources(root)[1].read_text(encoding="utf-8"))["id"]
    assert "Memverifikasi ulang berkas" in (site_dir / f"sop/{edited}/index.html").read_text()


def test_files_left_in_the_site_folder_are_removed(
        project: tuple[Path, Path]) -> None:
    root, site_dir = project
    (site_dir / "sop" / "lama").mkdir()
    (site_dir / "sop" / "lama" / "index.html").write_text("sisa build lama", "utf-8")
    (site_dir / "catatan.txt").write_text("bukan bagian situs", "utf-8")
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.incremental
    assert not (site_dir / "sop" / "lama").exists() and not (site_dir / "catatan.txt").exists()
    _assert_same_site(site_dir)


@pytest.mark.parametrize("damage", ["missing", "garbage", "old-version", "wrong-shape",
                                    "search-entry-lost"])
def test_a_lost_or_damaged_state_gives_a_clean_build(
        project: tuple[Path, Path], damage: str) -> None:
    root, site_dir = project
    state = source_folder(site_dir.parent) / STATE_FILE
    data = json.loads(state.read_text(encoding="utf-8"))
    if damage == "missing":
        state.unlink()
    elif damage == "garbage":
        state.write_bytes(b"\x00{not json")
    elif damage == "old-version":
        state.write_text(json.dumps({**data, "version": 0}), "utf-8")
    elif damage == "wrong-shape":
        state.write_text(json.dumps({**data, "search": {"index.md": "teks"}}), "utf-8")
    else:  # a page the incremental build would not rebuild has no recorded search entries
        data["search"].pop("index.md")
        state.write_text(json.dumps(data), "utf-8")
    _edit_step(root)
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.ok and not warm.incremental
    _assert_same_site(site_dir)
    assert BuildState.take(state.with_name("mkdocs.yml")) is not None


def test_a_failed_build_leaves_no_state(project: tuple[Path, Path]) -> None:
    """Until mkdocs succeeds again, nothing claims the site matches the docs tree."""
    root, site_dir = project
    state = source_folder(site_dir.parent) / STATE_FILE
    (source_folder(site_dir.parent) / "docs" / "rusak.md").write_text("[x](tidak-ada.md)\n")
    failed = run_mkdocs(state.with_name("mkdocs.yml"))
    assert failed.warnings and not state.exists()
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.ok and not warm.incremental and state.exists()


def test_a_deleted_site_folder_is_built_again(project: tuple[Path, Path]) -> None:
    root, site_dir = project
    shutil.rmtree(site_dir)
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.ok and not warm.incremental
    assert (site_dir / "index.html").is_file()
    _assert_same_site(site_dir)


def test_an_edited_theme_override_gives_a_clean_build(project: tuple[Path, Path]) -> None:
    """The override's folder is named in mkdocs.yml, its content only in the build key."""
    root, site_dir = project
    _override_theme(root)
    assert build_project_site(root, site_dir, make_zip=False).ok
    (root / "site" / "overrides" / "partials" / "copyright.html").write_text(
        "<div>Hak cipta kantor baru</div>\n", "utf-8")
    warm = build_project_site(root, site_dir, make_zip=False)
    assert warm.ok and not warm.incremental
    assert "Hak cipta kantor baru" in (site_dir / "index.html").read_text(encoding="utf-8")
    _assert_same_site(site_dir)
