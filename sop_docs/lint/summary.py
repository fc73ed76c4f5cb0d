"""The check result as text and JSON: for `sop-docs check --format` and build/check/."""

from __future__ import annotations

import json
from dataclasses import replace

from sop_docs.diagnostics import Diagnostic, Report, Severity
from sop_docs.i18n import tr
from sop_docs.model.corpus import Corpus


def ordered(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """Diagnostics in file order; with ``strict`` every warning is reported as an error."""
    items = Report(list(diagnostics)).sorted()
    if not strict:
        return items
    return [replace(d, severity=Severity.ERROR) for d in items]


def counts(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return errors, len(diagnostics) - errors


def summary_line(corpus: Corpus, diagnostics: list[Diagnostic]) -> str:
    """'5 SOP, 5 profil diperiksa: 0 galat, 7 peringatan'."""
    errors, warnings = counts(diagnostics)
    sops, profiles = len(corpus.sops), len(corpus.profiles)
    return tr(f"{sops} SOP, {profiles} profil diperiksa: {errors} galat, {warnings} peringatan",
              f"{sops} SOPs, {profiles} profiles checked: {errors} errors, {warnings} warnings")


def sop_lines(corpus: Corpus) -> list[str]:
    """One line per loaded SOP: id, source path and name."""
    return [f"{r.sop.id}  {r.path}  {r.sop.nama}" for r in corpus.sops]


def as_text(corpus: Corpus, diagnostics: list[Diagnostic]) -> str:
    """The plain-text report: the SOPs loaded, every diagnostic, a summary line."""
    lines = ["SOP:", *(f"  {line}" for line in sop_lines(corpus)), ""]
    lines += [d.render() for d in diagnostics]
    lines.append(summary_line(corpus, diagnostics))
    return "\n".join(lines) + "\n"


def as_json(corpus: Corpus, diagnostics: list[Diagnostic], strict: bool) -> str:
    """The machine form of the report (stable key order)."""
    errors, warnings = counts(diagnostics)
    payload = {
        "strict": strict,
        "errors": errors,
        "warnings": warnings,
        "sops": [{"id": r.sop.id, "path": r.path, "nama": r.sop.nama} for r in corpus.sops],
        "profiles": [p.id for p in corpus.profiles],
        "diagnostics": [d.as_dict() for d in diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
