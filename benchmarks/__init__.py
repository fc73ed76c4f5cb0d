"""Performance benchmarks: `make bench` (or `python -m benchmarks [NAME...]`) prints one table.

Each ``bench_*.py`` module here exposes ``run() -> list[Result]``.  Figures are medians
measured in the same run as their baseline, and reported as ratios against it, so they
mean the same on any machine.
"""
