"""Write the whole docs tree: every page, the SOPs' rendered files, kits, rekap, assets.

Returns the navigation for ``mkdocs.yml``.  SOP pages are deliberately not in it (see
:mod:`sop_docs.site.config`); everything else is.

An SOP page is rendered again only when what it is made from changed: its inputs (the
resolved SOP, its rendered files, which of its keterkaitan targets exist, its archived
history, and the code and templates that write pages) are digested, and an unchanged
digest keeps the page the last build wrote (:meth:`DocsTree.reuse`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from sop_docs.model.cache import code_digest
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.render.run import ContentHasher
from sop_docs.site import history, pages
from sop_docs.site.artifacts import SopAssets
from sop_docs.site.config import ASSET_FOLDER, SEARCH_WORKER, NavEntry, nav_title
from sop_docs.site.guide import guide_pages
from sop_docs.site.history import SopHistory, link_files
from sop_docs.site.legal import build_index
from sop_docs.site.publications import KitCycle, RekapCycle, office_names
from sop_docs.site.search_text import WORKER_PARTS, worker_script
from sop_docs.site.settings import SiteSettings
from sop_docs.site.tree import DocsTree


@dataclass(frozen=True, slots=True)
class SiteContent:
    """Everything the docs tree is made of."""

    corpus: Corpus
    site: SiteSettings
    assets: Mapping[str, SopAssets]  # by SOP id
    kits: Sequence[KitCycle]
    rekap: Sequence[RekapCycle]
    histories: Mapping[str, SopHistory] = field(default_factory=dict)  # published revisions


def write_docs(content: SiteContent, tree: DocsTree) -> list[NavEntry]:
    """Write every page and file of the site into ``tree``; return the navigation."""
    corpus, site = content.corpus, content.site
    kits = list(content.kits) if site.halaman.kit else []
    rekap = list(content.rekap) if site.halaman.rekap else []
    _static_assets(tree, site)
    tree.write_text(*pages.not_found_page())
    ids = {r.sop.id for r in corpus.sops}
    hasher = ContentHasher()
    for resolved in corpus.sops:
        assets = content.assets.get(resolved.sop.id, SopAssets((), None, (), {}))
        revisions = content.histories.get(resolved.sop.id)
        path = pages.sop_page_path(resolved.sop.id)
        inputs = sop_page_inputs(resolved, assets, ids, revisions, hasher)
        if not tree.reuse(path, inputs):
            tree.write_text(*pages.sop_page(resolved, assets, ids, revisions), inputs=inputs)
        folder = path.rsplit("/", 1)[0]
        link_files(tree, folder, revisions)
        for name, source in assets.sources.items():
            tree.link(f"{folder}/{name}", source)
    nav: list[NavEntry] = [{"Beranda": _write(tree, pages.home_page(corpus, site, bool(kits),
                                                                      bool(rekap)))}]
    nav.append({"Daftar SOP": _instansi_pages(corpus, tree)})
    if site.halaman.dasar_hukum:
        nav.append({"Dasar Hukum": _write(tree, pages.dasar_hukum_page(build_index(corpus.sops)))})
    if kits:
        nav.append({"Kit Pengumpulan Data": _kit_pages(kits, tree)})
    if rekap:
        nav.append({"Rekap Kinerja": _rekap_pages(rekap, office_names(content.kits), tree)})
    nav.append({"Panduan": [_write(tree, page) for page in guide_pages()]})
    return nav


def sop_page_inputs(resolved: ResolvedSOP, assets: SopAssets, corpus_ids: set[str],
                    revisions: SopHistory | None, hasher: ContentHasher) -> str:
    """A digest of everything :func:`pages.sop_page` reads for this SOP, and of the code
    (its page is the same text whenever this digest is)."""
    parts = (
        code_digest(), hasher.digest(resolved), repr(assets),
        repr([k.sop in corpus_ids for k in resolved.sop.keterkaitan]),
        repr(history.view(resolved, revisions)), repr(history.marks(revisions)),
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _write(tree: DocsTree, page: pages.Page) -> str:
    tree.write_text(*page)
    return page[0]


def _instansi_pages(corpus: Corpus, tree: DocsTree) -> list[NavEntry]:
    groups: dict[str, list[ResolvedSOP]] = {}
    for resolved in corpus.sops:
        groups.setdefault(resolved.profil.id, []).append(resolved)
    nav: list[NavEntry] = [_write(tree, pages.daftar_page(corpus))]
    profiles = sorted({r.profil.id: r.profil for r in corpus.sops}.values(),
                      key=lambda p: (p.instansi, p.pemerintah, p.id))
    for profil in profiles:
        title = f"{pages.nama_tampil(profil.instansi)} ({pages.nama_tampil(profil.pemerintah)})"
        nav.append({nav_title(title): _write(tree, pages.instansi_page(profil, groups[profil.id]))})
    return nav


def _kit_pages(cycles: Sequence[KitCycle], tree: DocsTree) -> list[NavEntry]:
    entries = []
    nav: list[NavEntry] = []
    for cycle in cycles:
        path = _write(tree, pages.kit_page(cycle))
        for group in cycle.groups:
            for kit in group.kits:
                tree.link(path.replace("index.md", kit.path.name), kit.path)
        entries.append((cycle.label or cycle.periode, path, f"batas waktu {cycle.batas_waktu}"
                        if cycle.batas_waktu else ""))
        nav.append({nav_title(cycle.label or cycle.periode): path})
    index = _write(tree, pages.periode_index(pages.KIT_INDEX, "Kit pengumpulan data kinerja",
                                             entries))
    return [index, *nav]


def _rekap_pages(cycles: Sequence[RekapCycle], offices: Mapping[str, str], tree: DocsTree
                 ) -> list[NavEntry]:
    entries = []
    nav: list[NavEntry] = []
    for cycle in cycles:
        path = _write(tree, pages.rekap_page(cycle, offices))
        for berkas in cycle.berkas:
            tree.link(path.replace("index.md", berkas.path.name), berkas.path)
        entries.append((cycle.label or cycle.periode, path, ""))
        nav.append({nav_title(cycle.label or cycle.periode): path})
    index = _write(tree, pages.periode_index(pages.REKAP_INDEX, "Rekap kinerja", entries))
    return [index, *nav]


def _static_assets(tree: DocsTree, site: SiteSettings) -> None:
    """The package's ``site/assets`` (stylesheet, scripts, licences) and the search worker,
    composed of its parts and the project's synonyms."""
    folder = resources.files("sop_docs.site") / "assets"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name not in WORKER_PARTS:
            tree.write_text(f"{ASSET_FOLDER}/{entry.name}", entry.read_text(encoding="utf-8"))
    tree.write_text(SEARCH_WORKER, worker_script(site.pencarian.kelompok()))
