"""The site's Markdown pages, rendered from Jinja2 templates with every source text escaped.

Each ``*_page`` function returns ``(path in the docs tree, Markdown text)``.  Templates see
source texts through two filters only: ``md`` (Markdown context) and autoescape or
``lines`` (raw HTML blocks), see :mod:`sop_docs.site.escape`.  Links are built here from
ids (which the model restricts to ``[a-z0-9_-]``) and file names, never from source text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from sop_docs.layout.columns import header_title
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.profile import Profil
from sop_docs.model.sop import SOP, Langkah, Simbol, StatusSOP
from sop_docs.model.values import TanggalValue
from sop_docs.site import history as site_history
from sop_docs.site.artifacts import SopAssets, size_text
from sop_docs.site.escape import html_lines, markdown_text, meta_title
from sop_docs.site.history import SopHistory
from sop_docs.site.legal import EntriIndeks, IndeksDasarHukum, Regulasi, recognise
from sop_docs.site.publications import KitCycle, RekapCycle
from sop_docs.site.settings import SiteSettings
from sop_docs.site.template_cache import template_cache

Page = tuple[str, str]

HOME = "index.md"
NOT_FOUND = "404.md"
DAFTAR = "instansi/index.md"
DASAR_HUKUM = "dasar-hukum.md"
KIT_INDEX = "kit/index.md"
REKAP_INDEX = "rekap/index.md"
LATEST_REVISIONS = 10


def sop_page_path(sop_id: str) -> str:
    """Docs path of an SOP's page; its rendered files sit in the same folder."""
    return f"sop/{sop_id}/index.md"


def instansi_page_path(profil_id: str) -> str:
    """Docs path of an office's index of SOPs."""
    return f"instansi/{profil_id}.md"


def kit_page_path(periode: str) -> str:
    """Docs path of a cycle's kits page; the kit files sit in the same folder."""
    return f"kit/{periode}/index.md"


def rekap_page_path(periode: str) -> str:
    """Docs path of a cycle's rekap page; the rekap files sit in the same folder."""
    return f"rekap/{periode}/index.md"


def md_link(from_page: str, to_path: str) -> str:
    """A relative link for Markdown (mkdocs checks it and turns .md into .html)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def html_link(from_page: str, to_path: str) -> str:
    """A relative link for raw HTML, where mkdocs does not rewrite: .md becomes .html."""
    link = md_link(from_page, to_path)
    return link[:-3] + ".html" if link.endswith(".md") else link


def slug(text: str) -> str:
    """An anchor id from a normalised key: "PermenPANRB 53/2014" -> "permenpanrb-53-2014"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def heading_id(anchor: str) -> Markup:
    """The attr_list suffix that gives a Markdown heading a fixed id: ``{#anchor}``."""
    return Markup(f"{{#{slug(anchor)}}}")


@cache
def environment() -> jinja2.Environment:
    """The template environment: HTML autoescape on, whitespace of source text folded."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sop_docs.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        bytecode_cache=template_cache(),
    )
    env.filters["md"] = markdown_text
    env.filters["lines"] = html_lines
    env.filters["meta_title"] = meta_title
    env.filters["size"] = size_text
    env.filters["heading_id"] = heading_id
    return env


_WHITESPACE = re.compile(r"\s+")


def _finalize(value: Any) -> Any:
    """Fold whitespace of every plain string a template prints (a newline in a source
    text must not end a Markdown line or a raw HTML block)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _WHITESPACE.sub(" ", value)
    return value


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


_SMALL_WORDS = frozenset({"dan", "atau", "di", "ke", "dari", "untuk", "pada", "yang", "serta"})


def nama_tampil(text: str) -> str:
    """An office name for menus: "DINAS ARSIP DAN PERPUSTAKAAN" -> "Dinas Arsip dan
    Perpustakaan".  A name already written in mixed case is kept as its author wrote it."""
    if any(c.islower() for c in text):
        return text
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def not_found_page() -> Page:
    """The error page: relative links, so it is styled from ``file://`` too."""
    return NOT_FOUND, _render("404.md.j2")


