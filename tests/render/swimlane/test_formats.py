"""The registered formats: file names, atomic byte-stable outputs, and a missing `dot`."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest

from sop_docs.diagnostics import CLI_WRITE_FAILED, SWL_DOT_FAILED, SWL_DOT_MISSING
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.render import registry
from sop_docs.render.registry import FORMATS, RenderJob
from sop_docs.render.swimlane import formats

NAMES = {"dot": "dot", "svg-swimlane": "svg", "png-swimlane": "png", "pdf-swimlane": "pdf"}
MAGIC = {"dot": b"digraph swimlane {", "svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}


@pytest.fixture
def seed(seed_corpus: Corpus) -> ResolvedSOP:
    return seed_corpus.sops[0]


def _render_all(resolved: ResolvedSOP, out: Path) -> tuple[list[Path], RenderJob]:
    job = RenderJob(resolved, out)
    paths = [path for name in NAMES for path in FORMATS[name].load()(job)]
    return paths, job


def test_formats_are_registered() -> None:
    assert set(NAMES) <= set(registry.FORMATS)
    for name in NAMES:
        assert callable(FORMATS[name].load())


def test_every_format_writes_its_file(seed: ResolvedSOP, tmp_path: Path) -> None:
    paths, job = _render_all(seed, tmp_path)
    assert job.diagnostics == []
    stem = seed.sop.id
    assert [p.name for p in paths] == [f"{stem}-swimlane.{ext}" for ext in NAMES.values()]
    for path in paths:
        assert path.read_bytes().startswith(MAGIC[path.suffix[1:]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    pdf = pypdfium2.PdfDocument(tmp_path / f"{stem}-swimlane.pdf")
    assert len(pdf) == 1
    pdf.close()


def test_outputs_are_byte_identical_across_runs(seed: ResolvedSOP, tmp_path: Path) -> None:
    first, _ = _render_all(seed, tmp_path / "a")
    second, _ = _render_all(seed, tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_pdf_carries_the_sop_date_not_the_clock(seed: ResolvedSOP, tmp_path: Path) -> None:
    job = RenderJob(seed, tmp_path)
    (path,) = formats.render_pdf(job)
    stamps = re.findall(rb"/CreationDate \(D:(\d{8})000000Z\)", path.read_bytes())
    assert stamps == [formats.document_date(seed).encode()]
    assert stamps[0] != b"20000101"  # the seed has a real date


def test_missing_dot_is_a_diagnostic_and_the_source_is_still_written(
        seed: ResolvedSOP, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    paths, job = _render_all(seed, tmp_path / "out")
    assert [p.suffix for p in paths] == [".dot"]
    (diagnostic,) = job.diagnostics  # one per SOP, not one per drawn format
    assert diagnostic.code == SWL_DOT_MISSING.code
    assert seed.sop.id in diagnostic.message
    assert "apt-get install graphviz" in diagnostic.render()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [paths[0].name]


def test_failing_dot_is_a_diagnostic(seed: ResolvedSOP, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "swimlane_dot", lambda resolved: "digraph { a -> }\n")
    job = RenderJob(seed, tmp_path)
    assert formats.render_svg(job) == []
    (diagnostic,) = job.diagnostics
    assert diagnostic.code == SWL_DOT_FAILED.code
    assert "syntax error" in diagnostic.message
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_diagnostic(seed: ResolvedSOP, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    paths, job = _render_all(seed, blocker / "out")
    assert paths == []
    assert {d.code for d in job.diagnostics} == {CLI_WRITE_FAILED.code}


def test_failed_render_keeps_the_previous_file(seed: ResolvedSOP, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (old,) = formats.render_svg(RenderJob(seed, tmp_path))
    before = old.read_bytes()
    monkeypatch.setattr(formats, "swimlane_dot", lambda resolved: "digraph { a -> }\n")
    assert formats.render_svg(RenderJob(seed, tmp_path)) == []
    assert old.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [old.name]
