"""The built site in a real browser (Debian chromium via Playwright), served on 127.0.0.1."""

from __future__ import annotations

import json
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
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 800}

# First bytes (or a marker in the first KB) of each download type.
MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".svg": b"<svg",
         ".dot": b"digraph", ".png": b"\x89PNG", ".json": b"{"}


@dataclass
class Watched:
    """What a page did: console errors, dialogs, and requests to hosts other than ours."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def _open(browser: Any, viewport: dict[str, int] | None = None, **options: Any
          ) -> tuple[Any, Any, Watched]:
    """A new context (of the given size) and page that record console errors and dialogs
    and block every request that would leave 127.0.0.1 (recording it, so the test fails)."""
    if viewport is not None:
        options["viewport"] = viewport
    context = browser.new_context(**options)
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
    return context, tab, watched


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watched]]:
    """A fresh page of the default size, watched (see :func:`_open`)."""
    context, tab, watched = _open(browser)
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


# --- issue 18: phones, print, two clicks, Indonesian search (390 and 1366 px) -------------

ENGLISH_LABELS = {"header", "footer", "search", "navigation", "table of contents", "share",
                  "clear", "back to top", "copy to clipboard", "edit this page"}


def _base(site: BuiltSite, scheme: str) -> str:
    return site.url if scheme == "http" else site.site_dir.as_uri() + "/"


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_procedure_table_is_never_clipped(seed_site: BuiltSite, browser: Any,
                                          viewport: dict[str, int], scheme: str) -> None:
    context, tab, watched = _open(browser, viewport)
    for sop_id in SEED_IDS:
        tab.goto(urljoin(_base(seed_site, scheme), f"sop/{sop_id}/index.html"))
        wrap = tab.locator(".sop-table-wrap")
        fits = wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1")
        hint = tab.locator(".sop-geser").is_visible()
        assert fits or hint, f"{sop_id}: table wider than its box and no hint"
        page_width = tab.evaluate("document.documentElement.scrollWidth")
        assert page_width <= viewport["width"], f"{sop_id}: the page scrolls sideways"
        rows = tab.locator("table.sop-prosedur tbody tr")
        if viewport is PHONE:  # a card per step: every field labelled and on screen
            assert rows.first.evaluate("r => getComputedStyle(r).display") == "block"
            for label in ("Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output",
                          "Keterangan"):
                cell = rows.first.locator(f"[data-label='{label}']")
                assert cell.is_visible(), (sop_id, label)
                box = cell.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
            assert tab.locator("figure.sop-lembar a.sop-penuh").first.is_visible()
            assert not tab.locator("figure.sop-lembar img").first.is_visible()
        else:
            assert tab.locator("figure.sop-lembar img").first.is_visible()
            assert tab.locator("figure.sop-lembar a.sop-gambar").first.get_attribute(
                "href").endswith(".svg")
    context.close()
    assert watched.outside == [] and watched.errors == []


def _pdf_words(data: bytes) -> set[str]:
    """The words printed on the pages (cells of one row interleave line by line, so the
    words of a cell are checked one by one)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {w["text"].lower() for p in pdf.pages for w in p.extract_words()}


def _words_of(text: str) -> set[str]:
    return {w.lower() for w in text.split()}


@pytest.mark.parametrize("sop_id", SEED_IDS)
def test_printed_page_has_every_column_of_every_step(seed_site: BuiltSite, browser: Any,
                                                     sop_id: str) -> None:
    context, tab, watched = _open(browser, DESKTOP)
    tab.goto(urljoin(seed_site.url, f"sop/{sop_id}/index.html"))
    tab.emulate_media(media="print")
    printed = _pdf_words(tab.pdf(prefer_css_page_size=True))
    sop = next(r.sop for r in load_corpus(REPO)[0].sops if r.sop.id == sop_id)
    assert {"waktu", "output", "keterangan"} <= printed
    for step in sop.langkah:
        for text in (step.waktu.teks if step.waktu else "—", step.output, step.keterangan):
            assert _words_of(text) <= printed, (step.id, text, _words_of(text) - printed)
    context.close()
    assert watched.outside == []


