"""Cross-reference rules over a loaded corpus, one small function each (see runner.py)."""

from sop_docs.lint.runner import PROFILE_RULES, SOP_RULES, lint_corpus

__all__ = ["PROFILE_RULES", "SOP_RULES", "lint_corpus"]
