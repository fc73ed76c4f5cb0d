"""The user's language: Indonesian by default, English on request.

Every user-facing string exists in both languages side by side where it is written:
``tr("Indonesian", "English")`` for CLI text, and the diagnostics catalogue holds both
forms of each message and hint.  The language comes from ``--lang`` (read before the
command line is parsed, so help texts are translated too), else ``SOP_DOCS_LANG``, else
Indonesian.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum


class Language(StrEnum):
    """The languages sop-docs speaks."""

    ID = "id"
    EN = "en"


DEFAULT = Language.ID
ENV_VAR = "SOP_DOCS_LANG"


def _parse(value: str | None) -> Language | None:
    if not value:
        return None
    value = value.strip().lower().split("_")[0].split("-")[0]
    return Language(value) if value in {lang.value for lang in Language} else None


def _from_argv(argv: list[str]) -> Language | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return _parse(argv[index + 1])
        if arg.startswith("--lang="):
            return _parse(arg.partition("=")[2])
    return None


_current: Language = _from_argv(sys.argv[1:]) or _parse(os.environ.get(ENV_VAR)) or DEFAULT


def current() -> Language:
    """The language of this run."""
    return _current


def set_language(language: Language | str) -> None:
    """Switch the language (the CLI's ``--lang``; tests)."""
    global _current
    _current = Language(language)


def tr(indonesian: str, english: str) -> str:
    """The text in the current language; both forms are written at the call site."""
    return english if _current is Language.EN else indonesian
