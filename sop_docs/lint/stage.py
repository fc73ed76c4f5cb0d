"""The `check` stage of `sop-docs build`: load the corpus, lint it, write build/check/."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sop_docs import atomic
from sop_docs.diagnostics import Diagnostic, Severity
from sop_docs.lint.cache import lint_cache
from sop_docs.lint.runner import lint_corpus
from sop_docs.lint.summary import as_json, as_text, ordered
from sop_docs.model.build import load_corpus
from sop_docs.model.cache import SourceCache, build_cache, paused_gc
from sop_docs.model.corpus import Corpus
from sop_docs.pipeline import CHECK_FOLDER, BuildContext
from sop_docs.publish.integrity import archive_problems


def check_project(project: Path, cache: SourceCache | None = None
                  ) -> tuple[Corpus, list[Diagnostic]]:
    """Load ``project`` and lint what loaded: every problem of its sources and archive.
    With ``cache`` (a build folder's), unchanged sources are not parsed again, nor linted
    again when nothing they depend on changed (:mod:`sop_docs.lint.cache`)."""
    if cache is None:
        corpus, problems = load_corpus(project)
        findings = lint_corpus(corpus)
    else:
        with paused_gc():
            corpus, problems = load_corpus(project, cache.read)
        cache.save()
        linted = lint_cache(cache, corpus)
        findings = lint_corpus(corpus, cache=linted)
        linted.save()
    return corpus, problems + findings + archive_problems(project, corpus)


def without_errors(corpus: Corpus, diagnostics: list[Diagnostic]) -> Corpus:
    """The corpus minus SOPs whose source has an error, so later stages get sound input."""
    broken = {d.location.path for d in diagnostics if d.severity is Severity.ERROR}
    kept = tuple(r for r in corpus.sops if r.path not in broken)
    return replace(corpus, sops=kept)


def check_stage(ctx: BuildContext) -> None:
    """Load and lint ``ctx.project``; later stages get the sound SOPs in ``ctx.corpus``."""
    corpus, diagnostics = check_project(ctx.project, build_cache(ctx.out))
    ctx.report.extend(diagnostics)
    items = ordered(diagnostics, strict=False)
    folder = ctx.out / CHECK_FOLDER
    atomic.write_text(folder / "report.txt", as_text(corpus, items))
    atomic.write_text(folder / "report.json", as_json(corpus, items, strict=False))
    ctx.record(CHECK_FOLDER, [folder / "report.txt", folder / "report.json"])
    sound = without_errors(corpus, diagnostics)
    ctx.corpus = sound if sound.sops else None
