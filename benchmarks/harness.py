"""Shared timing helpers for the benchmarks: medians, ratios against a same-run baseline."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One benchmark row: what was measured, its median, and the target it must meet."""

    name: str
    median_ms: float
    target: str  # human-readable target, e.g. "< 25 ms" or "<= 1.5x baseline"
    ok: bool
    baseline: str = ""  # name of the same-run baseline, if any
    ratio: float | None = None  # median / baseline median
    note: str = ""


def median_ms(func: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    """Median wall time of ``func`` in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def once_s(func: Callable[[], object]) -> float:
    """Wall time of one call, in seconds (for the large batch figures)."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def under(name: str, value_ms: float, limit_ms: float, note: str = "") -> Result:
    """A row whose target is an absolute time limit."""
    return Result(name, value_ms, f"< {limit_ms:g} ms", value_ms < limit_ms, note=note)


def ratio(name: str, value_ms: float, base_name: str, base_ms: float, max_ratio: float,
          note: str = "") -> Result:
    """A row whose target is a ratio against a baseline measured in the same run."""
    r = value_ms / base_ms if base_ms > 0 else float("inf")
    return Result(name, value_ms, f"<= {max_ratio:g}x {base_name}", r <= max_ratio,
                  baseline=base_name, ratio=r, note=note)
