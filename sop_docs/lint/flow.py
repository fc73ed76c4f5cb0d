"""The flow graph of an SOP's steps, for the reachability and loop rules."""

from __future__ import annotations

from collections.abc import Iterable

from sop_docs.model.sop import SOP


def edges(sop: SOP) -> dict[str, list[str]]:
    """Step id -> ids of the steps it goes to (targets that do not exist are left out)."""
    known = {step.id for step in sop.langkah}
    graph: dict[str, list[str]] = {}
    for step in sop.langkah:
        if step.id not in graph:
            graph[step.id] = [t for t, _ in sop.successors(step) if t in known]
    return graph


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


def reverse(graph: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same graph with every edge turned around."""
    back: dict[str, list[str]] = {node: [] for node in graph}
    for source, targets in graph.items():
        for target in targets:
            back[target].append(source)
    return back


def closed_loops(graph: dict[str, list[str]]) -> list[list[str]]:
    """Cycles nothing leaves: strongly connected groups with no edge out (graph order kept)."""
    back = reverse(graph)
    assigned: set[str] = set()
    loops = []
    for node in graph:
        if node in assigned:
            continue
        group = reachable(graph, [node]) & reachable(back, [node])
        assigned |= group
        cyclic = len(group) > 1 or node in graph[node]
        leaves = any(t not in group for member in group for t in graph[member])
        if cyclic and not leaves:
            loops.append([n for n in graph if n in group])
    return loops
