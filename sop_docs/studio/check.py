"""The live check and preview of one edited source, through the project's own loader.

The edited text is served to ``load_files`` as if it were the file on disk, and the corpus
is linted as `sop-docs check` lints it, so the studio shows exactly the findings `check`
would report for that text.  Each finding also names the field it belongs to (the path of
the value at its line and column), so the form can show it beside that field.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_docs.diagnostics import Diagnostic
from sop_docs.layout.geometry import SheetLayout
from sop_docs.layout.sheet import layout_sheet
from sop_docs.lint.runner import lint_corpus
from sop_docs.model.build import PROFILE_FOLDER, load_files, source_files
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.settings import ProjectSettings
from sop_docs.render.svg import svg_pages
from sop_docs.sources import Positions, Source, parse_bytes, read_source
from sop_docs.sources.positions import Path as DataPath


class SourceCache:
    """Read sources once: a file is read again only when its size or time changes."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._files: dict[Path, tuple[tuple[int, int], Source]] = {}

    def display(self, path: Path) -> str:
        """The name `check` shows for ``path`` when run in the project folder."""
        return path.relative_to(self.project).as_posix()

    def read(self, path: Path) -> Source:
        """The read source of ``path`` (from the cache when the file did not change)."""
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return read_source(path, self.display(path))
        found = self._files.get(path)
        if found is not None and found[0] == stamp:
            return found[1]
        source = read_source(path, self.display(path))
        self._files[path] = (stamp, source)
        return source

    def parse(self, path: Path, text: str) -> Source:
        """``text`` read as the content of ``path`` (an edit not yet saved)."""
        return self.parse_raw(path, text.encode("utf-8"))

    def parse_raw(self, path: Path, raw: bytes) -> Source:
        """``raw`` bytes read as the content of ``path``."""
        return parse_bytes(raw, path, self.display(path))


@dataclass(frozen=True, slots=True)
class Checked:
    """One source checked in its project: its findings and, when an SOP built, the resolved
    SOP (for a profile: the first SOP using it) with its sheet layout."""

    findings: list[dict[str, Any]]
    resolved: ResolvedSOP | None
    layout: SheetLayout | None
    corpus: Corpus = field(repr=False)

    def pages(self) -> list[str] | None:
        """The official sheet, one SVG document per page (None when nothing built)."""
        return svg_pages(self.layout) if self.layout is not None else None


def check_source(cache: SourceCache, settings: ProjectSettings, sources: Path,
                 edited: Source) -> Checked:
    """Load and lint the project with ``edited`` in place of its file on disk."""
    def read(path: Path) -> Source:
        return edited if path == edited.path else cache.read(path)

    sop_files = source_files(sources)
    profile_files = source_files(sources / PROFILE_FOLDER)
    corpus, problems = load_files(sop_files, profile_files, settings, read)
    mine = [d for d in problems + lint_corpus(corpus) if d.location.path == edited.display]
    resolved = _resolved_for(corpus, edited)
    layout = layout_sheet(resolved) if resolved is not None else None
    if layout is not None and resolved is not None and resolved.path == edited.display:
        mine += list(layout.diagnostics)
    findings = [finding(d, edited.positions) for d in _unique(mine)]
    return Checked(findings, resolved, layout, corpus)


def _resolved_for(corpus: Corpus, edited: Source) -> ResolvedSOP | None:
    """The SOP of the edited file, or (for a profile) the first SOP that uses it."""
    own = next((r for r in corpus.sops if r.path == edited.display), None)
    if own is not None:
        return own
    data = edited.data if isinstance(edited.data, dict) else {}
    return next((r for r in corpus.sops if r.profil.id == data.get("id")), None)


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    seen: dict[tuple[str, str, str], Diagnostic] = {}
    for item in items:
        seen.setdefault((item.code, str(item.location), item.message), item)
    return sorted(seen.values(), key=lambda d: (d.location.line or 0, d.location.column or 0))


def finding(item: Diagnostic, positions: Positions) -> dict[str, Any]:
    """A diagnostic for the form: its texts, line and column, and the field it is about."""
    line, column = item.location.line, item.location.column
    return {
        "code": item.code,
        "severity": item.severity.value,
        "message": item.message,
        "hint": item.hint,
        "where": str(item.location),
        "line": line,
        "column": column,
        "field": list(field_at(positions, line, column)) if line is not None else [],
    }


def field_at(positions: Positions, line: int, column: int | None) -> DataPath:
    """The path of the value or key standing at (or last before) ``line``:``column``."""
    spots = sorted(
        [(pos, path) for path, pos in positions.values.items()]
        + [(pos, path) for path, pos in positions.keys.items()],
        key=lambda item: (item[0], len(item[1])),
    )
    index = bisect.bisect_right([pos for pos, _ in spots], (line, column or 1)) - 1
    return spots[index][1] if index >= 0 else ()
