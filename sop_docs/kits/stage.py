"""The `kits` build stage: the kits of every sample definition's current cycle.

Writes ``<out>/kits/<cycle>/*.xlsx`` and ``kits_manifest.json`` per cycle, and records every
file under ``ctx.artifacts["kits"]`` (the site's kits page reads the manifests).
"""

from __future__ import annotations

from itertools import groupby

from sop_docs.kits.generate.make import make_kits
from sop_docs.kits.identity import signing_key
from sop_docs.kits.load import kit_files, load_kit_set
from sop_docs.pipeline import KITS_FOLDER, KITS_MANIFEST, BuildContext


def kits_stage(ctx: BuildContext) -> None:
    """Make the current cycle's kits of every kit definition of the project."""
    if not kit_files(ctx.project):
        return  # a project without kit definitions builds without kits
    profiles = {p.id: p for p in ctx.corpus.profiles} if ctx.corpus is not None else None
    kit_set = load_kit_set(ctx.project, profiles=profiles)
    ctx.report.extend(list(kit_set.diagnostics))
    key = signing_key()
    by_cycle = sorted(kit_set.definitions, key=lambda d: d.current_cycle)
    for cycle, group in groupby(by_cycle, key=lambda d: d.current_cycle):
        made, problems = make_kits(kit_set, list(group), cycle, ctx.out / KITS_FOLDER, key)
        ctx.report.extend(problems)
        paths = [kit.path for kit in made]
        manifest = ctx.out / KITS_FOLDER / cycle.id / KITS_MANIFEST
        if manifest.exists():
            paths.append(manifest)
        ctx.record(KITS_FOLDER, paths)
