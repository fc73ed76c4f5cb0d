"""The five seed SOPs as sources: they load, they say what the printed documents say, and
the linter reports exactly the real defects those documents contain.

``originals/`` holds copies of the text extractions in ../shared/seeds/ (one per SOP id), so
the transcription can be checked word for word from a clean clone.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.diagnostics import Diagnostic, Severity
from sop_docs.lint.runner import lint_corpus
from sop_docs.model.build import load_corpus
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.sop import Simbol

REPO = Path(__file__).resolve().parents[2]
ORIGINALS = Path(__file__).resolve().parent / "originals"


@dataclass(frozen=True)
class Seed:
    """What one printed seed holds: step and actor counts, and the length of each list."""

    steps: int
    actors: int
    # dasar_hukum, kualifikasi_pelaksana, keterkaitan, peralatan_perlengkapan, peringatan,
    # pencatatan_pendataan
    lists: tuple[int, int, int, int, int, int]


SEEDS = {
    "sumedang-kesbangpol-pengumpulan-data-kinerja": Seed(6, 3, (2, 2, 10, 4, 1, 1)),
    "nganjuk-dpmd-pengumpulan-data-kinerja": Seed(7, 4, (5, 4, 4, 4, 1, 4)),
    "purwakarta-cibatu-pengumpulan-data-kinerja": Seed(7, 5, (6, 7, 2, 4, 1, 1)),
    "purwakarta-arsip-pengumpulan-data-kinerja": Seed(9, 5, (4, 3, 3, 2, 1, 1)),
    "sukoharjo-bulu-pengumpulan-data-kinerja": Seed(11, 5, (4, 4, 3, 4, 1, 1)),
}
LISTS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
         "peringatan", "pencatatan_pendataan")

# Profile texts that are not printed on the seed: Cibatu's header has no PEMERINTAH line
# (the regency line Purwakarta's other seed prints is used).
NOT_PRINTED = {("purwakarta-cibatu", "pemerintah")}

SOP = "sop_sources/{}-pengumpulan-data-kinerja.yaml"
PROFIL = "sop_sources/profil/{}.yaml"
# The real defects of the five documents: (code, file, line, what the message names).
EXPECTED_FINDINGS = {
    ("LNT011", PROFIL.format("nganjuk-dpmd"), 19, "19711219 1998003 1 006"),
    ("LNT011", PROFIL.format("sukoharjo-bulu"), 20, "197780617 199711 1 001"),
    ("LNT016", SOP.format("nganjuk-dpmd"), 15, "tanggal.efektif"),
    ("LNT019", SOP.format("purwakarta-arsip"), 26, "Dinas Lingkungan Hidup"),
    ("LNT010", SOP.format("purwakarta-cibatu"), 79, "perintah-kumpulkan"),
    ("LNT010", SOP.format("purwakarta-cibatu"), 83, "bentuk-tim"),
    ("LNT014", SOP.format("purwakarta-cibatu"), 43, "Memahami Sasaran dan Capaian Program"),
    ("LNT014", SOP.format("purwakarta-cibatu"), 44, "Kecamatan Pasawahan"),
    ("LNT014", SOP.format("purwakarta-cibatu"), 45, "Mengikuti Perkembangan"),
    ("LNT019", SOP.format("purwakarta-cibatu"), 41, "Kecamatan Pasawahan"),
    ("LNT019", SOP.format("purwakarta-cibatu"), 44, "Kecamatan Pasawahan"),
}
@pytest.fixture(scope="module")
def loaded() -> tuple[Corpus, list[Diagnostic]]:
    return load_corpus(REPO)


@pytest.fixture(scope="module")
def corpus(loaded: tuple[Corpus, list[Diagnostic]]) -> Corpus:
    return loaded[0]


def _sop(corpus: Corpus, sop_id: str) -> ResolvedSOP:
    resolved = corpus.sop(sop_id)
    assert resolved is not None, f"{sop_id} did not load"
    return resolved


def test_every_seed_loads_without_problems(loaded: tuple[Corpus, list[Diagnostic]]) -> None:
    corpus, problems = loaded
    assert [d.render() for d in problems] == []
    assert sorted(r.sop.id for r in corpus.sops) == sorted(SEEDS)
    assert len(corpus.profiles) == 5
    assert corpus.settings.tata_letak.kertas is not None
    assert corpus.settings.tata_letak.kertas.value == "F4"


@pytest.mark.parametrize("sop_id", sorted(SEEDS))
def test_counts_match_the_printed_document(corpus: Corpus, sop_id: str) -> None:
    sop = _sop(corpus, sop_id).sop
    expected = SEEDS[sop_id]
    assert len(sop.langkah) == expected.steps
    assert len(sop.pelaksana) == expected.actors
    assert tuple(len(getattr(sop, name)) for name in LISTS) == expected.lists
    assert {a for s in sop.langkah for a in s.pelaksana} == {a.id for a in sop.pelaksana}


def _printed(text: str) -> str:
    """The seed text as words: markup removed, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _transcribed(resolved: ResolvedSOP) -> Iterator[tuple[str, str]]:
    """(where, text) of every printed value the source holds."""
    sop, profil = resolved.sop, resolved.profil
    yield "nomor", sop.nomor
    yield "nama", sop.nama
    for name in ("pembuatan", "revisi", "efektif"):
        yield f"tanggal.{name}", getattr(sop.tanggal, name).teks
    for name in LISTS:
        for i, item in enumerate(getattr(sop, name)):
            yield f"{name}[{i + 1}]", item if isinstance(item, str) else item.teks
    for actor in sop.pelaksana:
        yield f"pelaksana {actor.id}", actor.nama
    for step in sop.langkah:
        for field in ("kegiatan", "kelengkapan", "output", "keterangan"):
            yield f"{step.id}.{field}", getattr(step, field)
        yield f"{step.id}.waktu", step.waktu.teks if step.waktu else ""
    for field in ("pemerintah", "instansi", "unit"):
        if (profil.id, field) not in NOT_PRINTED:
            yield f"profil.{field}", getattr(profil, field)
    for name in ("jabatan", "nama", "pangkat", "nip"):
        yield f"pejabat.{name}", getattr(resolved.pengesah, name)


