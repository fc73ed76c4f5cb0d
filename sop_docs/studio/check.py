"""The live check and preview of one edited source, through the project's own loader.

The edited text is served to ``load_files`` as if it were the file on disk, and the corpus
is linted as `sop-docs check` lints it, so the studio shows exactly the findings `check`
would report for that text.  Each finding also names the field it belongs to (the path of
the value at its line and column), so the form can show it beside that field.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
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
        self._files: dict[Path, tuple[tuple[str, int, int], Source]] = {}

    def display(self, path: Path) -> str:
        """The name `check` shows for ``path`` when run in the project folder."""
        return path.relative_to(self.project).as_posix()

    def stamp(self, path: Path) -> tuple[str, int, int]:
        """What changes when the file changes: its name, time and size (-1 when gone)."""
        try:
            stat = path.stat()
        except OSError:
            return (str(path), -1, -1)
        return (str(path), stat.st_mtime_ns, stat.st_size)

    def read(self, path: Path) -> Source:
        """The read source of ``path`` (from the cache when the file did not change)."""
        stamp = self.stamp(path)
        if stamp[1] < 0:
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

    def pages(self) -> list[str] | None:
        """The official sheet, one SVG document per page (None when nothing built)."""
        return svg_pages(self.layout) if self.layout is not None else None


class ProjectCheck:
    """Checks one edited source in its project as `sop-docs check` would, without loading
    the whole project again for each edit.

    The edited file is loaded with every profile and with the files that share its id (so
    a duplicate id is reported on the same file as `check` reports it); the other SOPs come
    from the project as last loaded from disk (loaded again only when a file changed) and
    answer the cross-references (keterkaitan).  Only the edited file is linted.
    """

    def __init__(self, cache: SourceCache, settings: ProjectSettings, sources: Path) -> None:
        self.cache, self.settings, self.sources = cache, settings, sources
        self._disk: tuple[tuple[object, ...], Corpus] | None = None

    def run(self, edited: Source) -> Checked:
        """Load and lint the project with ``edited`` in place of its file on disk."""
        corpus, problems = self._load_around(edited)
        found = problems + lint_corpus(corpus, only={edited.display})
        mine = [d for d in found if d.location.path == edited.display]
        resolved = _resolved_for(corpus, edited)
        layout = layout_sheet(resolved) if resolved is not None else None
        if layout is not None and resolved is not None and resolved.path == edited.display:
            mine += list(layout.diagnostics)
        fields = FieldIndex(edited.positions)
        return Checked([finding(d, fields) for d in _unique(mine)], resolved, layout)

    def _load_around(self, edited: Source) -> tuple[Corpus, list[Diagnostic]]:
        def read(path: Path) -> Source:
            return edited if path == edited.path else self.cache.read(path)

        own_id = _raw(edited, "id")
        profiles = source_files(self.sources / PROFILE_FOLDER)
        sops = source_files(self.sources)
        if edited.path.parent.name == PROFILE_FOLDER:  # one SOP under it, for the preview
            users = [p for p in sops if _raw(self.cache.read(p), "profil") == own_id]
            return load_files(users[:1], profiles, self.settings, read)
        same = [p for p in sops if p == edited.path or _raw(self.cache.read(p), "id") == own_id]
        corpus, problems = load_files(same, profiles, self.settings, read)
        loaded = {self.cache.display(p) for p in same}
        rest = [r for r in self._disk_corpus(sops, profiles).sops if r.path not in loaded]
        merged = sorted([*corpus.sops, *rest], key=lambda r: r.sop.id)
        return replace(corpus, sops=tuple(merged)), problems

    def _disk_corpus(self, sops: list[Path], profiles: list[Path]) -> Corpus:
        """The project as on disk; loaded again when any file appeared, went or changed."""
        stamp = tuple(self.cache.stamp(p) for p in [*sops, *profiles])
        if self._disk is None or self._disk[0] != stamp:
            corpus, _ = load_files(sops, profiles, self.settings, self.cache.read)
            self._disk = (stamp, corpus)
        return self._disk[1]


def _raw(source: Source, key: str) -> object:
    """A top-level value of a source as read (None when absent or unreadable)."""
    return source.data.get(key) if isinstance(source.data, dict) else None


def _resolved_for(corpus: Corpus, edited: Source) -> ResolvedSOP | None:
    """The SOP of the edited file, or (for a profile) the first SOP that uses it."""
    if edited.path.parent.name != PROFILE_FOLDER:
        return next((r for r in corpus.sops if r.path == edited.display), None)
    return next((r for r in corpus.sops if r.profil.id == _raw(edited, "id")), None)


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    seen: dict[tuple[str, str, str], Diagnostic] = {}
    for item in items:
        seen.setdefault((item.code, str(item.location), item.message), item)
    return sorted(seen.values(), key=lambda d: (d.location.line or 0, d.location.column or 0))


class FieldIndex:
    """Which field of a source stands at a line and column: the path of the value or key
    there, else of the last one before it."""

    def __init__(self, positions: Positions) -> None:
        spots = sorted(
            [(pos, path) for path, pos in positions.values.items()]
            + [(pos, path) for path, pos in positions.keys.items()],
            key=lambda item: (item[0], len(item[1])),
        )
        self._starts = [pos for pos, _ in spots]
        self._paths = [path for _, path in spots]

    def at(self, line: int, column: int | None) -> DataPath:
        """The path of the field at ``line``:``column`` (``()``: the whole document)."""
        index = bisect.bisect_right(self._starts, (line, column or 1)) - 1
        return self._paths[index] if index >= 0 else ()


def finding(item: Diagnostic, fields: FieldIndex) -> dict[str, Any]:
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
        "field": list(fields.at(line, column)) if line is not None else [],
    }
