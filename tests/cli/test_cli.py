"""The project commands, in-process (CliRunner) and once as the installed program."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sop_docs.cli.main import app
from sop_docs.diagnostics import Severity
from sop_docs.model.schema import SCHEMAS, schema_text

REPO = Path(__file__).resolve().parents[2]
# path:line:col: <severity word in the user's language> CODE message
LOCATED = re.compile(r"^(?P<path>\S+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+) "
                     r"(?P<code>[A-Z]+\d{3}) ", re.M)
# '5 SOP, 5 profil diperiksa: 0 galat, 7 peringatan' / '5 SOPs, 5 profiles checked: ...'
SUMMARY = re.compile(r"(\d+) SOPs?, (\d+) \w+ \w+: (\d+) \w+, (\d+) \w+")


def summary(output: str) -> tuple[int, ...]:
    """(SOPs, profiles, errors, warnings) of the check summary line."""
    found = SUMMARY.search(output)
    assert found, output
    return tuple(int(n) for n in found.groups())


def located(output: str) -> list[re.Match[str]]:
    return list(LOCATED.finditer(output))


def run(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code != 70 and "CLI008" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result


def test_check_seeds_passes_and_lists_the_sops(seed_project: Path) -> None:
    result = run("check", "--project", seed_project)
    assert result.exit_code == 0, result.output
    assert result.output.count("✓ ") == 5
    assert summary(result.output)[:3] == (5, 5, 0)


def test_check_strict_fails_on_the_seed_defects(seed_project: Path) -> None:
    result = run("check", seed_project / "sop_sources", "--strict")
    assert result.exit_code == 1
    found = located(result.output)
    assert {m["severity"] for m in found} == {Severity.ERROR.label}
    assert any(m["code"] == "LNT011" and "'197780617 199711 1 001'" in
               result.output[m.start():].splitlines()[0] for m in found)


def test_check_json(seed_project: Path) -> None:
    result = run("check", "--project", seed_project, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert len(report["sops"]) == 5 and report["errors"] == 0
    assert {d["code"] for d in report["diagnostics"]} >= {"LNT011", "LNT014", "LNT019"}
    assert all(d["line"] and d["column"] for d in report["diagnostics"])


def test_misspelled_step_target_points_at_its_line(seed_project: Path, tmp_path: Path) -> None:
    source = seed_project / "sop_sources/sukoharjo-bulu-pengumpulan-data-kinerja.yaml"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.search(r"\bke: \S", line))
    lines[index] = lines[index].rstrip("\n") + "x\n"
    copy = seed_project / "sop_sources/salinan.yaml"
    copy.write_text("".join(lines).replace("id: sukoharjo-bulu-pengumpulan-data-kinerja",
                                           "id: salinan", 1), encoding="utf-8")
    result = run("check", copy, "--project", seed_project)
    assert result.exit_code == 1
    found = [m for m in located(result.output) if m["code"] == "LNT002"]
    assert len(found) == 1
    assert found[0]["path"] == str(copy)
    assert int(found[0]["line"]) == index + 1
    assert int(found[0]["col"]) == lines[index].index("ke:") + 5


BAD_INPUTS = {
    "malformed.yaml": (b"id: a\nnama: [x\n", "SRC006"),
    "tabs.yaml": (b"id: a\nlangkah:\n\t- id: b\n", "SRC007"),
    "duplicate.yaml": (b"id: a\nid: b\n", "SRC008"),
    "latin1.yaml": (b"id: a\nnama: caf\xe9\n", "SRC002"),
    "binary.yaml": (b"\x7fELF\x02\x01\x01\x00\x00", "SRC003"),
    "empty.yaml": (b"", "SRC004"),
    "bomb.yaml": (b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "SRC009"),
    "deep.yaml": (b"a: " + b"[" * 100_000 + b"]" * 100_000, "SRC010"),
    "huge.yaml": (b"a: '" + b"x" * 1_100_000 + b"'\n", "SRC005"),
    "nested.yaml": (b"a: " + b"{b: " * 200 + b"1" + b"}" * 200 + b"\n", "SRC010"),
    "types.yaml": (b"id: a\nprofil: kantor\nnama: [1]\ndisahkan_oleh: kepala-dinas\n"
                   b"pelaksana: x\nlangkah: 3\n", "MOD003"),
    "unknown.yaml": (b"id: a\nprofil: kantor\nnama: x\ndisahkan_oleh: kepala-dinas\n"
                     b"pelaksana: [{id: a, nama: A}]\nlangkah: [{id: s, kegiatan: k, "
                     b"pelaksana: a}]\nnomer: 1\n", "MOD001"),
    "noprofile.yaml": (b"id: a\nprofil: kantr\nnama: x\ndisahkan_oleh: kepala-dinas\n"
                       b"pelaksana: [{id: a, nama: A}]\nlangkah: [{id: s, kegiatan: k, "
                       b"pelaksana: a}]\n", "MOD005"),
    "noofficial.yaml": (b"id: a\nprofil: kantor\nnama: x\ndisahkan_oleh: kepala\n"
                        b"pelaksana: [{id: a, nama: A}]\nlangkah: [{id: s, kegiatan: k, "
                        b"pelaksana: a}]\n", "MOD006"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_a_located_error(example_project: Path, name: str) -> None:
    raw, code = BAD_INPUTS[name]
    path = example_project / "sop_sources" / name
    path.write_bytes(raw)
    result = run("check", path, "--project", example_project)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert any(m["path"] == str(path) and m["code"] == code
               for m in located(result.output)), result.output


def test_ten_megabyte_source(example_project: Path) -> None:
    path = example_project / "sop_sources/besar.yaml"
    with path.open("wb") as handle:
        handle.write(b"nama: '" + b"x" * (10 * 1024 * 1024) + b"'\n")
    result = run("check", "--project", example_project)
    assert result.exit_code == 1
    assert f"{path}:1:1: {Severity.ERROR.label} SRC005" in result.output
    assert "✓ contoh-sop" in result.output  # the rest of the batch goes on


def test_missing_path_is_a_usage_error(example_project: Path) -> None:
    result = run("check", example_project / "tidak-ada", "--project", example_project)
    assert result.exit_code == 2
    assert "SRC001" in result.output


def test_missing_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--project", tmp_path / "tidak-ada")
    assert result.exit_code == 2
    assert "CLI001" in result.output


def test_folder_that_is_no_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--project", tmp_path)
    assert result.exit_code == 2
    assert "CLI001" in result.output


def test_unknown_option_is_a_usage_error(example_project: Path) -> None:
    assert run("check", "--bogus").exit_code == 2
    assert run("check", "--format", "xml", "--project", example_project).exit_code == 2


def test_folder_without_sources(tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    result = run("check", tmp_path / "kosong", "--project", tmp_path)
    assert result.exit_code == 1
    assert "CLI002" in result.output


def test_profile_folder_alone(example_project: Path) -> None:
    result = run("check", example_project / "sop_sources/profil", "--project", example_project)
    assert summary(result.output)[:3] == (0, 1, 0)
    assert result.exit_code == 0, result.output


def test_check_of_a_profile_file_reports_that_profile(seed_project: Path) -> None:
    """A profile no SOP of the selection uses is still checked when it is named."""
    profile = seed_project / "sop_sources/profil/purwakarta-arsip.yaml"
    result = run("check", profile, "--project", seed_project, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["sops"], report["profiles"]) == ([], ["purwakarta-arsip"])
    profile.write_text(profile.read_text(encoding="utf-8") + "alamt: x\n", encoding="utf-8")
    broken = run("check", profile, "--project", seed_project, "--format", "json")
    assert broken.exit_code == 1
    assert "MOD001" in {d["code"] for d in json.loads(broken.output)["diagnostics"]}


def test_check_of_one_file_knows_the_other_sops_of_the_project(seed_project: Path) -> None:
    """A keterkaitan to another SOP of the project is known, and the other SOPs' own
    problems (a broken one here) are not this file's."""
    folder = seed_project / "sop_sources"
    source = folder / "sukoharjo-bulu-pengumpulan-data-kinerja.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "keterkaitan:\n", "keterkaitan:\n  - {teks: SOP Arsip, "
        "sop: purwakarta-arsip-pengumpulan-data-kinerja}\n  - {teks: SOP X, sop: sop-x}\n", 1)
    source.write_text(text, encoding="utf-8")
    (folder / "rusak.yaml").write_text("id: rusak\nnama: [\n", encoding="utf-8")
    report = json.loads(run("check", source, "--project", seed_project, "--format",
                            "json").output)
    assert [s["id"] for s in report["sops"]] == ["sukoharjo-bulu-pengumpulan-data-kinerja"]
    unknown = [d for d in report["diagnostics"] if d["code"] == "LNT015"]
    assert [d["fields"]["ref"] for d in unknown] == ["sop-x"]
    assert {Path(d["path"]).name for d in report["diagnostics"]} <= {source.name,
                                                                     "sukoharjo-bulu.yaml"}


