"""The docs tree mkdocs builds from: Markdown pages and linked assets, written incrementally.

A rebuild rewrites only the files whose content changed and hard-links assets from the
render output instead of copying them, so a warm rebuild after one SOP changed costs
little more than mkdocs itself.  Whether a page changed is decided from a digest recorded
at the last build (next to the tree, in ``<root>.digests.json``) instead of reading 1,000
pages back.  A page may also be recorded with a digest of its *inputs*
(:meth:`DocsTree.reuse`): when the next build finds the same inputs and the page file
intact, the page is kept without being rendered again.  Files the current build did not
produce (an SOP that was removed) are deleted at the end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Collection
from pathlib import Path

from sop_docs.atomic import write_bytes, write_text

INDEX_FORMAT = 2  # of ``<root>.digests.json``; another format is ignored (pages rewritten)


class DocsTree:
    """A folder mkdocs reads; every file written through it is remembered for pruning."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.expected: set[str] = set()  # every file written, as root's text + "/" + rel
        self._root_text = str(root)
        self.changed: list[str] = []  # relative paths written (or linked) by this build
        self._index_path = root.with_name(f"{root.name}.digests.json")
        self._previous, self._previous_inputs = self._read_index()
        self._digests: dict[str, str] = {}
        self._inputs: dict[str, str] = {}

    def _read_index(self) -> tuple[dict[str, str], dict[str, str]]:
        """The page digests and input digests of the last build (empty when unusable).

        The index is removed once read, until :meth:`prune` writes this build's: a build
        that stops half-way leaves none, so no page it rewrote is trusted by an old digest.
        """
        try:
            data = json.loads(self._index_path.read_text(encoding="utf-8"))
            self._index_path.unlink()
        except (OSError, ValueError):
            return {}, {}
        if not (isinstance(data, dict) and data.get("format") == INDEX_FORMAT):
            return {}, {}
        return _strings(data.get("pages")), _strings(data.get("inputs"))

    def write_text(self, rel: str, text: str, inputs: str | None = None) -> Path:
        """Write a page (UTF-8) unless the file already holds exactly this text; ``inputs``
        (a digest of what the text was made from) lets the next build :meth:`reuse` it."""
        path = self._claim(rel)
        data = text.encode("utf-8")
        digest = f"{len(data)}:{hashlib.sha256(data).hexdigest()}"
        self._digests[rel] = digest
        if inputs is not None:
            self._inputs[rel] = inputs
        if not self._intact(rel, path, digest):
            write_bytes(path, data)
            self.changed.append(rel)
        return path

    def reuse(self, rel: str, inputs: str) -> bool:
        """Keep the page ``rel`` as the last build wrote it when it was made from the same
        ``inputs`` and the file is intact; False means: render it and :meth:`write_text`."""
        digest = self._previous.get(rel)
        if digest is None or self._previous_inputs.get(rel) != inputs:
            return False
        path = self.root / rel
        if not self._intact(rel, path, digest):
            return False
        self._claim(rel)
        self._digests[rel], self._inputs[rel] = digest, inputs
        return True

    def _intact(self, rel: str, path: Path, digest: str) -> bool:
        """Whether the file at ``path`` still holds what the last build recorded as ``digest``
        (its size is checked; the digest itself was recorded when the file was written)."""
        if self._previous.get(rel) != digest:
            return False
        try:
            found = path.stat()
            return stat.S_ISREG(found.st_mode) and found.st_size == int(digest.split(":")[0])
        except (OSError, ValueError):
            return False

    def link(self, rel: str, source: Path) -> Path:
        """Make ``rel`` the same file as ``source``: a hard link, or a copy across devices."""
        path = self._claim(rel)
        try:
            if os.path.samefile(path, source):
                return path
        except OSError:
            pass  # not there yet (or the source is gone: linking reports that)
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
        write_text(self._index_path, json.dumps(
            {"format": INDEX_FORMAT, "pages": self._digests, "inputs": self._inputs},
            sort_keys=True, indent=0))
        return remove_others(self.root, self.expected)

    def _claim(self, rel: str) -> Path:
        path = self.root / rel
        self.expected.add(os.path.join(self._root_text, rel))
        return path


def remove_others(root: Path, keep: Collection[str]) -> list[Path]:
    """Delete the files under ``root`` whose path (``root``'s text joined with the relative
    path) is not in ``keep``, then the folders left empty; return the files deleted.

    Plain strings and one walk: on a site of 1,000 SOPs (9,000 files) pathlib's objects
    cost more than the walk itself."""
    removed: list[Path] = []
    top = str(root)
    for folder, _, names in os.walk(top, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            if path not in keep:
                os.unlink(path)
                removed.append(Path(path))
        if folder != top and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def _strings(value: object) -> dict[str, str]:
    """``value`` when it is a mapping of strings to strings, else empty."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
