"""Numbers as people type them into a kit: "15%", "1.234,5", "1,5", "1.5", " 12 ", "12 persen".

Indonesian writing uses ``.`` for thousands and ``,`` for decimals; spreadsheets set to an
English locale do the reverse.  A cell that holds text instead of a number is read when the
reading is unambiguous enough, and the reading is always reported back (``how``) so the office
can check it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_SUFFIXES = ("persen", "%")
_PREFIXES = ("rp.", "rp")
_DIGITS_RE = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")


@dataclass(frozen=True, slots=True)
class ReadNumber:
    """A cell read as a number: the value, or None; ``how`` says how text was interpreted."""

    value: float | None
    text: str = ""  # the original text when the cell held text
    how: str = ""  # Indonesian explanation of the reading; empty for real numeric cells

    @property
    def from_text(self) -> bool:
        """True when the number came from text (the office should see how it was read)."""
        return self.value is not None and bool(self.text)


EMPTY = ReadNumber(None)


def is_blank(value: object) -> bool:
    """True for an empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def read_number(value: object) -> ReadNumber:
    """Read one cell value as a number; ``value is None`` in the result means "not a number"."""
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return ReadNumber(None, text=str(value))
    if isinstance(value, int | float):
        return ReadNumber(float(value))
    if value is None:
        return EMPTY
    return _read_text(str(value))


def _read_text(raw: str) -> ReadNumber:
    text = raw.replace("\u00a0", " ").replace("\u202f", " ").strip().lower()
    notes: list[str] = []
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            notes.append("tanda persen diabaikan")
            break
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
            notes.append("awalan Rp diabaikan")
            break
    text = text.replace(" ", "")
    if not _DIGITS_RE.match(text):
        return ReadNumber(None, text=raw)
    number, how = _separators(text)
    if number is None:
        return ReadNumber(None, text=raw)
    notes.append(how)
    return ReadNumber(number, text=raw, how="; ".join(n for n in notes if n))


def _separators(text: str) -> tuple[float | None, str]:
    """Decide which of ``.`` and ``,`` is the decimal mark; return the value and the reading."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if text.count(decimal) > 1:
            return None, ""
        how = f"'{thousands}' pemisah ribuan, '{decimal}' desimal"
        return _to_float(text.replace(thousands, "").replace(decimal, ".")), how
    mark = "," if commas else "." if dots else ""
    if not mark:
        return _to_float(text), "angka ditulis sebagai teks"
    count = commas or dots
    groups = text.lstrip("+-").split(mark)
    if count > 1:  # 1.234.567 or 1,234,567: only thousands make sense
        if all(len(g) == 3 for g in groups[1:]):
            return _to_float(text.replace(mark, "")), f"'{mark}' pemisah ribuan"
        return None, ""
    if mark == "," or len(groups[1]) != 3:
        return _to_float(text.replace(mark, ".")), f"'{mark}' sebagai tanda desimal"
    # "1.500": Indonesian thousands separator; the message shows the reading to be checked.
    return _to_float(text.replace(mark, "")), "'.' pemisah ribuan"


def _to_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
