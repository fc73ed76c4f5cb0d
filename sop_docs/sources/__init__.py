"""The only YAML reader: source text -> plain data + a position map + located diagnostics."""

from sop_docs.sources.positions import Positions
from sop_docs.sources.reader import Source, parse_bytes, read_source
from sop_docs.sources.tree import DEFAULT_LIMITS, Limits, build_tree

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Positions",
    "Source",
    "build_tree",
    "parse_bytes",
    "read_source",
]
