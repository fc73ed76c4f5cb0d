"""Capaian (achievement), kategori and accumulation rules, in Python and as Excel formulas.

Each rule is written twice, next to each other: a pure Python function (used by merge to
recompute returned kits) and a formula builder (written into the kit so the filler sees the
result as they type).  Both must give the same numbers; ``tests/kits`` recalculates the
formulas in LibreOffice and compares.

Rules (DESIGN.md §2.2):

- capaian ``standar`` R/T x 100; ``terbalik`` (2T - R)/T x 100; ``rasio_terbalik`` T/R x 100.
- A range target {min, max}: realisasi inside the range is 100; outside, the method is applied
  against the nearer bound.
- Division by zero gives no capaian (blank), never an error.
- ``batas_atas`` caps capaian.  Capaian is rounded to 10 decimals in both worlds so that a
  value like 90.99999999999999 is 91 for the category lookup in Python and in spreadsheets.
- Accumulation of quarters 1..n: kumulatif sum, posisi akhir the value of quarter n,
  rata-rata the average, tahunan blank until quarter 4.  A period needs every quarter in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sop_docs.kits.model import Akumulasi, Indikator, Kategori, Metode, Rentang, Target

PRECISION = 10  # decimals capaian is rounded to, in Python and in the formulas
FULL = 100.0  # capaian of a realisasi that meets its target exactly / lies inside a range

Number = float | int


# --- numbers in formulas -----------------------------------------------------------------

def num(value: Number) -> str:
    """A number as formula text: shortest exact form, no trailing '.0', 'E' for exponents."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value)).upper()


def text_literal(value: str) -> str:
    """A string literal for a formula: quoted, inner quotes doubled."""
    return '"' + value.replace('"', '""') + '"'


# --- capaian -----------------------------------------------------------------------------

def capaian_titik(realisasi: float, target: float, metode: Metode) -> float | None:
    """Capaian of ``realisasi`` against one number; None when it would divide by zero."""
    if metode is Metode.RASIO_TERBALIK:
        return None if realisasi == 0 else target / realisasi * 100
    if target == 0:
        return None
    if metode is Metode.TERBALIK:
        return (2 * target - realisasi) / target * 100
    return realisasi / target * 100


def _titik_formula(r: str, target: float, metode: Metode) -> str:
    """Formula twin of :func:`capaian_titik` (``r`` is a cell holding a number)."""
    t = num(target)
    if metode is Metode.RASIO_TERBALIK:
        return f'IF({r}=0,"",{t}/{r}*100)'
    if target == 0:
        return '""'
    if metode is Metode.TERBALIK:
        return f"(2*{t}-{r})/{t}*100"
    return f"{r}/{t}*100"


def capaian(realisasi: float | None, target: Target | None, metode: Metode,
            batas_atas: float | None = None) -> float | None:
    """Capaian in percent of a (to-date) realisasi against a (to-date) target, or None.

    None when realisasi or target is missing or the method would divide by zero.
    """
    if realisasi is None or target is None:
        return None
    if isinstance(target, Rentang):
        if realisasi < target.min:
            raw = capaian_titik(realisasi, target.min, metode)
        elif realisasi > target.max:
            raw = capaian_titik(realisasi, target.max, metode)
        else:
            raw = FULL
    else:
        raw = capaian_titik(realisasi, target, metode)
    if raw is None:
        return None
    if batas_atas is not None:
        raw = min(batas_atas, raw)
    return round(raw, PRECISION)


def capaian_formula(r: str, target: Target | None, metode: Metode,
                    batas_atas: float | None = None) -> str | None:
    """Formula twin of :func:`capaian`: ``r`` is the cell of the to-date realisasi.

    None when there is no target for the period (the cell stays blank).
    """
    if target is None:
        return None
    if isinstance(target, Rentang):
        below = _titik_formula(r, target.min, metode)
        above = _titik_formula(r, target.max, metode)
        raw = f"IF({r}<{num(target.min)},{below},IF({r}>{num(target.max)},{above},{num(FULL)}))"
    else:
        raw = _titik_formula(r, target, metode)
    if raw == '""':
        return '=""'
    capped = f"MIN({num(batas_atas)},{raw})" if batas_atas is not None else raw
    value = f"ROUND({capped},{PRECISION})"
    if '""' in raw:
        # a guarded expression may be blank: keep it blank instead of ROUND("") = #VALUE!
        value = f'IF(ISNUMBER({raw}),{value},"")'
    return f'=IF(ISNUMBER({r}),{value},"")'


# --- kategori ----------------------------------------------------------------------------

