"""The reference site at scale: 1,000 synthetic SOPs, cold and after one source changed.

- cold: `sop-docs site build` of a fresh project (check, render every SOP's site formats,
  docs tree, mkdocs, zip) must take under 90 s on 2 cores;
- linear: a cold build's time per SOP at 1,000 SOPs may be at most 1.2x its time per SOP at
  100 (every page carrying the whole navigation would make it grow with the SOP count);
- warm: after one SOP's source changed, the same command (an incremental build) must take
  at most 1.3x a bare `mkdocs build` of the same docs tree (mkdocs' own clean build,
  in-process, without our plugin), measured in the same run (alternating runs, medians, so
  a busy machine slows both alike);
- republish: that warm build (check, render, docs, mkdocs, site.zip) within 3 s, next to
  the same build with the source cache and the zip index removed (every source parsed,
  site.zip written in full: how 0.2.0 republished) as the same-run baseline.
"""

from __future__ import annotations

import logging
import statistics
import tempfile
from pathlib import Path

import yaml

from benchmarks.harness import Result, once_s, ratio, under
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
        warm, bare, uncached = [], [], []
        for round_ in range(ROUNDS):
            changed = _edit(project, round_ * 7 + 1)
            warm.append(once_s(build))
            assert results["last"].rendered == [changed], results["last"].rendered
            assert results["last"].incremental, "the rebuild was not incremental"
            bare.append(once_s(lambda: bare_mkdocs(config)))
            _edit(project, round_ * 7 + 2)
            _forget_caches(site_dir)
            uncached.append(once_s(build))
    warm_ms, bare_ms = statistics.median(warm) * 1000, statistics.median(bare) * 1000
    uncached_ms = statistics.median(uncached) * 1000
    steps = ", ".join(f"{k} {v:.0f} s" for k, v in cold.seconds.items())
    return [
        under(f"site build, {COUNT} SOPs, cold cache", cold_s * 1000, 90_000, note=steps),
        Result(f"site build, {SMALL} SOPs, cold cache, per SOP", small_s * 1000 / SMALL,
               "baseline", True),
        ratio(f"site build, {COUNT} SOPs, cold cache, per SOP", cold_s * 1000 / COUNT,
              f"per SOP at {SMALL}", small_s * 1000 / SMALL, 1.2),
        Result("bare mkdocs build of the same docs tree", bare_ms, "baseline", True),
        ratio(f"site build, {COUNT} SOPs, 1 SOP changed", warm_ms, "bare mkdocs", bare_ms, 1.3,
              note=", ".join(f"{k} {v:.1f} s" for k, v in results["last"].seconds.items())),
        Result(f"republish 1 SOP of {COUNT}, every source parsed, site.zip rewritten",
               uncached_ms, "baseline", True, note="how 0.2.0 did it (9.4 s on 2 cores)"),
        under(f"republish 1 SOP of {COUNT} (site + zip)", warm_ms, REPUBLISH_MS,
              note=f"{warm_ms / uncached_ms:.2f}x of the baseline above"),
    ]


def _forget_caches(site_dir: Path) -> None:
    """Make the next build parse every source and write site.zip in full (the baseline)."""
    (site_dir.parent / CACHE_FILE).unlink(missing_ok=True)
    site_dir.with_name(f"{site_dir.name}.zip.index.json").unlink(missing_ok=True)
