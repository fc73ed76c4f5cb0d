"""Fixtures of the site tests: the seed site and a hostile site, each built once per session,
served on 127.0.0.1 by a thread of the test process (each xdist worker serves the one build
with its own thread)."""

from __future__ import annotations

import dataclasses
import fcntl
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sop_docs.build import run_build as build
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.site.build import SiteResult, build_site
from sop_docs.site.serve import start_server
from sop_docs_demo.synthetic import synthetic_corpus

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


def _built_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
                make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once per test run, whichever xdist worker asks first.

    xdist_group does not keep these tests on one worker with this pytest version, so the
    workers share the build through a lock in the run's common temp folder.
    """
    if worker_id == "master":
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    out = tmp_path_factory.getbasetemp().parent / name
    with open(f"{out}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / ".built").exists():
            out.mkdir(exist_ok=True)
            make(out)
            (out / ".built").touch()
    return out


def _build_seeds(out: Path) -> None:
    ctx = build(REPO, out)
    site_errors = [d.render() for d in ctx.report.items if d.code.startswith("SIT")]
    assert not site_errors, site_errors


def _build_hostile(out: Path) -> None:
    result: SiteResult = build_site(hostile_corpus(), out / "project", out)
    assert result.ok, [d.render() for d in result.diagnostics]


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[BuiltSite]:
    """`sop-docs build` of the sample project (the five seeds), served on localhost."""
    out = _built_once(tmp_path_factory, worker_id, "seed-build", _build_seeds)
    yield from _serve(out, out / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str
                 ) -> Iterator[BuiltSite]:
    """A site of one hostile and one ordinary synthetic SOP, served on localhost."""
    out = _built_once(tmp_path_factory, worker_id, "hostile-build", _build_hostile)
    yield from _serve(out, out / "site")


def _serve(out: Path, site_dir: Path) -> Iterator[BuiltSite]:
    server, thread = start_server(site_dir)
    try:
        yield BuiltSite(out, site_dir, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
