"""The rendered SVG read back: lanes, symbols and their order, for seeds and stress cases.

All graphs go through one ``dot`` process (built once per session), as `make test` runs
them; each test then checks the geometry of its drawings.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import pytest

from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.sop import Simbol
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render_svgs
from sop_docs_demo.synthetic import synthetic_sop

pytestmark = pytest.mark.xdist_group("swimlane")

# (seed, steps, actors, decisions, multi_actor, long_text, special_text)
STRESS = [
    (1, 40, 8, 3, 3, False, False),
    (2, 40, 8, 3, 3, True, True),
    (3, 40, 8, 3, 6, False, False),
    (4, 12, 4, 2, 2, False, False),
    (5, 20, 6, 3, 2, True, False),
    (6, 30, 12, 3, 4, False, True),
    (7, 2, 1, 0, 0, False, False),
    (8, 6, 1, 1, 0, True, False),
    (9, 12, 12, 3, 2, False, False),
    *[(seed, 16, 5, 3, 2, False, False) for seed in range(10, 40)],
]


def _jumping(seed: int, jumps: dict[int, int], lane_of: dict[int, int]) -> ResolvedSOP:
    """A 12-step SOP whose steps jump (``ke``) as ``jumps`` says (index -> index), with the
    steps of ``lane_of`` moved to another lane: arrows that skip rows inside one lane."""
    resolved = synthetic_sop(seed, steps=12, actors=3, decisions=0, multi_actor=0)
    sop = resolved.sop
    lanes = [p.id for p in sop.pelaksana]
    steps = [
        step.model_copy(update={
            "ke": sop.langkah[jumps[i]].id if i in jumps else None,
            "pelaksana": (lanes[lane_of.get(i, 0)],),
        })
        for i, step in enumerate(sop.langkah)
    ]
    steps[-1] = steps[-1].model_copy(update={"pelaksana": (lanes[2],)})
    steps[-2] = steps[-2].model_copy(update={"pelaksana": (lanes[1],)})
    return dataclasses.replace(resolved, sop=sop.model_copy(update={"langkah": tuple(steps)}))


# Arrows stacked beside the symbols of one lane: forward skips, loops and a self-loop.
JUMPING = [
    _jumping(50, {1: 6, 2: 7, 3: 8}, {}),
    _jumping(51, {8: 1, 7: 2, 6: 3, 5: 5}, {4: 1}),
    _jumping(52, {0: 9, 9: 0, 4: 4, 3: 1}, {1: 2, 2: 2}),
]


@pytest.fixture(scope="session")
def stress_sops() -> list[ResolvedSOP]:
    generated = [synthetic_sop(seed, steps, actors, decisions, multi, long_text, special)
                 for seed, steps, actors, decisions, multi, long_text, special in STRESS]
    return [*generated, *JUMPING]


@pytest.fixture(scope="session")
def drawings(seed_corpus: Corpus, stress_sops: list[ResolvedSOP],
             parse_svg: Callable[[str], object]) -> dict[str, object]:
    """Every seed and stress SOP drawn by one dot call, by SOP id."""
    sops = [*seed_corpus.sops, *stress_sops]
    svgs = render_svgs([swimlane_dot(resolved) for resolved in sops])
    return {resolved.sop.id: parse_svg(svg) for resolved, svg in zip(sops, svgs, strict=True)}


def test_seed_lanes_symbols_and_order(seed_corpus: Corpus, drawings: dict, check_layout) -> None:
    for resolved in seed_corpus.sops:
        assert check_layout(drawings[resolved.sop.id], resolved) == [], resolved.sop.id


def test_stress_lanes_symbols_and_order(stress_sops: list[ResolvedSOP], drawings: dict,
                                        check_layout) -> None:
    failures = {r.sop.id: check_layout(drawings[r.sop.id], r) for r in stress_sops}
    assert {k: v for k, v in failures.items() if v} == {}


def test_symbols_follow_the_official_shapes(seed_corpus: Corpus,
                                            stress_sops: list[ResolvedSOP],
                                            drawings: dict) -> None:
    """Terminators are rounded (a path), processes boxes and decisions diamonds (polygons)."""
    for resolved in [*seed_corpus.sops, *stress_sops]:
        drawing = drawings[resolved.sop.id]
        for step in resolved.sop.langkah:
            simbol = resolved.sop.simbol(step)
            for actor in step.pelaksana:
                group = drawing.groups[f"step.{step.id}.{actor}"]
                assert simbol.value in group.get("class").split()
                shapes = [e.tag.rsplit("}", 1)[1] for e in group if not e.tag.endswith("text")
                          and not e.tag.endswith("title")]
                polygon = group.find("{http://www.w3.org/2000/svg}polygon")
                if simbol is Simbol.TERMINATOR:
                    assert shapes == ["path"], (step.id, shapes)
                else:
                    assert shapes == ["polygon"], (step.id, shapes)
                    corners = len(polygon.get("points").split())
                    assert corners == 5  # closed 4-corner outline: box or diamond
                    if simbol is Simbol.KEPUTUSAN:
                        box = drawing.box(f"step.{step.id}.{actor}")
                        xs = [float(p.split(",")[0]) for p in polygon.get("points").split()]
                        assert min(abs(x - (box.left + box.right) / 2) for x in xs) < 0.5


def test_step_numbers_and_activities_are_shown(seed_corpus: Corpus, drawings: dict) -> None:
    for resolved in seed_corpus.sops:
        drawing = drawings[resolved.sop.id]
        for number, step in enumerate(resolved.sop.langkah, start=1):
            text = drawing.text(f"step.{step.id}.{step.pelaksana[0]}")
            assert text.startswith(f"{number}. ")
            first_word = step.kegiatan.split()[0]
            assert first_word in text


def test_decision_exits_are_labelled_and_loops_drawn(seed_corpus: Corpus,
                                                     stress_sops: list[ResolvedSOP],
                                                     drawings: dict) -> None:
    loops = 0
    for resolved in [*seed_corpus.sops, *stress_sops]:
        drawing = drawings[resolved.sop.id]
        rows = {step.id: i for i, step in enumerate(resolved.sop.langkah)}
        for step in resolved.sop.langkah:
            for number, (target, label) in enumerate(resolved.sop.successors(step)):
                edge = f"flow.{step.id}.{number}"
                assert edge in drawing.groups, edge
                if label is not None:
                    assert drawing.text(edge).split() == label.split()
                if rows[target] <= rows[step.id]:
                    loops += 1
                    box = drawing.box(edge)  # a back edge climbs to its target
                    first_lane = resolved.sop.step(target).pelaksana[0]
                    target_box = drawing.box(f"step.{target}.{first_lane}")
                    assert box.top <= target_box.bottom
    assert loops >= 30


def test_multi_actor_steps_are_joined(stress_sops: list[ResolvedSOP], drawings: dict) -> None:
    joined = 0
    for resolved in stress_sops:
        drawing = drawings[resolved.sop.id]
        order = [p.id for p in resolved.sop.pelaksana]
        for step in resolved.sop.langkah:
            lanes = sorted(step.pelaksana, key=order.index)
            for left, right in itertools.pairwise(lanes):
                line = drawing.box(f"join.{step.id}.{left}.{right}")
                assert line.left <= drawing.box(f"step.{step.id}.{left}").right + 1
                assert line.right >= drawing.box(f"step.{step.id}.{right}").left - 1
                joined += 1
    assert joined >= 20