# --- durations ---------------------------------------------------------------------------


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def durasi(resolved: ResolvedSOP) -> str:
    """Total duration for people: "1 jam 15 menit", "25 jam 30 menit (± 3,4 hari kerja)";
    of the normal path, saying so when steps that loop back are left out."""
    total, unknown = resolved.total_menit()
    rework = resolved.pengulangan()
    if unknown == len(resolved.sop.langkah) - rework:
        return "tidak dapat dihitung (tidak ada waktu yang terukur)"
    hours, minutes = divmod(round(total), 60)
    parts = ([f"{hours} jam"] if hours else []) + ([f"{minutes} menit"] if minutes else [])
    text = " ".join(parts) or "0 menit"
    per_day = resolved.settings.waktu_kerja.jam_per_hari * 60
    if total >= per_day:
        text += f" (± {_number(total / per_day)} hari kerja)"
    if unknown:
        text += f"; {unknown} langkah tanpa waktu terukur tidak dihitung"
    if rework:
        text += f"; jalur normal: {rework} langkah pengulangan (cabang yang kembali) tidak dihitung"
    return text


# --- one SOP -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One list item of the identity part: its text, a link for the text, extra links."""

    teks: str
    link: str | None = None
    links: tuple[tuple[str, str], ...] = ()


_GLYPH = {Simbol.TERMINATOR: "○", Simbol.PROSES: "□", Simbol.KEPUTUSAN: "◊"}  # WGL4 glyphs


def _symbol_cell(sop: SOP, step: Langkah) -> dict[str, str]:
    """The symbol of a step as text (the sheet draws it; the table names it)."""
    simbol = sop.simbol(step)
    if simbol is Simbol.TERMINATOR:
        label = "Mulai" if step.id == sop.langkah[0].id else "Selesai"
    else:
        label = "Keputusan" if simbol is Simbol.KEPUTUSAN else "Dikerjakan"
    return {"glyph": _GLYPH[simbol], "label": label}


def _flow_text(sop: SOP, numbers: dict[str, int], index: int, step: Langkah) -> str:
    """Where the flow goes after a step, in words, when it is not simply the next row."""
    exits = sop.successors(step)
    if step.cabang:
        return "; ".join(
            f"{label}: {'kembali ke' if numbers.get(target, 0) <= index + 1 else 'ke'} "
            f"langkah {numbers.get(target, '?')}"
            for target, label in exits
        )
    if step.ke is not None and numbers.get(step.ke) != index + 2:
        return f"Lanjut ke langkah {numbers.get(step.ke, '?')}"
    return ""


def _langkah_rows(resolved: ResolvedSOP, marks: Mapping[int, str]) -> list[dict[str, Any]]:
    sop = resolved.sop
    numbers = {s.id: i + 1 for i, s in enumerate(sop.langkah)}
    rows = []
    for index, step in enumerate(sop.langkah):
        cell = _symbol_cell(sop, step)
        rows.append({
            "kegiatan": step.kegiatan,
            "alur": _flow_text(sop, numbers, index, step),
            "pelaksana": [cell if p.id in step.pelaksana else None for p in sop.pelaksana],
            "oleh": ", ".join(p.nama for p in sop.pelaksana if p.id in step.pelaksana),
            "kelengkapan": step.kelengkapan,
            "waktu": step.waktu.teks if step.waktu is not None else "—",
            "output": step.output,
            "keterangan": step.keterangan,
            "perubahan": marks.get(index + 1, ""),
        })
    return rows


def _lists(resolved: ResolvedSOP, corpus_ids: set[str], page: str
           ) -> list[tuple[str, str, list[_Item]]]:
    sop = resolved.sop
    dasar = [
        _Item(text, links=tuple(
            (r.kunci, f"{md_link(page, DASAR_HUKUM)}#{slug(r.kunci)}") for r in recognise(text)
        ))
        for text in sop.dasar_hukum
    ]
    terkait = [
        _Item(k.teks, md_link(page, sop_page_path(k.sop)) if k.sop in corpus_ids else None)
        for k in sop.keterkaitan
    ]

    def plain(items: Iterable[str]) -> list[_Item]:
        return [_Item(text) for text in items]

    return [
        ("Dasar Hukum", "dasar-hukum", dasar),
        ("Kualifikasi Pelaksana", "kualifikasi-pelaksana", plain(sop.kualifikasi_pelaksana)),
        ("Keterkaitan", "keterkaitan", terkait),
        ("Peralatan/Perlengkapan", "peralatan-perlengkapan", plain(sop.peralatan_perlengkapan)),
        ("Peringatan", "peringatan", plain(sop.peringatan)),
        ("Pencatatan dan Pendataan", "pencatatan-pendataan", plain(sop.pencatatan_pendataan)),
    ]


_STATUS = {StatusSOP.BERLAKU: "Berlaku", StatusSOP.DRAF: "Draf (belum disahkan)",
           StatusSOP.DICABUT: "Dicabut (tidak berlaku lagi)"}


