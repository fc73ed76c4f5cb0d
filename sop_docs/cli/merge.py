"""`sop-docs kit merge`: verify returned kits and write the rekap (added to the `kit` group)."""

from __future__ import annotations

import gc
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
from sop_docs.cli.kit import CycleOption, kit_app, parse_cycle
from sop_docs.diagnostics import Diagnostic, Severity
from sop_docs.i18n import tr

if TYPE_CHECKING:
    from sop_docs.report.service import MergeRun

#: `kit merge` wrote the rekap, but some units need attention (perlu perbaikan, ditolak,
#: belum masuk).  0: every unit lengkap; 1: the merge could not run; 2: a usage error.
EXIT_ATTENTION = 3
#: Allocations between two young-generation collections during a merge (Python's default:
#: 700).  A 1,000-unit merge keeps some million long-lived objects (results, rows, XML
#: trees) that every default-paced collection walks again: about a tenth of its CPU time.
#: Garbage is still collected, the memory peak stays the same.
MERGE_GC_THRESHOLD = 100_000


def register(app: typer.Typer) -> None:
    """Add `merge` to the `kit` group (the group itself is registered by sop_docs.cli.kit)."""
    kit_app.command("merge", help=tr(
        "Verifikasi setiap kit yang kembali, beri tahu tiap unit apa yang harus diperbaiki, dan "
        "tulis rekap ke KELUARAN/<siklus>/ (laporan verifikasi .md/.json, buku kerja dan catatan "
        "pengembalian, rekap .docx/.pdf/.xlsx). Folder kiriman tidak pernah diubah.",
        "Verify every returned kit, tell each unit what to fix, and write the rekap into "
        "OUTPUT/<cycle>/ (verification report .md/.json, return workbooks and notes, rekap "
        ".docx/.pdf/.xlsx). The returned folder is never modified."),
    )(guarded(merge))


# long: a Typer command; its 20-line signature is the option list
def merge(
    items: Annotated[list[str] | None, typer.Argument(
        metavar=tr("[KIT]... FOLDER_KIRIMAN", "[KIT]... RETURNED_DIR"), show_default=False,
        help=tr("Id definisi kit (bawaan: setiap kit yang berjalan pada siklus itu), lalu folder "
                "berkas kiriman (nama dan ekstensi apa saja). Semester atau TAHUNAN tanpa folder "
                "dihitung dari hasil gabungan triwulan yang sudah ada di folder keluaran.",
                "Kit definition ids (default: every kit running the cycle), then the folder of "
                "returned files (any names, any extensions). A semester or TAHUNAN without a "
                "folder is computed from the quarterly merges already in OUTPUT."))] = None,
    cycle: CycleOption = "",
    out: Annotated[Path, typer.Option("--output", "-o", help=tr(
        "Folder keluaran.", "Output folder."))] = Path("build/rekap"),
    template: Annotated[Path | None, typer.Option("--template", show_default=False, help=tr(
        "Templat rekap docxtpl (.docx) milik Anda sebagai pengganti templat bawaan.",
        "Your own docxtpl rekap template (.docx) instead of the default."))] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help=tr(
        "Tulis juga rekap PDF (PDF/A-2b dengan kolom tanda tangan per penanda tangan).",
        "Also write the PDF rekap (PDF/A-2b with a signature field per signatory)."))
                   ] = True,
    project: ProjectOption = Path("."),
) -> None:
    """Verify every returned kit, tell each unit what to fix, and write the rekap into
    OUTPUT/<cycle>/ (verification report .md/.json, return workbooks and notes, rekap
    .docx/.pdf/.xlsx).  The returned folder is never modified."""
    if not cycle:
        raise fail(dg.KIT_BAD_CYCLE, EXIT_USAGE, message=tr("--cycle wajib diisi",
                                                            "--cycle is required"))
    chosen = parse_cycle(cycle)
    require_project(project)
    if template is not None and not template.is_file():
        raise fail(dg.SRC_NOT_FOUND, EXIT_USAGE, path=template)
    gc.set_threshold(MERGE_GC_THRESHOLD, *gc.get_threshold()[1:])  # this process: this merge
    from sop_docs.kits.identity import signing_key  # the kit stack: only for this command
    from sop_docs.kits.load import load_kit_set

    kit_set = load_kit_set(project)
    names = list(items or [])
    # The last argument is the returned folder unless it names a kit definition.
    returned = Path(names.pop()) if names and kit_set.get(names[-1]) is None else None
    # Imported here: the report stack (docxtpl, pyHanko) costs ~1 s, which no other
    # command should pay at start-up.
    from sop_docs.report.options import rekap_options
    from sop_docs.report.service import other_kit_problems, run_merge

    gc.freeze()  # what the imports and definitions made lives on: no collection walks it
    options = rekap_options(project, template, pdf)
    run = run_merge(kit_set, chosen, returned, out, names, options, signing_key())
    # A broken definition of another kit does not stop this merge: it is a warning.
    raise typer.Exit(_summary(run, [*other_kit_problems(kit_set), *run.problems],
                              out / chosen.id))


def _summary(run: MergeRun, found: list[Diagnostic], where: Path) -> int:
    """Print the problems, the files written and one summary line; return the exit code
    (0 all lengkap, 3 units need attention, 1 failed, 2 nothing to merge)."""
    show_diagnostics(found, console(True))
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    if run.result is None:
        return EXIT_FAILED if errors else EXIT_USAGE
    for path in run.paths:
        console().print(str(path))
    from sop_docs.merge.results import Verdict

    counts = ", ".join(f"{v.value}: {run.result.count(v)}" for v in Verdict)
    attention = len(run.result.attention())
    units, files, cycle = len(run.result.units), len(run.result.files), run.result.cycle
    console().print(tr(f"kit merge {cycle}: {units} unit ({counts}); {files} berkas; "
                       f"keluaran di {where}",
                       f"kit merge {cycle}: {units} units ({counts}); {files} files; "
                       f"output in {where}"),
                    style="bold red" if errors else "bold yellow" if attention else "bold green")
    return EXIT_FAILED if errors else EXIT_ATTENTION if attention else EXIT_OK
