"""The built site in a real browser (Debian chromium via Playwright), served on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from sop_docs.model.build import load_corpus
from sop_docs.site.artifacts import MEDIA_TYPES

REPO = Path(__file__).resolve().parents[2]
BuiltSite = Any  # tests/site/conftest.py BuiltSite: out, site_dir, url

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]

SEED_IDS = [r.sop.id for r in load_corpus(REPO)[0].sops]
SUKOHARJO = next(i for i in SEED_IDS if i.startswith("sukoharjo"))

# First bytes (or a marker in the first KB) of each download type.
MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".svg": b"<svg",
         ".dot": b"digraph", ".png": b"\x89PNG", ".json": b"{"}


@dataclass
class Watched:
    """What a page did: console errors, dialogs, and requests to hosts other than ours."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watched]]:
    """A fresh page that records console errors and dialogs and blocks every request that
    would leave 127.0.0.1 (recording it, so the test fails)."""
    context = browser.new_context()
    tab = context.new_page()
    watched = Watched()
    tab.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)

    def route(r: Any) -> None:
        url = urlparse(r.request.url)
        if url.scheme in ("http", "https") and url.hostname != "127.0.0.1":
            watched.outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    yield tab, watched
    context.close()


def _clean(watched: Watched) -> None:
    assert watched.outside == [], f"requests left localhost: {watched.outside}"
    assert watched.errors == [], f"console errors: {watched.errors}"
    assert watched.dialogs == [], f"dialogs fired: {watched.dialogs}"


def _image_sizes(tab: Any, selector: str) -> list[tuple[str, int, int]]:
    return tab.eval_on_selector_all(
        selector,
        "els => els.map(e => [e.getAttribute('src'), e.naturalWidth, "
        "Math.round(e.getBoundingClientRect().height)])",
    )


