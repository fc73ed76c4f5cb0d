"""Project commands: check, build, init, new, schema."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.build import build as run_build
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
from sop_docs.kits.load import write_kit_schema
from sop_docs.lint.runner import lint_corpus
from sop_docs.lint.summary import as_json, counts, ordered, sop_lines, summary_line
from sop_docs.model.build import (
    PROFILE_FOLDER,
    build_model,
    load_files,
    load_settings,
    source_files,
)
from sop_docs.model.corpus import Corpus
from sop_docs.model.profile import Profil
from sop_docs.model.schema import write_schemas
from sop_docs.scaffold import SCHEMA_FOLDER, init_project, sop_skeleton, valid_id
from sop_docs.sources import read_source


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("check")(guarded(check))
    app.command("build")(guarded(build))
    app.command("init")(guarded(init))
    app.command("new")(guarded(new))
    app.command("schema")(guarded(schema))


def check(
    paths: SourcePaths = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text for people, json for machines")
    ] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Check SOP sources and profiles; report every problem at file:line:col."""
    require_project(project)
    settings, problems = load_settings(project)
    if not paths and not (project / settings.sumber).is_dir():
        raise fail(dg.CLI_NO_PROJECT, EXIT_USAGE, path=project.resolve())
    sop_files, profile_files = source_inputs(paths or [project / settings.sumber], project,
                                       settings.sumber)
    corpus, more = load_files(sop_files, profile_files, settings)
    found = ordered(problems + more + lint_corpus(corpus), strict)
    if output is OutputFormat.JSON:
        typer.echo(as_json(corpus, found, strict), nl=False)
    else:
        _show_check(corpus, found)
    if not sop_files:
        raise fail(dg.CLI_NO_SOURCES, EXIT_FAILED, path=", ".join(map(str, paths or [project])))
    raise typer.Exit(EXIT_FAILED if counts(found)[0] else EXIT_OK)


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
    out: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("build"),
    project: ProjectOption = Path("."),
) -> None:
    """Run the whole job on the project: check, then every later stage, into the output folder."""
    require_project(project)
    ctx = run_build(project, out)
    found = ordered(ctx.report.items, strict=False)
    show_diagnostics(found, console())
    errors, warnings = counts(found)
    written = sum(len(paths) for paths in ctx.artifacts.values())
    console().print(f"build: {written} files in {out}: {errors} errors, {warnings} warnings",
                    style="bold red" if errors else "bold green")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the project in.")],
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
    console().print(f"created {len(written)} files in {folder}; next: "
                    f"sop-docs check --project {folder}", style="green")


def new(
    sop_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new SOP, e.g. sop-rapat")],
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
    profil = _first_profile(folder / PROFILE_FOLDER)
    if profil is None:
        raise fail(dg.CLI_NO_PROFILE, EXIT_FAILED, path=folder / PROFILE_FOLDER)
    atomic.write_text(target, sop_skeleton(sop_id, profil, folder, project))
    console().print(f"created {target} (profil {profil.id}); fill it in, then run check",
                    style="green")


def _first_profile(folder: Path) -> Profil | None:
    """The first profile (by file name) that loads and names an official."""
    for path in source_files(folder):
        built = build_model(read_source(path), Profil)
        if built.model is not None and built.model.pejabat:
            return built.model
    return None


def schema(
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Folder to write to; "
                                             "default: <project>/schema.")] = None,
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