def test_every_sop_is_two_clicks_from_home(seed_site: BuiltSite, browser: Any) -> None:
    context, tab, watched = _open(browser, PHONE)
    for sop_id in SEED_IDS:
        tab.goto(seed_site.url)
        tab.locator("article a", has_text="Daftar SOP").first.click()
        tab.locator(f"table.sop-semua a[href*='{sop_id}']").click()
        tab.wait_for_load_state("load")
        assert tab.url.endswith(f"sop/{sop_id}/index.html")
    tab.goto(urljoin(seed_site.url, "instansi/index.html"))
    rows = tab.locator("table.sop-semua tbody tr")
    assert rows.count() == len(SEED_IDS)
    assert all(rows.nth(i).locator("[data-label='Instansi']").inner_text().strip()
               for i in range(rows.count()))
    tab.locator("#sop-saring").press_sequentially("kecamatan bulu", delay=20)
    visible = [rows.nth(i) for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert len(visible) == 1 and SUKOHARJO in visible[0].locator("a").get_attribute("href")
    context.close()
    assert watched.outside == [] and watched.errors == []


def test_sop_page_offers_pdf_and_word_first_and_dot_only_as_source(
        seed_site: BuiltSite, page: tuple[Any, Watched]) -> None:
    tab, watched = page
    tab.goto(urljoin(seed_site.url, f"sop/{SUKOHARJO}/index.html"))
    buttons = tab.locator("article h1 ~ .sop-unduh-utama a")
    texts = [buttons.nth(i).inner_text() for i in range(buttons.count())]
    assert texts[0].startswith("Unduh PDF") and texts[1].startswith("Unduh Word")
    assert "Cetak" in texts and buttons.nth(texts.index("Cetak")).get_attribute(
        "href").endswith(".pdf")
    # Right under the title: nothing but the trail between the h1 and the buttons.
    between = tab.evaluate("""() => { const b = document.querySelector('.sop-unduh-utama');
        let n = document.querySelector('article h1').nextElementSibling, c = 0;
        while (n && n !== b) { c++; n = n.nextElementSibling; } return c; }""")
    assert between <= 1
    dots = tab.locator("a[href$='.dot']")
    assert dots.count() >= 1
    assert dots.count() == tab.locator("details.sop-sumber a[href$='.dot']").count()
    _clean(watched)


def test_kit_and_rekap_links_read_as_words(seed_site: BuiltSite,
                                           page: tuple[Any, Watched]) -> None:
    tab, watched = page
    offices = {r.profil.instansi for r in load_corpus(REPO)[0].sops}
    tab.goto(urljoin(seed_site.url, "kit/index.html"))
    tab.goto(tab.locator("article a[href$='index.html']").first.evaluate("a => a.href"))
    kits = tab.locator("a[href$='.xlsx']")
    assert kits.count() >= 1
    for i in range(kits.count()):
        assert re.fullmatch(r"Unduh kit Excel - .+ \(\d+(,\d)? [KM]?B\)",
                            kits.nth(i).inner_text().strip()), kits.nth(i).inner_text()
    tab.goto(urljoin(seed_site.url, "rekap/index.html"))
    tab.goto(tab.locator("article a[href$='index.html']").first.evaluate("a => a.href"))
    rekap = tab.locator("a[href$='-rekap.pdf']")
    assert rekap.count() >= 1
    for i in range(rekap.count()):
        assert any(o in rekap.nth(i).inner_text() for o in offices), rekap.nth(i).inner_text()
    _clean(watched)


def _contrast(fg: str, bg: str) -> float:
    def channels(css: str) -> list[float]:
        return [float(v) for v in re.findall(r"[\d.]+", css)[:3]]

    def luminance(rgb: list[float]) -> float:
        lin = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(channels(fg)), luminance(channels(bg))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_footer_contrast_palette_and_labels(seed_site: BuiltSite, browser: Any,
                                            scheme: str) -> None:
    context, tab, watched = _open(browser, DESKTOP, color_scheme=scheme)
    tab.goto(seed_site.url)
    body_scheme = tab.locator("body").get_attribute("data-md-color-scheme")
    assert body_scheme == ("slate" if scheme == "dark" else "default")
    assert tab.locator("form[data-md-component='palette'] label").count() >= 1
    fg = tab.locator(".md-copyright").evaluate("e => getComputedStyle(e).color")
    bg = tab.locator(".md-footer-meta").evaluate("e => getComputedStyle(e).backgroundColor")
    assert "a(" not in fg and _contrast(fg, bg) >= 4.5, (fg, bg)
    for path in ("index.html", f"sop/{SUKOHARJO}/index.html", "instansi/index.html"):
        tab.goto(urljoin(seed_site.url, path))
        labels = tab.eval_on_selector_all("[aria-label]",
                                          "els => els.map(e => e.getAttribute('aria-label'))")
        assert not {x.strip().lower() for x in labels} & ENGLISH_LABELS, labels
    context.close()
    assert watched.outside == [] and watched.errors == []


def test_home_fits_a_phone_and_404_works_from_disk(seed_site: BuiltSite, browser: Any) -> None:
    context, tab, watched = _open(browser, PHONE)
    tab.goto(seed_site.url)
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.locator("table.sop-revisi-terbaru tbody tr").first.is_visible()
    tab.goto((seed_site.site_dir / "404.html").as_uri())
    tab.wait_for_load_state("load")
    header = tab.locator(".md-header").evaluate("e => getComputedStyle(e).position")
    assert header == "sticky"  # Material's stylesheet loaded through a relative link
    tab.locator("article a", has_text="Daftar SOP").first.click()
    tab.wait_for_load_state("load")
    assert tab.url.startswith("file://") and tab.url.endswith("instansi/index.html")
    context.close()
    assert watched.outside == [] and watched.errors == []


def _search_index_pages(site: BuiltSite, term: str) -> set[str]:
    """SOP pages whose search entries carry ``term`` (what the index was built with)."""
    data = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    return {d["location"].split("#")[0] for d in data["docs"]
            if d["location"].startswith("sop/")
            and term in f"{d['title_terms']} {d['text_terms']}".split()}


def _found_pages(tab: Any, query: str) -> set[str]:
    _search(tab, query)
    links = tab.locator(".md-search-result__link")
    count = -1
    while count != links.count():  # results past the first ten render on scrolling
        count = links.count()
        tab.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        tab.wait_for_timeout(300)
    hrefs = tab.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return {re.sub(r"^.*?(sop/[^/]+/index\.html).*$", r"\1", h) for h in hrefs if "/sop/" in h}


SEARCH_TABLE = [("memverifikasi", "verifikasi"), ("kumpul", "kumpul"),
                ("dikumpulkan", "kumpul"), ("kasubbag", "kasubag"), ("verifkasi", "verifikasi")]


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize(("query", "term"), SEARCH_TABLE)
def test_search_speaks_indonesian(seed_site: BuiltSite, browser: Any, scheme: str, query: str,
                                  term: str) -> None:
    expected = _search_index_pages(seed_site, term)
    assert expected, f"no SOP contains {term}"
    context, tab, watched = _open(browser, DESKTOP)
    tab.goto(urljoin(_base(seed_site, scheme), "index.html"))
    found = _found_pages(tab, query)
    assert expected <= found, (query, expected - found)
    snippet = tab.locator(".md-search-result__article mark").first
    assert snippet.count() == 1
    context.close()
    assert watched.outside == [] and watched.errors == []
