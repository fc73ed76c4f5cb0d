"""Any text a source can hold reaches Graphviz escaped: no syntax error, text drawn as written."""

from __future__ import annotations

import dataclasses
import subprocess
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from sop_docs.model.corpus import ResolvedSOP
from sop_docs.model.values import Waktu
from sop_docs.render.swimlane.graph import MAX_LINES, swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render_svgs
from sop_docs.render.swimlane.labels import html, quoted, wrap_lines
from sop_docs_demo.synthetic import synthetic_sop

HOSTILE = [
    'Kutip "ganda" dan \'tunggal\'',
    "<b>tag</b> & &amp; &lt; <BR/> <<>> </TABLE>",
    "{kurung} | pipa | {a|b} [x] ]; <f0> port",
    "garis\\miring \\N \\G \\L \\n \\\" \\",
    "baris\nbaru\r\ndan\ttab",
    "kontrol \x00\x01\x07\x1b\x7f\x85 akhir",
    "emoji 😀🚀 dan 中文 dan \u202eRTL dan \ufffe\uffff",
    "sangat" + "panjang" * 500,
    " ".join(["kata"] * 3000),
    '" ] ; node [shape=star] ; x -> y; digraph { a -> b } // /* #',
    "> ] } ) -- -> ;",
    "]",  # a lone "]" is a Graphviz 2.43 syntax error unless escaped
]


def _hostile_sop(texts: list[str], seed: int = 3) -> ResolvedSOP:
    """A valid synthetic SOP whose every text field (names, steps, exits, waktu) is ``texts``."""
    resolved = synthetic_sop(seed, steps=len(texts) + 3, actors=3, decisions=1, multi_actor=1)
    sop = resolved.sop
    steps = []
    for index, step in enumerate(sop.langkah):
        text = texts[index % len(texts)]
        cabang = tuple(c.model_copy(update={"label": texts[(index + n) % len(texts)]})
                       for n, c in enumerate(step.cabang))
        steps.append(step.model_copy(update={"kegiatan": text, "cabang": cabang,
                                             "waktu": Waktu(teks=text)}))
    pelaksana = tuple(p.model_copy(update={"nama": texts[i % len(texts)]})
                      for i, p in enumerate(sop.pelaksana))
    new = sop.model_copy(update={"nama": texts[0], "langkah": tuple(steps),
                                 "pelaksana": pelaksana})
    return dataclasses.replace(resolved, sop=new)


def _dot_run(dot_text: str) -> tuple[str, bytes]:
    """What ``dot -Tsvg`` writes to stderr for ``dot_text`` (syntax errors, label
    warnings; 'failed' added on a non-zero exit), and the SVG it writes."""
    run = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode("utf-8"),
                         capture_output=True, check=False)
    errors = run.stderr.decode("utf-8", "replace") + ("" if run.returncode == 0 else "failed")
    return errors, run.stdout


def _dot_errors(dot_text: str) -> str:
    return _dot_run(dot_text)[0]


def test_hostile_texts_render_without_graphviz_error() -> None:
    resolved = _hostile_sop(HOSTILE)
    assert _dot_errors(swimlane_dot(resolved)) == ""


def test_hostile_texts_are_drawn_as_written(parse_svg, check_layout) -> None:
    resolved = _hostile_sop(HOSTILE)
    drawing = parse_svg(render_svgs([swimlane_dot(resolved)])[0])
    assert check_layout(drawing, resolved) == []
    steps = resolved.sop.langkah
    first = drawing.text(f"step.{steps[0].id}.{steps[0].pelaksana[0]}")
    assert 'Kutip "ganda" dan \'tunggal\'' in first
    assert "<b>tag</b> & &amp; &lt; <BR/> <<>> </TABLE>" in drawing.text(
        f"step.{steps[1].id}.{steps[1].pelaksana[0]}")
    assert "{kurung} | pipa | {a|b} [x] ]; <f0> port" in drawing.text(
        f"step.{steps[2].id}.{steps[2].pelaksana[0]}")
    assert "garis\\miring \\N \\G \\L \\n \\\" \\" in drawing.text(
        f"step.{steps[3].id}.{steps[3].pelaksana[0]}")
    control = drawing.text(f"step.{steps[5].id}.{steps[5].pelaksana[0]}")
    assert "kontrol" in control and "akhir" in control
    assert not any(ord(ch) < 32 for ch in control)


def test_long_texts_are_cut_to_a_bounded_symbol(parse_svg) -> None:
    resolved = _hostile_sop(HOSTILE)
    drawing = parse_svg(render_svgs([swimlane_dot(resolved)])[0])
    for step in resolved.sop.langkah[7:9]:
        element = drawing.groups[f"step.{step.id}.{step.pelaksana[0]}"]
        texts = list(element.iter("{http://www.w3.org/2000/svg}text"))
        baselines = {text.get("y") for text in texts}
        assert len(baselines) <= MAX_LINES + 2  # activity lines + at most two waktu lines
        assert any((text.text or "").endswith("…") for text in texts)


def test_escaping_helpers() -> None:
    assert html('a<b>&"c\'') == "a&lt;b&gt;&amp;&quot;c'"
    assert html("]") == "&#93;"
    assert quoted('say "hi" \\ there\nnow') == '"say \\"hi\\" \\\\ there now"'
    lines = wrap_lines(" ".join(["kata"] * 400), 120, 9, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert wrap_lines("x" * 300, 60, 9)  # an unbreakable word is broken, not overflowing


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=120), min_size=1, max_size=4))
def test_any_text_gives_valid_dot_and_svg(texts: list[str]) -> None:
    errors, svg = _dot_run(swimlane_dot(_hostile_sop(texts, seed=5)))
    assert errors == ""
    ET.fromstring(svg)


def test_broken_references_still_draw(parse_svg) -> None:
    """An undeclared pelaksana gets its own lane; an arrow to an unknown step is left out
    (`check` reports both); a duplicated step id draws both steps."""
    resolved = synthetic_sop(9, steps=6, actors=2, decisions=0, multi_actor=0)
    steps = list(resolved.sop.langkah)
    steps[1] = steps[1].model_copy(update={"pelaksana": ("tidak-dikenal",)})
    steps[2] = steps[2].model_copy(update={"ke": "tidak-ada"})
    steps[4] = steps[4].model_copy(update={"id": steps[3].id})
    broken = dataclasses.replace(
        resolved, sop=resolved.sop.model_copy(update={"langkah": tuple(steps)}))
    dot_text = swimlane_dot(broken)
    assert _dot_errors(dot_text) == ""
    drawing = parse_svg(render_svgs([dot_text])[0])
    assert drawing.text("lane.tidak-dikenal") == "tidak-dikenal"
    assert f"flow.{steps[2].id}.0" not in drawing.groups
    symbols = [g for g in drawing.root.iter("{http://www.w3.org/2000/svg}g")
               if "step" in (g.get("class") or "").split()]
    assert len(symbols) == len(steps)
