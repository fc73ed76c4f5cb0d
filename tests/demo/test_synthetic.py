"""The synthetic-SOP generator: valid flows for every shape and seed, deterministic output,
and a written project whose YAML round-trips and loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_docs.diagnostics import LNT_WAKTU
from sop_docs.lint.runner import lint_corpus
from sop_docs.model.build import load_corpus
from sop_docs.model.sop import SOP, Simbol
from sop_docs_demo.synthetic import (
    Shape,
    synthetic_corpus,
    synthetic_sop,
    synthetic_sources,
    write_synthetic_project,
)


def _edges(sop: SOP) -> dict[str, list[str]]:
    return {s.id: [target for target, _ in sop.successors(s)] for s in sop.langkah}


def _reachable(edges: dict[str, list[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _flow_problems(sop: SOP) -> list[str]:
    """Every validity property the generator promises, as a list of violations."""
    problems = []
    ids = [s.id for s in sop.langkah]
    actor_ids = [a.id for a in sop.pelaksana]
    if len(set(ids)) != len(ids) or len(set(actor_ids)) != len(actor_ids):
        problems.append("duplicate ids")
    edges = _edges(sop)
    if any(t not in edges for targets in edges.values() for t in targets):
        problems.append("unknown step target")
        return problems
    if _reachable(edges, ids[0]) != set(ids):
        problems.append("unreachable steps")
    stuck = [i for i in ids if ids[-1] not in _reachable(edges, i)]
    if stuck:
        problems.append(f"no path to the end from {stuck}")
    for step in sop.langkah:
        reach = set().union(*(_reachable(edges, t) for t in edges[step.id]))
        loop = {other for other in reach if step.id in _reachable(edges, other)}
        if loop and all(t in loop for member in loop for t in edges[member]):
            problems.append(f"loop through {step.id} has no exit")
        if step.cabang and (len(step.cabang) != 2 or not all(c.label for c in step.cabang)):
            problems.append(f"decision {step.id} without two labelled exits")
    used = {a for s in sop.langkah for a in s.pelaksana}
    if used != set(actor_ids):
        problems.append(f"actors unused or unknown: {used ^ set(actor_ids)}")
    if sop.simbol(sop.langkah[0]) is not Simbol.TERMINATOR:
        problems.append("first step is not a terminator")
    if sop.simbol(sop.langkah[-1]) is not Simbol.TERMINATOR:
        problems.append("last step is not a terminator")
    return problems


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """Any shape a valid flow exists for: 2-40 steps, up to 12 actors, 0-3 decisions."""
    steps = draw(st.integers(2, 40))
    actors = draw(st.integers(1, min(12, steps)))
    decisions = draw(st.integers(0, min(3, max(0, steps - 3))))
    multi = draw(st.integers(0, min(4, steps - 2 - decisions))) if actors > 1 else 0
    return Shape(steps, actors, decisions, multi, draw(st.booleans()), draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(-(2**31), 2**31), shape=shapes())
def test_every_generated_flow_is_valid(seed: int, shape: Shape) -> None:
    resolved = synthetic_sop(seed, shape.steps, shape.actors, shape.decisions,
                             shape.multi_actor, shape.long_text, shape.special_text)
    sop = resolved.sop
    assert _flow_problems(sop) == []
    assert len(sop.langkah) == shape.steps
    assert len(sop.pelaksana) == shape.actors
    assert sum(1 for s in sop.langkah if s.cabang) == shape.decisions
    assert sum(1 for s in sop.langkah if len(s.pelaksana) == 2) == shape.multi_actor
    assert resolved.pengesah.id == sop.disahkan_oleh


def test_decisions_loop_back_with_varied_labels() -> None:
    labels, loops = set(), 0
    for seed in range(60):
        sop = synthetic_sop(seed, steps=20, actors=6, decisions=3).sop
        index = {s.id: i for i, s in enumerate(sop.langkah)}
        for i, step in enumerate(sop.langkah):
            if step.cabang:
                forward, back = step.cabang
                labels.add((forward.label, back.label))
                assert index[forward.ke] == i + 1
                assert index[back.ke] < i
                loops += 1
    assert labels == {("Ya", "Tidak"), ("Lengkap", "Tidak"), ("Benar", "Salah")}
    assert loops == 180


def test_long_texts_run_to_hundreds_of_words() -> None:
    sop = synthetic_sop(5, steps=30, long_text=True).sop
    lengths = sorted(len(s.kegiatan.split()) for s in sop.langkah)
    assert lengths[-1] >= 150
    assert lengths[0] < 20, "only some activities are long"


def test_waktu_values_include_qualified_and_unreadable_forms() -> None:
    texts = {s.waktu.teks for seed in range(30) for s in synthetic_sop(seed).sop.langkah
             if s.waktu is not None}
    assert {"15 menit", "2 hari", "tergantung volume pekerjaan"} <= texts
    assert any("/ bagian" in t for t in texts)


def test_up_to_twelve_actors_and_more_for_hostile_cases() -> None:
    for count in (8, 12, 15):
        sop = synthetic_sop(1, steps=count + 2, actors=count).sop
        assert len({a.nama for a in sop.pelaksana}) == count
        assert _flow_problems(sop) == []


@pytest.mark.parametrize(
    "kwargs",
    [{"steps": 1}, {"steps": 5, "actors": 6}, {"steps": 5, "decisions": 3},
     {"decisions": 4, "steps": 40}, {"steps": 4, "decisions": 1, "multi_actor": 2},
     {"actors": 1, "multi_actor": 1}],
)
def test_impossible_shapes_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        synthetic_sop(0, **kwargs)


def test_same_seed_same_output_different_seed_different_output() -> None:
    a = synthetic_sop(7, steps=25, decisions=2, long_text=True, special_text=True)
    b = synthetic_sop(7, steps=25, decisions=2, long_text=True, special_text=True)
    c = synthetic_sop(8, steps=25, decisions=2, long_text=True, special_text=True)
    assert a == b
    assert a.sop != c.sop


def test_corpus_is_valid_sorted_and_deterministic() -> None:
    corpus = synthetic_corpus(40, seed=3)
    assert corpus == synthetic_corpus(40, seed=3)
    ids = [r.sop.id for r in corpus.sops]
    assert ids == sorted(ids) and len(set(ids)) == 40
    assert [p.id for p in corpus.profiles] == sorted(p.id for p in corpus.profiles)
    for resolved in corpus.sops:
        assert _flow_problems(resolved.sop) == []
        for link in resolved.sop.keterkaitan:
            assert link.sop is None or corpus.sop(link.sop) is not None
    assert any(k.sop for r in corpus.sops for k in r.sop.keterkaitan)
    assert max(len(r.sop.langkah) for r in corpus.sops) >= 30


def _read_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_written_project_round_trips_and_is_byte_identical(tmp_path: Path) -> None:
    write_synthetic_project(tmp_path / "a", 25, seed=2)
    write_synthetic_project(tmp_path / "b", 25, seed=2)
    tree = _read_tree(tmp_path / "a")
    assert tree == _read_tree(tmp_path / "b")
    project = synthetic_sources(25, seed=2)
    assert len(tree) == 1 + len(project.profiles) + 25
    for data in project.sops:
        text = tree[f"sop_sources/{data['id']}.yaml"].decode("utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schema/sop.schema.json\n")
        assert yaml.safe_load(text) == data, "special texts must survive the YAML round trip"
    for data in project.profiles:
        assert yaml.safe_load(tree[f"sop_sources/profil/{data['id']}.yaml"]) == data
    assert yaml.safe_load(tree["sop-docs.yaml"]) == project.settings
    specials = [s["output"] for d in project.sops for s in d["langkah"]]
    assert any(o[:1] in "-*&!%@`'\"[{|>?:#" for o in specials)


def test_written_project_loads_and_lints_clean(tmp_path: Path) -> None:
    write_synthetic_project(tmp_path, 30, seed=4)
    corpus, problems = load_corpus(tmp_path)
    assert [d.render() for d in problems] == []
    expected = synthetic_corpus(30, seed=4)
    assert [r.sop for r in corpus.sops] == [r.sop for r in expected.sops]
    assert corpus.profiles == expected.profiles
    # The only warning a valid synthetic flow earns: the unreadable waktu it uses on purpose.
    unreadable = sum(1 for r in corpus.sops for s in r.sop.langkah
                     if s.waktu is not None and not s.waktu.terbaca)
    findings = [d for d in lint_corpus(corpus) if d.code != LNT_WAKTU.code]
    assert [d.render() for d in findings] == []
    assert len(lint_corpus(corpus)) == unreadable > 0
