"""The SVG pages in a real browser (Debian chromium via Playwright): the browser's own text
measurement agrees with the layout's and is never wider, so text fits its cell even in a
viewer that ignores textLength."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.corpus import Corpus
from sop_docs.render.svg import svg_pages

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sheet-browser")]

MEASURE = """() => Array.from(document.querySelectorAll('text')).map(t => {
  const laid = parseFloat(t.getAttribute('textLength'));
  t.removeAttribute('textLength');
  t.removeAttribute('lengthAdjust');
  return [t.textContent, laid, t.getComputedTextLength()];
})"""


def test_browser_text_widths_match_the_layout(seed_corpus: Corpus, tmp_path: Path,
                                              browser: Any) -> None:
    files = []
    for resolved in seed_corpus.sops:
        for number, text in enumerate(svg_pages(layout_sheet(resolved)), start=1):
            path = tmp_path / f"{resolved.sop.id}-{number}.svg"
            path.write_text(text, encoding="utf-8")
            files.append(path)
    page = browser.new_page()
    try:
        measured = 0
        for path in files:
            page.goto(path.as_uri())
            for text, laid, natural in page.evaluate(MEASURE):
                if text.strip():
                    # Liberation Sans in the browser, our metrics in the layout: never
                    # wider (no overflow), at most a little narrower (hinting at the
                    # small pixel sizes the mm viewBox gives).
                    assert laid * 0.94 - 0.05 <= natural <= laid * 1.005 + 0.05, (
                        path, text, natural, laid)
                    measured += 1
        assert measured > 500
    finally:
        page.close()
