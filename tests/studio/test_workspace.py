"""The studio's actions on a project: list, open, live check, save, create, duplicate."""

from __future__ import annotations

import base64
import copy
import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sop_docs import diagnostics as dg
from sop_docs.cli.main import app
from sop_docs.errors import StudioError
from sop_docs.scaffold import sop_skeleton
from sop_docs.studio import roundtrip
from sop_docs.studio.workspace import Workspace

SEED = "sop_sources/sumedang-kesbangpol-pengumpulan-data-kinerja.yaml"
PROFILE = "sop_sources/profil/sumedang-kesbangpol.yaml"


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _code(excinfo: pytest.ExceptionInfo[StudioError]) -> str:
    return excinfo.value.diagnostic.code


def _check_json(project: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["check", "--format", "json", "--project", str(project)])
    return json.loads(result.output)["diagnostics"]


def test_listing_groups_sops_by_instansi_and_unit(workspace: Workspace) -> None:
    listing = workspace.listing()
    groups = {(g["instansi"], g["unit"]): [s["path"] for s in g["sops"]] for g in listing["groups"]}
    assert sum(len(paths) for paths in groups.values()) == 5
    assert ("KANTOR KESATUAN BANGSA DAN POLITIK", "SUB BAGIAN TATA USAHA") in groups
    profile = next(p for p in listing["profiles"] if p["path"] == PROFILE)
    assert profile["pejabat"] and profile["pejabat"][0]["id"]


@pytest.mark.parametrize("rel", [
    "sop_sources/nganjuk-dpmd-pengumpulan-data-kinerja.yaml",
    "sop_sources/purwakarta-arsip-pengumpulan-data-kinerja.yaml",
    "sop_sources/sukoharjo-bulu-pengumpulan-data-kinerja.yaml",
    SEED,
    PROFILE,
])
def test_findings_equal_check(workspace: Workspace, project: Path, rel: str) -> None:
    opened = workspace.open(rel)
    assert opened.get("readonly") is None
    mine = {(f["code"], f["line"], f["column"]) for f in opened["findings"]
            if not f["code"].startswith("SHT")}
    name = Path(rel).name
    expected = {(d["code"], d["line"], d["column"]) for d in _check_json(project)
                if d["path"] and Path(d["path"]).name == name}
    assert mine == expected


def test_preview_points_each_finding_at_its_field(workspace: Workspace) -> None:
    data = workspace.open(SEED)["data"]
    edited = copy.deepcopy(data)
    edited["langkah"][1]["pelaksana"] = "tidak-ada"
    edited["langkah"][2]["waktu"] = "sebentar"
    answer = workspace.preview(SEED, edited)
    fields = {f["code"]: f["field"] for f in answer["findings"]}
    assert fields[dg.LNT_UNKNOWN_ACTOR.code][:3] == ["langkah", 1, "pelaksana"]
    assert fields[dg.LNT_WAKTU.code] == ["langkah", 2, "waktu"]
    assert answer["changed"] is True
    assert answer["pages"] and answer["pages"][0].startswith("<?xml")


def test_a_broken_edit_keeps_no_preview_but_reports(workspace: Workspace) -> None:
    data = workspace.open(SEED)["data"]
    edited = copy.deepcopy(data)
    edited["disahkan_oleh"] = "orang-lain"
    answer = workspace.preview(SEED, edited)
    assert answer["pages"] is None
    codes = {f["code"]: f["field"] for f in answer["findings"]}
    assert codes[dg.MOD_UNKNOWN_OFFICIAL.code] == ["disahkan_oleh"]


def test_one_field_save_changes_one_line_and_check_passes(workspace: Workspace,
                                                          project: Path) -> None:
    before = (project / SEED).read_text(encoding="utf-8")
    opened = workspace.open(SEED)
    data = copy.deepcopy(opened["data"])
    data["langkah"][0]["kelengkapan"] = "Dokumen Renstra <b>baru</b>"
    saved = workspace.save(SEED, data, opened["version"])
    after = (project / SEED).read_text(encoding="utf-8")
    assert len(_changed(before, after)) == 2
    assert saved["version"] != opened["version"]
    assert saved["data"] == data
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 0, result.output


