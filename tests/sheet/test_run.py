"""render_corpus, the build stage and `sop-docs render`: outputs, incremental cache,
atomic writes, failures that do not stop the batch."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sop_docs.model.corpus import Corpus
from sop_docs.render import registry
from sop_docs.render.registry import Format
from sop_docs.render.run import MANIFEST, render_corpus, sop_folder
from sop_docs.synthetic import synthetic_corpus

from .conftest import REPO

FORMATS = ["pdf", "svg", "layout"]


@pytest.fixture
def corpus() -> Corpus:
    return synthetic_corpus(3, seed=5)


def _names(paths: list[Path]) -> set[str]:
    return {p.name for p in paths}


def test_outputs_go_to_one_folder_per_sop(corpus: Corpus, tmp_path: Path) -> None:
    results = render_corpus(corpus, FORMATS, tmp_path)
    assert results.rendered == [r.sop.id for r in corpus.sops] and not results.reused
    for resolved in corpus.sops:
        sop_id = resolved.sop.id
        folder = sop_folder(tmp_path, sop_id)
        layout = json.loads((folder / f"{sop_id}.layout.json").read_text(encoding="utf-8"))
        pages = len(layout["pages"])
        expected = {f"{sop_id}.pdf", f"{sop_id}.layout.json"}
        expected |= {f"{sop_id}-hal-{n}.svg" for n in range(1, pages + 1)}
        assert {p.name for p in folder.iterdir()} == expected | {MANIFEST}
        assert layout["sop_id"] == sop_id and layout["pages"][0]["kind"] == "identitas"
        assert not list(folder.glob("*.tmp"))


def test_unchanged_sops_are_reused_and_a_changed_one_rendered(corpus: Corpus,
                                                               tmp_path: Path) -> None:
    render_corpus(corpus, FORMATS, tmp_path)
    first = corpus.sops[0]
    pdf = sop_folder(tmp_path, first.sop.id) / f"{first.sop.id}.pdf"
    before = pdf.stat().st_mtime_ns
    again = render_corpus(corpus, FORMATS, tmp_path)
    assert again.rendered == [] and len(again.reused) == 3
    assert pdf.stat().st_mtime_ns == before
    changed = dataclasses.replace(
        corpus.sops[1], sop=corpus.sops[1].sop.model_copy(update={"nama": "Nama baru"}))
    edited = dataclasses.replace(corpus, sops=(corpus.sops[0], changed, corpus.sops[2]))
    third = render_corpus(edited, FORMATS, tmp_path)
    assert third.rendered == [changed.sop.id]
    # A missing output is rendered again; another format list is another hash.
    (sop_folder(tmp_path, first.sop.id) / f"{first.sop.id}.layout.json").unlink()
    assert render_corpus(edited, FORMATS, tmp_path).rendered == [first.sop.id]
    assert len(render_corpus(edited, ["pdf"], tmp_path).rendered) == 3


def test_a_failing_renderer_reports_and_the_batch_goes_on(
        corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Format("broken", "always fails", "tests_sheet_missing_module:render")
    monkeypatch.setitem(registry.FORMATS, "broken", broken)
    results = render_corpus(corpus, ["broken", "pdf"], tmp_path, workers=1)
    assert results.rendered == [r.sop.id for r in corpus.sops]
    assert {d.code for d in results.diagnostics} == {"SHT008"}
    assert all((sop_folder(tmp_path, r.sop.id) / f"{r.sop.id}.pdf").is_file()
               for r in corpus.sops)
    # Nothing is cached after a failure: the next run tries again.
    assert len(render_corpus(corpus, ["broken", "pdf"], tmp_path).rendered) == 3


def test_parallel_render_gives_the_same_bytes(tmp_path: Path) -> None:
    corpus = synthetic_corpus(10, seed=8)
    one = render_corpus(corpus, ["pdf", "svg"], tmp_path / "one", workers=1)
    two = render_corpus(corpus, ["pdf", "svg"], tmp_path / "two", workers=2)
    assert [p.name for p in one.paths] == [p.name for p in two.paths]
    for a, b in zip(one.paths, two.paths, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_unknown_format_is_refused(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_corpus(corpus, ["pdf", "nope"], tmp_path)


def test_cli_renders_the_seed_project(tmp_path: Path) -> None:
    from sop_docs.cli.main import app

    runner = CliRunner()
    out = tmp_path / "build"
    result = runner.invoke(app, ["render", "--project", str(REPO), "-o", str(out),
                                 "--to", "pdf,layout"])
    assert result.exit_code == 0, result.output
    assert "5 SOP rendered" in result.output
    assert len(list((out / "sop").glob("*/*.pdf"))) == 5
    again = runner.invoke(app, ["render", "--project", str(REPO), "-o", str(out),
                                "--to", "pdf,layout"])
    assert "0 SOP rendered, 5 up to date" in again.output


def test_cli_renders_named_files_and_refuses_unknown_formats(tmp_path: Path) -> None:
    from sop_docs.cli.main import app

    runner = CliRunner()
    source = next((REPO / "sop_sources").glob("*.yaml"))
    result = runner.invoke(app, ["render", str(source), "--project", str(REPO),
                                 "-o", str(tmp_path), "--to", "svg"])
    assert result.exit_code == 0, result.output
    assert "1 SOP rendered" in result.output
    bad = runner.invoke(app, ["render", "--project", str(REPO), "-o", str(tmp_path),
                              "--to", "pdf,gif"])
    assert bad.exit_code == 2 and "SHT010" in bad.output
    missing = runner.invoke(app, ["render", str(tmp_path / "nope.yaml"), "--project", str(REPO),
                                  "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_build_stage_writes_sheets_and_previews(tmp_path: Path) -> None:
    from sop_docs.build import build

    ctx = build(REPO, tmp_path, only={"check", "render"})
    written = ctx.artifacts["render"]
    for resolved in ctx.corpus.sops if ctx.corpus else ():
        names = _names(written)
        sop_id = resolved.sop.id
        assert {f"{sop_id}.pdf", f"{sop_id}.layout.json", f"{sop_id}-hal-1.svg",
                f"{sop_id}-hal-1.png"} <= names
    assert ctx.corpus is not None and len(ctx.corpus.sops) == 5


def test_an_unwritable_folder_is_reported_for_that_sop_only(corpus: Corpus,
                                                             tmp_path: Path) -> None:
    blocked = sop_folder(tmp_path, corpus.sops[0].sop.id)
    blocked.parent.mkdir(parents=True)
    blocked.write_text("a file where the SOP's folder should be", encoding="utf-8")
    results = render_corpus(corpus, FORMATS, tmp_path, workers=1)
    codes = {d.code for d in results.diagnostics}
    assert codes == {"CLI006"}
    assert all(d.location.path == str(blocked) for d in results.diagnostics)
    for resolved in corpus.sops[1:]:
        folder = sop_folder(tmp_path, resolved.sop.id)
        assert (folder / f"{resolved.sop.id}.pdf").is_file()
