"""Rendering a corpus: every SOP into ``<out>/sop/<id>/`` in the asked formats, incrementally.

Each SOP's inputs (SOP, profile, signatory, layout options, project settings, logo bytes,
source path and sop-docs version) are hashed; ``<out>/sop/<id>/.manifest.json`` keeps that
hash and, per format, the files it wrote and the diagnostics it reported.  A format whose
entry matches the hash and whose files are all present is *reused*; only the missing
formats of an SOP are rendered, so `sop-docs build` (every format) and `sop-docs site build`
(the site's formats) share one cache, and after one source changes only that SOP is
re-rendered.  A format is recorded only when it wrote files and reported no error, so a
failure (a renderer that raised, Graphviz not installed) is retried on the next run.  What
is stale is decided in this process from the manifests; worker processes are started only
when enough SOPs need rendering to pay for them.  A renderer that fails for one SOP reports
a diagnostic and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from sop_docs.atomic import write_bytes, write_text
from sop_docs.diagnostics import (
    CLI_WRITE_FAILED,
    SHT_PREVIEW,
    SHT_RENDER_FAILED,
    Diagnostic,
    Location,
    Severity,
    make,
)
from sop_docs.layout.geometry import SheetLayout
from sop_docs.layout.sheet import find_logo
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.pipeline import SOP_FOLDER, BuildContext
from sop_docs.render.registry import FORMATS, RenderJob
from sop_docs.version import __version__

MANIFEST = ".manifest.json"
MANIFEST_SCHEMA = 2
PREVIEW_DPI = 72
# Below this many SOPs to render a process pool costs more than it saves.
POOL_THRESHOLD = 8


@dataclass
class SopResult:
    """What rendering one SOP did: the formats rendered (none: all reused), files, problems."""

    sop_id: str
    rendered: bool
    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    formats_rendered: list[str] = field(default_factory=list)


@dataclass
class RenderResults:
    """The outcome of :func:`render_corpus`, in SOP id order."""

    results: list[SopResult]

    @property
    def rendered(self) -> list[str]:
        """Ids of SOPs of which at least one format was rendered in this run."""
        return [r.sop_id for r in self.results if r.rendered]

    @property
    def reused(self) -> list[str]:
        """Ids of SOPs whose outputs were all up to date and kept."""
        return [r.sop_id for r in self.results if not r.rendered]

    @property
    def paths(self) -> list[Path]:
        return [p for r in self.results for p in r.paths]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]


def sop_folder(out_dir: Path, sop_id: str) -> Path:
    """Where one SOP's outputs go."""
    return out_dir / SOP_FOLDER / sop_id