@pytest.mark.parametrize("sop_id", sorted(SEEDS))
def test_every_text_is_printed_on_the_seed(corpus: Corpus, sop_id: str) -> None:
    printed = _printed((ORIGINALS / f"{sop_id}.txt").read_text(encoding="utf-8"))
    missing = [(where, text) for where, text in _transcribed(_sop(corpus, sop_id))
               if " ".join(text.split()) not in printed]
    assert missing == []


def test_sukoharjo_verification_sends_incomplete_data_back(corpus: Corpus) -> None:
    sop = _sop(corpus, "sukoharjo-bulu-pengumpulan-data-kinerja").sop
    ids = [s.id for s in sop.langkah]
    decisions = [s for s in sop.langkah if sop.simbol(s) is Simbol.KEPUTUSAN]
    assert [s.id for s in decisions] == ["verifikasi"]
    step = decisions[0]
    assert ids.index("verifikasi") == 6, "the decision is step 7"
    exits = dict(sop.successors(step))
    assert sorted(exits.values()) == ["Tidak", "Ya"]
    by_label = {label: target for target, label in sop.successors(step)}
    assert ids.index(by_label["Tidak"]) < ids.index("verifikasi"), "Tidak loops back"
    assert by_label["Tidak"] == "kirim-format", "back to the step that reached the units"
    assert ids.index(by_label["Ya"]) == 7
    assert "dikembalikan ke bagian" in step.keterangan


def test_drafts_are_the_seeds_with_blank_fields(corpus: Corpus) -> None:
    drafts = sorted(r.sop.id for r in corpus.sops if r.sop.status.value == "draf")
    assert drafts == ["nganjuk-dpmd-pengumpulan-data-kinerja",
                      "sukoharjo-bulu-pengumpulan-data-kinerja"]


def test_revision_dates_have_history_entries(corpus: Corpus) -> None:
    for resolved in corpus.sops:
        sop = resolved.sop
        revised = not sop.tanggal.revisi.kosong
        assert bool(sop.riwayat_revisi) == revised, sop.id
        if revised:
            assert sop.riwayat_revisi[-1].tanggal == sop.tanggal.revisi


def _relative(path: str) -> str:
    located = Path(path)
    return (located.relative_to(REPO) if located.is_absolute() else located).as_posix()


def _assert_expected(found: dict[tuple[str, str, int | None], str]) -> None:
    for code, path, line, names in EXPECTED_FINDINGS:
        assert (code, path, line) in found, f"missing {code} at {path}:{line}"
        assert names in found[(code, path, line)]
    assert set(found) == {(c, p, n) for c, p, n, _ in EXPECTED_FINDINGS}


def test_lint_findings_are_the_real_defects(corpus: Corpus) -> None:
    findings = lint_corpus(corpus)
    assert [d.render() for d in findings if d.severity is Severity.ERROR] == [], \
        "without --strict the seeds must pass"
    _assert_expected({(d.code, _relative(d.location.path), d.location.line): d.message
                      for d in findings})


def test_check_passes_and_strict_reports_the_defects() -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["check", "--project", str(REPO)])
    assert plain.exit_code == 0, plain.output
    strict = runner.invoke(app, ["check", "--project", str(REPO), "--strict", "--format", "json"])
    assert strict.exit_code == 1, strict.output
    report = json.loads(strict.output)
    assert len(report["sops"]) == 5
    assert report["errors"] == len(EXPECTED_FINDINGS)
    _assert_expected({(d["code"], _relative(d["path"]), d["line"]): d["message"]
                      for d in report["diagnostics"]})
