"""Sample and synthetic data for the demo, the tests and the benchmarks; not part of the wheel.

- :mod:`sop_docs_demo.synthetic`: deterministic synthetic SOPs and whole projects (tests,
  stress cases, benchmarks);
- :mod:`sop_docs_demo.sample_returns`: the sample inbox of filled returned kits committed
  under ``kits/contoh-kembali/`` (``make demo`` merges it) and the helpers that fill a kit as
  a person would.

This package imports :mod:`sop_docs`; nothing in :mod:`sop_docs` imports it.
"""
