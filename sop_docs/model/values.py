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
    "minggu": SatuanWaktu.MINGGU,
    "pekan": SatuanWaktu.MINGGU,
    "bulan": SatuanWaktu.BULAN,
    "bln": SatuanWaktu.BULAN,
}

_WAKTU_RE = re.compile(
    r"^\s*(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>[A-Za-z]+)\.?\s*(?:(?P<sep>[/,;(-])\s*(?P<rest>.*))?$"
)
_BARE_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


class Waktu(BaseModel):
    """A step's duration: the original text, and value + unit + qualifier when readable.

    A bare number ("15") has a value and no unit: the SOP's or the project's
    ``satuan_waktu`` gives it one (the sheet then prints the unit in the column header)."""

    model_config = ConfigDict(frozen=True)

    teks: str
    nilai: float | None = None
    satuan: SatuanWaktu | None = None
    kualifikasi: str | None = None

    @property
    def terbaca(self) -> bool:
        """True when the text held a value and a unit that can be totalled."""
        return self.nilai is not None and self.satuan is not None


def parse_waktu(text: str) -> Waktu:
    """Read "15 menit", "10 Menit", "30 menit/ bagian", "2 jam"; keep other text as-is."""
    raw = " ".join(str(text).split())
    if _BARE_NUMBER_RE.match(raw):
        return Waktu(teks=raw, nilai=float(raw.replace(",", ".")))
    match = _WAKTU_RE.match(raw)
    if match:
        unit = _UNIT_WORDS.get(match.group("unit").lower())
        if unit is not None:
            value = float(match.group("value").replace(",", "."))
            rest = (match.group("rest") or "").strip().rstrip(")").strip() or None
            return Waktu(teks=raw, nilai=value, satuan=unit, kualifikasi=rest)
    return Waktu(teks=raw, kualifikasi=raw or None)


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
_BULAN_INDEX = {name.lower(): i + 1 for i, name in enumerate(BULAN)}
_BULAN_INDEX.update({"pebruari": 2, "agust": 8, "nopember": 11, "okt": 10, "des": 12, "jan": 1})

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_WORDS_RE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})$")
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
        if not self.lengkap:
            return None
        assert self.tahun and self.bulan and self.hari
        return dt.date(self.tahun, self.bulan, self.hari)

    def tampil(self) -> str:
        """Display form in Indonesian: "19 Januari 2021", "Januari 2019", "......2022",
        "Revisi 1"."""
        if self.revisi is not None and self.tahun is None:
            return f"Revisi {self.revisi}" if self.teks.isdigit() else self.teks
        if self.lengkap:
            assert self.bulan
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
