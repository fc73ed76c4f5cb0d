"""The caches behind a fast republish (issue 17): SOP pages kept by a digest of their inputs,
lint findings kept per SOP, parsed sources kept entry by entry.  Each must give exactly what
a build without it gives, be invalidated by any input it depends on, and be ignored safely
when damaged or planted."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sop_docs.i18n import Language, set_language
from sop_docs.lint.cache import LINT_FILE, LintCache, lint_cache
from sop_docs.lint.runner import lint_corpus
from sop_docs.lint.stage import check_project
from sop_docs.model.build import load_corpus
from sop_docs.model.cache import CACHE_FILE, CACHE_FORMAT, SourceCache, build_cache
from sop_docs.render.run import ContentHasher
from sop_docs.site.artifacts import find_assets
from sop_docs.site.build import build_project_site, source_folder
from sop_docs.site.docs import sop_page_inputs
from sop_docs.site.tree import DocsTree
from sop_docs_demo.synthetic import change_source as _change
from sop_docs_demo.synthetic import project_sources as _sources
from sop_docs_demo.synthetic import write_synthetic_project

Edit = Callable[[Path], None]


def _edit_step(project: Path) -> None:
    _change(project, 1, lambda d: d["langkah"][0].update(kegiatan="Memeriksa ulang berkas"))


def _link_to_new_sop(project: Path) -> None:
    """An SOP names one that does not exist yet, then that SOP appears: the first page must
    gain its link although its own source did not change after the first build."""
    source = _sources(project)[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(id="sop-baru", nama="Mekanisme Baru", nomor="998/SOP/2026")
    (source.parent / "sop-baru.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _shift_lines(project: Path) -> None:  # same model, findings on other lines
    source = _sources(project)[2]
    source.write_text("# catatan penulis\n\n" + source.read_text(encoding="utf-8"), "utf-8")


def _profile(project: Path) -> None:  # every SOP of the profile shows its name
    path = sorted((project / "sop_sources" / "profil").glob("*.yaml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["instansi"] = "DINAS CONTOH YANG BARU"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _nothing(project: Path) -> None:
    pass


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_synthetic_project(root, 4, seed=5)
    _change(root, 0, lambda d: d["keterkaitan"].append({"teks": "SOP baru", "sop": "sop-baru"}))
    return root


def _pages(out: Path) -> dict[str, bytes]:
    docs = source_folder(out) / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes()
            for p in sorted(docs.rglob("*.md"))}


@pytest.mark.parametrize("edit", [_nothing, _edit_step, _link_to_new_sop, _shift_lines,
                                  _profile],
                         ids=lambda e: e.__name__.strip("_"))
def test_kept_pages_and_findings_are_those_of_a_clean_build(project: Path, tmp_path: Path,
                                                            edit: Edit) -> None:
    warm_site = tmp_path / "build" / "site"
    assert build_project_site(project, warm_site, make_zip=False).ok
    edit(project)
    warm = build_project_site(project, warm_site, make_zip=False)
    clean_site = tmp_path / "clean" / "site"
    clean = build_project_site(project, clean_site, make_zip=False)
    assert warm.ok and clean.ok
    assert _pages(warm_site.parent) == _pages(clean_site.parent)
    assert [d.render() for d in warm.diagnostics] == [d.render() for d in clean.diagnostics]


def test_an_unchanged_page_is_not_rendered_again(project: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "build" / "site"
    build_project_site(project, site, make_zip=False)
    rendered: list[str] = []
    from sop_docs.site import pages

    original = pages.sop_page

    def counting(resolved: Any, *args: Any) -> Any:
        rendered.append(resolved.sop.id)
        return original(resolved, *args)

    monkeypatch.setattr(pages, "sop_page", counting)
    _edit_step(project)
    build_project_site(project, site, make_zip=False)
    edited = yaml.safe_load(_sources(project)[1].read_text(encoding="utf-8"))["id"]
    assert rendered == [edited]


@pytest.mark.parametrize("damage", ["garbage", "old-format", "edited-page"])
def test_a_damaged_page_index_or_page_renders_the_page_again(project: Path, tmp_path: Path,
                                                              damage: str) -> None:
    site = tmp_path / "build" / "site"
    build_project_site(project, site, make_zip=False)
    src = source_folder(site.parent)
    index = src / "docs.digests.json"
    sop_id = yaml.safe_load(_sources(project)[1].read_text(encoding="utf-8"))["id"]
    page = src / "docs" / "sop" / sop_id / "index.md"
    if damage == "garbage":
        index.write_bytes(b"\x00{not json")
    elif damage == "old-format":
        index.write_text('{"sop/x/index.md": "1:ab"}', encoding="utf-8")
    else:
        page.write_text("diubah tangan\n", encoding="utf-8")
    expected = _pages(site.parent) if damage != "edited-page" else None
    assert build_project_site(project, site, make_zip=False).ok
    assert page.read_text(encoding="utf-8") != "diubah tangan\n"
    if expected is not None:
        assert _pages(site.parent) == expected


def test_every_input_of_a_page_is_in_its_digest(project: Path, tmp_path: Path) -> None:
    build_project_site(project, tmp_path / "build" / "site", make_zip=False)
    corpus, _ = load_corpus(project)
    resolved = corpus.sops[0]
    assets = find_assets(tmp_path / "build" / "sop" / resolved.sop.id, resolved.sop.id)
    ids = {r.sop.id for r in corpus.sops}
    hasher = ContentHasher()
    base = sop_page_inputs(resolved, assets, ids, None, hasher)
    assert sop_page_inputs(resolved, assets, set(ids), None, ContentHasher()) == base
    bigger = dataclasses.replace(assets.unduhan[0], ukuran=assets.unduhan[0].ukuran + 1)
    variants = [
        (dataclasses.replace(resolved, sop=resolved.sop.model_copy(update={"nama": "Lain"})),
         assets, ids),
        (resolved, dataclasses.replace(assets, unduhan=(bigger, *assets.unduhan[1:])), ids),
        (resolved, dataclasses.replace(assets, swimlane=None), ids),
        (resolved, assets, ids | {"sop-baru"}),  # the keterkaitan target now exists
    ]
    digests = {sop_page_inputs(r, a, i, None, hasher) for r, a, i in variants}
    assert base not in digests and len(digests) == len(variants)


def test_a_build_stopped_half_way_trusts_no_page_it_may_have_rewritten(
        project: Path, tmp_path: Path) -> None:
    site = tmp_path / "build" / "site"
    build_project_site(project, site, make_zip=False)
    src = source_folder(site.parent)
    sop_id = yaml.safe_load(_sources(project)[1].read_text(encoding="utf-8"))["id"]
    page = src / "docs" / "sop" / sop_id / "index.md"
    original = page.read_bytes()
    DocsTree(src / "docs")  # a build that read the index, then stopped before pruning
    assert not (src / "docs.digests.json").exists()
    page.write_bytes(b"x" * len(original))  # what it left: same size, other text
    assert build_project_site(project, site, make_zip=False).ok
    assert page.read_bytes() == original


def test_reuse_needs_the_same_inputs_and_an_intact_file(tmp_path: Path) -> None:
    tree = DocsTree(tmp_path / "docs")
    tree.write_text("a.md", "isi\n", inputs="k1")
    tree.prune()
    again = DocsTree(tmp_path / "docs")
    assert not again.reuse("a.md", "k2") and not again.reuse("b.md", "k1")
    assert again.reuse("a.md", "k1")
    (tmp_path / "docs" / "a.md").write_text("lebih panjang\n", encoding="utf-8")
    assert not DocsTree(tmp_path / "docs").reuse("a.md", "k1")


# --- lint findings ----------------------------------------------------------------------


def _check(project: Path, out: Path) -> tuple[list[str], int]:
    """Rendered findings of a cached check, and how many SOPs it linted."""
    sources = build_cache(out)
    corpus, problems = load_corpus(project, sources.read)
    sources.save()
    cache = lint_cache(sources, corpus)
    found = problems + lint_corpus(corpus, cache=cache)
    cache.save()
    return [d.render() for d in found], cache.linted


def _sops_of_first_profile(project: Path) -> int:
    path = sorted((project / "sop_sources" / "profil").glob("*.yaml"))[0]
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
    return sum(yaml.safe_load(p.read_text(encoding="utf-8"))["profil"] == profile
               for p in _sources(project))


@pytest.mark.parametrize(("edit", "linted"), [
    (_nothing, lambda p: 0), (_edit_step, lambda p: 1), (_shift_lines, lambda p: 1),
    (_profile, _sops_of_first_profile), (_link_to_new_sop, lambda p: 5),
], ids=lambda v: getattr(v, "__name__", "").strip("_") or None)
def test_only_sops_whose_inputs_changed_are_linted_again(
        project: Path, tmp_path: Path, edit: Edit, linted: Callable[[Path], int]) -> None:
    out = tmp_path / "build"
    assert _check(project, out)[1] == 4
    edit(project)
    found, count = _check(project, out)
    assert count == linted(project)
    corpus, problems = load_corpus(project)
    assert found == [d.render() for d in problems + lint_corpus(corpus)]


def test_the_language_is_part_of_the_lint_key(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    try:
        counts = []
        for language in (Language.ID, Language.EN, Language.EN):
            set_language(language)
            counts.append(_check(project, out)[1])
    finally:
        set_language(Language.ID)
    assert counts[1] == counts[0] and counts[2] == 0


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted",))


@pytest.mark.parametrize("content", [b"\x80\x05garbage", b"", "boom"])
def test_a_planted_or_broken_lint_cache_is_ignored(project: Path, tmp_path: Path,
                                                   content: bytes | str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "build"
    expected, count = _check(project, out)
    path = (out / CACHE_FILE).with_name(LINT_FILE)
    planted = pickle.dumps({"format": 1, "entries": {"x": ("k", [_Boom()])}})
    path.write_bytes(planted if content == "boom" else content)
    found, count_again = _check(project, out)
    assert found == expected and count_again == count
    assert not (tmp_path / "planted").exists()


def test_check_project_with_caches_reports_what_it_reports_without(project: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "build"
    for _ in range(2):
        corpus, cached = check_project(project, build_cache(out))
    _edit_step(project)
    corpus, cached = check_project(project, build_cache(out))
    plain_corpus, plain = check_project(project)
    assert cached == plain and corpus.sops == plain_corpus.sops
    assert isinstance(lint_cache(build_cache(out), corpus), LintCache)


# --- parsed sources, entry by entry --------------------------------------------------------


def test_a_planted_source_entry_runs_no_code_and_is_parsed_again(project: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.chdir(tmp_path)
    cache_file = tmp_path / "sources.pickle"
    first = SourceCache(cache_file)
    load_corpus(project, first.read)
    first.save()
    data = pickle.loads(cache_file.read_bytes())
    assert data["format"] == CACHE_FORMAT
    display = str(_sources(project)[0])
    key = data["entries"][display][0]
    data["entries"][display] = (key, pickle.dumps(_Boom()))
    cache_file.write_bytes(pickle.dumps(data))
    second = SourceCache(cache_file)
    corpus, _ = load_corpus(project, second.read)
    assert second.parsed == 1 and not (tmp_path / "planted").exists()
    assert len(corpus.sops) == 4


def test_saving_after_one_change_keeps_the_other_entries_as_they_were(project: Path,
                                                                       tmp_path: Path) -> None:
    cache_file = tmp_path / "sources.pickle"
    first = SourceCache(cache_file)
    load_corpus(project, first.read)
    first.save()
    before = pickle.loads(cache_file.read_bytes())["entries"]
    _edit_step(project)
    second = SourceCache(cache_file)
    load_corpus(project, second.read)
    second.save()
    after = pickle.loads(cache_file.read_bytes())["entries"]
    changed = [k for k in after if after[k] != before.get(k)]
    assert changed == [str(_sources(project)[1])]


def test_a_copied_build_folder_keeps_working(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "build" / "site"
    build_project_site(project, site, make_zip=False)
    shutil.copytree(tmp_path / "build", tmp_path / "copy")
    again = build_project_site(project, tmp_path / "copy" / "site", make_zip=False)
    assert again.ok and again.rendered == []
