"""The reference site at scale: 1,000 synthetic SOPs, cold and after one source changed.

- cold: `sop-docs site build` of a fresh project (check, render every SOP's site formats,
  docs tree, mkdocs, zip) must take under 90 s on 2 cores;
- linear: a cold build's time per SOP at 1,000 SOPs may be at most 1.2x its time per SOP at
  100 (every page carrying the whole navigation would make it grow with the SOP count);
- warm: after one SOP's source changed, the same command (an incremental build) must take
  at most 1.3x a bare `mkdocs build` of the same docs tree (mkdocs' own clean build,
  in-process, without our plugin), measured in the same run (alternating runs, medians, so
  a busy machine slows both alike);
- republish: that warm build (check, render, docs, mkdocs, site.zip) within 3 s, measured
  the way a user runs it: the whole `sop-docs site build` command in a fresh process
  (interpreter start, imports, printing the problems), next to the same command with the
  build's caches removed (every source parsed and linted, every page rendered, site.zip
  written in full: how 0.2.0 republished) as the same-run baseline.  The command runs with
  bytecode caching on (in a folder of the run), as an installed package does; the CPU time
  of the process and its children is reported beside the wall time, since a machine shared
  with other work slows the wall clock more than the CPU time.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.harness import Result, once_s, ratio, under
from sop_docs.lint.cache import LINT_FILE
from sop_docs.model.cache import CACHE_FILE
from sop_docs.site.build import build_project_site, source_folder
from sop_docs_demo.synthetic import write_synthetic_project

COUNT = 1000
SMALL = 100
ROUNDS = 2
REPUBLISH_MS = 3000  # issue 17: one changed SOP in 1,000 republished within 3 s


def _edit(project: Path, index: int) -> str:
    """Change one step of the index-th SOP source; return the SOP id."""
    source = sorted((project / "sop_sources").glob("*.yaml"))[index]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["langkah"][0]["kegiatan"] = f"Memverifikasi kelengkapan berkas (revisi {index})"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return str(data["id"])


def bare_mkdocs(config_file: Path) -> None:
    """``mkdocs build`` of the docs tree, in-process like ours, without our plugin or checks."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(config_file=str(config_file)))


def _cold_s(count: int) -> float:
    """Seconds of a cold `site build` of a fresh ``count``-SOP project."""
    with tempfile.TemporaryDirectory(prefix="bench-site-small-") as tmp:
        project = Path(tmp) / "project"
        write_synthetic_project(project, count)
        return once_s(lambda: build_project_site(project, Path(tmp) / "build" / "site"))


def run() -> list[Result]:
    small_s = _cold_s(SMALL)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        project, site_dir = Path(tmp) / "project", Path(tmp) / "build" / "site"
        write_synthetic_project(project, COUNT)
        results = {}

        def build() -> None:
            results["last"] = build_project_site(project, site_dir)

        cold_s = once_s(build)
        cold = results["last"]
        assert cold.ok and len(cold.rendered) == COUNT, "cold build failed"
        config = source_folder(site_dir.parent) / "mkdocs.yml"
        warm, bare = [], []
        for round_ in range(ROUNDS):
            changed = _edit(project, round_ * 7 + 1)
            warm.append(once_s(build))
            assert results["last"].rendered == [changed], results["last"].rendered
            assert results["last"].incremental, "the rebuild was not incremental"
            bare.append(once_s(lambda: bare_mkdocs(config)))
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in results["last"].seconds.items())
        command = _Command(project, site_dir, Path(tmp) / "pycache")
        republish, uncached = command.rounds()
    warm_ms, bare_ms = statistics.median(warm) * 1000, statistics.median(bare) * 1000
    cold_steps = ", ".join(f"{k} {v:.0f} s" for k, v in cold.seconds.items())
    republish_ms, uncached_ms = republish.wall_ms, uncached.wall_ms
    return [
        under(f"site build, {COUNT} SOPs, cold cache", cold_s * 1000, 90_000, note=cold_steps),
        Result(f"site build, {SMALL} SOPs, cold cache, per SOP", small_s * 1000 / SMALL,
               "baseline", True),
        ratio(f"site build, {COUNT} SOPs, cold cache, per SOP", cold_s * 1000 / COUNT,
              f"per SOP at {SMALL}", small_s * 1000 / SMALL, 1.2),
        Result("bare mkdocs build of the same docs tree", bare_ms, "baseline", True),
        ratio(f"site build, {COUNT} SOPs, 1 SOP changed", warm_ms, "bare mkdocs", bare_ms, 1.3,
              note=steps),
        Result(f"republish 1 SOP of {COUNT}, `sop-docs site build` without caches",
               uncached_ms, "baseline", True,
               note=f"CPU {uncached.cpu_s:.1f} s; how 0.2.0 did it (9.4 s on 2 cores)"),
        under(f"republish 1 SOP of {COUNT}, `sop-docs site build` (site + zip)", republish_ms,
              REPUBLISH_MS, note=f"CPU {republish.cpu_s:.1f} s; "
              f"{republish_ms / uncached_ms:.2f}x of the baseline above"),
    ]


class _Timing:
    """Medians of the fresh-process runs of one kind: wall time and CPU time."""

    def __init__(self, samples: list[tuple[float, float]]) -> None:
        self.wall_ms = statistics.median(w for w, _ in samples) * 1000
        self.cpu_s = statistics.median(c for _, c in samples)


class _Command:
    """`sop-docs site build` of the project, each run in a new process."""

    def __init__(self, project: Path, site_dir: Path, pycache: Path) -> None:
        self.project, self.site_dir = project, site_dir
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env |= {"PYTHONPYCACHEPREFIX": str(pycache), "NO_MKDOCS_2_WARNING": "1"}

    def once(self) -> tuple[float, float]:
        """Wall and CPU seconds (the process and its children) of one run."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", "from sop_docs.cli.main import run; run()", "site",
             "build", "--output", str(self.site_dir), "--project", str(self.project)],
            env=self.env, capture_output=True, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu

    def rounds(self) -> tuple[_Timing, _Timing]:
        """(republish, without caches): alternating runs, each after one SOP changed.  A
        first run, untimed, writes the bytecode an installed package would have."""
        _edit(self.project, 3)
        self.once()
        warm, uncached = [], []
        for round_ in range(ROUNDS):
            _edit(self.project, round_ * 7 + 4)
            warm.append(self.once())
            _edit(self.project, round_ * 7 + 5)
            _forget_caches(self.site_dir)
            uncached.append(self.once())
        return _Timing(warm), _Timing(uncached)


def _forget_caches(site_dir: Path) -> None:
    """Make the next build parse and lint every source, render every page and write
    site.zip in full (the baseline)."""
    out = site_dir.parent
    (out / CACHE_FILE).unlink(missing_ok=True)
    (out / CACHE_FILE).with_name(LINT_FILE).unlink(missing_ok=True)
    digests = source_folder(out) / "docs.digests.json"  # pages kept by their inputs
    kept = json.loads(digests.read_text(encoding="utf-8"))
    digests.write_text(json.dumps({**kept, "inputs": {}}), encoding="utf-8")
    site_dir.with_name(f"{site_dir.name}.zip.index.json").unlink(missing_ok=True)
