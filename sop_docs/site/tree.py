"""The docs tree mkdocs builds from: Markdown pages and linked assets, written incrementally.

A rebuild rewrites only the files whose content changed and hard-links assets from the
render output instead of copying them, so a warm rebuild after one SOP changed costs
little more than mkdocs itself.  Whether a page changed is decided from a digest recorded
at the last build (next to the tree, in ``<root>.digests.json``) instead of reading 1,000
pages back.  Files the current build did not produce (an SOP that was removed) are deleted
at the end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from sop_docs.atomic import write_bytes, write_text


class DocsTree:
    """A folder mkdocs reads; every file written through it is remembered for pruning."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.expected: set[Path] = set()
        self.changed: list[str] = []  # relative paths written (or linked) by this build
        self._index_path = root.with_name(f"{root.name}.digests.json")
        self._previous = self._read_index()
        self._digests: dict[str, str] = {}

    def _read_index(self) -> dict[str, str]:
        try:
            data = json.loads(self._index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_text(self, rel: str, text: str) -> Path:
        """Write a page (UTF-8) unless the file already holds exactly this text."""
        path = self._claim(rel)
        data = text.encode("utf-8")
        digest = f"{len(data)}:{hashlib.sha256(data).hexdigest()}"
        self._digests[rel] = digest
        unchanged = (self._previous.get(rel) == digest and path.is_file()
                     and path.stat().st_size == len(data))
        if not unchanged:
            write_bytes(path, data)
            self.changed.append(rel)
        return path

    def link(self, rel: str, source: Path) -> Path:
        """Make ``rel`` the same file as ``source``: a hard link, or a copy across devices."""
        path = self._claim(rel)
        if path.exists() and os.path.samefile(path, source):
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copy2(source, tmp)
        os.replace(tmp, path)
        self.changed.append(rel)
        return path

    def prune(self) -> list[Path]:
        """Delete files (and then empty folders) this build did not write; return them.

        Also records the digests of this build's pages for the next one.
        """
        write_text(self._index_path, json.dumps(self._digests, sort_keys=True, indent=0))
        removed: list[Path] = []
        if not self.root.is_dir():
            return removed
        for path in sorted(self.root.rglob("*"), reverse=True):
            if path.is_file() and path not in self.expected:
                path.unlink()
                removed.append(path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        return removed

    def _claim(self, rel: str) -> Path:
        path = self.root / rel
        self.expected.add(path)
        return path
