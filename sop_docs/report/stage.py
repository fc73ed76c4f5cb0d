"""The ``merge`` build stage: merge the sample returned kits shipped with the project.

Every cycle folder under ``kits/contoh-kembali/`` (made once by
``python -m sop_docs_demo.sample_returns`` and committed) is merged into ``<out>/rekap/<cycle>/``;
the published files (rekap and verification report, not the units' return workbooks) are
recorded under ``ctx.artifacts["merge"]`` for the site.
"""

from __future__ import annotations

from sop_docs.errors import CycleError
from sop_docs.kits.identity import signing_key
from sop_docs.kits.load import kit_files, load_kit_set
from sop_docs.kits.model import Cycle
from sop_docs.model.build import load_settings
from sop_docs.pipeline import MERGE_STAGE, REKAP_FOLDER, SAMPLES_FOLDER, BuildContext
from sop_docs.report.options import rekap_options
from sop_docs.report.service import attention, run_merge


def merge_stage(ctx: BuildContext) -> None:
    """Merge each cycle folder of the project's sample returned kits."""
    if not kit_files(ctx.project):
        return
    settings, _ = load_settings(ctx.project)
    samples = ctx.project / settings.kits / SAMPLES_FOLDER
    if not samples.is_dir():
        return
    profiles = {p.id: p for p in ctx.corpus.profiles} if ctx.corpus is not None else None
    kit_set = load_kit_set(ctx.project, profiles=profiles)
    out = ctx.out / REKAP_FOLDER
    for folder in sorted(p for p in samples.iterdir() if p.is_dir()):
        try:
            cycle = Cycle.parse(folder.name)
        except CycleError:
            continue
        # A sample inbox belongs to the definitions collecting that cycle now.
        wanted = [d.id for d in kit_set.definitions if d.current_cycle == cycle]
        if not wanted:
            continue
        run = run_merge(kit_set, cycle, folder, out, wanted, rekap_options(ctx.project),
                        key=signing_key())
        ctx.report.extend(run.problems + attention(run, cycle))
        ctx.record(MERGE_STAGE, [p for p in run.paths if p.parent == out / cycle.id])
