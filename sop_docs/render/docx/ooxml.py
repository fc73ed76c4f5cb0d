"""Small XML tools every docx builder shares: namespaces, element factories, units, ids, text.

Elements are built the python-docx way: constant XML templates parsed once and copied, or
single elements made by :func:`element`; values go in through attributes and ``.text`` only,
so lxml does all escaping.  Nothing here splices strings of XML.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from docx.oxml.ns import nsmap as _docx_nsmap
from lxml import etree

NSMAP: dict[str, str] = {
    **_docx_nsmap,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
WPS_URI = NSMAP["wps"]
PIC_URI = NSMAP["pic"]

EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
# XML 1.0 forbids C0 controls other than tab/newline/return, surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_CONTROLS = re.compile("[\t\n\r]+")


@cache
def qn(tag: str) -> str:
    """Clark name of a prefixed tag or attribute: ``qn("w:p")`` -> ``{...main}p``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for a template's root element."""
    return " ".join(f'xmlns:{p}="{NSMAP[p]}"' for p in prefixes)


@lru_cache(maxsize=64)
def _parsed(xml: str) -> etree._Element:
    return etree.fromstring(xml, _PARSER)


def from_template(xml: str) -> etree._Element:
    """A fresh copy of a constant XML template (parsed once, then copied)."""
    return clone(_parsed(xml))


def find_child(el: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` under ``el``, which the template or document always has."""
    found = el.find(path)
    if found is None:
        raise LookupError(f"no {path} under {el.tag}")
    return found


def clone(el: etree._Element) -> etree._Element:
    """A deep copy of ``el`` and its subtree (lxml copies whole subtrees; calling it
    directly skips ``copy.deepcopy``'s bookkeeping, which costs more than the copy)."""
    return el.__copy__()


def element(tag: str, attrs: dict[str, str] | None = None, text: str | None = None
            ) -> etree._Element:
    """A new element ``tag`` ("w:p") with prefixed attributes {"w:val": "1"} and text."""
    el = etree.Element(qn(tag), nsmap={tag.split(":")[0]: NSMAP[tag.split(":")[0]]})
    _fill(el, attrs, text)
    return el


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
        text: str | None = None) -> etree._Element:
    """Append a new child ``tag`` to ``parent`` (children are appended in schema order)."""
    el = etree.SubElement(parent, qn(tag))
    _fill(el, attrs, text)
    return el


def _fill(el: etree._Element, attrs: dict[str, str] | None, text: str | None) -> None:
    for name, value in (attrs or {}).items():
        el.set(qn(name) if ":" in name else name, value)
    if text is not None:
        el.text = text


def clean_text(text: str) -> str:
    """Source text made safe for XML: controls removed, tabs and line breaks as spaces.

    Everything printable stays, emoji included (the viewer falls back to a font that has it).
    """
    return _XML_ILLEGAL.sub("", _WHITESPACE_CONTROLS.sub(" ", text))


def emu(mm: float) -> int:
    """Millimetres as English Metric Units (DrawingML positions and sizes)."""
    return round(mm * EMU_PER_MM)


def twips(mm: float) -> int:
    """Millimetres as twentieths of a point (WordprocessingML page and table sizes)."""
    return round(mm * TWIPS_PER_MM)


def half_points(size_pt: float) -> str:
    """A font size in points as the half-points ``w:sz`` wants (rounded to 0.5 pt)."""
    return str(max(2, round(size_pt * 2)))


def cumulative_twips(sizes_mm: tuple[float, ...]) -> list[int]:
    """Sizes in twips rounded on their running sum, so a long run of rows never drifts."""
    edges = [0]
    total = 0.0
    for size in sizes_mm:
        total += size
        edges.append(twips(total))
    return [b - a for a, b in itertools.pairwise(edges)]


class IdCounter:
    """The one source of drawing ids (``wp:docPr/@id``) of a document: 1, 2, 3 ..."""

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def take(self) -> int:
        value = self._next
        self._next += 1
        return value