def kategori(value: float | None, skala: Sequence[Kategori]) -> str | None:
    """The band name of a capaian on the scale (highest ``min`` first), or None when blank."""
    if value is None:
        return None
    for band in skala:
        if band.min is None or value >= band.min:
            return band.nama
    return skala[-1].nama


def kategori_formula(c: str, skala: Sequence[Kategori]) -> str:
    """Formula twin of :func:`kategori`: ``c`` is the capaian cell."""
    expr = text_literal(skala[-1].nama)
    for band in reversed(skala[:-1]):
        if band.min is None:  # validated away: only the last band is open
            continue
        expr = f"IF({c}>={num(band.min)},{text_literal(band.nama)},{expr})"
    return f'=IF(ISNUMBER({c}),{expr},"")'


# --- accumulation across quarters --------------------------------------------------------

def akumulasi_nilai(values: Sequence[float | None], akumulasi: Akumulasi,
                    sampai: int) -> float | None:
    """Accumulate quarter values (index 0 = TW I) up to quarter ``sampai``; None if incomplete."""
    period = list(values[:sampai])
    if akumulasi is Akumulasi.POSISI_AKHIR:
        return period[-1]
    if akumulasi is Akumulasi.TAHUNAN:
        return values[3] if sampai == 4 else None
    if any(v is None for v in period):
        return None
    numbers = [float(v) for v in period if v is not None]
    total = sum(numbers)
    return total if akumulasi is Akumulasi.KUMULATIF else total / len(numbers)


def akumulasi_formula(cells: Sequence[str], akumulasi: Akumulasi, sampai: int) -> str | None:
    """Formula twin of :func:`akumulasi_nilai` over the quarter cells TW I..TW IV (one row,
    adjacent); None when the period has no value yet (tahunan before TW IV)."""
    last = cells[sampai - 1]
    if akumulasi is Akumulasi.POSISI_AKHIR:
        return f'=IF(ISNUMBER({last}),{last},"")'
    if akumulasi is Akumulasi.TAHUNAN:
        return f'=IF(ISNUMBER({cells[3]}),{cells[3]},"")' if sampai == 4 else None
    return sum_formula(cells, sampai, "SUM" if akumulasi is Akumulasi.KUMULATIF else "AVERAGE")


def sum_formula(cells: Sequence[str], sampai: int, func: str = "SUM") -> str:
    """``func`` (SUM or AVERAGE) of the quarter cells TW I..``sampai``, blank until every one
    of them holds a number."""
    span = f"{cells[0]}:{cells[sampai - 1]}"
    return f'=IF(COUNT({span})<{sampai},"",{func}({span}))'


def target_sd(indikator: Indikator, sampai: int) -> Target | None:
    """The target of the period TW I..``sampai``, accumulated like realisasi (ranges bound by
    bound); the annual target for tahunan indicators at TW IV, None before."""
    if indikator.akumulasi is Akumulasi.TAHUNAN:
        return indikator.target_tahunan if sampai == 4 else None
    targets = [indikator.target_kuartal(q) for q in range(1, sampai + 1)]
    if not any(isinstance(t, Rentang) for t in targets):
        points = [float(t) for t in targets if not isinstance(t, Rentang)]
        return akumulasi_nilai(points, indikator.akumulasi, sampai)
    lows = [t.min if isinstance(t, Rentang) else float(t) for t in targets]
    highs = [t.max if isinstance(t, Rentang) else float(t) for t in targets]
    low = akumulasi_nilai(lows, indikator.akumulasi, sampai)
    high = akumulasi_nilai(highs, indikator.akumulasi, sampai)
    if low is None or high is None:
        return None
    return Rentang(min=low, max=high)


def capaian_indikator(indikator: Indikator, realisasi: Sequence[float | None],
                      sampai: int) -> tuple[float | None, float | None, Target | None]:
    """(realisasi s.d., capaian, target s.d.) of one indicator for a period, from the four
    quarter realisasi (index 0 = TW I; None where not entered)."""
    r = akumulasi_nilai(realisasi, indikator.akumulasi, sampai)
    t = target_sd(indikator, sampai)
    return r, capaian(r, t, indikator.metode_efektif, indikator.batas_atas), t


# --- budget ------------------------------------------------------------------------------

def serapan(realisasi: float | None, pagu: float) -> float | None:
    """% serapan (budget absorption) of a realisasi anggaran against its pagu, or None."""
    if realisasi is None or pagu == 0:
        return None
    return round(realisasi / pagu * 100, PRECISION)


def serapan_formula(r: str, pagu: float) -> str:
    """Formula twin of :func:`serapan`: ``r`` is the cell of the to-date realisasi anggaran."""
    if pagu == 0:
        return '=""'
    return f'=IF(ISNUMBER({r}),ROUND({r}/{num(pagu)}*100,{PRECISION}),"")'
