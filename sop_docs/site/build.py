"""`sop-docs site build` and the build's ``site`` stage: sources -> docs tree -> mkdocs -> zip.

Layout of the output folder ``<out>`` (the build folder):

- ``<out>/sop/<id>/``: rendered files (the render stage's cache, reused here);
- ``<out>/site-src/``: the generated ``mkdocs.yml`` and ``docs/`` tree (kept between
  builds, so only changed pages are rewritten);
- ``<out>/site/``: the built site; ``<out>/site.zip``: the same, zipped.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sop_docs import diagnostics as dg
from sop_docs.atomic import write_text
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.lint.stage import check_project, without_errors
from sop_docs.model.build import load_settings
from sop_docs.model.cache import build_cache
from sop_docs.model.corpus import Corpus
from sop_docs.pipeline import KITS_FOLDER, MERGE_STAGE, REKAP_FOLDER, SITE_FOLDER, BuildContext
from sop_docs.site import config as site_config
from sop_docs.site.archive import zip_folder
from sop_docs.site.artifacts import SITE_FORMATS, SopAssets, find_assets
from sop_docs.site.docs import SiteContent, write_docs
from sop_docs.site.history import load_histories
from sop_docs.site.incremental import BuildState
from sop_docs.site.mkdocs_run import run_mkdocs
from sop_docs.site.publications import kit_cycles, rekap_cycles
from sop_docs.site.settings import load_site_settings, overrides_folder
from sop_docs.site.theme import write_overrides
from sop_docs.site.tree import DocsTree


@dataclass
class SiteResult:
    """What a site build did: where the site is, which SOPs were (re-)rendered, problems."""

    site_dir: Path
    zip_path: Path | None = None
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    pages_changed: int = 0
    incremental: bool = False  # mkdocs rebuilt only the changed pages
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        """Record how long ``step`` took (the benchmark reports where the time goes)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[step] = time.perf_counter() - start

    @property
    def ok(self) -> bool:
        return not any(d.severity is dg.Severity.ERROR for d in self.diagnostics)


def source_folder(out: Path) -> Path:
    """Where the generated mkdocs project (``mkdocs.yml`` + ``docs/``) lives."""
    return out / "site-src"


def render_assets(corpus: Corpus, out: Path, result: SiteResult, render: bool = True
                  ) -> dict[str, SopAssets]:
    """Every SOP's rendered files as the site shows them.

    With ``render``, the site's formats are rendered first through ``render_corpus`` (whose
    content-hash cache skips unchanged SOPs); without, the files already in ``<out>/sop``
    (written by the build's render stage) are used as they are.
    """
    if render:
        from sop_docs.render.registry import FORMATS
        from sop_docs.render.run import render_corpus

        run = render_corpus(corpus, [name for name in SITE_FORMATS if name in FORMATS], out)
        result.rendered, result.reused = run.rendered, run.reused
        result.diagnostics.extend(run.diagnostics)
    return {r.sop.id: find_assets(out / "sop" / r.sop.id, r.sop.id) for r in corpus.sops}


def build_site(corpus: Corpus, project: Path, out: Path, site_dir: Path | None = None,
               kit_files: Iterable[Path] | None = None,
               rekap_files: Iterable[Path] | None = None, make_zip: bool = True,
               render: bool = True) -> SiteResult:
    """Build the site of ``corpus`` into ``site_dir`` (default ``<out>/site``).

    ``kit_files`` / ``rekap_files`` are what the kits and merge stages recorded; None
    means "look in ``<out>/kits`` and ``<out>/rekap``" (a stand-alone ``site build``).
    ``render=False`` uses the render stage's files instead of rendering.
    """
    site_dir = site_dir or out / SITE_FOLDER
    result = SiteResult(site_dir)
    settings_folder = project / corpus.settings.site
    site, problems = load_site_settings(settings_folder)
    result.diagnostics.extend(problems)
    with result.timed("render"):
        assets = render_assets(corpus, out, result, render)
    content = SiteContent(
        corpus=corpus,
        site=site,
        assets=assets,
        kits=kit_cycles(kit_files, out / KITS_FOLDER),
        rekap=rekap_cycles(rekap_files, out / REKAP_FOLDER),
        histories=load_histories(project, corpus),
    )
    src = source_folder(out)
    written = _write_source(content, overrides_folder(settings_folder), src, result)
    if written is None:
        return result
    previous, changed = written
    mkdocs_yml = src / "mkdocs.yml"
    with result.timed("mkdocs"):
        run = run_mkdocs(mkdocs_yml, previous, changed)
    result.incremental = run.incremental
    result.diagnostics.extend(dg.make(dg.SIT_MKDOCS, Location(str(mkdocs_yml)), message=m)
                              for m in run.warnings)
    if make_zip and not run.warnings:
        _write_zip(result)
    return result


