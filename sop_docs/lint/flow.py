"""The flow graph of an SOP's steps, for the reachability and loop rules."""

from __future__ import annotations

from sop_docs.model.flow import reachable
from sop_docs.model.sop import SOP

__all__ = ["closed_loops", "edges", "reachable", "reverse"]


def edges(sop: SOP) -> dict[str, list[str]]:
    """Step id -> ids of the steps it goes to (targets that do not exist are left out)."""
    known = {step.id for step in sop.langkah}
    graph: dict[str, list[str]] = {}
    for step in sop.langkah:
        if step.id not in graph:
            graph[step.id] = [t for t, _ in sop.successors(step) if t in known]
    return graph


def reverse(graph: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same graph with every edge turned around."""
    back: dict[str, list[str]] = {node: [] for node in graph}
    for source, targets in graph.items():
        for target in targets:
            back[target].append(source)
    return back


def components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected groups of steps (Tarjan's algorithm, iterative, linear time)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if next_edge < len(targets):
                work.append((node, next_edge + 1))
                target = targets[next_edge]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def closed_loops(graph: dict[str, list[str]]) -> list[list[str]]:
    """Cycles nothing leaves: strongly connected groups with no edge out (graph order kept)."""
    loops = []
    for group in components(graph):
        members = set(group)
        cyclic = len(group) > 1 or group[0] in graph[group[0]]
        leaves = any(t not in members for member in group for t in graph[member])
        if cyclic and not leaves:
            loops.append([n for n in graph if n in members])
    return loops
