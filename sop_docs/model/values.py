"""Parsed values that keep the author's original text: durations (waktu) and dates (tanggal).

Both come from hand-typed documents: "15 menit", "30 menit / bagian", "tergantung volume
pekerjaan", "19 Januari 2021", "......2022".  The parse keeps ``teks`` for display and adds
the structured part when one can be read, so totals and lint rules can work on it.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from sop_docs.errors import TanggalError
from sop_docs.i18n import tr


class SatuanWaktu(StrEnum):
    """Units a waktu may be written in."""

    MENIT = "menit"
    JAM = "jam"
    HARI = "hari"
    MINGGU = "minggu"
    BULAN = "bulan"


_UNIT_WORDS: dict[str, SatuanWaktu] = {
    "menit": SatuanWaktu.MENIT,
    "mnt": SatuanWaktu.MENIT,
    "jam": SatuanWaktu.JAM,
    "hari": SatuanWaktu.HARI,
    "hr": SatuanWaktu.HARI,
    "hk": SatuanWaktu.HARI,
    "minggu": SatuanWaktu.MINGGU,
    "mgg": SatuanWaktu.MINGGU,
    "pekan": SatuanWaktu.MINGGU,
    "bulan": SatuanWaktu.BULAN,
    "bln": SatuanWaktu.BULAN,
}

# A number as offices type it (at most 6 digits): 15, 1,5, 0.5, 1/2, ½, 1½ or 1 ½, with an
# optional spelled-out echo "1 (satu)"; a product "1 x 24"; a range "1-2", "15 s.d. 30".
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_NUMBER = (r"(?:\d{1,6}\s*/\s*\d{1,6}|\d{1,6}(?:[.,]\d{1,6})?(?:\s*[½¼¾⅓⅔])?|[½¼¾⅓⅔])"
           r"(?:\s*\([^\W\d_]+(?:\s+[^\W\d_]+)*\))?")
_AMOUNT = rf"{_NUMBER}(?:\s*[x×]\s*{_NUMBER})?"
_RANGE_WORD = r"(?:-|–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga)"
_ABOUT = (r"(?:±|\+\s*/?\s*-|kurang\s+lebih|lebih\s+kurang|kira-kira|sekitar|maks(?:imal)?\.?"
          r"|paling\s+lama|selambat-lambatnya)")
_WAKTU_RE = re.compile(
    rf"^(?:{_ABOUT}\s*)?(?P<low>{_AMOUNT})(?:\s*{_RANGE_WORD}\s*(?P<high>{_AMOUNT}))?"
    r"(?:\s*(?P<unit>[A-Za-z]+)\.?(?:\s*[/,;(-]?\s*(?P<rest>.*?))?)?\s*$",
    re.IGNORECASE,
)
_KALENDER = "kalender"
_DAYS_OF_24_HOURS = re.compile(r"[x×]\s*24$", re.IGNORECASE)
_ECHO_RE = re.compile(r"\([^)]*\)")  # a spelled-out echo: "1 (satu)"
_TIMES_RE = re.compile(r"[x×]", re.IGNORECASE)  # a product: "1 x 24"


class Waktu(BaseModel):
    """A step's duration: the original text, and value + unit + qualifier when readable.

    A bare number ("15") has a value and no unit: the SOP's or the project's
    ``satuan_waktu`` gives it one (the sheet then prints the unit in the column header).
    A range ("1-2 hari") keeps its lower bound in ``nilai_min`` and its upper bound in
    ``nilai``, which totals use; ``kalender`` marks calendar days ("7 hari kalender")."""

    model_config = ConfigDict(frozen=True)

    teks: str
    nilai: float | None = None
    nilai_min: float | None = None
    satuan: SatuanWaktu | None = None
    kualifikasi: str | None = None
    kalender: bool = False

    @property
    def terbaca(self) -> bool:
        """True when the text held a value and a unit that can be totalled."""
        return self.nilai is not None and self.satuan is not None


def parse_waktu(text: str) -> Waktu:
    """Read "15 menit", "30 menit/ bagian", "3 hari kerja", "1-2 hari", "± 15 menit",
    "1 (satu) hari", "1 x 24 jam" (one day), "½ hari", "1/2 jam", "15"; keep other text
    as-is."""
    raw = " ".join(str(text).split())
    match = _WAKTU_RE.match(raw)
    unit_word = (match.group("unit") or "").lower() if match else ""
    unit = _UNIT_WORDS.get(unit_word)
    low = _amount(match.group("low")) if match else None
    high = _amount(match.group("high")) if match and match.group("high") else low
    if match is None or low is None or high is None or (unit_word and unit is None):
        return Waktu(teks=raw, kualifikasi=raw or None)
    rest = (match.group("rest") or "").strip().rstrip(")").strip() or None
    if unit is SatuanWaktu.JAM and _DAYS_OF_24_HOURS.search(match.group("low")):
        low, high, unit = low / 24, high / 24, SatuanWaktu.HARI  # "1 x 24 jam": one day
    return Waktu(teks=raw, nilai=max(low, high), satuan=unit, kualifikasi=rest,
                 nilai_min=min(low, high) if match.group("high") else None,
                 kalender=unit is SatuanWaktu.HARI and (rest or "").lower().startswith(_KALENDER))


def _amount(text: str) -> float | None:
    """The value of one amount ("1,5", "1/2", "1½", "1 (satu) x 24"); None for "1/0"."""
    value = 1.0
    for factor in _TIMES_RE.split(_ECHO_RE.sub("", text)):
        number = _number(factor.replace(" ", ""))
        if number is None:
            return None
        value *= number
    return value


def _number(text: str) -> float | None:
    """"15", "1,5", "1/2", "½", "1½" as a number (None when the divisor is 0)."""
    if "/" in text:
        top, bottom = (int(part) for part in text.split("/"))
        return top / bottom if bottom else None
    whole, fraction = (text[:-1], _FRACTIONS[text[-1]]) if text[-1] in _FRACTIONS else (text, 0)
    return (float(whole.replace(",", ".")) if whole else 0.0) + fraction


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
# Every spelling and abbreviation offices write (and the English ones pasted from software),
# compared in lower case without the abbreviation's dot: "19 Agt. 2023", "19 Nop 2023".
_BULAN_NAMES = (
    ("januari", "jan", "january"),
    ("februari", "pebruari", "feb", "peb", "febr", "pebr", "february"),
    ("maret", "mar", "mrt", "march"),
    ("april", "apr", "apl"),
    ("mei", "may"),
    ("juni", "jun", "june"),
    ("juli", "jul", "july"),
    ("agustus", "agu", "ags", "agt", "agst", "agus", "agust", "aug", "august"),
    ("september", "sep", "sept", "spt"),
    ("oktober", "okt", "oct", "october"),
    ("november", "nopember", "nov", "nop", "nopb"),
    ("desember", "des", "dec", "december"),
)
_BULAN_INDEX = {name: i + 1 for i, names in enumerate(_BULAN_NAMES) for name in names}

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_WORDS_RE = re.compile(r"^(?:(\d{1,2})[\s./-]*)?([A-Za-z]+)\.?[\s,/-]*(\d{4})$")
_YEAR_RE = re.compile(r"^[.\s_…]*(\d{4})$")


_MAX_REVISION_DIGITS = 3


class TanggalValue(BaseModel):
    """A date as the author wrote it, with whatever parts are known (drafts leave parts blank).

    ``revisi`` holds a revision number when the field carries one instead of a date
    (Tanggal Revisi may say "Revisi 1").
    """

    model_config = ConfigDict(frozen=True)

    teks: str = ""
    tahun: int | None = None
    bulan: int | None = None
    hari: int | None = None
    revisi: int | None = None

    @property
    def lengkap(self) -> bool:
        """True for a full calendar date."""
        return self.tahun is not None and self.bulan is not None and self.hari is not None

    @property
    def kosong(self) -> bool:
        """True when nothing at all is filled in."""
        return self.tahun is None and self.revisi is None

    def as_date(self) -> dt.date | None:
        """The calendar date, when complete."""
        if not (self.lengkap and self.tahun and self.bulan and self.hari):
            return None
        return dt.date(self.tahun, self.bulan, self.hari)

    def tampil(self) -> str:
        """Display form in Indonesian: "19 Januari 2021", "Januari 2019", "......2022",
        "Revisi 1"."""
        if self.revisi is not None and self.tahun is None:
            return f"Revisi {self.revisi}" if self.teks.isdigit() else self.teks
        if self.lengkap and self.bulan:
            return f"{self.hari} {BULAN[self.bulan - 1]} {self.tahun}"
        if self.tahun and self.bulan:
            return f"{BULAN[self.bulan - 1]} {self.tahun}"
        return self.teks


def parse_tanggal(value: object) -> TanggalValue:
    """Read a YAML date, "19 Januari 2021", "31-12-2021", "Januari 2019", "......2022", "",
    or a revision ("Revisi 1", 1).  Raises TanggalError for impossible or unreadable dates."""
    if value is None:
        return TanggalValue()
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return TanggalValue(
            teks=value.isoformat(), tahun=value.year, bulan=value.month, hari=value.day
        )
    if isinstance(value, bool):
        raise TanggalError(tr("diharapkan tanggal, ditemukan true/false",
                              "expected a date, found true/false"))
    if isinstance(value, int):
        return TanggalValue(teks=str(value), revisi=value)  # as written; tampil: "Revisi 1"
    text = " ".join(str(value).split())
    if not text or set(text) <= set(". _…-"):
        return TanggalValue(teks=text)
    revision = _revision(text)
    if revision is not None:
        return revision
    if match := _YEAR_RE.match(text):
        return TanggalValue(teks=text, tahun=int(match.group(1)))
    if match := _ISO_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _checked(text, year, month, day)
    if match := _DMY_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _checked(text, year, month, day)
    if match := _WORDS_RE.match(text):
        day_text, month_name, year_text = match.groups()
        named_month = _BULAN_INDEX.get(month_name.lower())
        if named_month is None:
            raise TanggalError(tr(f"nama bulan '{month_name}' tidak dikenal",
                                  f"unknown month name '{month_name}'"))
        return _checked(text, int(year_text), named_month, int(day_text) if day_text else None)
    raise TanggalError(tr(f"'{text}' tidak dapat dibaca sebagai tanggal atau nomor revisi",
                          f"cannot read '{text}' as a date or a revision number"))


def _revision(text: str) -> TanggalValue | None:
    """A revision number: "Revisi 1", "rev. 2", and "1" (quoted in YAML, as README advises
    for numbers; unquoted it arrives as an int)."""
    if text.isdigit() and len(text) <= _MAX_REVISION_DIGITS:
        return TanggalValue(teks=text, revisi=int(text))
    revision = re.match(r"^(?:revisi|rev\.?)\s*(?:ke[- ]?)?(\d+)$", text, re.IGNORECASE)
    return TanggalValue(teks=text, revisi=int(revision.group(1))) if revision else None


def _checked(text: str, year: int, month: int, day: int | None) -> TanggalValue:
    try:
        dt.date(year, month, day or 1)
    except ValueError as exc:
        raise TanggalError(tr(f"'{text}' bukan tanggal yang ada ({exc})",
                              f"'{text}' is not a real date ({exc})")) from None
    return TanggalValue(teks=text, tahun=year, bulan=month, hari=day)