def _write_source(content: SiteContent, overrides: Path | None, src: Path, result: SiteResult
                  ) -> tuple[BuildState | None, list[str]] | None:
    """Write the docs tree, theme overrides and ``mkdocs.yml`` into ``src``; return the state
    of the last mkdocs build (None: build clean) and the docs files written.  None when
    writing failed (reported in ``result``)."""
    mkdocs_yml = src / "mkdocs.yml"
    try:
        previous = BuildState.take(mkdocs_yml)  # gone until mkdocs succeeds
        tree = DocsTree(src / "docs")
        with result.timed("docs"):
            nav = write_docs(content, tree)
            if tree.prune():
                previous = None  # a page or file was removed: only a clean build drops it
        result.pages_changed = len(tree.changed)
        written = write_overrides(src / "overrides", overrides)
        write_text(mkdocs_yml, site_config.dump(site_config.mkdocs_config(
            content.site, tree.root.resolve(), result.site_dir.resolve(), nav, written)))
    except OSError as exc:
        result.diagnostics.append(dg.make(dg.SIT_WRITE_FAILED, Location(str(src)), path=src,
                                          reason=exc.strerror or exc))
        return None
    return previous, tree.changed


def _write_zip(result: SiteResult) -> None:
    """``site.zip`` next to the site folder (updated from the previous one)."""
    target = result.site_dir.with_name(f"{result.site_dir.name}.zip")
    try:
        with result.timed("zip"):
            result.zip_path = zip_folder(result.site_dir, target)
    except OSError as exc:
        result.diagnostics.append(dg.make(dg.SIT_WRITE_FAILED, Location(str(target)),
                                          path=target, reason=exc.strerror or exc))


def build_project_site(project: Path, site_dir: Path, make_zip: bool = True) -> SiteResult:
    """`sop-docs site build`: check the project, then build the site of its sound SOPs.

    Renders into ``site_dir``'s parent (the build folder) and shows the kits and rekap found
    there; the result's diagnostics include the check's.
    """
    start = time.perf_counter()
    corpus, problems = check_project(project, build_cache(site_dir.parent))
    checked = time.perf_counter() - start
    result = build_site(without_errors(corpus, problems), project, site_dir.parent, site_dir,
                        make_zip=make_zip)
    result.diagnostics[:0] = problems
    result.seconds["check"] = checked
    return result


def site_stage(ctx: BuildContext) -> None:
    """The build's last stage: the reference site of the sound SOPs, kits and rekap."""
    corpus = ctx.corpus
    if corpus is None:
        settings, _ = load_settings(ctx.project)  # the check stage reported its problems
        corpus = Corpus(settings, (), ())
    result = build_site(corpus, ctx.project, ctx.out, kit_files=ctx.artifacts.get(KITS_FOLDER, []),
                        rekap_files=ctx.artifacts.get(MERGE_STAGE, []),
                        render="render" not in ctx.artifacts)
    ctx.report.extend(result.diagnostics)
    if result.ok:
        ctx.record("site", [result.site_dir / "index.html"]
                   + ([result.zip_path] if result.zip_path else []))
