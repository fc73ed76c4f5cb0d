"""`sop-docs kit merge`: verify returned kits and write the rekap (added to the `kit` group)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sop_docs import diagnostics as dg
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ProjectOption,
    console,
    fail,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.cli.kit import CycleOption, kit_app, parse_cycle
from sop_docs.diagnostics import Severity
from sop_docs.kits.identity import signing_key
from sop_docs.kits.load import load_kit_set
from sop_docs.merge.results import Verdict


def register(app: typer.Typer) -> None:
    """Add `merge` to the `kit` group (the group itself is registered by sop_docs.cli.kit)."""
    kit_app.command("merge")(guarded(merge))


def merge(
    items: Annotated[list[str] | None, typer.Argument(
        metavar="[KIT]... RETURNED_DIR",
        help="Kit definition ids (default: every kit running the cycle), then the folder of "
             "returned files (any names, any extensions). A semester or TAHUNAN without a "
             "folder is computed from the quarterly merges already in OUTPUT.",
        show_default=False)] = None,
    cycle: CycleOption = "",
    out: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path(
        "build/rekap"),
    template: Annotated[Path | None, typer.Option(
        "--template", help="Your own docxtpl rekap template (.docx) instead of the default.",
        show_default=False)] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the PDF rekap "
                                      "(needs LibreOffice).")] = True,
    project: ProjectOption = Path("."),
) -> None:
    """Verify every returned kit, tell each unit what to fix, and write the rekap into
    OUTPUT/<cycle>/ (verification report .md/.json, return workbooks and notes, rekap
    .docx/.pdf/.xlsx).  The returned folder is never modified."""
    if not cycle:
        raise fail(dg.KIT_BAD_CYCLE, EXIT_USAGE, message="--cycle is required")
    chosen = parse_cycle(cycle)
    require_project(project)
    if template is not None and not template.is_file():
        raise fail(dg.SRC_NOT_FOUND, EXIT_USAGE, path=template)
    kit_set = load_kit_set(project)
    names = list(items or [])
    # The last argument is the returned folder unless it names a kit definition.
    returned = Path(names.pop()) if names and kit_set.get(names[-1]) is None else None
    # Imported here: the report stack (docxtpl, pyHanko) costs ~1 s, which no other
    # command should pay at start-up.
    from sop_docs.report.service import run_merge

    run = run_merge(kit_set, chosen, returned, out, names, template, pdf, signing_key())
    found = list(kit_set.diagnostics) + run.problems
    show_diagnostics(found, console(True))
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    if run.result is None:
        raise typer.Exit(EXIT_FAILED if errors else EXIT_USAGE)
    for path in run.paths:
        console().print(str(path))
    counts = ", ".join(f"{v.value}: {run.result.count(v)}" for v in Verdict)
    console().print(f"kit merge {chosen.id}: {len(run.result.units)} units ({counts}); "
                    f"{len(run.result.files)} files; output in {out / chosen.id}",
                    style="bold red" if errors else "bold green")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)