def test_save_refuses_a_file_changed_on_disk(workspace: Workspace, project: Path) -> None:
    opened = workspace.open(SEED)
    path = project / SEED
    outside = path.read_text(encoding="utf-8").replace("nama:", "# edited elsewhere\nnama:", 1)
    path.write_text(outside, encoding="utf-8")
    data = copy.deepcopy(opened["data"])
    data["nomor"] = "X"
    with pytest.raises(StudioError) as excinfo:
        workspace.save(SEED, data, opened["version"])
    assert _code(excinfo) == dg.STD_CHANGED_ON_DISK.code
    assert excinfo.value.status == 409
    assert path.read_text(encoding="utf-8") == outside
    with pytest.raises(StudioError):  # a stale version from the page is refused too
        workspace.save(SEED, data, "0" * 64)
    reopened = workspace.open(SEED)
    workspace.save(SEED, data, reopened["version"])
    assert "# edited elsewhere" in path.read_text(encoding="utf-8")


def test_save_refuses_a_deleted_file(workspace: Workspace, project: Path) -> None:
    opened = workspace.open(SEED)
    (project / SEED).unlink()
    with pytest.raises(StudioError) as excinfo:
        workspace.save(SEED, opened["data"], opened["version"])
    assert _code(excinfo) == dg.STD_CHANGED_ON_DISK.code


@pytest.mark.parametrize("rel", [
    "../x.yaml", "/etc/passwd", "sop-docs.yaml", "sop_sources/profil/../../sop-docs.yaml",
    "sop_sources/notes.txt", "sop_sources", "", None, 7, "sop_sources/a\0.yaml",
    "sop_sources/../../outside.yaml",
])
def test_paths_outside_the_sources_are_refused(workspace: Workspace, rel: object) -> None:
    with pytest.raises(StudioError) as excinfo:
        workspace.open(rel)
    assert _code(excinfo) == dg.STD_OUTSIDE.code
    assert excinfo.value.status == 403


