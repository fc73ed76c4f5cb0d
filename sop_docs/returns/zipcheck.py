"""Checks a zip package before anything parses it: bombs, lying sizes, XML entity tricks.

Nothing in python-calamine, openpyxl or zipfile limits decompression, so these limits are
enforced from the central directory first (cheap), then by streaming only the prolog of each
XML part (up to its root element) to refuse DOCTYPE/ENTITY declarations: no spreadsheet
writer emits them, and an entity bomb needs them.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from sop_docs.diagnostics import (
    RET_CORRUPT,
    RET_RATIO,
    RET_SIZE_LIE,
    RET_TOO_LARGE,
    RET_TOO_MANY_ENTRIES,
    RET_XML_DOCTYPE,
    Code,
)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Limits for one returned package; a filled kit is far below all of them."""

    max_entries: int = 1000
    max_total: int = 200 * 1024 * 1024  # all parts, uncompressed
    max_entry: int = 100 * 1024 * 1024  # one part, uncompressed
    max_ratio: int = 100  # uncompressed / compressed, for parts big enough to matter
    ratio_floor: int = 1024 * 1024  # parts smaller than this may have any ratio
    prolog_limit: int = 64 * 1024  # bytes read looking for an XML part's root element


DEFAULT_LIMITS = ZipLimits()

# Problems are (code, fields); the caller locates them in the file.
Problem = tuple[Code, dict[str, object]]

# Deflate never grows data by more than ~0.1% plus a few bytes per block, so a part whose
# compressed size exceeds this bound of its declared size is lying about its size.
_DEFLATE_SLACK = 1024
# signature, versions, flags, method, time, date, crc, sizes, name and extra lengths
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def check_sizes(archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS) -> list[Problem]:
    """Central-directory checks: entry count, total and per-part size, compression ratio."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        return [(RET_TOO_MANY_ENTRIES, {"count": len(infos), "limit": limits.max_entries})]
    problems: list[Problem] = []
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_entry:
            problems.append((RET_TOO_LARGE, {"size": info.file_size, "limit": limits.max_entry,
                                             "entry": info.filename}))
        elif info.compress_size > info.file_size + info.file_size // 500 + _DEFLATE_SLACK:
            problems.append((RET_SIZE_LIE, {"entry": info.filename}))
        elif info.file_size >= limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                problems.append((RET_RATIO, {"ratio": ratio, "entry": info.filename,
                                             "limit": limits.max_ratio}))
    if total > limits.max_total:
        problems.append((RET_TOO_LARGE, {"size": total, "limit": limits.max_total,
                                         "entry": "seluruh arsip"}))
    compressed = sum(i.compress_size for i in infos)
    if total >= limits.ratio_floor and total / max(compressed, 1) > limits.max_ratio:
        problems.append((RET_RATIO, {"ratio": total / max(compressed, 1),
                                     "entry": "seluruh arsip", "limit": limits.max_ratio}))
    return problems


def _is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))


def _prolog_problem(data: bytes, info: zipfile.ZipInfo, limit: int) -> bool:
    """True when the part declares a DOCTYPE or ENTITY before its root element.

    Decompresses straight from the package bytes (zipfile's per-part overhead is several
    times the cost of reading a whole kit), never more than ``limit`` bytes of output.
    """
    seen = b""
    for chunk in _part_chunks(data, info):
        seen += chunk
        upper = seen.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            return True
        if _root_started(seen):
            return False
        if len(seen) >= limit:
            return True  # a prolog this long is itself hostile
    return False


def _part_chunks(data: bytes, info: zipfile.ZipInfo, size: int = 256) -> Iterator[bytes]:
    """The decompressed bytes of one part, fed ``size`` compressed bytes at a time (the
    output of each step is capped too, so a bomb never inflates here)."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: local header missing")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for offset in range(0, len(raw), size):
            yield bytes(raw[offset : offset + size])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise NotImplementedError(f"{info.filename}: compression method {info.compress_type}")
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    pending: bytes | memoryview = raw[:size]
    offset = size
    while True:
        chunk = decompressor.decompress(pending, 16 * size)
        if chunk:
            yield chunk
        if decompressor.eof:
            return
        pending = decompressor.unconsumed_tail  # left over when the output was capped
        if not pending:
            if offset >= len(raw):
                return
            pending = raw[offset : offset + size]
            offset += size


def _root_started(data: bytes) -> bool:
    """True once a start tag (``<`` then a name character) appears: the prolog is over."""
    index = data.find(b"<")
    while index != -1 and index + 1 < len(data):
        following = data[index + 1 : index + 2]
        if following not in (b"?", b"!"):
            return True
        index = data.find(b"<", index + 1)
    return False


def check_xml_parts(archive: zipfile.ZipFile, data: bytes,
                    limits: ZipLimits = DEFAULT_LIMITS) -> list[Problem]:
    """Stream the prolog of every XML part of ``data`` (the bytes ``archive`` reads);
    refuse DOCTYPE/ENTITY declarations."""
    problems: list[Problem] = []
    for info in archive.infolist():
        if not _is_xml_part(info.filename):
            continue
        try:
            hostile = _prolog_problem(data, info, limits.prolog_limit)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            problems.append((RET_CORRUPT, {"reason": f"{info.filename}: {exc}"}))
            continue
        if hostile:
            problems.append((RET_XML_DOCTYPE, {"entry": info.filename}))
    return problems
