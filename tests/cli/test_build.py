"""load_corpus: the seeds load; every schema problem is located with a useful hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sop_docs.model.build import dotted, load_corpus
from sop_docs.model.sop import Cabang, Simbol


def only(diagnostics, code: str):
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {[d.render() for d in diagnostics]}"
    return found


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_seed_project_loads_five_sops_sorted_with_positions(seed_project: Path) -> None:
    corpus, problems = load_corpus(seed_project)
    assert problems == []
    ids = [r.sop.id for r in corpus.sops]
    assert len(ids) == 5 and ids == sorted(ids)
    assert [p.id for p in corpus.profiles] == sorted(p.id for p in corpus.profiles)
    for resolved in corpus.sops:
        assert corpus.positions[resolved.sop.id].path == resolved.path
        assert resolved.pengesah in resolved.profil.pejabat
        assert corpus.profile_file(resolved.profil.id) is not None


def test_sukoharjo_decision_goes_back(seed_project: Path) -> None:
    corpus, _ = load_corpus(seed_project)
    sukoharjo = next(r.sop for r in corpus.sops if r.sop.id.startswith("sukoharjo"))
    decisions = [s for s in sukoharjo.langkah if sukoharjo.simbol(s) is Simbol.KEPUTUSAN]
    assert len(decisions) == 1
    ids = [s.id for s in sukoharjo.langkah]
    targets = [ids.index(c.ke) for c in decisions[0].cabang]
    assert min(targets) < ids.index(decisions[0].id)  # one exit loops back up


def test_example_project_loads(example_project: Path) -> None:
    corpus, problems = load_corpus(example_project)
    assert problems == []
    assert [r.sop.id for r in corpus.sops] == ["contoh-sop"]


def test_unknown_key_gets_did_you_mean(example_data: dict, write_sop: Callable,
                                       suggested: Callable) -> None:
    example_data["langkah"][1]["kegiatn"] = example_data["langkah"][1].pop("kegiatan")
    example_data["peringatn"] = example_data.pop("peringatan")
    project = write_sop(example_data)
    corpus, problems = load_corpus(project)
    assert corpus.sops == ()
    unknown = only(problems, "MOD001")
    assert {d.fields["key"]: suggested(d.hint) for d in unknown} == {
        "kegiatn": "kegiatan", "peringatn": "peringatan"}
    source = project / "sop_sources/contoh-sop.yaml"
    step_unknown = next(d for d in unknown if d.fields["key"] == "kegiatn")
    assert step_unknown.location.line == line_of(source, "kegiatn:")
    missing = only(problems, "MOD002")
    assert missing[0].fields["key"] == "kegiatan"


def test_unknown_key_far_from_any_field_lists_the_keys(example_data: dict,
                                                        write_sop: Callable,
                                                        suggested: Callable) -> None:
    example_data["zzz"] = 1
    _, problems = load_corpus(write_sop(example_data))
    listed = only(problems, "MOD001")[0].hint
    assert "dasar_hukum" in listed and "langkah" in listed and suggested(listed) is None


def test_wrong_types_are_located(example_data: dict, write_sop: Callable) -> None:
    example_data["langkah"][0]["waktu"] = ["15 menit"]
    example_data["pelaksana"] = "kepala"
    example_data["tanggal"]["pembuatan"] = "31 Februari 2024"
    project = write_sop(example_data)
    _, problems = load_corpus(project)
    source = project / "sop_sources/contoh-sop.yaml"
    by_message = {d.message.split(":")[0]: d for d in problems}
    assert set(by_message) >= {"langkah[1].waktu", "pelaksana", "tanggal.pembuatan"}
    assert by_message["pelaksana"].code == "MOD003"
    assert by_message["pelaksana"].location.line == line_of(source, "pelaksana: kepala")
    assert by_message["tanggal.pembuatan"].code == "MOD004"
    assert by_message["tanggal.pembuatan"].location.line == line_of(source, "pembuatan:")


def test_numbers_are_accepted_as_text(example_data: dict, write_sop: Callable) -> None:
    example_data["nomor"] = 800
    corpus, problems = load_corpus(write_sop(example_data))
    assert problems == []
    assert corpus.sops[0].sop.nomor == "800"


def test_missing_profile_and_official_get_did_you_mean(example_data: dict,
                                                      write_sop: Callable,
                                                      suggested: Callable) -> None:
    example_data["profil"] = "kantr"
    _, problems = load_corpus(write_sop(example_data))
    assert suggested(only(problems, "MOD005")[0].hint) == "kantor"
    example_data["profil"] = "kantor"
    example_data["disahkan_oleh"] = "kepala-dinsa"
    project = write_sop(example_data)
    _, problems = load_corpus(project)
    official = only(problems, "MOD006")[0]
    assert suggested(official.hint) == "kepala-dinas"
    assert official.location.line == line_of(project / "sop_sources/contoh-sop.yaml",
                                             "disahkan_oleh:")


def test_reference_is_checked_even_when_the_rest_is_broken(example_data: dict,
                                                          write_sop: Callable) -> None:
    example_data["profil"] = "lain"
    example_data["langkah"] = "bukan daftar"
    _, problems = load_corpus(write_sop(example_data))
    assert {"MOD005", "MOD003"} <= {d.code for d in problems}


def test_duplicate_sop_id_keeps_the_first(example_project: Path) -> None:
    source = example_project / "sop_sources/contoh-sop.yaml"
    (example_project / "sop_sources/zz-salinan.yaml").write_bytes(source.read_bytes())
    corpus, problems = load_corpus(example_project)
    assert [r.path for r in corpus.sops] == [str(source)]
    assert only(problems, "MOD007")[0].location.path.endswith("zz-salinan.yaml")


def test_duplicate_profile_id(example_project: Path) -> None:
    folder = example_project / "sop_sources/profil"
    (folder / "lain.yaml").write_bytes((folder / "kantor.yaml").read_bytes())
    _, problems = load_corpus(example_project)
    assert only(problems, "MOD008")[0].location.path.endswith("lain.yaml")


def test_bad_settings_fall_back_to_defaults(example_project: Path) -> None:
    (example_project / "sop-docs.yaml").write_text("tata_letak:\n  kertas: A3\n")
    corpus, problems = load_corpus(example_project)
    assert only(problems, "MOD004")[0].location.line == 2
    assert len(corpus.sops) == 1


def test_missing_sources_folder(tmp_path: Path) -> None:
    corpus, problems = load_corpus(tmp_path)
    assert [d.code for d in problems] == ["SRC001"]
    assert corpus.sops == ()


def test_one_broken_file_does_not_stop_the_others(example_project: Path) -> None:
    (example_project / "sop_sources/rusak.yaml").write_bytes(b"\x00\x01")
    (example_project / "sop_sources/kosong.yaml").write_bytes(b"")
    corpus, problems = load_corpus(example_project)
    assert [r.sop.id for r in corpus.sops] == ["contoh-sop"]
    assert sorted(d.code for d in problems) == ["SRC003", "SRC004"]


def test_decision_labels_default_to_ya_tidak(example_data: dict, write_sop: Callable) -> None:
    example_data["langkah"][2]["cabang"] = [{"ke": "laporkan"}, {"ke": "kumpul"}]
    corpus, problems = load_corpus(write_sop(example_data))
    assert problems == []
    assert corpus.sops[0].sop.langkah[2].cabang == (
        Cabang(label="Ya", ke="laporkan"), Cabang(label="Tidak", ke="kumpul")
    )


@pytest.mark.parametrize(("path", "text"), [
    (("langkah", 3, "ke"), "langkah[4].ke"), (("nama",), "nama"), ((), ""),
])
def test_dotted(path: tuple, text: str) -> None:
    assert dotted(path) == text


@pytest.mark.parametrize("revisi", ["1", 1, "Revisi 1", "rev. 1"])
def test_revision_number_reads_quoted_or_not(example_data: dict, write_sop: Callable,
                                             revisi: object) -> None:
    """Issue 14 (1): README advises quoting numbers; `revisi: '1'` is a revision, not a
    bad date."""
    example_data["tanggal"]["revisi"] = revisi
    corpus, problems = load_corpus(write_sop(example_data))
    assert problems == []
    value = corpus.sops[0].sop.tanggal.revisi
    assert value.revisi == 1 and value.tampil() in ("Revisi 1", "rev. 1")


def test_unreadable_date_hint_names_dates_and_revisions(example_data: dict,
                                                        write_sop: Callable) -> None:
    example_data["tanggal"]["revisi"] = "kemarin"
    _, problems = load_corpus(write_sop(example_data))
    bad = only(problems, "MOD004")[0]
    assert "2021-01-19" in bad.hint and "1" in bad.hint


def test_schema_gives_no_object_defaults_to_text_fields() -> None:
    """Issue 14 (10): editors complete `tanggal.efektif` with text, never {'teks': ...}."""
    import json

    from sop_docs.model.schema import SCHEMAS, schema_text

    def walk(node: object, path: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")
        if not isinstance(node, dict):
            return
        types = node.get("type")
        if isinstance(node.get("default"), dict):
            assert types == "object" or (isinstance(types, list) and "object" in types), path
        for key, value in node.items():
            walk(value, f"{path}.{key}")

    for name, model in SCHEMAS.items():
        schema = json.loads(schema_text(model))
        walk(schema, name)
    sop = json.loads(schema_text(SCHEMAS["sop.schema.json"]))
    dates = sop["$defs"]["TanggalSOP"]["properties"]
    assert all("default" not in dates[name] for name in ("pembuatan", "revisi", "efektif"))