def test_init_then_check_passes_strict(tmp_path: Path) -> None:
    target = tmp_path / "kantor-baru"
    assert run("init", target).exit_code == 0
    assert (target / "kits/kit-data-kinerja.yaml").is_file()
    assert (target / "site/site.yaml").is_file()
    assert (target / "schema/sop.schema.json").is_file()
    assert (target / "schema/kit.schema.json").is_file()
    result = run("check", "--strict", "--project", target)
    assert result.exit_code == 0, result.output
    assert summary(result.output)[2:] == (0, 0)


def test_init_kit_definition_loads(tmp_path: Path) -> None:
    from sop_docs.kits.load import load_kit_set

    target = tmp_path / "kantor-baru"
    assert run("init", target).exit_code == 0
    kits = load_kit_set(target)
    assert kits.diagnostics == ()
    assert [d.id for d in kits.definitions] == ["kit-data-kinerja"]


def test_init_refuses_a_folder_with_files(example_project: Path) -> None:
    result = run("init", example_project)
    assert result.exit_code == 1
    assert "CLI003" in result.output


def test_new_adds_a_skeleton_that_passes_check(example_project: Path) -> None:
    result = run("new", "sop-rapat", "--project", example_project)
    assert result.exit_code == 0, result.output
    created = example_project / "sop_sources/sop-rapat.yaml"
    assert created.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/sop.schema.json\n")
    result = run("check", "--project", example_project)
    assert result.exit_code == 0, result.output
    assert "✓ sop-rapat" in result.output
    assert run("new", "sop-rapat", "--project", example_project).exit_code == 1


