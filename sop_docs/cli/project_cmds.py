"""Project commands: check, build, init, new, schema."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.build import run_build
from sop_docs.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    OutputFormat,
    ProjectOption,
    SourcePaths,
    console,
    fail,
    guarded,
    require_project,
    show_diagnostics,
)
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.i18n import tr
from sop_docs.kits.load import write_kit_schema
from sop_docs.lint.runner import lint_corpus
from sop_docs.lint.summary import as_json, counts, ordered, sop_lines, summary_line
from sop_docs.model.build import (
    PROFILE_FOLDER,
    build_model,
    did_you_mean,
    load_files,
    load_settings,
    source_files,
)
from sop_docs.model.corpus import Corpus
from sop_docs.model.profile import Profil
from sop_docs.model.schema import write_schemas
from sop_docs.model.settings import ProjectSettings
from sop_docs.pipeline import BuildContext
from sop_docs.publish.integrity import archive_problems
from sop_docs.scaffold import SCHEMA_FOLDER, init_project, sop_skeleton, valid_id
from sop_docs.sources import read_source


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("check", help=tr(
        "Periksa sumber SOP dan profil; laporkan setiap masalah di berkas:baris:kolom.",
        "Check SOP sources and profiles; report every problem at file:line:col."),
    )(guarded(check))
    app.command("build", help=tr(
        "Jalankan seluruh pekerjaan pada proyek: periksa, lalu setiap tahap berikutnya, ke "
        "folder keluaran.",
        "Run the whole job on the project: check, then every later stage, into the output "
        "folder."),
    )(guarded(build))
    app.command("init", help=tr(
        "Buat proyek siap pakai di FOLDER: profil, contoh SOP, definisi kit, pengaturan situs.",
        "Create a ready project in FOLDER: profile, example SOP, kit definition, site "
        "settings."),
    )(guarded(init))
    app.command("new", help=tr(
        "Tambahkan kerangka SOP draf <sumber>/ID.yaml yang lolos `check`.",
        "Add a draft SOP skeleton <sources>/ID.yaml that passes `check`."),
    )(guarded(new))
    app.command("schema", help=tr(
        "Tulis JSON Schema untuk SOP, profil, pengaturan dan definisi kit (untuk editor).",
        "Write the JSON Schemas of SOP, profile, settings and kit definitions (for editors)."),
    )(guarded(schema))


def check(
    paths: SourcePaths = None,
    output: Annotated[OutputFormat, typer.Option("--format", help=tr(
        "text untuk dibaca orang, json untuk mesin.", "text for people, json for machines."),
    )] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help=tr(
        "Perlakukan peringatan sebagai galat.", "Treat warnings as errors."))] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Check SOP sources and profiles; report every problem at file:line:col.

    Named files (no folder) are checked with the profiles they use (or that are named)
    only; the project's other SOPs answer their cross-references but are not reported."""
    require_project(project)
    settings, problems = load_settings(project)
    if not paths and not (project / settings.sumber).is_dir():
        raise fail(dg.CLI_NO_PROJECT, EXIT_USAGE, path=project.resolve())
    sop_files, profile_files = source_inputs(paths or [project / settings.sumber], project,
                                       settings.sumber)
    if paths:
        corpus, more = check_selection(paths, sop_files, profile_files, project, settings)
    else:
        corpus, more = load_files(sop_files, profile_files, settings)
        more += lint_corpus(corpus)
    archived = archive_problems(project, corpus, {r.sop.id for r in corpus.sops} if paths
                                else None)
    found = ordered(problems + more + archived, strict)
    if output is OutputFormat.JSON:
        typer.echo(as_json(corpus, found, strict), nl=False)
    else:
        _show_check(corpus, found)
    if not sop_files and not named_profiles(paths or []):
        raise fail(dg.CLI_NO_SOURCES, EXIT_FAILED, path=", ".join(map(str, paths or [project])))
    raise typer.Exit(EXIT_FAILED if counts(found)[0] else EXIT_OK)


def check_selection(paths: Sequence[Path], sop_files: Sequence[Path],
                    profile_files: Sequence[Path], project: Path, settings: ProjectSettings
                    ) -> tuple[Corpus, list[Diagnostic]]:
    """For `check PATH...`: the named sources loaded and linted with the project's other
    SOPs (so a keterkaitan to one of them is known), and reported alone: the named SOPs,
    with (unless a folder is named) only the profiles they use or that are named."""
    chosen = {path.resolve() for path in sop_files}
    others = [p for p in source_files(project / settings.sumber) if p.resolve() not in chosen]
    everything, problems = load_files([*sop_files, *others], profile_files, settings)
    hidden = {str(path) for path in others}
    corpus = replace(everything, sops=tuple(r for r in everything.sops if r.path not in hidden))
    problems = [d for d in problems if d.location.path not in hidden]
    if not any(path.is_dir() for path in paths):
        corpus, problems = only_used_profiles(corpus, problems, sop_files, profile_files,
                                              named_profiles(paths))
    shown = {r.path for r in corpus.sops} | {
        everything.profile_positions[p.id].path for p in corpus.profiles
        if p.id in everything.profile_positions}
    return corpus, problems + lint_corpus(everything, only=shown)


