"""Run every lint rule over a loaded corpus; each finding is located at file:line:col."""

from __future__ import annotations

from collections.abc import Collection
from functools import partial

from sop_docs.diagnostics import Diagnostic
from sop_docs.lint import identity, steps
from sop_docs.lint.cache import LintCache
from sop_docs.lint.context import ProfileContext, ProfileRule, SopContext, SopRule
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.sources import Positions

SOP_RULES: tuple[SopRule, ...] = (
    steps.unknown_actor,
    steps.repeated_actor,
    steps.unknown_step,
    steps.duplicate_ids,
    steps.unreachable,
    steps.no_path_to_end,
    steps.decision_exits,
    steps.loop_no_exit,
    steps.unused_actor,
    steps.waktu,
    steps.symbol_mismatch,
    identity.date_order,
    identity.duplicate_items,
    identity.unknown_keterkaitan,
    identity.empty_identity,
    identity.foreign_office,
    identity.signatory_nip,
)
PROFILE_RULES: tuple[ProfileRule, ...] = (identity.nip,)


def lint_corpus(corpus: Corpus, only: Collection[str] | None = None,
                cache: LintCache | None = None) -> list[Diagnostic]:
    """Every rule on every SOP and profile of ``corpus`` (positions come with the corpus);
    ``only`` limits the run to the sources at these paths, the rest of the corpus still
    answering their cross-references (the studio checks the one file being edited).
    With ``cache``, an SOP whose inputs are unchanged gets its previous findings.

    A rule reads of the rest of the corpus only its SOP ids (what :mod:`sop_docs.lint.cache`
    keys on)."""
    found: list[Diagnostic] = []
    for profil in corpus.profiles:
        positions = corpus.profile_positions.get(profil.id) or Positions(f"profil {profil.id}")
        if only is not None and positions.path not in only:
            continue
        context = ProfileContext(profil, positions)
        for profile_rule in PROFILE_RULES:
            found.extend(profile_rule(context))
    for resolved in corpus.sops:
        if only is not None and resolved.path not in only:
            continue
        if cache is None:
            found.extend(sop_findings(corpus, resolved))
        else:
            found.extend(cache.findings(resolved, partial(sop_findings, corpus, resolved)))
    return found


def sop_findings(corpus: Corpus, resolved: ResolvedSOP) -> list[Diagnostic]:
    """Every SOP rule on one SOP of ``corpus``."""
    positions = corpus.positions.get(resolved.sop.id) or Positions(resolved.path)
    context = SopContext(resolved, positions, corpus)
    return [finding for rule in SOP_RULES for finding in rule(context)]