def test_new_rejects_a_bad_id(example_project: Path) -> None:
    result = run("new", "SOP Rapat", "--project", example_project)
    assert result.exit_code == 2
    assert "CLI004" in result.output


def test_new_needs_a_profile(tmp_path: Path) -> None:
    result = run("new", "sop-rapat", "--project", tmp_path)
    assert result.exit_code == 1
    assert "CLI007" in result.output


def test_build_writes_the_check_report(example_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluaran"
    result = run("build", "-o", out, "--project", example_project)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "check/report.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in report["sops"]] == ["contoh-sop"]
    assert "contoh-sop" in (out / "check/report.txt").read_text(encoding="utf-8")


def test_build_fails_on_errors_but_writes_the_report(example_project: Path,
                                                     tmp_path: Path) -> None:
    (example_project / "sop_sources/rusak.yaml").write_bytes(b"id: [\n")
    out = tmp_path / "keluaran"
    result = run("build", "-o", out, "--project", example_project)
    assert result.exit_code == 1
    assert "SRC006" in (out / "check/report.txt").read_text(encoding="utf-8")


def test_check_stage_leaves_broken_sops_out(example_project: Path, tmp_path: Path) -> None:
    from sop_docs.lint.stage import check_stage
    from sop_docs.pipeline import BuildContext

    text = (example_project / "sop_sources/contoh-sop.yaml").read_text(encoding="utf-8")
    (example_project / "sop_sources/kedua.yaml").write_text(
        text.replace("id: contoh-sop", "id: kedua").replace("ke: kumpul", "ke: tidak-ada"),
        encoding="utf-8")
    ctx = BuildContext(project=example_project, out=tmp_path / "b")
    check_stage(ctx)
    assert ctx.corpus is not None
    assert [r.sop.id for r in ctx.corpus.sops] == ["contoh-sop"]


def test_check_stage_gives_no_corpus_without_sources(tmp_path: Path) -> None:
    from sop_docs.lint.stage import check_stage
    from sop_docs.pipeline import BuildContext

    ctx = BuildContext(project=tmp_path, out=tmp_path / "b")
    check_stage(ctx)
    assert ctx.corpus is None
    assert [d.code for d in ctx.report.items] == ["SRC001"]


def test_schema_writes_every_schema_and_the_shipped_ones_are_up_to_date(tmp_path: Path) -> None:
    result = run("schema", "-o", tmp_path / "s")
    assert result.exit_code == 0
    written = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert set(SCHEMAS) <= set(written)
    for name in written:
        shipped = REPO / "schema" / name
        assert shipped.is_file(), f"schema/{name} is missing: run sop-docs schema"
        assert shipped.read_text(encoding="utf-8") == (tmp_path / "s" / name).read_text(
            encoding="utf-8"), f"schema/{name} is stale: run sop-docs schema"


def test_sop_schema_flags_unknown_keys() -> None:
    sop = json.loads(schema_text(SCHEMAS["sop.schema.json"]))
    assert sop["additionalProperties"] is False
    assert "keterkaitan" in sop["properties"]


def test_unexpected_exception_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch,
                                                      example_project: Path) -> None:
    import sop_docs.cli.project_cmds as cmds

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cmds, "load_files", broken)
    result = CliRunner().invoke(app, ["check", "--project", str(example_project)])
    assert result.exit_code == 70
    assert "CLI008" in result.output and "RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