def named_profiles(paths: Sequence[Path]) -> list[Path]:
    """The profile files named on the command line, one by one or as a profil/ folder."""
    named: list[Path] = []
    for path in paths:
        if path.is_dir() and path.name == PROFILE_FOLDER:
            named += source_files(path)
        elif path.is_file() and path.parent.name == PROFILE_FOLDER:
            named.append(path)
    return named


def source_inputs(paths: Sequence[Path], project: Path,
                  sumber: str) -> tuple[list[Path], list[Path]]:
    """SOP files and profile files named by ``paths``; profiles also from next to them and
    from the project, so a single SOP file can be checked."""
    sops: list[Path] = []
    profiles: list[Path] = []
    for path in paths:
        if not path.exists():
            raise fail(dg.SRC_NOT_FOUND, EXIT_USAGE, Location(str(path)), path=path)
        if path.is_dir() and path.name == PROFILE_FOLDER:
            profiles += source_files(path)
        elif path.is_dir():
            sops += source_files(path)
            profiles += source_files(path / PROFILE_FOLDER)
        elif path.parent.name == PROFILE_FOLDER:
            profiles.append(path)
        else:
            sops.append(path)
            profiles += source_files(path.parent / PROFILE_FOLDER)
    profiles += source_files(project / sumber / PROFILE_FOLDER)
    return _unique(sops), _unique(profiles)


def only_used_profiles(corpus: Corpus, problems: list[Diagnostic], sop_files: Sequence[Path],
                       profile_files: Sequence[Path], named: Sequence[Path] = ()
                       ) -> tuple[Corpus, list[Diagnostic]]:
    """For `check FILE...`: only the profiles the named SOPs use or that are ``named`` files
    themselves, and only their problems.

    When a named SOP did not load, its profile is unknown and every profile's problems stay
    (a broken profile is often why it did not load)."""
    if len(corpus.sops) < len(set(map(Path.resolve, sop_files))):
        return corpus, problems
    used = {r.profil.id for r in corpus.sops}
    wanted = {path.resolve() for path in named}
    kept = tuple(p for p in corpus.profiles if p.id in used
                 or _resolved(corpus.profile_file(p.id)) in wanted)
    unused = {str(path) for path in profile_files if path.resolve() not in wanted} - {
        corpus.profile_positions[p.id].path for p in kept if p.id in corpus.profile_positions}
    return (replace(corpus, profiles=kept),
            [d for d in problems if d.location.path not in unused])


def _resolved(path: Path | None) -> Path | None:
    """``path`` made absolute (None stays None)."""
    return path.resolve() if path is not None else None


def _unique(paths: list[Path]) -> list[Path]:
    """First of each file named twice (possibly by different relative forms)."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


def _show_check(corpus: Corpus, found: list[Diagnostic]) -> None:
    out = console()
    for line in sop_lines(corpus):
        out.print("✓ " + line, style="green", markup=False)
    show_diagnostics(found, out)
    errors = counts(found)[0]
    out.print(summary_line(corpus, found), style="bold red" if errors else "bold green")


def build(
    out: Annotated[Path, typer.Option("--output", "-o", help=tr(
        "Folder keluaran.", "Output folder."))] = Path("build"),
    project: ProjectOption = Path("."),
) -> None:
    """Run the whole job on the project: check, then every later stage, into the output folder."""
    require_project(project)
    ctx = run_build(project, out)
    found = ordered(ctx.report.items, strict=False)
    show_diagnostics(found, console())
    for line in stage_lines(ctx):
        console().print(line, style="dim", markup=False)
    errors, warnings = counts(found)
    written = sum(len(paths) for paths in ctx.artifacts.values())
    console().print(tr(f"build: {written} berkas di {out}: {errors} galat, {warnings} peringatan",
                       f"build: {written} files in {out}: {errors} errors, {warnings} warnings"),
                    style="bold red" if errors else "bold green")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def stage_lines(ctx: BuildContext) -> list[str]:
    """One line per stage that ran: its time, files written and counts
    ('  render  1,2 dtk  14 berkas  3 SOP dibuat, 2 dipakai ulang')."""
    lines = []
    for name, seconds in ctx.seconds.items():
        files = len(ctx.artifacts.get(name, []))
        text = f"  {name:<7} {_seconds(seconds):>8}  " + tr(f"{files} berkas", f"{files} files")
        tally = ctx.counts.get(name, {})
        if "rendered" in tally:
            text += tr(f"; {tally['rendered']} SOP dibuat, {tally.get('reused', 0)} dipakai ulang",
                       f"; {tally['rendered']} SOPs rendered, {tally.get('reused', 0)} reused")
        lines.append(text)
    return lines


def _seconds(value: float) -> str:
    """'1,2 dtk' / '1.2 s'."""
    return tr(f"{value:.1f}".replace(".", ",") + " dtk", f"{value:.1f} s")


def init(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help=tr(
        "Folder tempat proyek dibuat.", "Folder to create the project in."))],
) -> None:
    """Create a ready project in FOLDER: profile, example SOP, kit definition, site settings."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise fail(dg.CLI_EXISTS, EXIT_FAILED, Location(str(folder)), path=folder)
    try:
        written = init_project(folder)
        written += write_kit_schema(folder / SCHEMA_FOLDER)
    except OSError as exc:
        raise fail(dg.CLI_WRITE_FAILED, EXIT_FAILED, Location(str(folder)), path=folder,
                   reason=exc.strerror or exc) from None
    console().print(tr(f"{len(written)} berkas dibuat di {folder}; berikutnya: "
                       f"sop-docs check --project {folder}",
                       f"created {len(written)} files in {folder}; next: "
                       f"sop-docs check --project {folder}"), style="green")