def sop_page(resolved: ResolvedSOP, assets: SopAssets, corpus_ids: set[str],
             history: SopHistory | None = None) -> Page:
    """The page of one SOP: identity, lists, procedure table, sheets, swimlane, downloads,
    and its published revisions (``history``, from the archive)."""
    path = sop_page_path(resolved.sop.id)
    status = _STATUS[resolved.sop.status]
    text = _render(
        "sop.md.j2",
        sop=resolved.sop,
        profil=resolved.profil,
        pengesah=resolved.pengesah,
        unit=resolved.unit,
        waktu_title=header_title("waktu", None, (), resolved.satuan_waktu),
        status=status,
        durasi=durasi(resolved),
        daftar=_lists(resolved, corpus_ids, path),
        langkah=_langkah_rows(resolved, site_history.marks(history)),
        riwayat=site_history.view(resolved, history),
        assets=assets,
        links={"beranda": html_link(path, HOME), "daftar": html_link(path, DAFTAR),
               "instansi": html_link(path, instansi_page_path(resolved.profil.id))},
    )
    return path, text


# --- indexes -----------------------------------------------------------------------------


def _date_key(tanggal: TanggalValue) -> tuple[int, int, int]:
    return (tanggal.tahun or 0, tanggal.bulan or 0, tanggal.hari or 0)


def revisi_terkini(resolved: ResolvedSOP) -> str:
    """The current revision: the latest history entry, else the Tanggal Revisi field; a
    withdrawn SOP says so first."""
    history = resolved.sop.riwayat_revisi
    if resolved.sop.status is StatusSOP.DICABUT:
        return "Dicabut"
    if history:
        latest = max(enumerate(history), key=lambda e: (_date_key(e[1].tanggal), e[0]))[1]
        when = latest.tanggal.tampil()
        return f"Revisi {latest.nomor}" + (f" ({when})" if when else "")
    return resolved.sop.tanggal.revisi.tampil() or "Belum ada revisi"


def _by_profile(corpus: Corpus) -> dict[str, list[ResolvedSOP]]:
    groups: dict[str, list[ResolvedSOP]] = {}
    for resolved in corpus.sops:
        groups.setdefault(resolved.profil.id, []).append(resolved)
    return groups


def _profiles_with_sops(corpus: Corpus) -> list[Profil]:
    groups = _by_profile(corpus)
    profiles = {r.profil.id: r.profil for r in corpus.sops}
    return sorted((profiles[k] for k in groups), key=lambda p: (p.instansi, p.pemerintah, p.id))


def instansi_page(profil: Profil, sops: Sequence[ResolvedSOP]) -> Page:
    """One office's SOPs, per unit: nomor, nama, tanggal efektif, current revision."""
    path = instansi_page_path(profil.id)
    units: dict[str, list[dict[str, Any]]] = {}
    for resolved in sorted(sops, key=lambda r: (r.unit, r.sop.nomor, r.sop.nama, r.sop.id)):
        units.setdefault(resolved.unit, []).append({
            "nomor": resolved.sop.nomor,
            "nama": resolved.sop.nama,
            "href": html_link(path, sop_page_path(resolved.sop.id)),
            "efektif": resolved.sop.tanggal.efektif.tampil(),
            "revisi": revisi_terkini(resolved),
            "draf": resolved.sop.status is StatusSOP.DRAF,
        })
    return path, _render("instansi.md.j2", profil=profil, units=list(units.items()))


def daftar_page(corpus: Corpus) -> Page:
    """Every SOP with its office and unit (filterable as one types), then the offices."""
    groups = _by_profile(corpus)
    instansi = [
        {"nama": p.instansi, "pemerintah": p.pemerintah, "jumlah": len(groups[p.id]),
         "link": md_link(DAFTAR, instansi_page_path(p.id))}
        for p in _profiles_with_sops(corpus)
    ]
    ordered = sorted(corpus.sops, key=lambda r: (r.profil.instansi, r.profil.id, r.unit,
                                                 r.sop.nama, r.sop.id))
    sops = [{"nama": r.sop.nama, "nomor": r.sop.nomor, "instansi": r.profil.instansi,
             "unit": r.unit, "draf": r.sop.status is StatusSOP.DRAF,
             "href": html_link(DAFTAR, sop_page_path(r.sop.id))} for r in ordered]
    return DAFTAR, _render("daftar.md.j2", instansi=instansi, sops=sops,
                           jumlah_sop=len(corpus.sops))


