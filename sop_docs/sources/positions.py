"""Where each key and value of a source sits, so every later problem can point at its line.

A path is the tuple of mapping keys and list indexes leading to a node, e.g.
``("langkah", 3, "ke")``.  Lines and columns are 1-based, as editors show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sop_docs.diagnostics import Location

Path = tuple[str | int, ...]
LineCol = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Positions:
    """The position map of one source file: value and key positions by path."""

    path: str
    values: dict[Path, LineCol] = field(default_factory=dict)
    keys: dict[Path, LineCol] = field(default_factory=dict)

    def value(self, path: Sequence[str | int]) -> LineCol:
        """Position of the value at ``path``, else of its nearest recorded ancestor."""
        parts = tuple(path)
        while parts:
            found = self.values.get(parts)
            if found is not None:
                return found
            parts = parts[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: Sequence[str | int]) -> LineCol:
        """Position of the key that names ``path`` (falls back to the value's position)."""
        found = self.keys.get(tuple(path))
        return found if found is not None else self.value(path)

    def has(self, path: Sequence[str | int]) -> bool:
        """True when the source holds a node at exactly this path."""
        return tuple(path) in self.values

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """A diagnostic location for ``path``: its value, or its key when ``key`` is set."""
        line, column = self.key(path) if key else self.value(path)
        return Location(self.path, line, column)