class ContentHasher:
    """Content hashes of SOPs.  The JSON of inputs many SOPs share (a profile, the project
    settings) and each logo's digest are computed once per hasher, not once per SOP."""

    def __init__(self) -> None:
        self._json: dict[int, tuple[object, str]] = {}
        self._logos: dict[tuple[str, str], str] = {}

    def _dump(self, model: Any) -> str:
        # Keyed by identity; the entry holds the model so that its id is not reused.
        entry = self._json.get(id(model))
        if entry is None:
            entry = self._json[id(model)] = (model, model.model_dump_json())
        return entry[1]

    def _logo(self, resolved: ResolvedSOP) -> str:
        key = (resolved.profil.logo or "", str(Path(resolved.path).parent))
        if key not in self._logos:
            logo = find_logo(resolved, Location(resolved.path), []) if key[0] else None
            self._logos[key] = hashlib.sha256(logo.read_bytes()).hexdigest() if logo else ""
        return self._logos[key]

    def digest(self, resolved: ResolvedSOP) -> str:
        """A hash of everything an SOP's outputs depend on (not of which formats are asked)."""
        parts = (
            __version__, resolved.path, resolved.sop.model_dump_json(),
            self._dump(resolved.profil), self._dump(resolved.pengesah),
            self._dump(resolved.tata_letak), self._dump(resolved.settings),
            self._logo(resolved),
        )
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _read_manifest(folder: Path) -> dict[str, Any]:
    """The SOP's manifest; empty when missing, unreadable or of another schema."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (not isinstance(manifest, dict) or manifest.get("schema") != MANIFEST_SCHEMA
            or not isinstance(manifest.get("formats"), dict)):
        return {}
    return manifest


def _entry_files(entry: Any) -> list[str]:
    """The file names a manifest entry lists (plain names inside the SOP's folder only)."""
    files = entry.get("files") if isinstance(entry, dict) else None
    if not isinstance(files, list):
        return []
    # a plain name: no separator, not "." or ".." (string tests: pathlib here cost ~0.3 s on
    # every build of 1,000 SOPs)
    return [n for n in files
            if isinstance(n, str) and n not in ("", ".", "..") and os.sep not in n and "/" not in n]


def _diagnostics(records: Any) -> list[Diagnostic]:
    return [Diagnostic.from_dict(d) for d in records or ()]


def _readable(records: Any) -> bool:
    """Whether recorded diagnostics read back (a hand-edited manifest costs a re-render,
    never a crash)."""
    try:
        _diagnostics(records)
    except (KeyError, TypeError, ValueError):
        return False
    return records is None or isinstance(records, list)


def _valid_entry(entry: Any) -> bool:
    """Whether a manifest's format entry is one this module wrote."""
    files = _entry_files(entry)
    return bool(files) and len(files) == len(entry["files"]) and _readable(
        entry.get("diagnostics"))


@dataclass(frozen=True)
class SopPlan:
    """One SOP of a run: its content hash, the formats asked, those that must be rendered,
    and the format entries of its manifest that are valid for this hash."""

    resolved: ResolvedSOP
    digest: str
    formats: tuple[str, ...]
    stale: tuple[str, ...]
    entries: dict[str, Any]
    layout_diagnostics: list[Any] | None
    old_files: frozenset[str]  # every file the manifest listed, whatever its hash


def plan_sop(resolved: ResolvedSOP, formats: Sequence[str], out_dir: Path, digest: str,
             force: bool = False) -> SopPlan:
    """Decide which of ``formats`` of one SOP are missing or out of date: those without a
    manifest entry for ``digest`` or with a listed file gone (all of them with ``force``)."""
    folder = sop_folder(out_dir, resolved.sop.id)
    manifest = _read_manifest(folder)
    formats_found = manifest.get("formats", {})
    old_files = frozenset(n for e in formats_found.values() for n in _entry_files(e))
    layout = manifest.get("layout_diagnostics")
    same = manifest.get("hash") == digest and _readable(layout)
    entries = {name: e for name, e in formats_found.items() if same and _valid_entry(e)}
    stale = tuple(name for name in formats
                  if force or name not in entries
                  or not all(os.path.isfile(os.path.join(folder, n))
                             for n in entries[name]["files"]))
    return SopPlan(resolved, digest, tuple(formats), stale, entries,
                   layout if same else None, old_files)


class _TrackedJob(RenderJob):
    """A render job that notes whether the running format read the layout, so that the
    layout's diagnostics come with every format drawn from it, rendered or reused."""

    used_layout = False

    @property
    def layout(self) -> SheetLayout:
        self.used_layout = True
        computed: SheetLayout = RenderJob.layout.__get__(self, RenderJob)  # cached once
        return computed


@dataclass
class _Outcome:
    """What one format of one SOP gave: files, its own diagnostics, whether it read the
    layout, and whether it may be recorded (files written, no error reported)."""

    paths: list[Path]
    diagnostics: list[Diagnostic]
    layout: bool
    ok: bool


def _render_format(job: _TrackedJob, name: str) -> _Outcome:
    resolved, start = job.resolved, len(job.diagnostics)
    job.used_layout = False
    paths: list[Path] = []
    try:
        paths = FORMATS[name].load()(job)
    except OSError as exc:  # a full disk, a read-only folder: this SOP only
        job.diagnostics.append(make(CLI_WRITE_FAILED, Location(str(job.out_dir)),
                                    path=job.out_dir, reason=exc.strerror or exc))
    except Exception as exc:  # one broken renderer must not stop the batch
        job.diagnostics.append(make(SHT_RENDER_FAILED, Location(resolved.path), format=name,
                                    id=resolved.sop.id, reason=f"{type(exc).__name__}: {exc}"))
    own = job.diagnostics[start:]
    ok = bool(paths) and not any(d.severity is Severity.ERROR for d in own)
    return _Outcome(paths, own, job.used_layout, ok)


def _reused(folder: Path, entry: dict[str, Any]) -> _Outcome:
    return _Outcome([folder / n for n in entry["files"]], _diagnostics(entry.get("diagnostics")),
                    bool(entry.get("layout")), True)


def render_plan(plan: SopPlan, out_dir: Path, corpus: Corpus | None = None) -> SopResult:
    """Render the stale formats of one SOP, update its manifest, and return its result over
    every asked format, reused ones included (layout diagnostics first, then each format's
    in the asked order)."""
    sop_id = plan.resolved.sop.id
    folder = sop_folder(out_dir, sop_id)
    job = _TrackedJob(plan.resolved, folder, corpus)
    outcomes = {name: _render_format(job, name) if name in plan.stale
                else _reused(folder, plan.entries[name]) for name in plan.formats}
    layout = plan.layout_diagnostics
    if "layout" in job.__dict__:  # the layout was computed: what it worked around
        layout = [d.as_dict() for d in job.layout.diagnostics]
    diagnostics = _diagnostics(layout) if any(o.layout for o in outcomes.values()) else []
    diagnostics += [d for o in outcomes.values() for d in o.diagnostics]
    result = SopResult(sop_id, bool(plan.stale), [p for o in outcomes.values() for p in o.paths],
                       diagnostics, list(plan.stale))
    if plan.stale:
        _update_manifest(plan, folder, outcomes, layout, result)
    return result


def _update_manifest(plan: SopPlan, folder: Path, outcomes: dict[str, _Outcome],
                     layout: list[Any] | None, result: SopResult) -> None:
    """Record the formats rendered fine (next to the still valid entries) and remove the
    files the manifest listed that no format now accounts for (an older content's, or a
    failed format's, which must not be shown as current)."""
    entries = {name: e for name, e in plan.entries.items() if name not in plan.stale}
    entries |= {name: {"files": [p.relative_to(folder).as_posix() for p in o.paths],
                       "diagnostics": [d.as_dict() for d in o.diagnostics],
                       "layout": o.layout}
                for name in plan.stale if (o := outcomes[name]).ok}
    current = {p.name for p in result.paths} | {n for e in entries.values() for n in e["files"]}
    try:
        for name in sorted(plan.old_files - current):
            (folder / name).unlink(missing_ok=True)
        if entries or plan.old_files:
            manifest = {"schema": MANIFEST_SCHEMA, "hash": plan.digest,
                        "layout_diagnostics": layout, "formats": dict(sorted(entries.items()))}
            write_text(folder / MANIFEST,
                       json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        result.diagnostics.append(make(CLI_WRITE_FAILED, Location(str(folder)),
                                       path=folder / MANIFEST, reason=exc.strerror or exc))


def _render_one(args: tuple[SopPlan, Path]) -> SopResult:
    return render_plan(*args)


def render_corpus(corpus: Corpus, formats: Sequence[str], out_dir: Path, *,
                  workers: int | None = None, force: bool = False) -> RenderResults:
    """Render every SOP of ``corpus`` into ``<out_dir>/sop/<id>/``, only the formats that
    are missing or out of date.

    Which ones those are is decided here from the manifests; ``workers`` processes share
    the rendering (default: the CPU count, capped at 2) when enough SOPs need it to pay
    for starting them.
    """
    names = tuple(dict.fromkeys(formats))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}")
    hasher = ContentHasher()
    sops = sorted(corpus.sops, key=lambda r: r.sop.id)
    plans = [plan_sop(r, names, out_dir, hasher.digest(r), force) for r in sops]
    stale = [p for p in plans if p.stale]
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    if count <= 1 or len(stale) < POOL_THRESHOLD:
        done = {p.resolved.sop.id: render_plan(p, out_dir, corpus) for p in stale}
    else:
        with ProcessPoolExecutor(max_workers=count) as pool:
            rendered = pool.map(_render_one, [(p, out_dir) for p in stale],
                                chunksize=max(1, len(stale) // (count * 8)))
            done = {r.sop_id: r for r in rendered}
    return RenderResults([done[p.resolved.sop.id] if p.stale else render_plan(p, out_dir)
                          for p in plans])


def write_previews(pdf: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """PNG images of each page of ``pdf`` (``<stem>-hal-N.png``) for reviewers."""
    import pypdfium2

    for stale in pdf.parent.glob(f"{pdf.stem}-hal-*.png"):
        stale.unlink()
    written = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            path = pdf.with_name(f"{pdf.stem}-hal-{index + 1}.png")
            buffer = BytesIO()
            image.save(buffer, format="PNG", optimize=False)
            write_bytes(path, buffer.getvalue())
            written.append(path)
    finally:
        document.close()
    return written


def _outdated(previews: list[Path], pdf: Path) -> bool:
    """Whether the previews are missing or older than the PDF (which `site build`, drawing
    no previews, may have rendered since)."""
    pdf_time = pdf.stat().st_mtime_ns
    return not previews or any(p.stat().st_mtime_ns < pdf_time for p in previews)


def render_stage(ctx: BuildContext) -> None:
    """Build stage ``render``: every registered format for every sound SOP, plus previews."""
    if ctx.corpus is None:
        return
    results = render_corpus(ctx.corpus, list(FORMATS), ctx.out)
    ctx.report.extend(results.diagnostics)
    ctx.counts["render"] = {"rendered": len(results.rendered), "reused": len(results.reused)}
    paths = results.paths
    for result in results.results:
        pdf = next((p for p in result.paths if p.suffix == ".pdf" and p.stem == result.sop_id),
                   None)
        if pdf is None:
            continue
        previews = sorted(pdf.parent.glob(f"{pdf.stem}-hal-*.png"))
        if "pdf" in result.formats_rendered or _outdated(previews, pdf):
            try:
                previews = write_previews(pdf)
            except ImportError as exc:
                ctx.report.add(make(SHT_PREVIEW, Location(str(pdf)), path=pdf, reason=exc))
                previews = []
        paths += previews
    ctx.record("render", paths)
