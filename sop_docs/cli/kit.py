"""`sop-docs kit ...`: the collection-kit commands (`kit make`; merge adds `kit merge`).

Other modules add commands to :data:`kit_app` (``@kit_app.command("merge")``); this module
registers the group on the main app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from sop_docs.diagnostics import Diagnostic, Severity
from sop_docs.errors import CycleError
from sop_docs.i18n import tr

if TYPE_CHECKING:
    from sop_docs.kits.model import Cycle

kit_app = typer.Typer(
    name="kit",
    help=tr("Kit pengumpulan data SAKIP: satu .xlsx isian per unit per siklus.",
            "SAKIP data-collection kits: one fillable .xlsx per unit per cycle."),
    no_args_is_help=True,
)

CycleOption = Annotated[
    str, typer.Option("--cycle", "-c", help=tr(
        "Siklus: 2026-TW1..TW4, 2026-S1, 2026-S2, 2026-TAHUNAN.",
        "Cycle: 2026-TW1..TW4, 2026-S1, 2026-S2, 2026-TAHUNAN."))
]


def register(app: typer.Typer) -> None:
    """Add the `kit` command group to the CLI."""
    app.add_typer(kit_app, name="kit")


def parse_cycle(text: str) -> Cycle:
    """The cycle of ``--cycle``, or a usage error naming the expected form."""
    from sop_docs.kits.model import Cycle  # the kit stack loads only for kit commands

    try:
        return Cycle.parse(text)
    except CycleError as exc:
        raise fail(dg.KIT_BAD_CYCLE, EXIT_USAGE, message=str(exc)) from None


@kit_app.command("make", help=tr(
    "Tulis satu kit per unit ke KELUARAN/<siklus>/ beserta kits_manifest.json. Identitasnya "
    "ditandatangani (HMAC-SHA256) bila variabel lingkungan SOP_DOCS_KIT_KEY diisi.",
    "Write one kit per unit into OUTPUT/<cycle>/ with kits_manifest.json. The identity is "
    "signed (HMAC-SHA256) when the environment variable SOP_DOCS_KIT_KEY is set."))
@guarded
def make(
    kits: Annotated[list[str] | None, typer.Argument(
        metavar="[KIT]...", show_default=False, help=tr(
            "Id definisi kit (bawaan: setiap kit yang berjalan pada siklus itu).",
            "Kit definition ids (default: every kit running the cycle)."))] = None,
    cycle: CycleOption = "",
    out: Annotated[Path, typer.Option("--output", "-o", help=tr(
        "Folder keluaran.", "Output folder."))] = Path("build/kits"),
    project: ProjectOption = Path("."),
) -> None:
    """Write one kit per unit into OUTPUT/<cycle>/ with kits_manifest.json.

    The identity is signed (HMAC-SHA256) when the environment variable SOP_DOCS_KIT_KEY is
    set.
    """
    if not cycle:
        raise fail(dg.KIT_BAD_CYCLE, EXIT_USAGE, message=tr("--cycle wajib diisi",
                                                            "--cycle is required"))
    chosen_cycle = parse_cycle(cycle)
    require_project(project)
    from sop_docs.kits.identity import signing_key
    from sop_docs.kits.load import choose, load_kit_set

    kit_set = load_kit_set(project)
    found = list(kit_set.diagnostics)
    definitions, problems = choose(kit_set, chosen_cycle, kits or ())
    found.extend(problems)
    from sop_docs.kits.generate.make import make_kits  # openpyxl and fpdf: only when used

    made, write_problems = make_kits(kit_set, definitions, chosen_cycle, out, signing_key())
    found.extend(write_problems)
    _report_made(found, [kit.path for kit in made], out / chosen_cycle.id, chosen_cycle.id)


def _report_made(found: list[Diagnostic], made: list[Path], where: Path, cycle_id: str) -> None:
    """Print what `kit make` found and wrote, and exit with its status."""
    show_diagnostics(found, console(True))
    for path in made:
        console().print(str(path))
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    console().print(tr(f"kit make: {len(made)} kit untuk {cycle_id} di {where}, "
                       f"{errors} galat",
                       f"kit make: {len(made)} kits for {cycle_id} in {where}, "
                       f"{errors} errors"), style="bold red" if errors else "bold green")
    raise typer.Exit(EXIT_FAILED if errors or not made else EXIT_OK)
