"""Building the site: strict mkdocs, offline, deterministic, incremental, kits and rekap."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.model.build import load_corpus
from sop_docs.site import pages
from sop_docs.site.artifacts import SopAssets
from sop_docs.site.build import build_project_site, build_site
from sop_docs.site.legal import build_index
from sop_docs.site.serve import Debounced, watch
from sop_docs_demo.synthetic import synthetic_corpus, write_synthetic_project

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
NO_ASSETS = SopAssets((), None, (), {})

SITE_GROUP = pytest.mark.xdist_group("site")  # tests of the session's seed site share a worker

# href/src/url() pointing at any host: the site must not reference one (namespaces such as
# xmlns="http://www.w3.org/2000/svg" are names, not references, and are not matched).
EXTERNAL = re.compile(
    r"""(?:href|src|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
    re.IGNORECASE,
)


@SITE_GROUP
def test_seed_site_passes_mkdocs_build_strict(seed_site: Any, tmp_path: Path) -> None:
    """The generated mkdocs.yml, built by the mkdocs command itself with --strict."""
    config = seed_site.out / "site-src" / "mkdocs.yml"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()


@SITE_GROUP
def test_seed_site_references_no_other_host(seed_site: Any) -> None:
    files = [p for p in seed_site.site_dir.rglob("*") if p.suffix in (".html", ".css")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{path}: {EXTERNAL.search(text)}"
    home = (seed_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert '<html lang="id"' in home


@SITE_GROUP
def test_seed_site_has_every_page(seed_site: Any) -> None:
    site = seed_site.site_dir
    corpus, _ = load_corpus(REPO)
    for resolved in corpus.sops:
        folder = site / "sop" / resolved.sop.id
        assert (folder / "index.html").is_file()
        names = {p.name for p in folder.iterdir()}
        stem = resolved.sop.id
        assert {f"{stem}.pdf", f"{stem}.docx", f"{stem}-swimlane.svg", f"{stem}-swimlane.dot",
                f"{stem}-hal-1.svg"} <= names
    for profil in {r.profil.id for r in corpus.sops}:
        assert (site / "instansi" / f"{profil}.html").is_file()
    assert (site / "dasar-hukum.html").is_file()
    assert (site / "search" / "search_index.js").is_file()
    assert list((site / "kit").glob("*/index.html")), "kits page missing"
    assert list((site / "rekap").glob("*/index.html")), "rekap page missing"
    assert (seed_site.out / "site.zip").is_file()


def test_site_without_kits_or_rekap_has_no_such_pages(tmp_path: Path) -> None:
    result = build_site(synthetic_corpus(2, seed=3), tmp_path / "project", tmp_path / "out",
                        kit_files=[], rekap_files=[])
    assert result.ok, [d.render() for d in result.diagnostics]
    site = result.site_dir
    assert not (site / "kit").exists() and not (site / "rekap").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "kit/index.html" not in home and "rekap/index.html" not in home


def _zip_listing(path: Path) -> list[tuple[str, tuple[int, ...], int]]:
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, i.date_time, i.CRC) for i in archive.infolist()]


def test_same_sources_give_the_same_site_and_zip(tmp_path: Path) -> None:
    corpus = synthetic_corpus(2, seed=5)
    first = build_site(corpus, tmp_path / "p", tmp_path / "a")
    second = build_site(corpus, tmp_path / "p", tmp_path / "b")
    assert first.zip_path and second.zip_path
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()
    names = [n for n, _, _ in _zip_listing(first.zip_path)]
    assert names == sorted(names) and "site/index.html" in names
    assert {d for _, d, _ in _zip_listing(first.zip_path)} == {(1980, 1, 1, 0, 0, 0)}


def test_only_the_edited_sop_is_rendered_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_synthetic_project(project, 3, seed=11)
    site_dir = tmp_path / "build" / "site"
    cold = build_project_site(project, site_dir)
    assert cold.ok and len(cold.rendered) == 3 and cold.reused == []
    warm = build_project_site(project, site_dir)
    assert warm.rendered == [] and len(warm.reused) == 3
    assert warm.pages_changed == 0
    source = sorted((project / "sop_sources").glob("*.yaml"))[1]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["langkah"][0]["kegiatan"] = "Memverifikasi ulang kelengkapan berkas masuk"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    edited = build_project_site(project, site_dir)
    assert edited.rendered == [data["id"]]
    assert sorted(edited.reused) == sorted(r for r in cold.rendered if r != data["id"])
    page = (site_dir / "sop" / data["id"] / "index.html").read_text(encoding="utf-8")
    assert "Memverifikasi ulang kelengkapan berkas masuk" in page


