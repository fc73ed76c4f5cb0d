"""A decision's two exit labels never sit on one another in the swimlane SVG, even when
both exits leave toward the same side (the unseen corpus's DPUPR step 17), on the seeds,
the unseen e2e corpus and generated SOPs."""

from __future__ import annotations

import html
import re

import pytest

from sop_docs.model.build import load_corpus
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render_svgs
from sop_docs_demo.synthetic import synthetic_sop

from .conftest import REPO

SEEDS, _ = load_corpus(REPO)
UNSEEN, _ = load_corpus(REPO / "tests" / "e2e" / "corpus")
CASES = [*SEEDS.sops, *UNSEEN.sops, synthetic_sop(5, steps=20, actors=10, decisions=2,
                                                   multi_actor=2)]


def _exit_labels(svg: str) -> dict[str, list[tuple[float, float, float, float]]]:
    """Per decision step id, the boxes (x0, x1, y, size) of its exit labels."""
    found: dict[str, list[tuple[float, float, float, float]]] = {}
    for block in re.finditer(r'<g id="flow\.([^"]+)\.\d+"(.*?)</g>', svg.replace("&#45;", "-"),
                             re.S):
        for x, y, size, text in re.findall(r'<text[^>]*x="([\d.-]+)" y="([\d.-]+)"[^>]*'
                                           r'font-size="([\d.]+)"[^>]*>([^<]+)<', block[2]):
            width = 0.55 * float(size) * len(html.unescape(text))
            start = float(x)  # Graphviz writes tail labels text-anchor="start"
            found.setdefault(block[1], []).append(
                (start, start + width, float(y), float(size)))
    return found


@pytest.fixture(scope="module")
def svgs() -> dict[str, str]:
    drawn = render_svgs([swimlane_dot(r) for r in CASES])
    return {r.sop.id: svg for r, svg in zip(CASES, drawn, strict=True)}


@pytest.mark.parametrize("case", CASES, ids=lambda r: r.sop.id)
def test_exit_labels_of_one_decision_do_not_overlap(svgs, case):
    labels = _exit_labels(svgs[case.sop.id])
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
