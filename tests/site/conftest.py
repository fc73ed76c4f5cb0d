"""Fixtures of the site tests: the seed site and a hostile site, each built once per session,
served on 127.0.0.1 by a thread of the test process."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from sop_docs.build import build
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.site.build import SiteResult, build_site
from sop_docs.site.serve import start_server
from sop_docs.synthetic import synthetic_corpus

REPO = Path(__file__).resolve().parents[2]

# What an attacker (or a careless paste) puts into a source text.
HOSTILE = ("</title><script>alert(1)</script> [x](javascript:alert(1)) "
           "<img src=x onerror=alert(1)> **tebal** `kode` # judul {: #id } &amp;")


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """A built site and the URL it is served at."""

    out: Path
    site_dir: Path
    url: str


def hostile_sop(resolved: ResolvedSOP) -> ResolvedSOP:
    """``resolved`` with the hostile text in its title, lists, steps, actors and office."""
    sop = resolved.sop
    steps = tuple(
        s.model_copy(update={"kegiatan": f"{HOSTILE} {s.kegiatan}", "output": HOSTILE,
                             "keterangan": HOSTILE})
        for s in sop.langkah
    )
    actors = tuple(p.model_copy(update={"nama": f"{HOSTILE} {p.nama}"}) for p in sop.pelaksana)
    history = tuple(r.model_copy(update={"perubahan": HOSTILE}) for r in sop.riwayat_revisi)
    related = tuple(k.model_copy(update={"teks": HOSTILE}) for k in sop.keterkaitan)
    lists = {name: (HOSTILE, *getattr(sop, name)) for name in (
        "dasar_hukum", "kualifikasi_pelaksana", "peralatan_perlengkapan", "peringatan",
        "pencatatan_pendataan")}
    sop = sop.model_copy(update={"nama": f"{HOSTILE} {sop.nama}", "nomor": HOSTILE,
                                 "langkah": steps, "pelaksana": actors,
                                 "riwayat_revisi": history, "keterkaitan": related, **lists})
    profil = resolved.profil.model_copy(update={"instansi": f"{HOSTILE} DINAS",
                                                "alamat": HOSTILE, "unit": HOSTILE})
    return dataclasses.replace(resolved, sop=sop, profil=profil)


def hostile_corpus() -> Corpus:
    """Two synthetic SOPs, the first one hostile everywhere a source text appears."""
    corpus = synthetic_corpus(2, seed=7)
    first, second = corpus.sops
    first = hostile_sop(first)
    assert second.profil.id == first.profil.id  # one office: its profile is hostile for both
    second = dataclasses.replace(second, profil=first.profil)
    return dataclasses.replace(corpus, sops=(first, second), profiles=(first.profil,))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """`sop-docs build` of the sample project (the five seeds), served on localhost."""
    out = tmp_path_factory.mktemp("seed-build")
    ctx = build(REPO, out)
    site_errors = [d.render() for d in ctx.report.items if d.code.startswith("SIT")]
    assert not site_errors, site_errors
    yield from _serve(out, out / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """A site of one hostile and one ordinary synthetic SOP, served on localhost."""
    out = tmp_path_factory.mktemp("hostile-build")
    result: SiteResult = build_site(hostile_corpus(), out / "project", out)
    assert result.ok, [d.render() for d in result.diagnostics]
    yield from _serve(out, result.site_dir)


def _serve(out: Path, site_dir: Path) -> Iterator[BuiltSite]:
    server, thread = start_server(site_dir)
    try:
        yield BuiltSite(out, site_dir, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