def test_a_symlink_out_of_the_project_is_refused(workspace: Workspace, project: Path,
                                                 tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: rahasia\n", encoding="utf-8")
    os.symlink(secret, project / "sop_sources" / "link.yaml")
    with pytest.raises(StudioError) as excinfo:
        workspace.open("sop_sources/link.yaml")
    assert _code(excinfo) == dg.STD_OUTSIDE.code


@pytest.mark.parametrize("text", [
    "id: x\nkegaitan: typo\n",                       # a key the form has no field for
    "id: x\nnama:\n  - a list where text goes\n",    # a shape the form cannot show
    "id: &a x\nnama: *a\n",                          # aliases
    "id: x\n\tnama: tab\n",                          # tab indentation
    "- a list\n- not a mapping\n",
    "id: x\nid: y\n",                                # duplicate key
])
def test_what_the_form_cannot_represent_opens_read_only(workspace: Workspace, project: Path,
                                                        text: str) -> None:
    (project / "sop_sources" / "aneh.yaml").write_text(text, encoding="utf-8")
    opened = workspace.open("sop_sources/aneh.yaml")
    assert opened["readonly"]["message"]
    assert opened["text"] == text
    with pytest.raises(StudioError) as excinfo:
        workspace.preview("sop_sources/aneh.yaml", {"id": "x"})
    assert _code(excinfo) == dg.STD_READ_ONLY.code


def test_hand_written_comments_are_fine(workspace: Workspace, project: Path) -> None:
    text = (project / SEED).read_text(encoding="utf-8")
    assert "# " in text
    assert workspace.open(SEED).get("readonly") is None


def test_new_sop_is_the_skeleton_of_sop_docs_new(workspace: Workspace, project: Path) -> None:
    answer = workspace.create("sop-rapat-koordinasi", "sumedang-kesbangpol")
    assert answer["path"] == "sop_sources/sop-rapat-koordinasi.yaml"
    written = (project / answer["path"]).read_text(encoding="utf-8")
    profil = workspace._profile("sumedang-kesbangpol")
    assert written == sop_skeleton("sop-rapat-koordinasi", profil, workspace.sources,
                                   workspace.project)
    opened = workspace.open(answer["path"])
    assert not [f for f in opened["findings"] if f["severity"] == "error"]
    with pytest.raises(StudioError) as excinfo:
        workspace.create("sop-rapat-koordinasi", "sumedang-kesbangpol")
    assert _code(excinfo) == dg.CLI_EXISTS.code


@pytest.mark.parametrize("bad", ["Bad Id", "../escape", "", None, "a/b"])
def test_new_sop_refuses_a_bad_id(workspace: Workspace, bad: object) -> None:
    with pytest.raises(StudioError) as excinfo:
        workspace.create(bad, "sumedang-kesbangpol")
    assert _code(excinfo) == dg.CLI_BAD_ID.code


def test_new_sop_needs_a_profile_with_an_official(workspace: Workspace) -> None:
    with pytest.raises(StudioError) as excinfo:
        workspace.create("sop-baru", "tidak-ada")
    assert _code(excinfo) == dg.CLI_NO_PROFILE.code


def test_duplicate_differs_in_the_id_line_only(workspace: Workspace, project: Path) -> None:
    answer = workspace.duplicate(SEED, "sop-salinan")
    original = (project / SEED).read_text(encoding="utf-8")
    copy_text = (project / answer["path"]).read_text(encoding="utf-8")
    assert _changed(original, copy_text) == [
        f"-id: {workspace.open(SEED)['data']['id']}", "+id: sop-salinan"]
    with pytest.raises(StudioError):
        workspace.duplicate(PROFILE, "profil-salinan")


def test_profile_edit_checks_the_profile_and_previews_its_sop(workspace: Workspace) -> None:
    opened = workspace.open(PROFILE)
    assert opened["kind"] == "profil"
    data = copy.deepcopy(opened["data"])
    data["pejabat"][0]["nip"] = "123"
    answer = workspace.preview(PROFILE, data)
    assert dg.LNT_NIP_FORMAT.code in {f["code"] for f in answer["findings"]}
    assert answer["pages"]  # the sheet of the SOP signed under this profile


def test_an_unfaithful_write_is_never_saved(workspace: Workspace, project: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    opened = workspace.open(SEED)
    before = (project / SEED).read_bytes()
    monkeypatch.setattr(roundtrip.Document, "apply", lambda self, old, new: "id: lain\n")
    monkeypatch.setattr(roundtrip.Document, "rewritten", lambda self, old, new: "nama: x\n")
    with pytest.raises(StudioError) as excinfo:
        workspace.save(SEED, opened["data"], opened["version"])
    assert _code(excinfo) == dg.STD_NOT_FAITHFUL.code
    assert (project / SEED).read_bytes() == before


def test_form_data_must_be_a_mapping(workspace: Workspace) -> None:
    workspace.open(SEED)
    for bad in ([], "text", None, 3):
        with pytest.raises(StudioError) as excinfo:
            workspace.preview(SEED, bad)
        assert _code(excinfo) == dg.STD_BAD_REQUEST.code


def test_preview_before_open_is_refused(workspace: Workspace) -> None:
    with pytest.raises(StudioError) as excinfo:
        workspace.preview(SEED, {})
    assert _code(excinfo) == dg.STD_BAD_REQUEST.code


def test_swimlane_on_demand(workspace: Workspace) -> None:
    data = workspace.open(SEED)["data"]
    answer = workspace.swimlane(SEED, data)
    assert answer["svg"].startswith("<?xml") and 'class="cluster lane"' in answer["svg"]
    broken = copy.deepcopy(data)
    broken["disahkan_oleh"] = "tidak-ada"
    assert workspace.swimlane(SEED, broken)["svg"] is None


def test_many_previews_then_save_still_change_one_line(workspace: Workspace,
                                                       project: Path) -> None:
    before = (project / SEED).read_text(encoding="utf-8")
    opened = workspace.open(SEED)
    data = copy.deepcopy(opened["data"])
    for text in ("K", "Ke", "Keg", "", opened["data"]["langkah"][2]["kegiatan"], "Kegiatan baru"):
        data["langkah"][2]["kegiatan"] = text
        workspace.preview(SEED, data)
    data["pelaksana"].append({"id": "tamu", "nama": "Tamu"})
    workspace.preview(SEED, data)
    data["pelaksana"].pop()
    workspace.preview(SEED, data)
    workspace.save(SEED, data, opened["version"])
    changed = _changed(before, (project / SEED).read_text(encoding="utf-8"))
    assert len(changed) in (2, 3) and changed[-1].endswith("Kegiatan baru"), changed


def test_a_broken_source_is_still_listed_and_opens_read_only(workspace: Workspace,
                                                             project: Path) -> None:
    (project / "sop_sources" / "rusak.yaml").write_text("id: rusak\nnama: [\n", encoding="utf-8")
    listing = workspace.listing()
    paths = [s["path"] for g in listing["groups"] for s in g["sops"]]
    assert "sop_sources/rusak.yaml" in paths
    opened = workspace.open("sop_sources/rusak.yaml")
    assert opened["readonly"] and dg.SRC_YAML_SYNTAX.code in {f["code"] for f in opened["findings"]}


def test_pdf_of_the_form_data(workspace: Workspace) -> None:
    data = workspace.open(SEED)["data"]
    answer = workspace.pdf(SEED, data)
    assert base64.b64decode(answer["pdf"]).startswith(b"%PDF")
    assert answer["name"] == f"{data['id']}.pdf"
    workspace.open(PROFILE)
    assert workspace.pdf(PROFILE, workspace.open(PROFILE)["data"])["pdf"] is None


def test_findings_equal_check_across_files(workspace: Workspace, project: Path) -> None:
    """A duplicate id and keterkaitan to other SOPs: the cross-file findings equal check."""
    sources = project / "sop_sources"
    text = (project / SEED).read_text(encoding="utf-8")
    (sources / "zz-salinan.yaml").write_text(text, encoding="utf-8")
    other = "nganjuk-dpmd-pengumpulan-data-kinerja"
    linked = text.replace("keterkaitan:\n", f"keterkaitan:\n  - {{teks: Lain, sop: {other}}}\n"
                          "  - {teks: Hilang, sop: sop-tidak-ada}\n", 1)
    assert linked != text
    (project / SEED).write_text(linked, encoding="utf-8")
    expected = _check_json(project)
    for rel in (SEED, "sop_sources/zz-salinan.yaml"):
        mine = {(f["code"], f["line"], f["column"]) for f in workspace.open(rel)["findings"]
                if not f["code"].startswith("SHT")}
        assert mine == {(d["code"], d["line"], d["column"]) for d in expected
                        if d["path"] and Path(d["path"]).name == Path(rel).name}
    codes = {f["code"] for f in workspace.open("sop_sources/zz-salinan.yaml")["findings"]}
    assert dg.MOD_DUPLICATE_SOP.code in codes
    assert dg.LNT_UNKNOWN_KETERKAITAN.code in {f["code"] for f in workspace.open(SEED)["findings"]}


def test_a_huge_or_binary_file_opens_read_only_and_shows_little(workspace: Workspace,
                                                                project: Path) -> None:
    sources = project / "sop_sources"
    (sources / "besar.yaml").write_text("id: x\nnama: " + "a" * 3_000_000 + "\n",
                                        encoding="utf-8")
    (sources / "biner.yaml").write_bytes(b"id: x\n\x00\xff\xfe" * 10)
    for name, code in (("besar", dg.SRC_TOO_LARGE), ("biner", dg.SRC_BINARY)):
        opened = workspace.open(f"sop_sources/{name}.yaml")
        assert opened["readonly"] and len(opened["text"]) <= 200_000
        assert code.code in {f["code"] for f in opened["findings"]}
