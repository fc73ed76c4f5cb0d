"""Fixtures of the renderer tests: the seed corpus and the stress cases of the layout tests,
so a renderer is tested on exactly the sheets the layout tests check."""

from __future__ import annotations

from ..layout.conftest import (
    REPO,
    layout_checker,
    seed_and_stress,
    seed_corpus,
    sheet_of,
    stress,
    stress_cases,
    with_paper,
)

__all__ = ["REPO", "layout_checker", "seed_and_stress", "seed_corpus",
           "sheet_of", "stress", "stress_cases",
           "with_paper"]
