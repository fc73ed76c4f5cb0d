"""Parsed sources kept between runs, by content hash: an unchanged source is not parsed again.

Reading YAML is most of loading a large project (2.5 s of 1,000 sources); after one source
changed, only that one needs it.  :class:`SourceCache` reads each file's bytes, and when
its SHA-256 (with the file's shown path, the language of the messages and the sop-docs
version) matches an entry of the previous run, returns that run's :class:`Source` as it
was; otherwise it parses the bytes.  :meth:`SourceCache.save` writes the entries this run
used into one file (atomically), so removed sources are forgotten.

Each entry keeps its Source pickled on its own: saving after one source changed pickles
only that one and writes the others' bytes as they were read (pickling 1,000 sources again
cost more than parsing the changed one).

The file, and each entry in it, is a pickle read through an unpickler that only builds the
few plain types a Source is made of, so a planted cache file cannot run code; an unreadable
or foreign file or entry is simply ignored (its sources are parsed again).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sop_docs import __version__
from sop_docs.atomic import write_bytes
from sop_docs.diagnostics import Diagnostic, Location, Severity
from sop_docs.i18n import current
from sop_docs.sources import Positions, Source, parse_bytes, read_source

CACHE_FORMAT = 2
CACHE_FILE = ".cache/sources.pickle"  # inside a build folder
_ALLOWED = {
    ("datetime", "date"): dt.date,
    ("pathlib", "PosixPath"): Path,
    ("sop_docs.sources.reader", "Source"): Source,
    ("sop_docs.sources.positions", "Positions"): Positions,
    ("sop_docs.diagnostics", "Diagnostic"): Diagnostic,
    ("sop_docs.diagnostics", "Location"): Location,
    ("sop_docs.diagnostics", "Severity"): Severity,
}


class _SafeUnpickler(pickle.Unpickler):
    """Builds only the types listed in ``_ALLOWED`` (and Python's own containers)."""

    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a source cache")
        return found


def safe_load(path: Path) -> object:
    """What a cache file holds, built only from the allowed types; None when the file is
    missing, unreadable or holds anything else (a cache is then simply not used)."""
    try:
        return _SafeUnpickler(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
            IndexError, KeyError, MemoryError, RecursionError):
        return None


Entry = tuple[str, bytes]  # (key, the pickled Source)


def _load(path: Path) -> dict[str, Entry]:
    """The entries of a cache file (display path -> (key, pickled source)); empty when
    unusable."""
    data = safe_load(path)
    if not (isinstance(data, dict) and data.get("format") == CACHE_FORMAT
            and isinstance(data.get("entries"), dict)):
        return {}
    return {k: v for k, v in data["entries"].items()
            if isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
            and isinstance(v[1], bytes)}


def _unpickle(blob: bytes) -> Source | None:
    """The Source of one entry; None when the entry is not a plain Source."""
    try:
        found = _SafeUnpickler(io.BytesIO(blob)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
            IndexError, KeyError, MemoryError, RecursionError):
        return None
    return found if isinstance(found, Source) else None


class SourceCache:
    """A ``read`` function for :func:`sop_docs.model.build.load_files` that skips parsing
    unchanged files; ``path`` None keeps nothing between runs."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._previous = _load(path) if path is not None else {}
        self._used: dict[str, Entry] = {}
        self.parsed = 0  # files parsed in this run (the rest came from the cache)

    def read(self, path: Path) -> Source:
        """The source at ``path``: from the cache when its bytes are unchanged."""
        try:
            raw = path.read_bytes()
        except OSError:
            return read_source(path)  # reports the missing or unreadable file
        display = str(path)
        key = f"{CACHE_FORMAT}\0{__version__}\0{current().value}\0" + (
            hashlib.sha256(raw).hexdigest())
        found = self._previous.get(display)
        source = _unpickle(found[1]) if found is not None and found[0] == key else None
        if found is None or source is None:
            source = parse_bytes(raw, path, display)
            found = (key, pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
            self.parsed += 1
        self._used[display] = found
        return source

    def key(self, display: str) -> str | None:
        """The digest of the bytes of the source at ``display`` as read in this run (None
        when it was not read through this cache): what later caches key on."""
        found = self._used.get(display)
        return found[0] if found is not None else None

    def save(self) -> None:
        """Keep this run's entries for the next run (nothing to do when none changed)."""
        if self.path is None or self._used == self._previous:
            return
        data = {"format": CACHE_FORMAT, "entries": self._used}
        write_bytes(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        self._previous = dict(self._used)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a corpus is loaded, and what was
    loaded left out of its later passes.

    Loading 1,000 cached sources builds millions of objects that live on, without cycles
    to collect; the collector, triggered by the allocations, walked the growing heap again
    and again (a third of a republish's CPU time), and every later full pass walked it once
    more.  Frozen objects are still freed when no longer referenced (reference counting);
    only a cycle among them would be kept, and loading makes none.  What is garbage
    already is collected first, so a long-lived process rebuilding again and again (``site
    serve``) freezes no garbage of its previous builds."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@cache
def code_digest() -> str:
    """A digest of sop-docs' own code and templates (every ``.py`` and ``.j2`` file of the
    package), for caches of results that code computes: in a development checkout the code
    changes without a new version number, and a cached result must not outlive its code."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, names in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(n for n in names if n.endswith((".py", ".j2"))):
            path = Path(folder, name)
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_cache(out: Path) -> SourceCache:
    """The source cache of the build folder ``out``."""
    return SourceCache(out / CACHE_FILE)
