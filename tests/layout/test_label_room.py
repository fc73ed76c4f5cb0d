"""Decision labels are printed whole when the sheet has room: wrapped onto two lines or
spread into an empty neighbouring cell before any cut (SHT011 only when nothing fits)."""

from __future__ import annotations

import pytest

from sop_docs.layout.routing import fit_label
from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.build import load_corpus

from .conftest import REPO, check_layout

UNSEEN, _ = load_corpus(REPO / "tests" / "e2e" / "corpus")
BY_ID = {r.sop.id: r for r in UNSEEN.sops}


@pytest.mark.parametrize("sop_id", sorted(BY_ID))
def test_unseen_corpus_labels_are_whole(sop_id):
    layout = layout_sheet(BY_ID[sop_id])
    check_layout(layout, BY_ID[sop_id])  # labels clear of lanes, symbols and each other
    wanted = {(s.id, c.ke): c.label for s in BY_ID[sop_id].sop.langkah for c in s.cabang}
    labels = [lb for page in layout.pages for lb in page.labels]
    assert labels
    for label in labels:
        text = wanted[(label.step_id, label.target_id)]
        assert text is None or " ".join(label.text.split()) == text, label
        assert label.size_pt >= 5 and label.text.count("\n") <= 1, label
    assert "SHT011" not in {d.code for d in layout.diagnostics}


def test_narrow_room_wraps_a_two_word_label():
    pt, text = fit_label("Tidak memenuhi", 10.0, 6.0)
    assert text == "Tidak\nmemenuhi" and pt >= 5


def test_a_label_that_fits_stays_on_one_line():
    assert fit_label("Ya", 10.0, 6.0) == (6.0, "Ya")


def test_a_word_longer_than_any_room_is_cut():
    pt, text = fit_label("Dikembalikan", 8.0, 6.0)
    assert text.endswith("…") and pt == 5.0


def test_the_empty_neighbouring_cell_gives_a_one_word_label_room():
    layout = layout_sheet(BY_ID["bappeda-penyusunan-renja"])
    revisi = [lb for page in layout.pages for lb in page.labels if lb.text == "Revisi"]
    assert revisi and revisi[0].size_pt >= 5