def test_installed_program_checks_the_seeds_and_reports_bad_input(seed_project: Path) -> None:
    program = REPO / ".venv/bin/sop-docs"
    ok = subprocess.run([program, "check", "sop_sources"], cwd=seed_project,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count("✓ ") == 5
    (seed_project / "sop_sources/bom.yaml").write_bytes(b"a: &a [1]\nb: *a\n")
    bad = subprocess.run([program, "check", "sop_sources"], cwd=seed_project,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert f"sop_sources/bom.yaml:1:4: {Severity.ERROR.label} SRC009" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


def test_check_of_one_file_reports_only_its_profile(seed_project: Path) -> None:
    """Issue 14 (9): another profile's warning (a seed's malformed NIP) is not this file's."""
    source = seed_project / "sop_sources/purwakarta-arsip-pengumpulan-data-kinerja.yaml"
    result = run("check", source, "--project", seed_project, "--format", "json")
    report = json.loads(result.output)
    assert report["profiles"] == ["purwakarta-arsip"]
    assert {Path(d["path"]).name for d in report["diagnostics"]} == {source.name}
    everything = json.loads(run("check", "--project", seed_project, "--format", "json").output)
    assert "LNT011" in {d["code"] for d in everything["diagnostics"]}


def test_check_of_one_file_keeps_the_problems_of_a_broken_profile(seed_project: Path) -> None:
    profile = seed_project / "sop_sources/profil/purwakarta-arsip.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "alamt: x\n", encoding="utf-8")
    source = seed_project / "sop_sources/purwakarta-arsip-pengumpulan-data-kinerja.yaml"
    report = json.loads(run("check", source, "--project", seed_project, "--format",
                            "json").output)
    assert {"MOD001", "MOD005"} <= {d["code"] for d in report["diagnostics"]}


def test_new_says_which_profile_it_picked(seed_project: Path) -> None:
    """Issue 14 (11): the first profile is named, with the others and --profile."""
    result = run("new", "sop-rapat", "--project", seed_project)
    assert result.exit_code == 0, result.output
    assert "nganjuk-dpmd" in result.output and "--profile" in result.output
    assert "sumedang-kesbangpol" in result.output
    chosen = run("new", "sop-apel", "--profile", "sumedang-kesbangpol",
                 "--project", seed_project)
    assert chosen.exit_code == 0, chosen.output
    text = (seed_project / "sop_sources/sop-apel.yaml").read_text(encoding="utf-8")
    assert "profil: sumedang-kesbangpol" in text
    wrong = run("new", "sop-lain", "--profile", "sumedang", "--project", seed_project)
    assert wrong.exit_code == 2 and "MOD005" in wrong.output
    assert "sumedang-kesbangpol" in wrong.output  # did you mean
    assert run("check", "--project", seed_project).exit_code == 0


def test_build_prints_time_and_counts_per_stage(example_project: Path, tmp_path: Path) -> None:
    """Issue 14 (7): how many SOPs were rendered and reused, and how long each stage took."""
    out = tmp_path / "keluaran"
    first = run("build", "-o", out, "--project", example_project)
    assert first.exit_code == 0, first.output
    stages = {line.split()[0]: line for line in first.output.splitlines()
              if line.startswith("  ") and line.split()[0] in ("check", "render", "site")}
    assert set(stages) == {"check", "render", "site"}
    assert re.search(r"\d+[.,]\d \w+", stages["check"])
    assert re.search(r"; 1 SOPs? \w+, 0 \w+", stages["render"])
    again = run("build", "-o", out, "--project", example_project)
    render = next(line for line in again.output.splitlines() if line.startswith("  render"))
    assert re.search(r"; 0 SOPs? \w+, 1 \w+", render)
