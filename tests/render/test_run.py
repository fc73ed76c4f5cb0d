"""render_corpus, the build stage and `sop-docs render`: outputs, incremental cache,
atomic writes, failures that do not stop the batch."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sop_docs.model.corpus import Corpus
from sop_docs.render import registry
from sop_docs.render.registry import Format
from sop_docs.render.run import MANIFEST, render_corpus, sop_folder
from sop_docs_demo.synthetic import synthetic_corpus

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
    # A missing output is rendered again, and only its format.
    (sop_folder(tmp_path, first.sop.id) / f"{first.sop.id}.layout.json").unlink()
    fourth = render_corpus(edited, FORMATS, tmp_path)
    assert fourth.rendered == [first.sop.id]
    assert fourth.results[0].formats_rendered == ["layout"]
    assert pdf.stat().st_mtime_ns == before
    # A subset of the formats is a subset of the cache, not another one.
    assert render_corpus(edited, ["pdf"], tmp_path).rendered == []


def _mtimes(paths: list[Path]) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in paths}


def test_each_format_is_cached_on_its_own(corpus: Corpus, tmp_path: Path) -> None:
    """Formats A then A+B (`site build` then `build`): A is reused, only B is rendered;
    A alone again (or B alone) renders nothing, and the paths are those of the asked formats."""
    first = render_corpus(corpus, ["pdf", "svg"], tmp_path)
    kept = _mtimes(first.paths)
    both = render_corpus(corpus, ["pdf", "svg", "dot", "layout"], tmp_path)
    assert both.rendered == [r.sop.id for r in corpus.sops]
    assert all(r.formats_rendered == ["dot", "layout"] for r in both.results)
    assert {n: t for n, t in _mtimes(both.paths).items() if n in kept} == kept
    assert {p.suffix for p in both.paths} == {".pdf", ".svg", ".dot", ".json"}
    for formats in (["pdf", "svg"], ["dot"], ["layout", "pdf"]):
        again = render_corpus(corpus, formats, tmp_path)
        assert again.rendered == [] and len(again.reused) == 3
    assert {p.suffix for p in again.paths} == {".json", ".pdf"}
    assert _mtimes(render_corpus(corpus, ["pdf", "svg"], tmp_path).paths) == kept


def test_a_changed_source_drops_the_outputs_of_formats_not_rendered_again(
        corpus: Corpus, tmp_path: Path) -> None:
    render_corpus(corpus, ["pdf", "dot"], tmp_path)
    resolved = corpus.sops[0]
    changed = dataclasses.replace(
        resolved, sop=resolved.sop.model_copy(update={"nama": "Nama baru"}))
    edited = dataclasses.replace(corpus, sops=(changed, *corpus.sops[1:]))
    folder = sop_folder(tmp_path, resolved.sop.id)
    assert render_corpus(edited, ["pdf"], tmp_path).rendered == [resolved.sop.id]
    # The .dot drew the old content: it must not be offered as current.
    assert not (folder / f"{resolved.sop.id}-swimlane.dot").exists()
    assert (folder / f"{resolved.sop.id}.pdf").is_file()
    assert render_corpus(edited, ["dot"], tmp_path).rendered == [resolved.sop.id]
    assert render_corpus(edited, ["pdf", "dot"], tmp_path).rendered == []


def test_a_format_that_reported_an_error_is_drawn_on_the_next_run(
        corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz missing (SWL001) is not cached: once it is installed, the diagrams appear
    without any source change; the formats that worked are not rendered again."""
    from sop_docs.errors import GraphvizMissing
    from sop_docs.render.swimlane import formats as swimlane

    def missing(*args: object, **kwargs: object) -> bytes:
        raise GraphvizMissing("dot")

    asked = ["svg-swimlane", "dot"]
    with monkeypatch.context() as patch:
        patch.setattr(swimlane, "render", missing)
        first = render_corpus(corpus, asked, tmp_path, workers=1)
        assert {d.code for d in first.diagnostics} == {"SWL001"}
        assert {p.suffix for p in first.paths} == {".dot"}
        again = render_corpus(corpus, asked, tmp_path, workers=1)
        assert all(r.formats_rendered == ["svg-swimlane"] for r in again.results)
    installed = render_corpus(corpus, asked, tmp_path, workers=1)
    assert installed.diagnostics == []
    assert all(r.formats_rendered == ["svg-swimlane"] for r in installed.results)
    assert {p.name for p in installed.paths} >= {
        f"{r.sop.id}-swimlane.svg" for r in corpus.sops}
    assert render_corpus(corpus, asked, tmp_path).rendered == []


def test_a_format_that_wrote_nothing_is_not_recorded(
        corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.FORMATS, "empty",
                        Format("empty", "writes nothing", lambda: lambda job: []))
    render_corpus(corpus, ["empty", "pdf"], tmp_path, workers=1)
    again = render_corpus(corpus, ["empty", "pdf"], tmp_path, workers=1)
    assert all(r.formats_rendered == ["empty"] for r in again.results)