def test_home_loads(seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    tab, watched = page
    response = tab.goto(seed_site.url)
    assert response.status == 200
    assert "Referensi SOP" in tab.title()
    assert tab.locator("h1").first.inner_text().startswith("Referensi SOP")
    assert tab.get_by_role("link", name="Daftar SOP").first.is_visible()
    assert tab.locator("table.sop-revisi-terbaru tbody tr").count() >= 1
    _clean(watched)


@pytest.mark.parametrize("sop_id", SEED_IDS)
def test_seed_page_shows_sheet_and_swimlane(seed_site: BuiltSite, page: tuple[Any, Watched],
                                            sop_id: str) -> None:
    tab, watched = page
    response = tab.goto(urljoin(seed_site.url, f"sop/{sop_id}/index.html"))
    assert response.status == 200
    tab.wait_for_load_state("load")
    sheets = _image_sizes(tab, "figure.sop-lembar img")
    swimlane = _image_sizes(tab, "figure.sop-swimlane img")
    assert sheets, "no sheet page shown"
    assert len(swimlane) == 1, "no swimlane shown"
    for src, width, height in sheets + swimlane:
        assert width > 0 and height > 0, f"{src} has no size"
    assert tab.locator("figure img:not([alt])").count() == 0
    table = tab.locator("table.sop-prosedur")
    assert table.locator("caption").count() == 1
    assert table.locator("tbody tr").count() >= 5
    assert table.locator("tbody th[scope=row]").count() == table.locator("tbody tr").count()
    _clean(watched)


def _search(tab: Any, query: str) -> list[str]:
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    results = tab.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    return [results.nth(i).inner_text() for i in range(results.count())]


def test_search_finds_indonesian_words(seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    tab, watched = page
    tab.goto(seed_site.url)
    found = _search(tab, "verifikasi")
    assert any("BULU" in text.upper() for text in found), found
    links = tab.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any(SUKOHARJO in link for link in links)
    _clean(watched)


def _download_links(tab: Any) -> list[str]:
    hrefs = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return [h for h in hrefs
            if urlparse(h).path.rsplit(".", 1)[-1] in {s.lstrip(".") for s in MAGIC}]


def test_every_download_answers_with_its_type(seed_site: BuiltSite,
                                              page: tuple[Any, Watched]) -> None:
    tab, watched = page
    pages = [f"sop/{i}/index.html" for i in SEED_IDS]
    for index in ("kit/index.html", "rekap/index.html"):
        tab.goto(urljoin(seed_site.url, index))
        pages += [urlparse(h).path.lstrip("/") for h in tab.eval_on_selector_all(
            "article a[href]", "els => els.map(e => e.href)") if h.endswith("/index.html")]
    checked: dict[str, str] = {}
    for path in pages:
        tab.goto(urljoin(seed_site.url, path))
        for link in _download_links(tab):
            if link in checked:
                continue
            response = tab.request.get(link)
            suffix = "." + urlparse(link).path.rsplit(".", 1)[-1]
            assert response.status == 200, link
            assert response.headers["content-type"] == MEDIA_TYPES[suffix], link
            assert MAGIC[suffix] in response.body()[:1024], link
            checked[link] = suffix
    found = set(checked.values())
    assert {".pdf", ".docx", ".svg", ".dot", ".xlsx", ".json"} <= found, found
    _clean(watched)


def test_all_pages_and_links_resolve(seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    """Crawl every page reachable from home: each answers 200 without a console error."""
    tab, watched = page
    todo, seen = [seed_site.url], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = tab.goto(url)
        assert response.status == 200, url
        for href in tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = href.split("#")[0]
            if target.startswith(seed_site.url) and target.endswith(".html"):
                todo.append(target)
    assert len(seen) >= len(SEED_IDS) + 5
    _clean(watched)


def test_hostile_text_is_shown_never_run(hostile_site: BuiltSite,
                                         page: tuple[Any, Watched]) -> None:
    tab, watched = page
    for path in ("index.html", "sop/sop-7-0001/index.html", "instansi/profil-01.html",
                 "instansi/index.html", "dasar-hukum.html"):
        response = tab.goto(urljoin(hostile_site.url, path))
        assert response.status == 200
        tab.wait_for_load_state("load")
        body = tab.locator("body").inner_text()
        assert "<script>alert(1)</script>" in body, path
        assert tab.locator("a[href^='javascript:' i]").count() == 0
        assert tab.locator("article script, article img[onerror]").count() == 0
    tab.goto(urljoin(hostile_site.url, "sop/sop-7-0001/index.html"))
    assert "</title><script>" in tab.title()
    cell = tab.locator("table.sop-prosedur tbody tr").first.locator("td").first
    assert "[x](javascript:alert(1))" in cell.inner_text()
    _search(tab, "alert")
    tab.wait_for_timeout(300)
    _clean(watched)


def test_search_works_from_disk(seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    """Opened from file:// (a copied folder or the unpacked zip), search still answers."""
    tab, watched = page
    tab.goto((seed_site.site_dir / "index.html").as_uri())
    found = _search(tab, "verifikasi")
    assert any("BULU" in text.upper() for text in found), found
    href = tab.eval_on_selector(f"a[href*='{SUKOHARJO}']", "e => e.href") if tab.locator(
        f"a[href*='{SUKOHARJO}']").count() else ""
    assert href.startswith("file://") or not href
    _clean(watched)


def test_pages_open_from_disk(seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    tab, watched = page
    sop_id = SEED_IDS[0]
    tab.goto((seed_site.site_dir / "index.html").as_uri())
    tab.goto((seed_site.site_dir / "sop" / sop_id / "index.html").as_uri())
    tab.wait_for_load_state("load")
    for src, width, _height in _image_sizes(tab, "figure img"):
        assert width > 0, src
    back = tab.locator("article a", has_text=re.compile("Daftar SOP")).first
    back.click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith(".html") and tab.url.startswith("file://")
    _clean(watched)
