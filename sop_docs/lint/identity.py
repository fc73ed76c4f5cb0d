"""Lint rules on the identity part: dates, lists, related SOPs, officials' NIP."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic
from sop_docs.i18n import tr
from sop_docs.lint.context import ProfileContext, SopContext
from sop_docs.model.build import did_you_mean
from sop_docs.model.sop import StatusSOP
from sop_docs.model.values import TanggalValue

LIST_FIELDS = (
    "dasar_hukum", "kualifikasi_pelaksana", "peralatan_perlengkapan", "peringatan",
    "pencatatan_pendataan",
)


def date_order(ctx: SopContext) -> Iterator[Diagnostic]:
    """Tanggal pembuatan (finished) cannot come after tanggal efektif (signed)."""
    made, signed = ctx.sop.tanggal.pembuatan, ctx.sop.tanggal.efektif
    if made.tahun is None or signed.tahun is None:
        return
    if _known_parts(made, signed) > _known_parts(signed, made):
        yield dg.make(dg.LNT_DATE_ORDER, ctx.at("tanggal", "pembuatan"),
                      pembuatan=made.tampil(), efektif=signed.tampil())


def _known_parts(date: TanggalValue, other: TanggalValue) -> tuple[int, ...]:
    """(year, month, day) cut to the parts both dates know, so partial dates compare fairly."""
    parts = [date.tahun, date.bulan, date.hari]
    known = [other.tahun, other.bulan, other.hari]
    return tuple(p for p, k in zip(parts, known, strict=True) if p is not None and k is not None)


def duplicate_items(ctx: SopContext) -> Iterator[Diagnostic]:
    """A list of the identity part that holds the same item twice."""
    lists: list[tuple[str, tuple[str, ...]]] = [(f, getattr(ctx.sop, f)) for f in LIST_FIELDS]
    lists.append(("keterkaitan", tuple(k.teks for k in ctx.sop.keterkaitan)))
    for field, items in lists:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            norm = _normal(item)
            if norm in first:
                line = ctx.positions.value((field, first[norm]))[0]
                yield dg.make(dg.LNT_DUPLICATE_ITEM, ctx.at(field, i), list=field,
                              first_line=line, item=_short(item))
            elif norm:
                first[norm] = i


def _normal(text: str) -> str:
    """Text compared loosely: case, spacing and trailing punctuation do not count."""
    return " ".join(text.casefold().split()).strip(" ;,.:")


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def unknown_keterkaitan(ctx: SopContext) -> Iterator[Diagnostic]:
    """A keterkaitan entry whose 'sop' id is not an SOP of this corpus (a warning)."""
    ids = [r.sop.id for r in ctx.corpus.sops]
    for i, entry in enumerate(ctx.sop.keterkaitan):
        if entry.sop is not None and entry.sop not in ids:
            yield dg.make(dg.LNT_UNKNOWN_KETERKAITAN, ctx.at("keterkaitan", i, "sop"),
                          ref=entry.sop, hint=did_you_mean(entry.sop, ids, tr("id SOP", "SOP ids")))


def empty_identity(ctx: SopContext) -> Iterator[Diagnostic]:
    """Identity fields a signed SOP fills: a warning for a draft (LNT016) and for an SOP in
    force (LNT018: its original may leave them blank or dotted; they are printed as
    written, and ``--strict`` refuses them)."""
    code = dg.LNT_EMPTY_IDENTITY if ctx.sop.status is StatusSOP.DRAF else (
        dg.LNT_EMPTY_IDENTITY_BERLAKU
    )
    if not _has_text(ctx.sop.nomor):
        yield dg.make(code, ctx.at("nomor", key=True), field="nomor")
    for name in ("pembuatan", "efektif"):
        value: TanggalValue = getattr(ctx.sop.tanggal, name)
        if value.bulan is None:
            yield dg.make(code, ctx.at("tanggal", name), field=f"tanggal.{name}")
    official = ctx.resolved.pengesah
    for name in ("nama", "nip"):
        if not _has_text(getattr(official, name)):
            yield dg.make(code, ctx.at("disahkan_oleh"), field=f"{official.id}.{name}")


def _has_text(value: str) -> bool:
    """True when a value holds more than blanks, dots and slashes ('/ Kec. Bulu /' counts)."""
    return any(ch.isalnum() for ch in value)


_NIP_GROUPS = (8, 6, 1, 3)
_NIP_EXAMPLE = "19660228 199901 1 001"
# The parts nip_date_problems names (language-neutral keys) as a reader reads them.
_PART_NAMES = {
    "birth date": ("tanggal lahir", "birth date"),
    "appointment month": ("bulan pengangkatan", "appointment month"),
    "sex digit": ("digit jenis kelamin", "sex digit"),
}


@dataclass(frozen=True, slots=True)
class NipProblem:
    """What is wrong with how an NIP is written: ``kind`` is "characters" (not only digits
    and spaces), "count" (not 18 digits) or "grouping" (18 digits, grouped other than
    8-6-1-3); ``groups`` are the sizes of the groups as written."""

    kind: str
    groups: tuple[int, ...]

    @property
    def digits(self) -> int:
        return sum(self.groups)

    def detail(self) -> str:
        """Exactly what is wrong, in the user's language."""
        if self.kind == "characters":
            return tr("memuat karakter selain angka dan spasi",
                      "holds characters other than digits and spaces")
        grouped = "-".join(map(str, self.groups))
        if self.kind == "grouping":
            return tr(f"18 digitnya lengkap tetapi dikelompokkan {grouped}, seharusnya 8-6-1-3",
                      f"has its 18 digits but grouped {grouped} instead of 8-6-1-3")
        text = tr(f"memuat {self.digits} digit, seharusnya 18",
                  f"has {self.digits} digits, needs 18")
        wrong = self.wrong_group()
        if wrong is not None:
            number, size, has = wrong + 1, _NIP_GROUPS[wrong], self.groups[wrong]
            text += tr(f": kelompok ke-{number} berisi {has} digit, seharusnya {size}",
                       f": group {number} has {has} digits, needs {size}")
        return text

    def wrong_group(self) -> int | None:
        """Index of the first of four groups with the wrong size (None unless four groups)."""
        if len(self.groups) != len(_NIP_GROUPS):
            return None
        return next((i for i, (n, size) in enumerate(zip(self.groups, _NIP_GROUPS, strict=True))
                     if n != size), None)

    def hint(self, text: str) -> str:
        """How to write it: the regrouped NIP when all 18 digits are there."""
        if self.kind == "grouping":
            digits = text.replace(" ", "")
            regrouped = " ".join((digits[0:8], digits[8:14], digits[14], digits[15:18]))
            return tr(f"tulis sebagai {regrouped}", f"write it as {regrouped}")
        return tr(f"NIP terdiri dari 18 digit: yyyymmdd (lahir) yyyymm (pengangkatan) s (1/2) "
                  f"nnn, mis. {_NIP_EXAMPLE}",
                  f"an NIP is 18 digits: yyyymmdd (birth) yyyymm (appointment) s (1/2) nnn, "
                  f"e.g. {_NIP_EXAMPLE}")


