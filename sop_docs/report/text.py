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


#: The most decimals a figure of a kit definition may carry (``Indikator.desimal`` <= 6).
MAX_DESIMAL = 6


def desimal_of(value: float) -> int:
    """How many decimals ``value`` really has (``5.75`` -> 2, ``80.0`` -> 0), at most
    :data:`MAX_DESIMAL`."""
    text = f"{value:.{MAX_DESIMAL}f}".rstrip("0")
    return len(text) - text.index(".") - 1


def nilai(value: float | None, desimal: int = 2) -> str:
    """A target or realisasi as printed in the rekap: with the indicator's decimals, or
    more when the figure has more (``5.75`` is never printed ``5,8``), so that the printed
    capaian can be re-derived from the printed figures."""
    if value is None:
        return "-"
    return angka(value, max(desimal, desimal_of(value)))


def target(value: Target | None, desimal: int = 2) -> str:
    """A target: ``"80"`` or a range ``"80 - 90"``; ``"-"`` when the period has none."""
    if value is None:
        return "-"
    if value.is_range:
        return f"{nilai(value.min, desimal)} - {nilai(value.max, desimal)}"
    return nilai(value.min, desimal)


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