def _latest_revisions(corpus: Corpus) -> list[dict[str, str]]:
    entries: list[tuple[tuple[int, int, int], str, ResolvedSOP, str, str, str]] = []
    for resolved in corpus.sops:
        sop = resolved.sop
        for r in sop.riwayat_revisi:
            entries.append((_date_key(r.tanggal), sop.id, resolved, str(r.nomor),
                            r.tanggal.tampil(), r.perubahan))
        if not sop.riwayat_revisi and not sop.tanggal.revisi.kosong:
            entries.append((_date_key(sop.tanggal.revisi), sop.id, resolved, "",
                            sop.tanggal.revisi.tampil(), ""))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [
        {"tanggal": when or "—", "nama": resolved.sop.nama, "instansi": resolved.profil.instansi,
         "href": html_link(HOME, sop_page_path(resolved.sop.id)), "nomor": nomor or "—",
         "perubahan": change}
        for _, _, resolved, nomor, when, change in entries[:LATEST_REVISIONS]
    ]


def home_page(corpus: Corpus, site: SiteSettings, has_kits: bool, has_rekap: bool) -> Page:
    """What the site is, how to read an SOP, the latest revisions."""
    return HOME, _render(
        "home.md.j2",
        site=site,
        jumlah_sop=len(corpus.sops),
        jumlah_instansi=len(_by_profile(corpus)),
        kit_link=KIT_INDEX if has_kits else None,
        rekap_link=REKAP_INDEX if has_rekap else None,
        revisi=_latest_revisions(corpus),
        kantor=site.kantor.baris() if site.kantor else [],
    )


def _sop_ref(page: str, resolved: ResolvedSOP) -> dict[str, str]:
    return {"nama": resolved.sop.nama, "instansi": resolved.profil.instansi,
            "link": md_link(page, sop_page_path(resolved.sop.id))}


def _entry(entry: EntriIndeks) -> dict[str, Any]:
    regulasi: Regulasi = entry.regulasi
    return {"kunci": regulasi.kunci, "anchor": slug(regulasi.kunci), "judul": entry.judul,
            "sops": [_sop_ref(DASAR_HUKUM, s) for s in entry.sops.values()]}


def dasar_hukum_page(index: IndeksDasarHukum) -> Page:
    """Every regulation cited, normalised, with the SOPs citing it; unrecognised items last."""
    groups = [
        ({"nama": jenis.nama, "anchor": f"jenis-{slug(jenis.singkatan)}"},
         [_entry(e) for e in entries])
        for jenis, entries in index.per_jenis()
    ]
    unknown = [(text, _sop_ref(DASAR_HUKUM, s)) for text, s in index.tidak_dikenali]
    return DASAR_HUKUM, _render("dasar_hukum.md.j2", groups=groups, unknown=unknown)


# --- kits and rekap ----------------------------------------------------------------------


def kit_page(cycle: KitCycle) -> Page:
    """One cycle's kits: per office, the deadline, the contact and one download per unit."""
    path = kit_page_path(cycle.periode)
    groups = [
        {"instansi": g.instansi, "pemerintah": g.pemerintah, "judul": g.judul,
         "batas_waktu": g.batas_waktu, "kontak": g.kontak, "contoh": g.contoh,
         "kits": [{"unit": k.unit, "penanggung_jawab": k.penanggung_jawab, "nama": k.path.name,
                   "href": k.path.name, "ukuran": k.path.stat().st_size,
                   "media_type": k.media_type, "jenis": k.jenis} for k in g.kits]}
        for g in cycle.groups
    ]
    return path, _render("kit.md.j2", cycle=cycle, groups=groups)


def rekap_page(cycle: RekapCycle, offices: Mapping[str, str]) -> Page:
    """One cycle's published rekap: the documents (named by their office, ``offices`` maps
    kit ids to office names) and every unit's collection status."""
    path = rekap_page_path(cycle.periode)
    files = [{"label": f.label(offices), "href": f.path.name, "ukuran": f.path.stat().st_size}
             for f in cycle.berkas]
    return path, _render("rekap.md.j2", cycle=cycle, berkas=files, status=cycle.status)


def periode_index(path: str, judul: str, entries: Sequence[tuple[str, str, str]]) -> Page:
    """A list of cycles: (periode, page path, note) each."""
    periode = [{"nama": name, "link": md_link(path, target), "keterangan": note}
               for name, target, note in entries]
    return path, _render("periode.md.j2", judul=judul, periode=periode)
