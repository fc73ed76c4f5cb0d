"""The swimlane SVG of a 12-step SOP, whole `dot` process included: target < 150 ms median.

Rows: the bare ``dot -Tsvg`` process on the same DOT text (the same-run baseline), the
swimlane SVG through the renderer's path (DOT built from the model, ``dot`` run through the
``graphviz`` package) against the limit and as a ratio to that baseline, and the DOT text
generation alone.
"""

from __future__ import annotations

import subprocess

from benchmarks.harness import Result, median_ms, ratio, under
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render
from sop_docs_demo.synthetic import synthetic_sop

LIMIT_MS = 150.0


def run() -> list[Result]:
    resolved = synthetic_sop(seed=12, steps=12, actors=5, decisions=1, multi_actor=1)
    dot_text = swimlane_dot(resolved)
    data = dot_text.encode("utf-8")

    def bare_dot() -> None:
        subprocess.run(["dot", "-Tsvg"], input=data, capture_output=True, check=True)

    def swimlane_svg() -> None:
        render(swimlane_dot(resolved), "svg")

    base = median_ms(bare_dot, repeat=25)
    whole = median_ms(swimlane_svg, repeat=25)
    generation = median_ms(lambda: swimlane_dot(resolved), repeat=50)
    note = "12 steps, 5 lanes"
    return [
        Result("swimlane: bare `dot -Tsvg`, same DOT", base, "baseline", True, note=note),
        under("swimlane: 12-step SVG (DOT + dot process)", whole, LIMIT_MS, note=note),
        ratio("swimlane: 12-step SVG vs bare dot", whole, "bare dot", base, 1.5, note=note),
        under("swimlane: DOT text generation alone", generation, 15.0, note=note),
    ]
