"""`sop-docs build`: the whole job on one project, as a list of stages run in order.

Every stage reads the shared :class:`BuildContext` and writes into its own sub-folder of the
output folder.  A stage reports problems as diagnostics; a stage that cannot run (a missing
program) reports that and the later stages still run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sop_docs.diagnostics import Report
from sop_docs.model.corpus import Corpus


@dataclass
class BuildContext:
    """What every stage of a build shares: project, output folder, loaded corpus, report."""

    project: Path
    out: Path
    report: Report = field(default_factory=Report)
    corpus: Corpus | None = None
    artifacts: dict[str, list[Path]] = field(default_factory=dict)  # stage name -> files

    def record(self, stage: str, paths: list[Path]) -> None:
        """Remember what a stage wrote, for the build summary and the site's downloads."""
        self.artifacts.setdefault(stage, []).extend(paths)


Stage = Callable[[BuildContext], None]

# Sub-folders of the output folder that one stage writes and a later one reads; the same
# names key ``BuildContext.artifacts``.
KITS_FOLDER = "kits"
REKAP_FOLDER = "rekap"
KITS_MANIFEST = "kits_manifest.json"  # next to each cycle's kits: what the site lists

# (name, "module:function"), run in this order.  Each issue's stage adds its line.
STAGES: tuple[tuple[str, str], ...] = (
    ("check", "sop_docs.lint.stage:check_stage"),
    ("render", "sop_docs.render.run:render_stage"),
    ("kits", "sop_docs.kits.stage:kits_stage"),
    ("merge", "sop_docs.report.stage:merge_stage"),
    # keep "site" last: it publishes what every stage before it wrote
    ("site", "sop_docs.site.build:site_stage"),
)


def _load(target: str) -> Stage:
    module_name, _, func = target.partition(":")
    stage: Stage = getattr(importlib.import_module(module_name), func)
    return stage


def build(project: Path, out: Path, only: set[str] | None = None) -> BuildContext:
    """Run every stage (or those named in ``only``) on ``project`` into ``out``."""
    ctx = BuildContext(project=project, out=out)
    out.mkdir(parents=True, exist_ok=True)
    for name, target in STAGES:
        if only is None or name in only:
            _load(target)(ctx)
    return ctx
