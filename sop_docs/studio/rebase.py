"""Carry the author's unsaved edits over to a file that changed on disk meanwhile.

A three-way merge of plain data: what the author changed since opening the file is put
onto what is on disk now, and everything else keeps the new disk version.  Where both
changed the same value (or a list both reshaped), the author's edit wins and the path is
reported, so the studio can show which fields overrode the change made elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

Path = tuple[str | int, ...]
_ABSENT = object()


def _same(left: Any, right: Any) -> bool:
    return json.dumps(left, sort_keys=True, default=str) == json.dumps(right, sort_keys=True,
                                                                       default=str)


def rebase(base: Any, mine: Any, theirs: Any) -> tuple[Any, list[Path]]:
    """``theirs`` with the change from ``base`` to ``mine`` applied, and the paths where
    both had changed the same value (the author's value is kept there)."""
    conflicts: list[Path] = []
    merged = _merge(base, mine, theirs, (), conflicts)
    return merged, conflicts


def _merge(base: Any, mine: Any, theirs: Any, path: Path, conflicts: list[Path]) -> Any:
    if _same(mine, base):
        return theirs
    if _same(theirs, base) or _same(mine, theirs):
        return mine
    if all(isinstance(v, dict) for v in (base, mine, theirs)):
        return _merge_maps(base, mine, theirs, path, conflicts)
    lists = all(isinstance(v, list) for v in (base, mine, theirs))
    if lists and len(base) == len(mine) == len(theirs):
        return [_merge(b, m, t, (*path, i), conflicts)
                for i, (b, m, t) in enumerate(zip(base, mine, theirs, strict=True))]
    conflicts.append(path)
    return mine


def _merge_maps(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any],
                path: Path, conflicts: list[Path]) -> dict[str, Any]:
    """Key by key, in the disk version's order, keys the author added at the end."""
    merged: dict[str, Any] = {}
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        value = _merge(base.get(key, _ABSENT), mine.get(key, _ABSENT),
                       theirs.get(key, _ABSENT), (*path, key), conflicts)
        if value is not _ABSENT:
            merged[key] = value
    return merged
