"""Read one source file safely: size, bytes and encoding first, then the YAML tree.

Every check runs before any parsing: a 10 MB file is refused from its size alone, a binary
file from its NUL bytes, an undecodable one with the byte offset and line of the first bad
byte, and tabs in indentation with the line and column of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.sources.positions import Positions
from sop_docs.sources.tree import DEFAULT_LIMITS, Limits, build_tree


@dataclass(frozen=True, slots=True)
class Source:
    """One read source: its data (None when unusable), position map and problems."""

    path: Path
    display: str
    data: Any
    positions: Positions
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when the data can be validated (the file itself may still carry errors)."""
        return isinstance(self.data, dict)


def read_source(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read and parse ``path``; every problem comes back as a located diagnostic."""
    shown = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return _failed(path, shown, dg.SRC_TOO_LARGE, size=size, limit=limits.max_bytes)
        raw = path.read_bytes()
    except FileNotFoundError:
        return _failed(path, shown, dg.SRC_NOT_FOUND, path=shown)
    except OSError as exc:
        return _failed(path, shown, dg.SRC_NOT_FOUND, path=f"{shown} ({exc.strerror})")
    return parse_bytes(raw, path, shown, limits)


def parse_bytes(raw: bytes, path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Check and parse the bytes of a source (also used by tests on in-memory text)."""
    if len(raw) > limits.max_bytes:
        return _failed(path, display, dg.SRC_TOO_LARGE, size=len(raw), limit=limits.max_bytes)
    nul = raw.find(b"\0")
    if nul >= 0:
        return _failed(path, display, dg.SRC_BINARY, at=_byte_location(raw, nul, display),
                       offset=nul)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _failed(
            path, display, dg.SRC_NOT_UTF8, at=_byte_location(raw, exc.start, display),
            byte=f"0x{raw[exc.start]:02x}", offset=exc.start,
        )
    if not text.strip():
        return _failed(path, display, dg.SRC_EMPTY)
    tabs = _tab_indents(text, display)
    if tabs:
        return Source(path, display, None, Positions(display), tuple(tabs))
    tree = build_tree(text, display, limits)
    problems = list(tree.diagnostics)
    if tree.data is None and not problems:
        problems.append(dg.make(dg.SRC_EMPTY, Location(display, 1, 1)))
    elif tree.data is not None and not isinstance(tree.data, dict):
        problems.append(
            dg.make(dg.SRC_NOT_MAPPING, Location(display, 1, 1), found=_kind(tree.data))
        )
    return Source(path, display, tree.data, tree.positions, tuple(problems))


def _failed(file: Path, display: str, code: dg.Code, at: Location | None = None,
            **fields: object) -> Source:
    location = at or Location(display, 1, 1)
    return Source(file, display, None, Positions(display), (dg.make(code, location, **fields),))


def _byte_location(raw: bytes, offset: int, display: str) -> Location:
    """Line and column (in bytes) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return Location(display, raw.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _tab_indents(text: str, display: str) -> list[Diagnostic]:
    """One diagnostic per line whose leading whitespace holds a tab."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        column = indent.find("\t")
        if column >= 0 and line.strip():
            found.append(dg.make(dg.SRC_TAB, Location(display, number, column + 1)))
    return found


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return f"a single value ({type(value).__name__})"
