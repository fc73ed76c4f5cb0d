"""Lint findings kept between runs: an SOP whose inputs did not change is not linted again.

Linting 1,000 SOPs is a large part of a warm `site build` after one source changed.  The
findings of one SOP depend on its source file (bytes, hence the positions the findings
point at), its profile's source file, the project settings, the SOP ids of the corpus
(keterkaitan answers from them: the only thing a rule reads of the rest of the corpus),
the language of the messages and the code (sop-docs' version and a digest of its files).
:class:`LintCache` digests all of these per SOP; an SOP with the same digest as in the
previous run gets that run's findings, the others are linted.

Each source's digest comes from the source cache (:meth:`SourceCache.key`, the SHA-256 of
the bytes it read); an SOP whose source did not pass through it is always linted.  The file
is a pickle read through the source cache's restricted unpickler, so a planted file cannot
run code; an unreadable or foreign file is ignored (everything is linted again).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from sop_docs.atomic import write_bytes
from sop_docs.diagnostics import Diagnostic
from sop_docs.i18n import current
from sop_docs.model.cache import SourceCache, code_digest, safe_load
from sop_docs.model.corpus import Corpus, ResolvedSOP

LINT_FORMAT = 1
LINT_FILE = "lint.pickle"  # next to the source cache

Entries = dict[str, tuple[str, list[Diagnostic]]]  # source path -> (digest, findings)


def _entries(data: object) -> Entries:
    """The entries of a loaded cache file; empty when it has another shape."""
    if not (isinstance(data, dict) and data.get("format") == LINT_FORMAT
            and isinstance(data.get("entries"), dict)):
        return {}
    return {k: v for k, v in data["entries"].items()
            if isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
            and isinstance(v[0], str) and isinstance(v[1], list)
            and all(isinstance(d, Diagnostic) for d in v[1])}


class LintCache:
    """Per-SOP findings of the previous run, for :func:`sop_docs.lint.runner.lint_corpus`."""

    def __init__(self, path: Path | None, sources: SourceCache, corpus: Corpus) -> None:
        self.path = path
        self.sources = sources
        self._previous = _entries(safe_load(path)) if path is not None else {}
        self._used: Entries = {}
        self.linted = 0  # SOPs linted in this run (the rest came from the cache)
        ids = "\0".join(sorted(r.sop.id for r in corpus.sops))
        self._shared = "\0".join((code_digest(), current().value,
                                  corpus.settings.model_dump_json(), ids))
        self._corpus = corpus

    def _digest(self, resolved: ResolvedSOP) -> str | None:
        """Everything the findings of ``resolved`` depend on; None when a source's digest is
        unknown (never cached)."""
        profile_file = self._corpus.profile_file(resolved.profil.id)
        own = self.sources.key(resolved.path)
        profile = self.sources.key(str(profile_file)) if profile_file is not None else None
        if own is None or profile is None:
            return None
        parts = (self._shared, resolved.path, own, profile, resolved.pengesah.id)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def findings(self, resolved: ResolvedSOP, lint: Callable[[], list[Diagnostic]]
                 ) -> list[Diagnostic]:
        """The findings of one SOP: the previous run's when its digest is unchanged, else
        ``lint()``'s."""
        digest = self._digest(resolved)
        found = self._previous.get(resolved.path)
        if digest is None or found is None or found[0] != digest:
            found = (digest or "", lint())
            self.linted += 1
        if digest is not None:
            self._used[resolved.path] = found
        return list(found[1])

    def save(self) -> None:
        """Keep this run's entries for the next run (nothing to do when none changed)."""
        if self.path is None or self._used == self._previous:
            return
        data = {"format": LINT_FORMAT, "entries": self._used}
        write_bytes(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        self._previous = dict(self._used)


def lint_cache(sources: SourceCache, corpus: Corpus) -> LintCache:
    """The lint cache kept next to ``sources`` (none kept when the source cache keeps none)."""
    path = sources.path.with_name(LINT_FILE) if sources.path is not None else None
    return LintCache(path, sources, corpus)