def test_layout_diagnostics_come_with_every_format_drawn_from_the_layout(
        corpus: Corpus, tmp_path: Path) -> None:
    resolved = corpus.sops[0]
    no_logo = dataclasses.replace(
        resolved, profil=resolved.profil.model_copy(update={"logo": "tidak-ada.png"}))
    one = dataclasses.replace(corpus, sops=(no_logo,))

    def codes(formats: list[str]) -> list[str]:
        return [d.code for d in render_corpus(one, formats, tmp_path).diagnostics]

    assert codes(["dot"]) == []
    drawn = codes(["dot", "svg"])
    assert drawn and set(drawn) == {"SHT007"}
    assert codes(["svg"]) == drawn  # reused, same report
    assert codes(["pdf"]) == drawn  # rendered from a layout computed now
    assert codes(["dot"]) == []


def test_a_warm_run_starts_no_worker_processes(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from sop_docs.render import run

    corpus = synthetic_corpus(run.POOL_THRESHOLD + 2, seed=4)
    render_corpus(corpus, ["dot"], tmp_path, workers=2)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(run, "ProcessPoolExecutor", no_pool)
    assert render_corpus(corpus, ["dot"], tmp_path, workers=2).rendered == []
    resolved = corpus.sops[3]
    changed = dataclasses.replace(
        resolved, sop=resolved.sop.model_copy(update={"nama": "Nama baru"}))
    edited = dataclasses.replace(corpus, sops=tuple(
        changed if r is resolved else r for r in corpus.sops))
    assert render_corpus(edited, ["dot"], tmp_path, workers=2).rendered == [resolved.sop.id]


def _missing_module() -> registry.Renderer:
    raise ModuleNotFoundError("No module named 'tests_sheet_missing_module'")


def test_a_failing_renderer_reports_and_the_batch_goes_on(
        corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Format("broken", "always fails", _missing_module)
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
    assert "render: 5 SOP " in result.output  # '5 SOP dibuat' (--lang en: '5 SOP rendered')
    assert len(list((out / "sop").glob("*/*.pdf"))) == 5
    again = runner.invoke(app, ["render", "--project", str(REPO), "-o", str(out),
                                "--to", "pdf,layout"])
    assert re.search(r"render: 0 SOP \w+, 5 ", again.output), again.output


def test_cli_renders_named_files_and_refuses_unknown_formats(tmp_path: Path) -> None:
    from sop_docs.cli.main import app

    runner = CliRunner()
    source = next((REPO / "sop_sources").glob("*.yaml"))
    result = runner.invoke(app, ["render", str(source), "--project", str(REPO),
                                 "-o", str(tmp_path), "--to", "svg"])
    assert result.exit_code == 0, result.output
    assert "render: 1 SOP " in result.output
    bad = runner.invoke(app, ["render", "--project", str(REPO), "-o", str(tmp_path),
                              "--to", "pdf,gif"])
    assert bad.exit_code == 2 and "SHT010" in bad.output
    missing = runner.invoke(app, ["render", str(tmp_path / "nope.yaml"), "--project", str(REPO),
                                  "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_build_stage_writes_sheets_and_previews(tmp_path: Path) -> None:
    from sop_docs.build import run_build as build

    ctx = build(REPO, tmp_path, only={"check", "render"})
    written = ctx.artifacts["render"]
    for resolved in ctx.corpus.sops if ctx.corpus else ():
        names = _names(written)
        sop_id = resolved.sop.id
        assert {f"{sop_id}.pdf", f"{sop_id}.layout.json", f"{sop_id}-hal-1.svg",
                f"{sop_id}-hal-1.png"} <= names
    assert ctx.corpus is not None and len(ctx.corpus.sops) == 5
    # A PDF rendered since by `site build` (which draws no previews) gets fresh previews.
    render_corpus(ctx.corpus, ["pdf"], tmp_path, force=True)
    png = next(p for p in written if p.suffix == ".png" and "-hal-" in p.name)
    pdf = png.with_name(png.name.split("-hal-")[0] + ".pdf")
    assert png.stat().st_mtime_ns < pdf.stat().st_mtime_ns
    build(REPO, tmp_path, only={"check", "render"})
    assert png.stat().st_mtime_ns >= pdf.stat().st_mtime_ns


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


@pytest.mark.parametrize("manifest", [
    "{not json", "[]", '{"schema": 2, "hash": "x", "formats": []}',
    '{"schema": 2, "hash": "HASH", "formats": {"dot": {"files": ["../../outside.txt"]}}}',
    '{"schema": 2, "hash": "HASH", "formats": {"dot": {"files": ["F"], "diagnostics": [{}]}}}',
    '{"schema": 2, "hash": "HASH", "layout_diagnostics": 3, "formats": {}}',
])
def test_a_broken_manifest_costs_a_render_not_a_crash(corpus: Corpus, tmp_path: Path,
                                                      manifest: str) -> None:
    from sop_docs.render.run import ContentHasher

    one = dataclasses.replace(corpus, sops=corpus.sops[:1])
    resolved = one.sops[0]
    folder = sop_folder(tmp_path, resolved.sop.id)
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours", encoding="utf-8")
    (folder / f"{resolved.sop.id}-swimlane.dot").write_text("digraph {}", encoding="utf-8")
    text = manifest.replace("HASH", ContentHasher().digest(resolved))
    (folder / MANIFEST).write_text(text.replace('"F"', f'"{resolved.sop.id}-swimlane.dot"'),
                                   encoding="utf-8")
    results = render_corpus(one, ["dot"], tmp_path)
    assert results.rendered == [resolved.sop.id] and results.diagnostics == []
    assert outside.read_text(encoding="utf-8") == "not ours"
    assert render_corpus(one, ["dot"], tmp_path).rendered == []