def nip(ctx: ProfileContext) -> Iterator[Diagnostic]:
    """Each official's NIP: 18 digits grouped 8-6-1-3, a real birth date and appointment."""
    for i, official in enumerate(ctx.profil.pejabat):
        text = official.nip.strip()
        if not text:
            continue
        problem = nip_format_problem(text)
        if problem is not None:
            yield dg.make(dg.LNT_NIP_FORMAT, ctx.at("pejabat", i, "nip"), nip=text,
                          detail=problem.detail(), hint=problem.hint(text))
            continue
        for part, detail in nip_date_problems(text.replace(" ", "")):
            yield dg.make(dg.LNT_NIP_DATE, ctx.at("pejabat", i, "nip"), nip=text,
                          part=tr(*_PART_NAMES[part]), detail=detail)


def signatory_nip(ctx: SopContext) -> Iterator[Diagnostic]:
    """An SOP in force prints its signatory's NIP on the official sheet: a malformed one is
    an error there (the profile's own warning, LNT011/LNT012, covers drafts)."""
    if ctx.sop.status is not StatusSOP.BERLAKU:
        return
    text = ctx.resolved.pengesah.nip.strip()
    if not text:
        return  # an empty NIP is LNT018's
    problem = nip_format_problem(text)
    if problem is not None:
        detail, hint = problem.detail(), problem.hint(text)
    else:
        dates = list(nip_date_problems(text.replace(" ", "")))
        if not dates:
            return
        detail = "; ".join(f"{tr(*_PART_NAMES[part])} ({why})" for part, why in dates)
        hint = tr("periksa tanggal lahir (8 digit pertama) dan bulan pengangkatan",
                  "check the birth date (first 8 digits) and appointment month")
    yield dg.make(dg.LNT_NIP_SIGNATORY, ctx.at("disahkan_oleh"), nip=text, detail=detail,
                  hint=hint, profile=ctx.resolved.profil.id)


def nip_format_problem(text: str) -> NipProblem | None:
    """What is wrong with how an NIP is written, or None when it is 8-6-1-3 digits (or 18
    digits in one group)."""
    groups = text.split()
    sizes = tuple(len(g) for g in groups)
    if not all(g.isdigit() and g.isascii() for g in groups):
        return NipProblem("characters", sizes)
    if sum(sizes) != sum(_NIP_GROUPS):
        return NipProblem("count", sizes)
    if len(groups) == 1 or sizes == _NIP_GROUPS:
        return None
    return NipProblem("grouping", sizes)


