"""The exceptions sop-docs raises on purpose, in one hierarchy under :class:`SopDocsError`.

None of them is meant to reach a user: each is caught where its cause can be located and
turned into a diagnostic of :mod:`sop_docs.diagnostics` (the CLI reports anything that
still escapes as CLI008, an internal error).  A library caller can catch
:class:`SopDocsError` to handle them all.
"""

from __future__ import annotations

from sop_docs.diagnostics import Code, Diagnostic


class SopDocsError(Exception):
    """Base of every exception sop-docs raises on purpose."""


class InvalidValue(SopDocsError, ValueError):
    """A value written by a person that cannot be read.  Also a ``ValueError``, so a
    pydantic validator that raises it reports an ordinary, located validation error."""


class TanggalError(InvalidValue):
    """A date text that names an impossible or unreadable date."""


class CycleError(InvalidValue):
    """A cycle id that is not ``YYYY-TW1..TW4``, ``YYYY-S1``, ``YYYY-S2`` or ``YYYY-TAHUNAN``."""


class SourceRefused(SopDocsError):
    """A source file holds something the reader refuses (an alias, a second document, too
    many nodes, too deep); ``diagnostic`` says what and where."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class NotAFile(SopDocsError):
    """A returned path that is a link or a special file: refused without being opened;
    ``code`` is the diagnostic to report and ``what`` the kind of path found."""

    def __init__(self, code: Code, what: str) -> None:
        super().__init__(what)
        self.code, self.what = code, what


class ProgramError(SopDocsError):
    """An external program (Graphviz, LibreOffice) is missing or failed."""


class GraphvizMissing(ProgramError):
    """The ``dot`` program is not installed (or not on PATH)."""


class GraphvizFailed(ProgramError):
    """``dot`` ran and failed; the message is its first line of error output."""


class StaleState(SopDocsError):
    """An incremental site build found a page it can neither rebuild nor take from the
    state; the caller falls back to a clean build."""


class RoundTripError(SopDocsError):
    """The studio cannot write a source back faithfully (ruamel.yaml cannot read it as a
    mapping with text keys), so the form opens it read-only."""


class StudioError(SopDocsError):
    """A studio request refused: ``diagnostic`` says why, ``status`` is the HTTP status of
    the answer."""

    def __init__(self, diagnostic: Diagnostic, status: int = 400) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.status = status
