"""What every stage of `sop-docs build` shares: the build context, the stage protocol and
the names of the output layout.

This module sits below the stages (``lint/stage.py``, ``render/run.py``, ``kits/stage.py``,
``report/stage.py``, ``site/build.py``): they import it to learn where to write and where an
earlier stage wrote.  ``build.py`` sits above them and runs them in order; no stage imports
``build.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sop_docs.diagnostics import Report
from sop_docs.model.corpus import Corpus

# Sub-folders of the output folder, one per stage that writes files.  A stage records what
# it wrote in ``BuildContext.artifacts`` under its own name (check, render, kits, merge, site).
CHECK_FOLDER = "check"  # the check stage's report.txt and report.json
SOP_FOLDER = "sop"  # rendered files, one sub-folder per SOP id
KITS_FOLDER = "kits"  # one sub-folder per cycle
REKAP_FOLDER = "rekap"  # one sub-folder per cycle
SITE_FOLDER = "site"  # the built reference site

#: Next to each cycle's kits: what the site's kits page lists.
KITS_MANIFEST = "kits_manifest.json"
#: The name of the stage that merges returned kits into ``REKAP_FOLDER``.
MERGE_STAGE = "merge"
#: In a project's kits folder: one sub-folder per cycle of sample returned kits (the inbox
#: of the demo), which the merge stage merges.
SAMPLES_FOLDER = "contoh-kembali"


@dataclass
class BuildContext:
    """What every stage of a build shares: project, output folder, loaded corpus, report."""

    project: Path
    out: Path
    report: Report = field(default_factory=Report)
    corpus: Corpus | None = None
    artifacts: dict[str, list[Path]] = field(default_factory=dict)  # stage name -> files
    seconds: dict[str, float] = field(default_factory=dict)  # stage name -> time it took
    # stage name -> counts for the build summary, e.g. {"rendered": 3, "reused": 2}
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self, stage: str, paths: list[Path]) -> None:
        """Remember what a stage wrote, for the build summary and the site's downloads."""
        self.artifacts.setdefault(stage, []).extend(paths)


class Stage(Protocol):
    """One stage of a build: reads what earlier stages left in ``ctx`` and adds its own.

    A stage reports problems into ``ctx.report`` instead of raising; a stage that cannot run
    (a missing program) says so and the later stages still run.
    """

    def __call__(self, ctx: BuildContext) -> None: ...