def nip_date_problems(digits: str) -> Iterator[tuple[str, str]]:
    """(part, detail) for a birth date or appointment month that cannot be; ``part`` is a
    language-neutral key ("birth date", "appointment month", "sex digit")."""
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        yield "birth date", tr(f"{digits[0:8]} bukan tanggal", f"{digits[0:8]} is not a date")
        return
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        yield "appointment month", tr(f"bulan {month:02d}", f"month {month:02d}")
    elif year - born.year < 15:
        yield "appointment month", tr(f"{year}-{month:02d} sebelum usia 15 tahun",
                                      f"{year}-{month:02d} is before age 15")
    if digits[14] not in "12":
        yield "sex digit", tr(f"{digits[14]} (1 = laki-laki, 2 = perempuan)",
                              f"{digits[14]} (1 = male, 2 = female)")


# Office words followed by a capitalised name: "Kecamatan Pasawahan", "Dinas Lingkungan Hidup".
_OFFICE_RE = re.compile(
    r"\b(?i:dinas|kecamatan|kelurahan|desa|kantor|badan|kabupaten|kota)"
    r"((?:\s+(?:dan\s+)?[A-Z][\w'-]*)+)"
)
# Words that say what kind of office a name is ("DINAS Pemberdayaan ...").
_OFFICE_KINDS = frozenset({
    "dinas", "badan", "kantor", "kecamatan", "kelurahan", "sekretariat", "bagian", "sub",
    "subbag", "seksi", "bidang", "unit",
})
# Words after which a regulation citation, not the office name, goes on.
_CITATION = frozenset({"nomor", "no", "nomer", "tahun", "tentang", "tanggal"})
# Words that place an office in the hierarchy rather than name it.
_GENERIC = frozenset({
    "dan", "kabupaten", "kota", "provinsi", "daerah", "pemerintah", "pemerintahan", "negeri",
    "republik", "indonesia", "kecamatan", "dinas", "kelurahan", "desa", "kantor", "badan",
})


def foreign_office(ctx: SopContext) -> Iterator[Diagnostic]:
    """Text naming an office whose name words appear nowhere in this SOP's own profile:
    usually a paragraph pasted from another office's SOP."""
    own = _own_words(ctx)
    expected = ctx.resolved.profil.instansi
    for path, text in _texts(ctx):
        for match in _OFFICE_RE.finditer(text):
            name = _office_name(match.group(1))
            words = {w.casefold() for w in name} - _GENERIC
            if words and not words <= own:
                found = " ".join([match.group(0).split()[0], *name])
                yield dg.make(dg.LNT_FOREIGN_NAME, ctx.at(*path), found=found,
                              expected=expected)


def _office_name(text: str) -> list[str]:
    """The words of an office name, cut where a citation goes on ('Nganjuk Nomor 07')."""
    words = []
    for word in text.split():
        if word.casefold() in _CITATION:
            break
        words.append(word)
    return words


def _own_words(ctx: SopContext) -> set[str]:
    """Words that name this SOP's own office: its profile's names, the abbreviations it
    declares ('singkatan') and the initials of its office and unit names."""
    profil = ctx.resolved.profil
    texts = [profil.pemerintah, profil.instansi, profil.unit, profil.alamat, profil.tempat,
             ctx.sop.unit or "", *(p.jabatan for p in profil.pejabat), *profil.singkatan]
    words = {w.casefold() for text in texts for w in re.findall(r"\w+", text)}
    for name in (profil.instansi, profil.unit, ctx.sop.unit or ""):
        words |= office_abbreviations(name)
    return words


def office_abbreviations(name: str) -> set[str]:
    """The common abbreviations of an office name, lowercase: the initials of its name words
    and, with the kind of office in front, of all its words: "DINAS PEMBERDAYAAN MASYARAKAT
    DAN DESA" -> pmd, dpmd."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", name) if w.casefold() != "dan"]
    core = list(words)
    while core and core[0] in _OFFICE_KINDS:
        core.pop(0)
    found = set()
    for part in (core, words):
        if len(part) >= 2:
            found.add("".join(w[0] for w in part))
    return found


def _texts(ctx: SopContext) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every free text of an SOP with its path."""
    sop = ctx.sop
    yield ("nama",), sop.nama
    for field in LIST_FIELDS:
        for i, item in enumerate(getattr(sop, field)):
            yield (field, i), item
    for i, entry in enumerate(sop.keterkaitan):
        yield ("keterkaitan", i), entry.teks
    for i, actor in enumerate(sop.pelaksana):
        yield ("pelaksana", i, "nama"), actor.nama
    for i, step in enumerate(sop.langkah):
        for field in ("kegiatan", "kelengkapan", "output", "keterangan"):
            yield ("langkah", i, field), getattr(step, field)
