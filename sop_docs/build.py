"""`sop-docs build`: the whole job on one project, as a list of stages run in order.

Every stage reads the shared :class:`~sop_docs.pipeline.BuildContext` and writes into its
own sub-folder of the output folder.  A stage reports problems as diagnostics; a stage that
cannot run (a missing program) reports that and the later stages still run.  The stages
import :mod:`sop_docs.pipeline`, never this module.
"""

from __future__ import annotations

import time
from pathlib import Path

from sop_docs.pipeline import MERGE_STAGE, BuildContext, Stage


def stages() -> tuple[tuple[str, Stage], ...]:
    """The stages by name, in run order.

    Imported here rather than at the top of the module so that `sop-docs --help` does not
    load every stage's libraries.  Each issue's stage adds its line.
    """
    from sop_docs.kits.stage import kits_stage
    from sop_docs.lint.stage import check_stage
    from sop_docs.render.run import render_stage
    from sop_docs.report.stage import merge_stage
    from sop_docs.site.build import site_stage

    return (
        ("check", check_stage),
        ("render", render_stage),
        ("kits", kits_stage),
        (MERGE_STAGE, merge_stage),
        # keep "site" last: it publishes what every stage before it wrote
        ("site", site_stage),
    )


def run_build(project: Path, out: Path, only: set[str] | None = None) -> BuildContext:
    """Run every stage (or those named in ``only``) on ``project`` into ``out``."""
    ctx = BuildContext(project=project, out=out)
    out.mkdir(parents=True, exist_ok=True)
    for name, stage in stages():
        if only is None or name in only:
            started = time.perf_counter()
            stage(ctx)
            ctx.seconds[name] = time.perf_counter() - started
    return ctx
