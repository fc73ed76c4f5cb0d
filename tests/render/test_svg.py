"""The SVG pages: golden files for the seeds, well-formed XML, real text, escaping."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from sop_docs.layout.sheet import layout_sheet
from sop_docs.model.corpus import Corpus
from sop_docs.render.svg import svg_pages
from sop_docs_demo.synthetic import synthetic_sop

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"


def test_seed_svg_pages_match_golden(seed_corpus: Corpus,
                                     golden: Callable[[Path, str, bool], None],
                                     update_golden: bool) -> None:
    for resolved in seed_corpus.sops:
        for number, text in enumerate(svg_pages(layout_sheet(resolved)), start=1):
            golden(GOLDEN / f"{resolved.sop.id}-hal-{number}.svg", text, update_golden)


def test_every_golden_file_belongs_to_a_seed_page(seed_corpus: Corpus) -> None:
    expected = {f"{r.sop.id}-hal-{n}" for r in seed_corpus.sops
                for n in range(1, len(layout_sheet(r).pages) + 1)}
    assert {p.stem for p in GOLDEN.glob("*.svg")} == expected


def test_svg_text_is_real_text_with_every_step(seed_corpus: Corpus) -> None:
    for resolved in seed_corpus.sops:
        layout = layout_sheet(resolved)
        words = ""
        for text in svg_pages(layout):
            root = ET.fromstring(text.encode("utf-8"))
            first = layout.pages[0]
            assert root.get("viewBox") == f"0 0 {first.width:g} {first.height:g}"
            words += "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
        compact = "".join(words.split())
        for step in resolved.sop.langkah:
            assert "".join(step.kegiatan.split()) in compact


def test_markup_in_text_is_escaped() -> None:
    resolved = synthetic_sop(4, steps=5, actors=2, decisions=0, multi_actor=0)
    hostile = "<script>alert('x')</script> & \"kutip\" ]]> <!-- -->"
    steps = list(resolved.sop.langkah)
    steps[1] = steps[1].model_copy(update={"kegiatan": hostile})
    sop = resolved.sop.model_copy(update={"langkah": tuple(steps), "nama": hostile})
    pages = svg_pages(layout_sheet(dataclasses.replace(resolved, sop=sop)))
    texts = []
    for text in pages:
        root = ET.fromstring(text.encode("utf-8"))
        assert not list(root.iter(f"{SVG}script"))
        texts += ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    joined = " ".join(texts)
    assert "<script>alert('x')</script>" in joined and "&" in joined


def test_svg_is_deterministic() -> None:
    resolved = synthetic_sop(9, steps=20, actors=6, decisions=2, multi_actor=2)
    assert svg_pages(layout_sheet(resolved)) == svg_pages(layout_sheet(resolved))
