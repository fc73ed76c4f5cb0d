"""The legal-basis index: which regulations the dasar hukum of each SOP cite.

Offices spell the same regulation many ways ("Peraturan Menteri Pendayagunaan Aparatur
Negara dan Reformasi Birokrasi Republik Indonesia Nomor 53 Tahun 2014", "Peraturan
Kementerian PAN dan RB No. 53/2014", "PermenPAN-RB 53 Tahun 2014").  A table of regulation
kinds (:data:`JENIS`) recognises each spelling and gives one normalised key
("PermenPANRB 53/2014"), so an office can find every SOP to revise when a regulation changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sop_docs.model.corpus import ResolvedSOP


@dataclass(frozen=True, slots=True)
class Jenis:
    """One kind of regulation: how its name is written, and its short form.

    ``regional`` kinds are issued by a region (Perbup Sumedang, Perda Kabupaten Nganjuk);
    the region's name is read after the issuer and kept in the key.
    """

    singkatan: str
    nama: str  # full name, for the index headings
    pattern: str  # regex of the issuer phrase (case-insensitive)
    regional: bool = False


_SP = r"[\s.]*"  # between words: spaces, or the dot of an abbreviation
_PANRB = (
    rf"(?:pendayagunaan\s+aparatur\s+negara\s*(?:dan|&)?\s*reformasi\s+birokrasi"
    rf"|pan{_SP}(?:dan|&|-)?{_SP}rb)"
)
_MENTERI = r"(?:menteri|kementerian|kementrian)"
_SHORT_PANRB = rf"{_SP}pan{_SP}(?:-|dan)?{_SP}rb\b"  # "PAN-RB", "PAN RB", "PAN dan RB"

# Order matters only for readability: overlapping matches keep the longest.
JENIS: tuple[Jenis, ...] = (
    Jenis("UU", "Undang-Undang", r"undang\s*-?\s*undang(?!\s+dasar)|\bUU\b"),
    Jenis("Perppu", "Peraturan Pemerintah Pengganti Undang-Undang",
          r"peraturan\s+pemerintah\s+pengganti\s+undang\s*-?\s*undang|\bperppu\b"),
    Jenis("PP", "Peraturan Pemerintah",
          r"peraturan\s+pemerintah(?!\s+(?:daerah|pengganti))|\bPP\b"),
    Jenis("Perpres", "Peraturan Presiden", r"peraturan\s+presiden|\bperpres\b"),
    Jenis("Keppres", "Keputusan Presiden", r"keputusan\s+presiden|\bkeppres\b"),
    Jenis("Inpres", "Instruksi Presiden", r"instruksi\s+presiden|\binpres\b"),
    Jenis("PermenPANRB", "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
          "Birokrasi", rf"peraturan\s+{_MENTERI}\s+{_PANRB}|\bpermen{_SHORT_PANRB}|\bpermenpan\b"),
    Jenis("KepmenPANRB", "Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
          "Birokrasi", rf"keputusan\s+{_MENTERI}\s+{_PANRB}|\bkepmen{_SHORT_PANRB}"),
    Jenis("Permendagri", "Peraturan Menteri Dalam Negeri",
          rf"peraturan\s+{_MENTERI}\s+dalam\s+negeri|\bpermendagri\b"),
    Jenis("Kepmendagri", "Keputusan Menteri Dalam Negeri",
          rf"keputusan\s+{_MENTERI}\s+dalam\s+negeri|\bkepmendagri\b"),
    Jenis("PMK", "Peraturan Menteri Keuangan", rf"peraturan\s+{_MENTERI}\s+keuangan|\bPMK\b"),
    Jenis("Perka LAN", "Peraturan Kepala Lembaga Administrasi Negara",
          r"peraturan\s+kepala\s+(?:lembaga\s+administrasi\s+negara|LAN)\b|\bperka\s*LAN\b"),
    Jenis("Keputusan Kepala LAN", "Keputusan Kepala Lembaga Administrasi Negara",
          r"keputusan\s+kepala\s+(?:lembaga\s+administrasi\s+negara|LAN)\b"),
    Jenis("Perda", "Peraturan Daerah", r"peraturan\s+daerah|\bperda\b", regional=True),
    Jenis("Pergub", "Peraturan Gubernur", r"peraturan\s+gubernur|\bpergub\b", regional=True),
    Jenis("Perbup", "Peraturan Bupati", r"peraturan\s+bupati|\bperbup\b", regional=True),
    Jenis("Perwal", "Peraturan Wali Kota", r"peraturan\s+wali\s*kota|\bperwal(?:i|kot)?\b",
          regional=True),
    Jenis("Keputusan Gubernur", "Keputusan Gubernur", r"keputusan\s+gubernur|\bkepgub\b",
          regional=True),
    Jenis("Keputusan Bupati", "Keputusan Bupati", r"keputusan\s+bupati|\bkepbup\b",
          regional=True),
    Jenis("Keputusan Wali Kota", "Keputusan Wali Kota", r"keputusan\s+wali\s*kota",
          regional=True),
)

# Words between the issuer and "Nomor" that say nothing ("Republik Indonesia", "RI").
_FILLER = r"(?:\s+(?:republik\s+indonesia|RI|indonesia)\b)?"
# A region: optional level word, then up to four capitalised words, never "Nomor"/"No".
_LEVEL = r"(?:kabupaten|kab\.|kota|provinsi|prov\.)"
_NAME_WORD = r"(?!(?i:nomor|no|tentang|tahun)\b)(?-i:[A-Z])[\w'-]*"
_REGION = rf"(?:\s+(?P<wilayah>(?:{_LEVEL}\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}))?"
_NUMBER = (
    r"[\s,]*(?:nomor|no\.?|nmr\.?)?\s*:?\s*(?P<nomor>\d+[A-Za-z]?(?:\s*/\s*[\w.]+)*)"
    r"(?:\s*(?:,\s*)?(?:tahun|thn\.?|th\.?)\s*(?P<tahun>(?:19|20)\d\d))?"
)
# "... dan Nomor 239/I/X/6/8/2003": a second regulation of the same issuer.
_CONTINUATION = re.compile(
    r"\s(?:dan|serta)\s+(?:nomor|no\.?)\s*(?P<nomor>\d+[A-Za-z]?(?:\s*/\s*[\w.]+)*)"
    r"(?:\s*(?:tahun|th\.?)\s*(?P<tahun>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_TENTANG = re.compile(r"\btentang\s+(?P<judul>.+)", re.IGNORECASE | re.DOTALL)


def _compile(jenis: Jenis) -> re.Pattern[str]:
    region = _REGION if jenis.regional else _FILLER
    return re.compile(rf"(?:{jenis.pattern}){region}{_NUMBER}", re.IGNORECASE)


_PATTERNS: tuple[tuple[Jenis, re.Pattern[str]], ...] = tuple((j, _compile(j)) for j in JENIS)


@dataclass(frozen=True, slots=True)
class Regulasi:
    """One recognised regulation: its kind, issuing region, number and year."""

    jenis: Jenis
    nomor: str
    tahun: str | None = None
    wilayah: str | None = None

    @property
    def kunci(self) -> str:
        """The normalised short name: "PermenPANRB 53/2014", "Perbup Sumedang 11/2016"."""
        issuer = f"{self.jenis.singkatan} {self.wilayah}" if self.wilayah else self.jenis.singkatan
        number = f"{self.nomor}/{self.tahun}" if self.tahun else self.nomor
        return f"{issuer} {number}"

    def sort_key(self) -> tuple[int, str, int, str]:
        """Kinds in table order, then region, newest year first, then number."""
        number = self.nomor.zfill(12) if self.nomor.isdigit() else self.nomor
        return (JENIS.index(self.jenis), self.wilayah or "", -int(self.tahun or 0), number)


def _region(raw: str | None, jenis: Jenis) -> str | None:
    """"Kabupaten NGANJUK" -> "Kabupaten Nganjuk"; the level word is dropped where the issuer
    already implies it (a Bupati always heads a Kabupaten)."""
    if not raw:
        return None
    words = raw.replace("Kab.", "Kabupaten").replace("Prov.", "Provinsi").split()
    implied = {"Bupati": "kabupaten", "Wali": "kota", "Gubernur": "provinsi"}
    for word, level in implied.items():
        if word in jenis.nama and words[0].lower() == level:
            words = words[1:]
    return " ".join(w if w.isupper() and len(w) <= 3 else w.capitalize() for w in words) or None


def _number(raw: str, year: str | None) -> tuple[str, str | None]:
    """"07" -> "7"; "53/2014" (no "Tahun") -> ("53", "2014"); other numbers kept as written."""
    nomor = re.sub(r"\s*/\s*", "/", raw).rstrip(".")
    if year is None and (split := re.fullmatch(r"(\d+)/((?:19|20)\d\d)", nomor)):
        nomor, year = split.group(1), split.group(2)
    if nomor.isdigit():
        nomor = str(int(nomor))
    return nomor, year


@lru_cache(maxsize=4096)
def recognise(text: str) -> tuple[Regulasi, ...]:
    """Every regulation cited in one dasar hukum item, in order (empty when none is known).

    Cached: offices cite the same few regulations in the same words in SOP after SOP.
    """
    found = sorted(
        ((m, jenis) for jenis, pattern in _PATTERNS for m in pattern.finditer(text)),
        key=lambda f: (f[0].start(), -f[0].end()),
    )
    kept: list[tuple[re.Match[str], Jenis]] = []
    for match, jenis in found:  # the longest match wins where two overlap
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, jenis))
    result: list[Regulasi] = []
    for index, (match, jenis) in enumerate(kept):
        wilayah = _region(match.groupdict().get("wilayah"), jenis)
        result.append(Regulasi(jenis, *_number(match.group("nomor"), match.group("tahun")),
                               wilayah=wilayah))
        stop = kept[index + 1][0].start() if index + 1 < len(kept) else len(text)
        for more in _CONTINUATION.finditer(text, match.end(), stop):
            result.append(Regulasi(jenis, *_number(more.group("nomor"), more.group("tahun")),
                                   wilayah=wilayah))
    return tuple(result)


def judul(text: str) -> str:
    """What the regulation is about: the text after "tentang", without a trailing ';'."""
    match = _TENTANG.search(text)
    return " ".join(match.group("judul").split()).rstrip(";,. ") if match else ""


@dataclass(slots=True)
class EntriIndeks:
    """One regulation in the index: its title as first cited and every SOP citing it."""

    regulasi: Regulasi
    judul: str
    sops: dict[str, ResolvedSOP] = field(default_factory=dict)  # by id, in citing order


@dataclass(slots=True)
class IndeksDasarHukum:
    """The legal-basis index: recognised regulations, and items no rule recognised."""

    entri: list[EntriIndeks]
    tidak_dikenali: list[tuple[str, ResolvedSOP]]

    def per_jenis(self) -> list[tuple[Jenis, list[EntriIndeks]]]:
        """The entries grouped by kind, kinds in table order."""
        groups: dict[str, list[EntriIndeks]] = {}
        for entry in self.entri:
            groups.setdefault(entry.regulasi.jenis.singkatan, []).append(entry)
        return [(j, groups[j.singkatan]) for j in JENIS if j.singkatan in groups]


def build_index(sops: Iterable[ResolvedSOP]) -> IndeksDasarHukum:
    """Index every dasar hukum item of ``sops`` (sorted by id, so the index is stable)."""
    by_key: dict[str, EntriIndeks] = {}
    unknown: list[tuple[str, ResolvedSOP]] = []
    for resolved in sorted(sops, key=lambda r: r.sop.id):
        for item in resolved.sop.dasar_hukum:
            regulations = recognise(item)
            if not regulations:
                unknown.append((item, resolved))
            for regulasi in regulations:
                entry = by_key.setdefault(regulasi.kunci, EntriIndeks(regulasi, judul(item)))
                entry.sops.setdefault(resolved.sop.id, resolved)
    entries = sorted(by_key.values(), key=lambda e: e.regulasi.sort_key())
    return IndeksDasarHukum(entries, unknown)
