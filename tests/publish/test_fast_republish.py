"""Republishing fast: unchanged sources are not parsed again, site.zip is updated in place
(and comes out as the zip a full rewrite gives), and neither cache can be turned against
the user."""

from __future__ import annotations

import os
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest

from sop_docs.i18n import Language, set_language
from sop_docs.model.build import load_corpus
from sop_docs.model.cache import SourceCache
from sop_docs.site.archive import zip_folder
from sop_docs_demo.synthetic import write_synthetic_project


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    write_synthetic_project(project, 6)
    return project


def test_only_changed_sources_are_parsed_again(small_project: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "cache" / "sources.pickle"
    first = SourceCache(cache_file)
    corpus, problems = load_corpus(small_project, first.read)
    first.save()
    assert first.parsed == 7  # six SOPs and their profile
    source = sorted((small_project / "sop_sources").glob("*.yaml"))[2]
    source.write_text(source.read_text(encoding="utf-8").replace("kegiatan: ", "kegiatan: X ", 1),
                      encoding="utf-8")
    second = SourceCache(cache_file)
    again, more = load_corpus(small_project, second.read)
    second.save()
    assert second.parsed == 1
    assert [r.sop for r in again.sops if r.path != str(source)] == [
        r.sop for r in corpus.sops if r.path != str(source)]
    assert [d.render() for d in more] == [d.render() for d in problems]


def test_the_language_of_the_messages_is_part_of_the_key(small_project: Path,
                                                          tmp_path: Path) -> None:
    broken = small_project / "sop_sources" / "rusak.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    cache_file = tmp_path / "sources.pickle"
    try:
        parsed = []
        for language in (Language.ID, Language.ID, Language.EN):
            set_language(language)
            cache = SourceCache(cache_file)
            load_corpus(small_project, cache.read)
            cache.save()
            parsed.append(cache.parsed)
        assert parsed == [8, 0, 8]
    finally:
        set_language(Language.ID)


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted",))


def test_a_planted_cache_file_runs_no_code_and_is_ignored(small_project: Path,
                                                          tmp_path: Path) -> None:
    cache_file = tmp_path / "sources.pickle"
    cache_file.write_bytes(pickle.dumps({"format": 1, "entries": {"x": _Boom()}}))
    cache = SourceCache(cache_file)
    load_corpus(small_project, cache.read)
    assert cache.parsed == 7 and not (Path.cwd() / "planted").exists()
    cache_file.write_bytes(b"\x80\x05garbage")
    assert SourceCache(cache_file).read(sorted((small_project / "sop_sources").glob("*.yaml"))[0]
                                        ).ok


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "sop" / "a").mkdir(parents=True)
    for index in range(20):
        (site / "sop" / "a" / f"halaman-{index}.html").write_text(f"<p>{index}</p>" * 50)
    (site / "sop" / "a" / "a.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 20)
    return site


def test_an_updated_zip_is_the_zip_a_full_rewrite_gives(tmp_path: Path) -> None:
    site = _site(tmp_path)
    target = tmp_path / "site.zip"
    zip_folder(site, target)
    (site / "sop" / "a" / "halaman-3.html").write_text("<p>baru</p>")
    (site / "sop" / "a" / "halaman-4.html").unlink()
    (site / "sop" / "b.html").write_text("<p>b</p>")
    zip_folder(site, target)
    fresh = tmp_path / "fresh" / "site.zip"
    zip_folder(site, fresh)
    assert target.read_bytes() == fresh.read_bytes()
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.read("site/sop/a/halaman-3.html") == b"<p>baru</p>"
        assert "site/sop/a/halaman-4.html" not in archive.namelist()


def test_a_zip_changed_behind_the_index_is_written_in_full(tmp_path: Path) -> None:
    site = _site(tmp_path)
    target = tmp_path / "site.zip"
    zip_folder(site, target)
    shutil.copy(target, tmp_path / "good.zip")
    with open(target, "r+b") as handle:  # someone truncated or replaced it
        handle.truncate(100)
    zip_folder(site, target)
    assert target.read_bytes() == (tmp_path / "good.zip").read_bytes()
