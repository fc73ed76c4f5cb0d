"""The issue's check, end to end on a fresh project: publish, change two steps and an actor,
publish again; both revisions archived with matching hashes; the site lists both with their
downloads and names exactly the changed steps; an edited archived file fails `check`."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sop_docs.publish.archive import read_archive
from sop_docs.site.build import build_project_site
from tests.publish.helpers import SECOND_REVISION, SOP_ID, codes, edit, run_cli


def _publish_two_revisions(project: Path) -> None:
    first = run_cli("publish", SOP_ID, "--tanggal", "2024-01-15", "--project", project)
    assert first.exit_code == 0, first.output
    edit(project, *SECOND_REVISION)
    second = run_cli("publish", SOP_ID, "--tanggal", "2024-06-01", "--isi-perubahan",
                     "--project", project)
    assert second.exit_code == 0, second.output


def _html(site: Path) -> str:
    return (site / "sop" / SOP_ID / "index.html").read_text(encoding="utf-8")


def test_archive_holds_both_revisions_with_matching_hashes(project: Path) -> None:
    _publish_two_revisions(project)
    entries = read_archive(project).of(SOP_ID)
    assert [e.revisi for e in entries] == [0, 1]
    for entry in entries:
        on_disk = {p.name for p in entry.folder.iterdir()} - {"manifest.json"}
        assert on_disk == set(entry.manifest.berkas)
        for name, berkas in entry.manifest.berkas.items():
            data = entry.path(name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == berkas.sha256
            assert len(data) == berkas.ukuran
        raw = entry.path("manifest.json").read_text(encoding="utf-8")
        assert list(json.loads(raw)) == sorted(json.loads(raw))  # sorted keys
    names = set(entries[1].manifest.berkas)
    assert names == {f"{SOP_ID}.yaml", "profil-kantor.yaml", f"{SOP_ID}.pdf", f"{SOP_ID}.docx",
                     f"{SOP_ID}-perubahan.pdf"}
    assert entries[1].manifest.tanggal.isoformat() == "2024-06-01"
    check = run_cli("check", "--strict", "--project", project)
    assert check.exit_code == 0, check.output  # the filled riwayat_revisi agrees


def test_change_view_names_exactly_the_changed_steps(project: Path) -> None:
    _publish_two_revisions(project)
    perubahan = read_archive(project).of(SOP_ID)[1].manifest.perubahan
    assert perubahan is not None
    assert {c.id for c in perubahan.langkah} == {"kumpul", "laporkan"}
    assert [(c.jenis.value, c.id) for c in perubahan.pelaksana] == [("ditambah", "bendahara")]
    lembar = project / "lembar.pdf"
    shown = run_cli("perubahan", SOP_ID, "--dari", "0", "--ke", "1", "--pdf", lembar,
                    "--project", project)
    assert shown.exit_code == 0, shown.output
    assert re.findall(r"Langkah (\d+)", shown.output) == ["2", "4"]
    archived = read_archive(project).of(SOP_ID)[1].path(f"{SOP_ID}-perubahan.pdf")
    assert lembar.read_bytes() == archived.read_bytes()
    missing = run_cli("perubahan", SOP_ID, "--ke", "5", "--project", project)
    assert missing.exit_code == 1 and "PUB020" in missing.output


def test_site_lists_both_revisions_with_downloads_and_marks_the_changed_steps(
        project: Path) -> None:
    _publish_two_revisions(project)
    site = project.parent / "build" / "site"
    result = build_project_site(project, site)
    assert result.ok, [d.render() for d in result.diagnostics]
    html = _html(site)
    rows = re.findall(r'<tr id="revisi-(\d+)"', html)
    assert rows == ["1", "0"]
    links = re.findall(r'href="(revisi-\d+/[^"]+)"', html)
    assert {f"revisi-{n}/{SOP_ID}.{ext}" for n in (0, 1) for ext in ("pdf", "docx")} <= set(links)
    for link in links:
        target = site / "sop" / SOP_ID / link
        assert target.is_file(), link
    archived = read_archive(project).of(SOP_ID)[0].path(f"{SOP_ID}.pdf")
    assert (site / "sop" / SOP_ID / f"revisi-0/{SOP_ID}.pdf").read_bytes() == archived.read_bytes()
    assert "tidak berlaku sejak 1 Juni 2024" in html
    assert re.findall(r'<tr id="langkah-(\d+)" class="sop-berubah"', html) == ["2", "4"]
    assert 'id="perubahan">Perubahan dari Revisi 0<' in html


def test_editing_an_archived_file_fails_check_at_that_file(project: Path) -> None:
    _publish_two_revisions(project)
    target = project / "arsip" / SOP_ID / "rev-0" / f"{SOP_ID}.pdf"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"%% edited\n")
    result = run_cli("check", "--project", project)
    assert result.exit_code == 1
    assert ("PUB001", str(target)) in codes(result.output)
    refused = run_cli("publish", SOP_ID, "--project", project)
    assert refused.exit_code == 1 and "PUB013" in dict(codes(refused.output))
