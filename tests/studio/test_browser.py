"""The studio in a real browser (Debian chromium via Playwright), driven through the UI only."""

from __future__ import annotations

import difflib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pdfplumber
import pytest

from sop_docs import diagnostics as dg
from sop_docs.sources import read_source
from sop_docs.studio.server import StudioServer

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("studio")]

SEED = "sop_sources/sumedang-kesbangpol-pengumpulan-data-kinerja.yaml"
SOP_DOCS = str(Path(sys.executable).parent / "sop-docs")
XSS = '<img src="http://evil.example/x.png" onerror="window.__xss=1">'


@dataclass
class Watched:
    """What a page did: console errors, dialogs, requests that would leave 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any, studio: StudioServer) -> Iterator[tuple[Any, Watched]]:
    """The studio page; every request that would leave 127.0.0.1 is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    watched = Watched()
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(r: Any) -> None:
        url = urlparse(r.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            watched.outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page.goto(studio.url)
    page.locator(".file-link").first.wait_for()
    yield page, watched
    context.close()
    assert watched.outside == [], f"requests left 127.0.0.1: {watched.outside}"
    assert watched.dialogs == [], f"dialogs fired: {watched.dialogs}"


def _open(page: Any, rel: str) -> None:
    page.locator(f'.file-link[data-path="{rel}"]').click()
    page.locator(".toolbar .file", has_text=rel).wait_for()


def _field(page: Any, path: str) -> Any:
    return page.locator(f'[data-field="{path}"]')


def _settled(page: Any) -> None:
    """Wait until the live check answered the last edit (the page is busy from the edit on)."""
    page.locator("body:not(.busy)").wait_for(state="attached")


def _save(page: Any) -> None:
    page.locator("#save").click()
    page.locator("#status.ok").wait_for()


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _create(page: Any, sop_id: str) -> str:
    page.locator("#new-id").fill(sop_id)
    page.locator("#new-profil").select_option("sumedang-kesbangpol")
    page.locator("#new-create").click()
    rel = f"sop_sources/{sop_id}.yaml"
    page.locator(".toolbar .file", has_text=rel).wait_for()
    return rel


STEPS = [
    ("Menerima undangan rapat", "Surat undangan", "5 menit", "Agenda"),
    ("Menyiapkan bahan rapat", "Agenda", "2 jam", "Bahan rapat"),
    ("Memeriksa kelengkapan bahan", "Bahan rapat", "30 menit", "Bahan terperiksa"),
    ("Apakah bahan lengkap?", "Bahan terperiksa", "10 menit", "Keputusan"),
    ("Melaksanakan rapat", "Bahan rapat", "2 jam", "Notulen"),
    ("Menyusun laporan rapat", "Notulen", "1 hari", "Laporan rapat"),
]


def _fill_steps(page: Any) -> None:
    """The skeleton's two steps become six, the fourth a decision that loops back."""
    for _ in range(4):
        page.locator("table.steps tbody tr").first.get_by_title("Sisipkan langkah di bawah").click()
    assert page.locator("table.steps tbody tr").count() == 6
    for index, (kegiatan, kelengkapan, waktu, output) in enumerate(STEPS):
        _field(page, f"langkah.{index}.kegiatan").fill(kegiatan)
        _field(page, f"langkah.{index}.kelengkapan").fill(kelengkapan)
        _field(page, f"langkah.{index}.waktu").fill(waktu)
        _field(page, f"langkah.{index}.output").fill(output)
    _field(page, "langkah.3.simbol").select_option("keputusan")
    _field(page, "langkah.3.cabang.1.label").fill("Tidak")
    targets = page.evaluate("() => [...document.querySelectorAll('.step-id')].map(e => e.value)")
    _field(page, "langkah.3.cabang.0.ke").select_option(targets[4])
    _field(page, "langkah.3.cabang.1.ke").select_option(targets[1])
    page.locator("table.steps tbody tr").nth(1).locator(".actors-pick input").nth(1).check()


def test_write_a_new_sop_with_a_decision_then_check_and_build(
        tab: tuple[Any, Watched], project: Path, tmp_path: Path) -> None:
    page, watched = tab
    rel = _create(page, "sop-rapat-koordinasi")
    _field(page, "nama").fill("SOP Penyelenggaraan Rapat Koordinasi")
    _field(page, "nomor").fill("800/01/SOP/2025")
    page.get_by_role("button", name="+ Tambah pelaksana").click()
    _field(page, "pelaksana.0.nama").fill("Kepala Sub Bagian Tata Usaha")
    _field(page, "pelaksana.1.nama").fill("Staf Pelaksana")
    _field(page, "dasar_hukum").get_by_role("button", name="+ Tambah butir").click()
    _field(page, "dasar_hukum.0").fill("Peraturan Menteri PANRB Nomor 35 Tahun 2012")
    _fill_steps(page)
    _field(page, "tata_letak.kertas").select_option("A4")
    _settled(page)
    assert page.locator("#summary .count").inner_text().startswith("0 galat")
    assert page.locator("#preview img.page").count() >= 2
    page.locator("#swimlane").click()
    page.locator('#preview img[alt="Swimlane"]').wait_for()
    _save(page)
    with page.expect_download() as download:
        page.locator("#pdf").click()
    assert download.value.suggested_filename == "sop-rapat-koordinasi.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    check = subprocess.run([SOP_DOCS, "check", "--project", str(project)], capture_output=True,
                           text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    data = read_source(project / rel).data
    assert data["tata_letak"] == {"kertas": "A4"}
    assert len(data["langkah"]) == 6 and [c["label"] for c in data["langkah"][3]["cabang"]] == [
        "Ya", "Tidak"]
    out = tmp_path / "build"
    build = subprocess.run([SOP_DOCS, "build", "-o", str(out), "--project", str(project)],
                           capture_output=True, text=True, timeout=600, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    pdf = out / "sop" / "sop-rapat-koordinasi" / "sop-rapat-koordinasi.pdf"
    with pdfplumber.open(pdf) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "Apakah bahan lengkap?" in text and "Rapat Koordinasi" in text
    assert watched.errors == []


def test_paste_a_five_row_table_from_excel(tab: tuple[Any, Watched], project: Path) -> None:
    page, watched = tab
    rel = _create(page, "sop-tempel")
    rows = [(f"Kegiatan {n}", f"Berkas {n}", f"{n * 5} menit", f"Hasil {n}") for n in range(1, 6)]
    rows[2] = ('Kegiatan "tiga"\tdengan tab', "Berkas 3", "15 menit", "Hasil 3")
    table = "\r\n".join("\t".join(_excel(cell) for cell in row) for row in rows) + "\r\n"
    page.evaluate(
        """([selector, text]) => {
            const target = document.querySelector(selector);
            const data = new DataTransfer();
            data.setData('text/plain', text);
            target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data,
              bubbles: true, cancelable: true}));
        }""",
        ['[data-field="langkah.0.kegiatan"]', table],
    )
    assert page.locator("table.steps tbody tr").count() == 5
    for index, (kegiatan, kelengkapan, waktu, output) in enumerate(rows):
        assert _field(page, f"langkah.{index}.kegiatan").input_value() == kegiatan
        assert _field(page, f"langkah.{index}.kelengkapan").input_value() == kelengkapan
        assert _field(page, f"langkah.{index}.waktu").input_value() == waktu
        assert _field(page, f"langkah.{index}.output").input_value() == output
    _settled(page)
    _save(page)
    steps = read_source(project / rel).data["langkah"]
    assert [s["kegiatan"] for s in steps] == [r[0] for r in rows]
    assert watched.errors == []


def _excel(cell: str) -> str:
    """A cell as Excel puts it on the clipboard: quoted when it holds a tab, quote or newline."""
    if any(c in cell for c in '\t"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def test_one_field_edit_of_a_seed_changes_one_line(tab: tuple[Any, Watched],
                                                   project: Path) -> None:
    page, watched = tab
    before = (project / SEED).read_text(encoding="utf-8")
    _open(page, SEED)
    _field(page, "langkah.2.waktu").fill("45 menit")
    _settled(page)
    _save(page)
    after = (project / SEED).read_text(encoding="utf-8")
    changed = _changed(before, after)
    assert len(changed) == 2 and changed[1] == "+    waktu: 45 menit", changed
    assert watched.errors == []


def test_a_change_on_disk_is_not_overwritten(tab: tuple[Any, Watched], project: Path) -> None:
    page, _watched = tab
    _open(page, SEED)
    _field(page, "nomor").fill("NOMOR DARI STUDIO")
    _settled(page)
    path = project / SEED
    elsewhere = path.read_text(encoding="utf-8").replace("\nnomor:", "\n# diubah di luar\nnomor:")
    path.write_text(elsewhere, encoding="utf-8")
    page.locator("#save").click()
    page.locator("#problem").wait_for()
    assert page.locator("#status.bad").count() == 1
    assert path.read_text(encoding="utf-8") == elsewhere
    assert _field(page, "nomor").input_value() == "NOMOR DARI STUDIO"  # edits still shown
    page.locator("#rebase-conflict").click()  # keep my edit on top of the new version
    page.locator("#status.dirty").wait_for()
    assert _field(page, "nomor").input_value() == "NOMOR DARI STUDIO"
    _save(page)
    saved = path.read_text(encoding="utf-8")
    assert "# diubah di luar" in saved and "NOMOR DARI STUDIO" in saved
    path.write_text(elsewhere, encoding="utf-8")  # once more, then drop the studio's edit
    _field(page, "nomor").fill("LAGI")
    _settled(page)
    page.locator("#save").click()
    page.locator("#reload-conflict").click()
    page.locator("#status.ok").wait_for()
    assert _field(page, "nomor").input_value() != "LAGI"
    assert path.read_text(encoding="utf-8") == elsewhere


def test_xss_payloads_stay_text(tab: tuple[Any, Watched], project: Path) -> None:
    page, _watched = tab
    path = project / SEED
    text = path.read_text(encoding="utf-8")
    hostile = text.replace("\nnama: ", f"\nnama: '{XSS}' # ", 1)
    path.write_text(hostile, encoding="utf-8")
    page.reload()
    page.locator(".file-link", has_text="window.__xss").first.wait_for()
    _open(page, SEED)
    _field(page, "langkah.1.kegiatan").fill(XSS)
    _field(page, "langkah.1.waktu").fill(XSS)  # its finding repeats the text
    _field(page, "pelaksana.0.nama").fill(XSS)
    _settled(page)
    assert XSS in page.locator("#summary").inner_text()
    beside = page.locator('[data-field="langkah.1.waktu"] + .finding')
    assert beside.locator(".code").inner_text() == dg.LNT_WAKTU.code
    assert XSS in beside.inner_text()
    assert page.locator(".actors-pick", has_text="window.__xss").count() >= 1
    _save(page)
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator('img[src*="evil.example"]').count() == 0
    assert page.locator("#preview img.page").count() >= 2
    assert read_source(path).data["langkah"][1]["kegiatan"] == XSS


def test_the_page_speaks_english_on_request(browser: Any, studio: StudioServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from sop_docs.i18n import Language
    from sop_docs.studio import server as server_module

    monkeypatch.setattr(server_module, "current", lambda: Language.EN)
    context = browser.new_context()
    page = context.new_page()
    page.goto(studio.url)
    page.locator("#list h1", has_text="SOP studio").wait_for()
    _open(page, SEED)
    assert page.locator("#save").inner_text() == "Save"
    assert page.get_by_role("heading", name="Steps (procedure)").count() == 1
    context.close()
