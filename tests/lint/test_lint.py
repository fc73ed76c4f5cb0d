"""Each lint rule: a case it catches (located at the right line) and the clean example."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from sop_docs.diagnostics import Diagnostic
from sop_docs.lint import lint_corpus
from sop_docs.lint.identity import nip_date_problems, nip_format_problem
from sop_docs.model.build import load_corpus

Lint = Callable[[dict], list[Diagnostic]]


@pytest.fixture
def lint(write_sop: Callable[[dict], Path]) -> Lint:
    """Write SOP data into the example project, load it and lint it."""

    def run(data: dict) -> list[Diagnostic]:
        corpus, problems = load_corpus(write_sop(data))
        assert problems == [], [d.render() for d in problems]
        return lint_corpus(corpus)

    return run


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def line(project: Path, needle: str, nth: int = 0) -> int:
    lines = (project / "sop_sources/contoh-sop.yaml").read_text(encoding="utf-8").splitlines()
    return [i for i, text in enumerate(lines, start=1) if needle in text][nth]


def test_the_example_is_clean(example_data: dict, lint: Lint) -> None:
    assert lint(example_data) == []


def test_unknown_actor(example_data: dict, lint: Lint, example_project: Path,
                       suggested: Callable) -> None:
    example_data["langkah"][1]["pelaksana"] = ["stf"]
    found = lint(example_data)
    assert codes(found) == ["LNT001"]
    assert suggested(found[0].hint) == "staf"
    assert found[0].location.line == line(example_project, "- stf")


def test_unknown_step(example_data: dict, lint: Lint, example_project: Path,
                      suggested: Callable) -> None:
    example_data["langkah"][2]["cabang"][1]["ke"] = "kumpl"
    found = [d for d in lint(example_data) if d.code == "LNT002"]
    assert len(found) == 1 and suggested(found[0].hint) == "kumpul"
    assert found[0].location.line == line(example_project, "ke: kumpl")


def test_duplicate_ids(example_data: dict, lint: Lint, example_project: Path) -> None:
    example_data["langkah"][3]["id"] = "kumpul"
    example_data["pelaksana"].append({"id": "staf", "nama": "Staf lain"})
    found = [d for d in lint(example_data) if d.code == "LNT003"]
    assert [d.fields["kind"] for d in found] == ["pelaksana", "langkah"]
    assert found[1].fields["first_line"] == line(example_project, "id: kumpul")
    assert found[1].location.line == line(example_project, "id: kumpul", 1)


def test_pelaksana_named_twice_in_a_step(example_data: dict, lint: Lint,
                                        example_project: Path) -> None:
    example_data["langkah"][3]["pelaksana"] = ["kasubbag", "staf", "kasubbag"]
    found = lint(example_data)
    assert codes(found) == ["LNT014"]
    assert found[0].fields["item"] == "kasubbag"
    assert found[0].fields["list"] == "langkah[4].pelaksana"
    assert found[0].location.line == line(example_project, "- kasubbag", 1)


def test_unreachable_step(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][0]["ke"] = "laporkan"
    found = lint(example_data)
    assert codes(found) == ["LNT004", "LNT004"]
    assert [d.fields["id"] for d in found] == ["kumpul", "periksa"]


def test_no_path_to_end(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][1]["ke"] = "hilang"
    found = lint(example_data)
    assert "LNT002" in codes(found)
    stuck = [d for d in found if d.code == "LNT005"]
    assert [d.fields["id"] for d in stuck] == ["perintah", "kumpul"]


def test_decision_needs_two_distinct_exits(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][2]["cabang"].append({"label": "Mungkin", "ke": "perintah"})
    assert codes(lint(example_data)) == ["LNT006"]
    example_data = copy.deepcopy(example_data)
    example_data["langkah"][2]["cabang"] = [{"label": "Ya", "ke": "laporkan"},
                                            {"label": "ya", "ke": "kumpul"}]
    assert codes(lint(example_data)) == ["LNT006"]


def test_explicit_decision_without_exits(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][1]["simbol"] = "keputusan"
    found = lint(example_data)
    assert codes(found) == ["LNT006"]
    assert found[0].fields["count"] == 0


def test_loop_with_no_exit(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][2]["cabang"][0]["ke"] = "kumpul"
    found = lint(example_data)
    assert codes(found) == ["LNT004", "LNT007"]  # 'laporkan' is cut off too
    loop = found[-1]
    assert loop.fields["ids"] == "kumpul, periksa"


def test_self_loop_is_a_loop(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][1]["ke"] = "kumpul"
    assert "LNT007" in codes(lint(example_data))


def test_unused_actor(example_data: dict, lint: Lint, example_project: Path) -> None:
    example_data["pelaksana"].append({"id": "tamu", "nama": "Tamu"})
    found = lint(example_data)
    assert codes(found) == ["LNT008"]
    assert found[0].location.line == line(example_project, "id: tamu")


def test_waktu_missing_and_unreadable(example_data: dict, lint: Lint,
                                      example_project: Path) -> None:
    del example_data["langkah"][0]["waktu"]
    example_data["langkah"][1]["waktu"] = "tergantung volume pekerjaan"
    found = lint(example_data)
    assert codes(found) == ["LNT010", "LNT009"]
    assert found[1].location.line == line(example_project, "tergantung volume")


@pytest.mark.parametrize(("nip", "kind", "wrong_group"), [
    ("19660228 199901 1 001", None, None),
    ("196602281999011001", None, None),
    ("197780617 199711 1 001", "count", 0),
    ("19711219 1998003 1 006", "count", 1),
    ("19711219 199803 1", "count", None),
    ("1963050 3199103 2005", "grouping", None),  # all 18 digits, spaces misplaced
    ("1971-12-19 199803 1 006", "characters", None),
])
def test_nip_format(nip: str, kind: str | None, wrong_group: int | None) -> None:
    problem = nip_format_problem(nip)
    assert (problem.kind if problem else None) == kind
    if problem is not None and problem.kind != "characters":
        assert problem.wrong_group() == wrong_group
        assert problem.digits == len(nip.replace(" ", ""))


def test_nip_message_says_what_is_wrong() -> None:
    """Never self-contradictory: a misplaced space is named as such, with the fix."""
    problem = nip_format_problem("1963050 3199103 2005")
    assert problem is not None
    assert "7-7-4" in problem.detail() and "18" in problem.detail()
    assert "19630503 199103 2 005" in problem.hint("1963050 3199103 2005")
    counted = nip_format_problem("19711219 1998003 1 006")
    assert counted is not None and "19" in counted.detail() and "7" in counted.detail()


@pytest.mark.parametrize(("digits", "parts"), [
    ("196602281999011001", []),
    ("196602301999011001", ["birth date"]),
    ("196602281999131001", ["appointment month"]),
    ("196602281970011001", ["appointment month"]),
    ("196602281999013001", ["sex digit"]),
])
def test_nip_dates(digits: str, parts: list[str]) -> None:
    assert [part for part, _ in nip_date_problems(digits)] == parts


def test_nip_rule_points_at_the_profile(example_project: Path, example_data: dict,
                                        lint: Lint) -> None:
    profile = example_project / "sop_sources/profil/kantor.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("19700101 199503 1 001", "19700101 1995003 1 001"),
                       encoding="utf-8")
    example_data["status"] = "draf"  # a draft: the profile's warning only
    found = [d for d in lint(example_data) if d.code != "LNT016"]
    assert codes(found) == ["LNT011"]
    assert found[0].location.path == str(profile)
    assert found[0].location.line == text.splitlines().index(
        "    nip: 19700101 199503 1 001") + 1
    profile.write_text(text.replace("19700101 199503 1 001", "19701301 199503 1 001"),
                       encoding="utf-8")
    assert codes([d for d in lint(example_data) if d.code != "LNT016"]) == ["LNT012"]


def test_malformed_signatory_nip_is_an_error_on_an_sop_in_force(
        example_project: Path, example_data: dict, lint: Lint) -> None:
    profile = example_project / "sop_sources/profil/kantor.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("19700101 199503 1 001", "1970010 1199503 1001"),
                       encoding="utf-8")
    found = lint(example_data)
    assert codes(found) == ["LNT011", "LNT020"]
    signatory = found[1]
    assert signatory.severity.value == "error"
    assert signatory.location.line == line(example_project, "disahkan_oleh:")
    assert "19700101 199503 1 001" in signatory.hint  # the regrouped NIP
    example_data["status"] = "draf"
    assert "LNT020" not in codes(lint(example_data))


def test_duplicate_step_id_reports_the_cause_only(example_data: dict, lint: Lint) -> None:
    """A duplicated step id makes the flow ambiguous; its loop and unreachable-step
    cascades (LNT007, LNT004, LNT005) are not reported on top of LNT003."""
    example_data["langkah"][2]["id"] = "kumpul"
    assert codes(lint(example_data)) == ["LNT003"]


@pytest.mark.parametrize("declared", [None, ["Dinas PMD"]])
def test_own_abbreviations_are_not_another_office(
        example_project: Path, example_data: dict, lint: Lint,
        declared: list[str] | None) -> None:
    profile = example_project / "sop_sources/profil/kantor.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "DINAS CONTOH", "DINAS PEMBERDAYAAN MASYARAKAT DAN DESA")
    if declared:
        text += "singkatan:\n" + "".join(f"  - {d}\n" for d in declared)
    profile.write_text(text, encoding="utf-8")
    example_data["dasar_hukum"] = ["Keputusan Kepala Dinas PMD tentang tata kerja",
                                   "Surat Edaran Dinas DPMD Kabupaten Contoh"]
    assert lint(example_data) == []
    example_data["dasar_hukum"] = ["Surat Dinas PU Kabupaten Contoh"]
    assert codes(lint(example_data)) == ["LNT019"]


def test_declared_abbreviation_that_is_not_an_initialism(
        example_project: Path, example_data: dict, lint: Lint) -> None:
    profile = example_project / "sop_sources/profil/kantor.yaml"
    text = profile.read_text(encoding="utf-8")
    example_data["dasar_hukum"] = ["Keputusan Kepala Kantor Kesbangpol"]
    assert codes(lint(example_data)) == ["LNT019"]
    profile.write_text(text + "singkatan: [Kesbangpol]\n", encoding="utf-8")
    assert lint(example_data) == []


def test_bare_waktu_takes_the_default_unit(example_project: Path, example_data: dict,
                                           lint: Lint) -> None:
    for step in example_data["langkah"]:
        step["waktu"] = 15
    assert codes(lint(example_data)) == ["LNT009"] * len(example_data["langkah"])
    example_data["satuan_waktu"] = "menit"
    assert lint(example_data) == []
    del example_data["satuan_waktu"]
    settings = example_project / "sop-docs.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "satuan_waktu: jam\n",
                        encoding="utf-8")
    corpus, problems = load_corpus(example_project)
    assert problems == [] and corpus.sops
    assert lint(example_data) == []
    resolved = load_corpus(example_project)[0].sops[0]
    assert resolved.satuan_waktu is not None and resolved.satuan_waktu.value == "jam"
    assert resolved.total_menit() == (15 * 60 * len(example_data["langkah"]), 0)


def test_date_order(example_data: dict, lint: Lint, example_project: Path) -> None:
    example_data["tanggal"]["pembuatan"] = "2024-02-01"
    found = lint(example_data)
    assert codes(found) == ["LNT013"]
    assert found[0].location.line == line(example_project, "pembuatan:")


def test_date_order_with_partial_dates(example_data: dict, lint: Lint) -> None:
    example_data["tanggal"]["pembuatan"] = "Maret 2024"
    assert codes(lint(example_data)) == ["LNT013"]
    example_data["tanggal"]["pembuatan"] = "Januari 2024"
    assert codes(lint(example_data)) == []


def test_duplicate_items(example_data: dict, lint: Lint, example_project: Path) -> None:
    example_data["peralatan_perlengkapan"].append("komputer;")
    found = lint(example_data)
    assert codes(found) == ["LNT014"]
    assert found[0].fields["first_line"] == line(example_project, "- Komputer")


def test_unknown_keterkaitan(example_data: dict, lint: Lint, suggested: Callable) -> None:
    example_data["keterkaitan"] = [{"teks": "SOP Contoh", "sop": "contoh-sopp"},
                                   {"teks": "SOP Ini", "sop": "contoh-sop"}]
    found = lint(example_data)
    assert codes(found) == ["LNT015"]
    assert suggested(found[0].hint) == "contoh-sop"


def test_empty_identity_is_a_warning_in_force_and_in_draft(
        example_data: dict, lint: Lint, example_project: Path) -> None:
    """Issue 15: a signed original may leave Nomor blank or dates dotted; the SOP in force
    is printed as written (LNT018 warns; `--strict` refuses it)."""
    example_data["nomor"] = " / ... / "
    example_data["tanggal"]["efektif"] = "......2024"
    found = lint(example_data)
    assert codes(found) == ["LNT018", "LNT018"]
    assert [d.severity.value for d in found] == ["warning", "warning"]
    example_data["status"] = "draf"
    found = lint(example_data)
    assert codes(found) == ["LNT016", "LNT016"]
    assert [d.severity.value for d in found] == ["warning", "warning"]
    assert found[1].location.line == line(example_project, "efektif:")


def test_partly_written_number_is_not_empty(example_data: dict, lint: Lint) -> None:
    example_data["nomor"] = "/ Kec. Bulu / 2019."
    assert lint(example_data) == []


def test_symbol_mismatch(example_data: dict, lint: Lint, example_project: Path) -> None:
    example_data["langkah"][1]["simbol"] = "terminator"
    example_data["langkah"][2]["simbol"] = "proses"
    found = lint(example_data)
    assert codes(found) == ["LNT017", "LNT017"]
    assert found[0].location.line == line(example_project, "simbol: terminator")


def test_explicit_symbols_that_fit(example_data: dict, lint: Lint) -> None:
    example_data["langkah"][0]["simbol"] = "terminator"
    example_data["langkah"][1]["simbol"] = "proses"
    example_data["langkah"][2]["simbol"] = "keputusan"
    assert lint(example_data) == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Menguasai teknis tupoksi di Lingkungan Kecamatan Pasawahan;", "Kecamatan Pasawahan"),
    ("Tata Kerja Dinas Lingkungan Hidup Kabupaten Purwakarta.",
     "Dinas Lingkungan Hidup Kabupaten Purwakarta"),
    ("Peraturan Bupati Contoh Nomor 7 Tahun 2012 di Lingkungan Pemerintah Kabupaten Contoh",
     None),
    ("Keputusan tentang Tata Kerja Dinas Contoh Kabupaten Contoh", None),
    ("Peraturan Daerah Kabupaten/Kota tentang perangkat daerah", None),
    ("Alat Tulis Kantor", None),
])
def test_foreign_office(example_data: dict, lint: Lint, text: str, flagged: str | None) -> None:
    example_data["dasar_hukum"] = [text]
    found = lint(example_data)
    if flagged is None:
        assert found == []
    else:
        assert codes(found) == ["LNT019"]
        assert found[0].fields["found"] == flagged


def test_every_lint_code_in_the_catalogue_has_a_rule() -> None:
    from sop_docs.diagnostics import CATALOGUE

    source = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).resolve().parents[2] / "sop_docs/lint").glob("*.py")
    )
    import sop_docs.diagnostics as dg

    names = {code.code: name for name, code in vars(dg).items() if isinstance(code, dg.Code)}
    for code in (c for c in CATALOGUE if c.startswith("LNT")):
        assert f"dg.{names[code]}" in source, f"{code} is in the catalogue but no rule uses it"


def test_seed_defects_are_found(seed_project: Path) -> None:
    corpus, problems = load_corpus(seed_project)
    found = lint_corpus(corpus)
    assert [d for d in problems + found if d.severity.value == "error"] == []
    pinned = {(Path(d.location.path).name, d.code, d.location.line) for d in found}
    names = {(name, code) for name, code, _ in pinned}
    assert ("sukoharjo-bulu.yaml", "LNT011") in names
    assert ("nganjuk-dpmd.yaml", "LNT011") in names
    nips = {d.fields["nip"] for d in found if d.code == "LNT011"}
    assert nips == {"197780617 199711 1 001", "19711219 1998003 1 006"}
    cibatu = "purwakarta-cibatu-pengumpulan-data-kinerja.yaml"
    arsip = "purwakarta-arsip-pengumpulan-data-kinerja.yaml"
    assert sum(1 for n, c, _ in pinned if (n, c) == (cibatu, "LNT014")) == 3
    foreign = {(Path(d.location.path).name, d.fields["found"])
               for d in found if d.code == "LNT019"}
    assert foreign == {(cibatu, "Kecamatan Pasawahan"),
                       (arsip, "Dinas Lingkungan Hidup Kabupaten Purwakarta")}

