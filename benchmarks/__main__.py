"""Run every benchmark module (or those named on the command line) and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks.harness import Result


def _modules(selected: list[str]) -> list[str]:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = set(selected)
    return [n for n in names if not wanted or {n, n.removeprefix("bench_")} & wanted]


def _print(rows: list[tuple[str, Result]]) -> None:
    header = f"{'module':<14} {'benchmark':<52} {'median':>11} {'ratio':>7}  {'target':<26} ok"
    print(header)
    print("-" * len(header))
    for module, r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        print(f"{module:<14} {r.name:<52} {r.median_ms:>8.1f} ms {ratio:>7}  {r.target:<26} "
              f"{'yes' if r.ok else 'NO'}{('  ' + r.note) if r.note else ''}")


def main(argv: list[str]) -> int:
    rows: list[tuple[str, Result]] = []
    for name in _modules(argv):
        module = importlib.import_module(f"benchmarks.{name}")
        rows.extend((name.removeprefix("bench_"), r) for r in module.run())
    _print(rows)
    return 0 if all(r.ok for _, r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