def new(
    sop_id: Annotated[str, typer.Argument(metavar="ID", help=tr(
        "Id SOP baru, mis. sop-rapat.", "Id of the new SOP, e.g. sop-rapat."))],
    profile: Annotated[str | None, typer.Option("--profile", show_default=False, help=tr(
        "Id profil kantor untuk SOP ini; bawaan: profil pertama (menurut nama berkas) yang "
        "memiliki pejabat.",
        "Id of the office profile for this SOP; default: the first profile (by file name) "
        "that names an official."))] = None,
    project: ProjectOption = Path("."),
) -> None:
    """Add a draft SOP skeleton <sources>/ID.yaml that passes `check`."""
    require_project(project)
    if not valid_id(sop_id):
        raise fail(dg.CLI_BAD_ID, EXIT_USAGE, id=sop_id)
    settings, problems = load_settings(project)
    if problems:
        show_diagnostics(problems, console(True))
        raise typer.Exit(EXIT_FAILED)
    folder = project / settings.sumber
    target = folder / f"{sop_id}.yaml"
    if target.exists():
        raise fail(dg.CLI_EXISTS, EXIT_FAILED, Location(str(target)), path=target)
    profiles = _usable_profiles(folder / PROFILE_FOLDER)
    profil = _chosen_profile(profiles, profile, folder / PROFILE_FOLDER)
    atomic.write_text(target, sop_skeleton(sop_id, profil, folder, project))
    console().print(tr(f"{target} dibuat dengan profil {profil.id}; isi, lalu jalankan check",
                       f"created {target} with profil {profil.id}; fill it in, then run check"),
                    style="green")
    others = [p.id for p in profiles if p.id != profil.id]
    if profile is None and others:
        console().print(tr(f"profil dipilih: {profil.id} (yang pertama); profil lain: "
                           f"{', '.join(others)}; pilih dengan --profile ID",
                           f"profile chosen: {profil.id} (the first); other profiles: "
                           f"{', '.join(others)}; choose with --profile ID"), style="yellow")


def _chosen_profile(profiles: list[Profil], wanted: str | None, folder: Path) -> Profil:
    """The profile ``--profile`` names, else the first; a diagnostic when there is none."""
    if not profiles:
        raise fail(dg.CLI_NO_PROFILE, EXIT_FAILED, path=folder)
    found = profiles[0] if wanted is None else next(
        (p for p in profiles if p.id == wanted), None)
    if found is None:
        raise fail(dg.MOD_UNKNOWN_PROFILE, EXIT_USAGE, ref=wanted,
                   hint=did_you_mean(str(wanted), [p.id for p in profiles], tr(
                       "profil yang memiliki pejabat", "profiles that name an official")))
    return found


def _usable_profiles(folder: Path) -> list[Profil]:
    """The profiles (by file name) that load and name an official."""
    found = []
    for path in source_files(folder):
        built = build_model(read_source(path), Profil)
        if built.model is not None and built.model.pejabat:
            found.append(built.model)
    return found


def schema(
    out: Annotated[Path | None, typer.Option("--output", "-o", help=tr(
        "Folder tujuan; bawaan: <proyek>/schema.", "Folder to write to; default: "
        "<project>/schema."))] = None,
    project: ProjectOption = Path("."),
) -> None:
    """Write the JSON Schemas of SOP, profile, settings and kit definitions (for editors)."""
    folder = out if out is not None else require_project(project) / "schema"
    try:
        written = write_schemas(folder) + write_kit_schema(folder)
    except OSError as exc:
        raise fail(dg.CLI_WRITE_FAILED, EXIT_FAILED, Location(str(folder)), path=folder,
                   reason=exc.strerror or exc) from None
    for path in written:
        console().print(str(path))
