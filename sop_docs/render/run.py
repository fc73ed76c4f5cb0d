"""Rendering a corpus: every SOP into ``<out>/sop/<id>/`` in the asked formats, incrementally.

Each SOP's inputs (SOP, profile, signatory, layout options, project settings, logo bytes,
sop-docs version and the format list) are hashed; the hash and the written files are kept
in ``<out>/sop/<id>/.manifest.json``.  An SOP whose hash is unchanged and whose files are
all present is *reused*, not rendered again, so after one source changes only that SOP is
re-rendered.  A renderer that fails for one SOP reports a diagnostic and the batch goes on.
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

from sop_docs import __version__
from sop_docs.atomic import write_bytes, write_text
from sop_docs.build import BuildContext
from sop_docs.diagnostics import (
    CLI_WRITE_FAILED,
    SHT_PREVIEW,
    SHT_RENDER_FAILED,
    Diagnostic,
    Location,
    Severity,
    make,
)
from sop_docs.layout.sheet import find_logo
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.render.registry import FORMATS, RenderJob

MANIFEST = ".manifest.json"
SOP_FOLDER = "sop"
PREVIEW_DPI = 72
# Below this many SOPs a process pool costs more than it saves.
POOL_THRESHOLD = 8


@dataclass
class SopResult:
    """What rendering one SOP did: rendered or reused, files, problems."""

    sop_id: str
    rendered: bool
    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class RenderResults:
    """The outcome of :func:`render_corpus`, in SOP id order."""

    results: list[SopResult]

    @property
    def rendered(self) -> list[str]:
        """Ids of SOPs rendered in this run."""
        return [r.sop_id for r in self.results if r.rendered]

    @property
    def reused(self) -> list[str]:
        """Ids of SOPs whose outputs were up to date and kept."""
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


def content_hash(resolved: ResolvedSOP, formats: Sequence[str]) -> str:
    """A hash of everything an SOP's outputs depend on."""
    logo = find_logo(resolved, Location(resolved.path), [])
    payload: dict[str, Any] = {
        "version": __version__,
        "formats": sorted(formats),
        "path": resolved.path,
        "sop": resolved.sop.model_dump(mode="json"),
        "profil": resolved.profil.model_dump(mode="json"),
        "pengesah": resolved.pengesah.model_dump(mode="json"),
        "tata_letak": resolved.tata_letak.model_dump(mode="json"),
        "settings": resolved.settings.model_dump(mode="json"),
        "logo": hashlib.sha256(logo.read_bytes()).hexdigest() if logo else None,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached(folder: Path, digest: str) -> SopResult | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("hash") != digest:
        return None
    paths = [folder / name for name in manifest.get("files", [])]
    if not all(p.is_file() for p in paths):
        return None
    diagnostics = [Diagnostic(d["code"], Severity(d["severity"]), d["message"], d["hint"],
                              Location(d["path"], d["line"], d["column"], d["cell"]))
                   for d in manifest.get("diagnostics", [])]
    return SopResult(folder.name, rendered=False, paths=paths, diagnostics=diagnostics)


def render_sop(resolved: ResolvedSOP, formats: Sequence[str], out_dir: Path,
               corpus: Corpus | None = None, force: bool = False) -> SopResult:
    """Render one SOP in ``formats`` (names in FORMATS) unless its outputs are up to date."""
    sop_id = resolved.sop.id
    folder = sop_folder(out_dir, sop_id)
    digest = content_hash(resolved, formats)
    if not force and (cached := _cached(folder, digest)) is not None:
        return cached
    job = RenderJob(resolved, folder, corpus)
    paths: list[Path] = []
    failed = False
    for name in formats:
        try:
            paths += FORMATS[name].load()(job)
        except OSError as exc:  # a full disk, a read-only folder: this SOP only
            failed = True
            job.diagnostics.append(make(CLI_WRITE_FAILED, Location(str(folder)), path=folder,
                                        reason=exc.strerror or exc))
        except Exception as exc:  # one broken renderer must not stop the batch
            failed = True
            job.diagnostics.append(make(SHT_RENDER_FAILED, Location(resolved.path),
                                        format=name, id=sop_id,
                                        reason=f"{type(exc).__name__}: {exc}"))
    if "layout" in job.__dict__:  # the layout was computed: report what it worked around
        job.diagnostics[:0] = list(job.layout.diagnostics)
    result = SopResult(sop_id, rendered=True, paths=paths, diagnostics=job.diagnostics)
    if not failed:
        try:
            _write_manifest(folder, digest, result)
        except OSError as exc:
            result.diagnostics.append(make(CLI_WRITE_FAILED, Location(str(folder)),
                                           path=folder / MANIFEST, reason=exc.strerror or exc))
    return result


def _write_manifest(folder: Path, digest: str, result: SopResult) -> None:
    manifest = {
        "hash": digest,
        "files": [p.relative_to(folder).as_posix() for p in result.paths],
        "diagnostics": [d.as_dict() for d in result.diagnostics],
    }
    write_text(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _render_one(args: tuple[ResolvedSOP, tuple[str, ...], Path, bool]) -> SopResult:
    resolved, formats, out_dir, force = args
    return render_sop(resolved, formats, out_dir, force=force)


def render_corpus(corpus: Corpus, formats: Sequence[str], out_dir: Path, *,
                  workers: int | None = None, force: bool = False) -> RenderResults:
    """Render every SOP of ``corpus`` into ``<out_dir>/sop/<id>/``; skip unchanged ones.

    ``workers`` processes share the work (default: the CPU count, capped at 2, when the
    corpus is large enough to pay for starting them).
    """
    names = tuple(dict.fromkeys(formats))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}")
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    sops = sorted(corpus.sops, key=lambda r: r.sop.id)
    if count <= 1 or len(sops) < POOL_THRESHOLD:
        results = [render_sop(r, names, out_dir, corpus, force) for r in sops]
    else:
        with ProcessPoolExecutor(max_workers=count) as pool:
            results = list(pool.map(_render_one, [(r, names, out_dir, force) for r in sops],
                                    chunksize=max(1, len(sops) // (count * 8))))
    return RenderResults(results)


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


def render_stage(ctx: BuildContext) -> None:
    """Build stage ``render``: every registered format for every sound SOP, plus previews."""
    if ctx.corpus is None:
        return
    results = render_corpus(ctx.corpus, list(FORMATS), ctx.out)
    ctx.report.extend(results.diagnostics)
    paths = results.paths
    for result in results.results:
        pdf = next((p for p in result.paths if p.suffix == ".pdf" and p.stem == result.sop_id),
                   None)
        if pdf is None:
            continue
        previews = sorted(pdf.parent.glob(f"{pdf.stem}-hal-*.png"))
        if result.rendered or not previews:
            try:
                previews = write_previews(pdf)
            except ImportError as exc:
                ctx.report.add(make(SHT_PREVIEW, Location(str(pdf)), path=pdf, reason=exc))
                previews = []
        paths += previews
    ctx.record("render", paths)
