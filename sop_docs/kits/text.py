"""Definition text made safe for a cell: always text, never a formula, never invalid XML."""

from __future__ import annotations

import re
from functools import lru_cache

# Characters XML 1.0 cannot hold (openpyxl refuses them): C0 controls except tab, LF, CR,
# and the non-characters U+FFFE / U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: First characters that make spreadsheet apps read typed text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def _picture(match: re.Match[str]) -> str:
    char = match.group(0)
    # C0 controls become their visible "control picture" (U+2400 + code), e.g. BEL -> ␇.
    return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\N{REPLACEMENT CHARACTER}"


@lru_cache(maxsize=8192)  # a kit repeats most texts (headers, sasaran): sanitise each once
def cell_text(value: str) -> str:
    """``value`` with characters a workbook cannot store replaced by visible stand-ins and
    line ends made '\n' (what every application reads back)."""
    return _ILLEGAL.sub(_picture, value.replace("\r\n", "\n").replace("\r", "\n"))


def looks_like_formula(value: str) -> bool:
    """True when an app would read ``value`` as a formula if typed: it gets a quote prefix."""
    return value.startswith(FORMULA_STARTS)
