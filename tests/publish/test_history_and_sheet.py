"""The site's history section (withdrawn SOPs, unpublished changes), the riwayat_revisi
line `--isi-perubahan` writes, and the one-page Lembar Perubahan."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from sop_docs.model.build import load_corpus
from sop_docs.publish.changes_pdf import Versi, changes_pdf
from sop_docs.publish.diff import Jenis, LangkahBerubah, Perubahan
from sop_docs.publish.riwayat import add_entry
from sop_docs.publish.run import publish_sop
from sop_docs.scaffold import init_project
from sop_docs.site import history, pages
from sop_docs.site.artifacts import SopAssets
from sop_docs.sources import parse_bytes
from tests.publish.helpers import SECOND_REVISION, SOP_ID, edit

NO_ASSETS = SopAssets((), None, (), {})


def _page(project: Path) -> str:
    corpus, _ = load_corpus(project)
    resolved = corpus.sop(SOP_ID)
    assert resolved is not None
    found = history.load_histories(project, corpus).get(SOP_ID)
    return pages.sop_page(resolved, NO_ASSETS, {SOP_ID}, found)[1]


def test_a_withdrawn_sop_stays_listed_with_its_history(project: Path) -> None:
    assert publish_sop(project, SOP_ID, dt.date(2024, 1, 15)).entry is not None
    edit(project, ("status: berlaku ", "status: dicabut "))
    withdrawn = publish_sop(project, SOP_ID, dt.date(2025, 3, 1), fill=True)
    assert withdrawn.entry is not None and withdrawn.entry.manifest.status == "dicabut"
    text = _page(project)
    assert "SOP ini telah dicabut" in text and "Dicabut (tidak berlaku lagi)" in text
    assert "tidak berlaku sejak 1 Maret 2025" in text  # revision 0
    assert "dicabut sejak 1 Maret 2025" in text  # the withdrawal itself
    assert re.findall(r'<tr id="revisi-(\d+)"', text) == ["1", "0"]


def test_unpublished_changes_are_shown_against_the_latest_revision(project: Path) -> None:
    assert publish_sop(project, SOP_ID, dt.date(2024, 1, 15)).entry is not None
    edit(project, SECOND_REVISION[0])
    text = _page(project)
    assert "Perubahan dari Revisi 0 (belum diterbitkan)" in text
    assert re.findall(r'<tr id="langkah-(\d+)" class="sop-berubah"', text) == ["2"]
    assert "masih berlaku" in text


def test_without_an_archive_the_source_history_is_shown(project: Path) -> None:
    text = _page(project)
    assert "Belum ada revisi." in text and "sop-berubah" not in text


RIWAYAT_CASES = {
    "none": "id: x\nnama: y\n",
    "block": "id: x\nriwayat_revisi:\n  - nomor: 1\n    tanggal: 2024-01-01\n"
             "    perubahan: a\n  # catatan\nnama: y\n",
    "indentless": "riwayat_revisi:\n- {nomor: 1, perubahan: a}\n\n# akhir\nnama: y\n",
}


@pytest.mark.parametrize("name", sorted(RIWAYAT_CASES))
def test_the_riwayat_line_is_added_as_text(name: str) -> None:
    text = RIWAYAT_CASES[name]
    source = parse_bytes(text.encode(), Path("x.yaml"), "x.yaml")
    changed = add_entry(text, source.positions, 2, dt.date(2024, 6, 1), 'Mengubah "a": b #c')
    assert changed is not None and changed.startswith(text.split("riwayat_revisi")[0])
    again = parse_bytes(changed.encode(), Path("x.yaml"), "x.yaml")
    assert again.ok and not again.diagnostics
    assert again.data["riwayat_revisi"][-1] == {"nomor": 2, "tanggal": dt.date(2024, 6, 1),
                                                "perubahan": 'Mengubah "a": b #c'}
    assert again.data["nama"] == "y"


def test_a_flow_list_is_left_to_the_author() -> None:
    text = "riwayat_revisi: [{nomor: 1, perubahan: a}]\n"
    source = parse_bytes(text.encode(), Path("x.yaml"), "x.yaml")
    assert add_entry(text, source.positions, 2, dt.date(2024, 6, 1), "b") is None


def test_the_lembar_perubahan_is_one_pdfa_page_even_for_many_changes(project: Path,
                                                                    tmp_path: Path) -> None:
    corpus, _ = load_corpus(project)
    resolved = corpus.sop(SOP_ID)
    assert resolved is not None
    many = Perubahan(langkah=tuple(
        LangkahBerubah(jenis=Jenis.DITAMBAH, id=f"l{i}", kegiatan=f"Kegiatan nomor {i} 😀",
                       no_baru=i) for i in range(1, 80)))
    lama, baru = Versi("Revisi 0", dt.date(2024, 1, 15)), Versi("Revisi 1", dt.date(2024, 6, 1))
    data = changes_pdf(dataclasses.replace(resolved), many, lama, baru)
    assert data == changes_pdf(resolved, many, lama, baru)  # deterministic
    path = tmp_path / "lembar.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        words = pdf.pages[0].extract_text()
    assert "LEMBAR PERUBAHAN SOP" in words and "Langkah 1 ditambah" in words
    assert re.search(r"dan \d+ perubahan lain", words)
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"


def test_pages_from_the_same_archive_are_identical(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b"):
        folder = tmp_path / name
        init_project(folder)
        assert publish_sop(folder, SOP_ID, dt.date(2024, 1, 15)).entry is not None
        edit(folder, *SECOND_REVISION)
        assert publish_sop(folder, SOP_ID, dt.date(2024, 6, 1), fill=True).entry is not None
        texts.append(_page(folder))
    assert texts[0] == texts[1] and "Perubahan dari Revisi 0" in texts[0]