def test_a_removed_sop_leaves_no_page(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3, seed=9)
    build_site(corpus, tmp_path / "p", tmp_path / "out", make_zip=False)
    gone = corpus.sops[-1].sop.id
    smaller = type(corpus)(corpus.settings, corpus.profiles, corpus.sops[:-1])
    result = build_site(smaller, tmp_path / "p", tmp_path / "out", make_zip=False)
    assert result.ok
    assert not (tmp_path / "out" / "site-src" / "docs" / "sop" / gone).exists()
    assert not (result.site_dir / "sop" / gone).exists()


def test_bad_site_settings_are_located(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "site").mkdir(parents=True)
    (project / "site" / "site.yaml").write_text("judul: Situs\nwarna: ungu\nbahasa: en\n",
                                                encoding="utf-8")
    result = build_site(synthetic_corpus(1, seed=2), project, tmp_path / "out", make_zip=False)
    found = {(d.code, d.location.line) for d in result.diagnostics}
    assert ("MOD001", 3) in found  # unknown key 'bahasa'
    assert any(code.startswith("MOD") and line == 2 for code, line in found)  # bad colour
    assert (result.site_dir / "index.html").is_file()  # the defaults still build a site


def test_sop_page_markdown_golden(golden: Callable[..., None], update_golden: bool) -> None:
    corpus, _ = load_corpus(REPO)
    ids = {r.sop.id for r in corpus.sops}
    for resolved in corpus.sops:
        _, text = pages.sop_page(resolved, NO_ASSETS, ids)
        golden(GOLDEN / f"{resolved.sop.id}.md", text, update_golden)


def test_legal_index_markdown_golden(golden: Callable[..., None], update_golden: bool) -> None:
    corpus, _ = load_corpus(REPO)
    _, text = pages.dasar_hukum_page(build_index(corpus.sops))
    golden(GOLDEN / "dasar-hukum.md", text, update_golden)


def test_cli_site_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_synthetic_project(project, 2, seed=4)
    out = tmp_path / "build" / "site"
    result = CliRunner().invoke(app, ["site", "build", "-o", str(out), "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert len(list((out / "sop").glob("*/index.html"))) == 2
    assert (out / "index.html").is_file() and (tmp_path / "build" / "site.zip").is_file()


def test_cli_site_build_reports_a_missing_project(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", "build", "--project", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_watcher_triggers_one_rebuild_per_burst(tmp_path: Path) -> None:
    import threading

    calls: list[int] = []
    done = threading.Event()

    def rebuild() -> None:
        calls.append(1)
        done.set()

    observer = watch([tmp_path], Debounced(rebuild, delay=0.3).trigger)
    try:
        for i in range(5):
            (tmp_path / f"sop-{i}.yaml").write_text("id: x\n", encoding="utf-8")
        assert done.wait(10)
        done.clear()
        assert not done.wait(1)
    finally:
        observer.stop()
        observer.join(5)
    assert calls == [1]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_site_serve_rebuilds_when_a_source_changes(tmp_path: Path) -> None:
    import time

    project = tmp_path / "project"
    write_synthetic_project(project, 2, seed=6)
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "sop-docs"), "site", "serve", "-o",
         str(tmp_path / "build" / "site"), "--port", str(port), "--project", str(project)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        source = sorted((project / "sop_sources").glob("*.yaml"))[0]
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        url = f"http://127.0.0.1:{port}/sop/{data['id']}/index.html"
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and not page:
            try:
                page = _fetch(url)
            except OSError:
                time.sleep(0.5)
        assert data["nama"].split()[0] in page
        data["langkah"][0]["kegiatan"] = "Langkah yang baru saja diubah"
        source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        while time.monotonic() < deadline and "Langkah yang baru saja diubah" not in page:
            time.sleep(0.5)
            try:
                page = _fetch(url)
            except OSError:
                continue  # mid-rebuild
        assert "Langkah yang baru saja diubah" in page
    finally:
        server.terminate()
        server.wait(10)
