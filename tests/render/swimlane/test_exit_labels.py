"""A decision's two exit labels never sit on one another in the swimlane SVG, even when
both exits leave toward the same side (the unseen corpus's DPUPR step 17), on the seeds,
the unseen e2e corpus and generated SOPs."""

from __future__ import annotations

import re

import pytest

from sop_docs.model.build import load_corpus
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render_svgs
from sop_docs_demo.synthetic import synthetic_sop
from tests.render.swimlane.helpers import exit_labels

from .conftest import REPO

SEEDS, _ = load_corpus(REPO)
UNSEEN, _ = load_corpus(REPO / "tests" / "e2e" / "corpus")
CASES = [*SEEDS.sops, *UNSEEN.sops, synthetic_sop(5, steps=20, actors=10, decisions=2,
                                                   multi_actor=2)]


@pytest.fixture(scope="module")
def svgs() -> dict[str, str]:
    drawn = render_svgs([swimlane_dot(r) for r in CASES])
    return {r.sop.id: svg for r, svg in zip(CASES, drawn, strict=True)}


@pytest.mark.parametrize("case", CASES, ids=lambda r: r.sop.id)
def test_exit_labels_of_one_decision_do_not_overlap(svgs, case):
    labels = exit_labels(svgs[case.sop.id])
    for step in case.sop.langkah:
        if not step.cabang:
            continue
        boxes = labels.get(step.id, [])
        assert len(boxes) >= 2, step.id
        for i, (a0, a1, ay, size) in enumerate(boxes):
            for b0, b1, by, _ in boxes[i + 1:]:
                assert abs(ay - by) >= size or a1 <= b0 or b1 <= a0, (step.id, boxes)


def test_two_forward_exits_leave_from_different_ports():
    dpupr = next(r for r in UNSEEN.sops if r.sop.id == "dpupr-pengadaan-langsung")
    lines = [ln for ln in swimlane_dot(dpupr).splitlines() if "flow.periksa-hasil." in ln]
    ports = {re.search(r"tailport=(\w)", ln)[1] for ln in lines if "tailport" in ln}
    assert len(lines) == 2 and len(ports) == 2
