"""The studio's live preview: after an edit, check and official sheet of a 20-step SOP in
< 200 ms (the issue's limit), measured through the same call the page makes.

Rows: the same-run baseline is what `sop-docs check` plus the SVG renderer do for that
project from disk (load and lint every source, lay out and draw the sheet); the studio's
preview of a one-field edit (round-trip write of the edit, the project's loader and lint
on the edited text, layout and SVG) against the 200 ms limit and as a ratio to that
baseline (<= 4x: the round-trip write and a read of the edited text come on top); the
save of a one-field edit (fresh round-trip write, atomic write, re-open) < 400 ms; and the
same preview in a project of 300 synthetic SOPs, still < 200 ms (the other files are not
loaded again for each edit).
"""

from __future__ import annotations

import copy
import itertools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from benchmarks.harness import Result, median_ms, ratio, under
from sop_docs.layout.sheet import layout_sheet
from sop_docs.lint.runner import lint_corpus
from sop_docs.model.build import load_corpus
from sop_docs.render.svg import svg_pages
from sop_docs.studio.workspace import Workspace
from sop_docs_demo.synthetic import Shape, profil_data, sop_data, write_synthetic_project

REPO = Path(__file__).resolve().parent.parent
LIMIT_MS = 200.0
SOP_ID = "sop-dua-puluh-langkah"


def _project(root: Path) -> str:
    """The seed project plus one realistic 20-step SOP (6 pelaksana, 2 decisions)."""
    shutil.copy(REPO / "sop-docs.yaml", root / "sop-docs.yaml")
    shutil.copytree(REPO / "sop_sources", root / "sop_sources")
    return _project_sop(root)


def _check_and_draw(root: Path) -> None:
    corpus, _ = load_corpus(root)
    lint_corpus(corpus)
    resolved = corpus.sop(SOP_ID)
    if resolved is None:
        raise RuntimeError("the benchmark SOP must load")
    svg_pages(layout_sheet(resolved))


def _edits(data: Any) -> itertools.cycle[Any]:
    """Alternating one-field edits, so no two previews in a row see the same text."""
    edited = []
    for text in ("Menerima berkas permohonan", "Menerima berkas usulan"):
        changed = copy.deepcopy(data)
        changed["langkah"][3]["kegiatan"] = text
        edited.append(changed)
    return itertools.cycle(edited)


def _large_project_preview(root: Path) -> float:
    """Median ms of a one-field preview of the 20-step SOP among 300 other SOPs."""
    write_synthetic_project(root, 300, seed=5)
    rel = _project_sop(root)
    workspace = Workspace(root)
    edits = _edits(workspace.open(rel)["data"])
    return median_ms(lambda: workspace.preview(rel, next(edits)), repeat=11)


def _project_sop(root: Path) -> str:
    """Add the 20-step SOP and its profile to the project at ``root``."""
    profil = profil_data(20, "profil-bench")
    data = sop_data(20, Shape(steps=20, actors=6, decisions=2, multi_actor=2), SOP_ID, profil)
    for name, content in ((f"profil/{profil['id']}.yaml", profil), (f"{SOP_ID}.yaml", data)):
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100)
        (root / "sop_sources" / name).write_text(text, encoding="utf-8")
    return f"sop_sources/{SOP_ID}.yaml"


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rel = _project(root)
        workspace = Workspace(root)
        opened = workspace.open(rel)
        if opened.get("readonly") or not opened["pages"]:
            raise RuntimeError("the benchmark SOP must open for editing")
        edits = _edits(opened["data"])
        base = median_ms(lambda: _check_and_draw(root), repeat=15)
        preview = median_ms(lambda: workspace.preview(rel, next(edits)), repeat=15)

        versions = [opened["version"]]

        def save() -> None:  # the answer re-opens the saved file, as the page needs
            versions.append(workspace.save(rel, next(edits), versions[-1])["version"])

        saving = median_ms(save, repeat=9, warmup=1)
    with tempfile.TemporaryDirectory() as folder:
        large = _large_project_preview(Path(folder))
    note = "20 steps, 6 pelaksana, 2 decisions; 6 SOPs in the project"
    return [
        Result("studio: check + sheet SVG from disk", base, "baseline", True, note=note),
        under("studio: live preview after one edit", preview, LIMIT_MS, note=note),
        ratio("studio: live preview vs check + SVG", preview, "check + SVG", base, 4.0,
              note=note),
        under("studio: save of one edit (re-opened)", saving, 2 * LIMIT_MS, note=note),
        under("studio: live preview among 300 SOPs", large, LIMIT_MS,
              note="the same SOP in a project of 300 synthetic SOPs"),
    ]
