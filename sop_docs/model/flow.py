"""The flow of an SOP's steps as a graph: reachability, and the normal path (the steps a
case passes through when no decision sends it back), so a total duration does not count
rework (a "Tidak" exit that loops back) as if it always happened.

A step is on the normal path when it lies on a path from the first step to an end (a step
with no successor) that only moves forward in the written order of the steps.  Steps reached
only through a jump back (a loop) are rework; a decision's forward alternatives stay counted.
"""

from __future__ import annotations

from collections.abc import Iterable

from sop_docs.model.sop import SOP


def normal_path(sop: SOP) -> set[str]:
    """Ids of the steps on the normal path; every step id when no forward path reaches an
    end (a broken flow, which lint reports)."""
    order = sop.step_index
    forward: dict[str, list[str]] = {}
    back: dict[str, list[str]] = {step_id: [] for step_id in order}
    for step_id, index in order.items():
        targets = [t for t, _ in sop.successors(sop.langkah[index]) if order.get(t, -1) > index]
        forward[step_id] = targets
        for target in targets:
            back[target].append(step_id)
    ends = [s.id for s in sop.langkah if not sop.successors(s)]
    found = reachable(forward, [sop.langkah[0].id]) & reachable(back, ends)
    return found or set(order)


def reachable(graph: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    """Every step reachable from ``starts`` (the starts included)."""
    seen = set(starts)
    todo = list(seen)
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
