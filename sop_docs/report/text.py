"""Numbers, targets and dates written the Indonesian way, for every document of the rekap."""

from __future__ import annotations

import datetime as dt

from sop_docs.merge.results import Target
from sop_docs.model.values import BULAN


def angka(value: float | None, desimal: int = 2) -> str:
    """``1234.5`` -> ``"1.234,50"`` (dot thousands, comma decimals); ``None`` -> ``"-"``."""
    if value is None:
        return "-"
    text = f"{value:,.{desimal}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def target(value: Target | None, desimal: int = 2) -> str:
    """A target: ``"80"`` or a range ``"80 - 90"``; ``"-"`` when the period has none."""
    if value is None:
        return "-"
    if value.is_range:
        return f"{angka(value.min, desimal)} - {angka(value.max, desimal)}"
    return angka(value.min, desimal)


def rupiah(value: float | None) -> str:
    """A budget amount without decimals: ``"1.500.000"``."""
    return angka(value, 0)


def tanggal(value: dt.date) -> str:
    """``2026-04-15`` -> ``"15 April 2026"``."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def tanggal_iso(text: str) -> str:
    """An ISO date text as ``"15 April 2026"``; other text unchanged."""
    try:
        return tanggal(dt.date.fromisoformat(text))
    except ValueError:
        return text
