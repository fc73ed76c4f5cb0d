"""Kit identity: what a returned workbook says it is, stored three ways, and its fingerprint.

A kit is identified by what it means, not by its bytes (DESIGN.md §2.3): kit id, unit id,
cycle, schema version, a fingerprint of the template-owned content, and an optional
HMAC-SHA256 signature.  The identity is written

1. as custom document properties ``sopdocs_kit``, ``sopdocs_unit``, ... (:data:`PROPERTY_PREFIX`),
2. as workbook defined names ``SOPDOCS_KIT``, ``SOPDOCS_UNIT``, ... holding text constants
   (:data:`NAME_PREFIX`),
3. as key/value cells A1:B6 of the hidden, protected sheet ``_identitas``
   (:data:`IDENTITY_KEYS` in column A, values in column B).

The sheet is the copy every application keeps and python-calamine can read (it sees cells,
not document properties); read it with :func:`read_identity_from_values`.

**Fingerprint**: SHA-256 over the schema version, the kit's sheet names, and every
template-owned cell of the sheets ``Data Kinerja``, ``Anggaran`` and ``Pengesahan`` (titles,
headers, labels, targets, pre-filled realisasi; see :meth:`KitLayout.owned`) as
``sheet!cell=value`` lines; the owned cells pin down where the input rows are.  The
values of user inputs and formulas are not part of it.  An edited header, a deleted row
or a renamed sheet changes it.
:func:`expected_fingerprint` computes it from the definition; :func:`fingerprint_from_values`
recomputes it from a returned file's cell values.

**Signature**: when the environment variable ``SOP_DOCS_KIT_KEY`` holds a secret, the
identity carries ``HMAC-SHA256(key, kit|unit|cycle|version|fingerprint)`` in hex; merge with
the same key tells a kit this office generated from one re-typed by hand.  Without the key
the signature is empty.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sop_docs.kits.cells import SHEETS, CellRef, KitLayout, Placed
from sop_docs.kits.model import SCHEMA_VERSION

KEY_ENV = "SOP_DOCS_KIT_KEY"
PROPERTY_PREFIX = "sopdocs_"
NAME_PREFIX = "SOPDOCS_"
#: Keys of the identity, in the order of rows 1..6 of the ``_identitas`` sheet.
IDENTITY_KEYS = ("kit", "unit", "siklus", "versi_skema", "sidik_jari", "tanda_tangan")
GENERATOR = "sop-docs"

CellValue = object
CellReader = Callable[[CellRef], CellValue]


@dataclass(frozen=True, slots=True)
class KitIdentity:
    """Who a kit belongs to and which template it was made from."""

    kit: str
    unit: str
    siklus: str  # cycle id, e.g. 2026-TW1
    versi_skema: int
    sidik_jari: str  # fingerprint, 64 hex digits
    tanda_tangan: str = ""  # HMAC-SHA256 hex, empty without a key

    def values(self) -> dict[str, str]:
        """Key -> text, as stored in every one of the three places."""
        return {
            "kit": self.kit,
            "unit": self.unit,
            "siklus": self.siklus,
            "versi_skema": str(self.versi_skema),
            "sidik_jari": self.sidik_jari,
            "tanda_tangan": self.tanda_tangan,
        }

    def signed_text(self) -> bytes:
        """The bytes the signature covers."""
        parts = (self.kit, self.unit, self.siklus, str(self.versi_skema), self.sidik_jari)
        return "|".join(parts).encode("utf-8")

    def verify(self, key: bytes) -> bool:
        """True when the signature matches ``key`` (constant-time comparison)."""
        expected = hmac.new(key, self.signed_text(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.tanda_tangan)


def signing_key(environ: Mapping[str, str] | None = None) -> bytes | None:
    """The signature key from ``SOP_DOCS_KIT_KEY``, or None when unset or empty."""
    value = (environ if environ is not None else os.environ).get(KEY_ENV, "")
    return value.encode("utf-8") if value else None


def make_identity(layout: KitLayout, key: bytes | None = None) -> KitIdentity:
    """The identity of a freshly generated kit, signed when ``key`` is given."""
    unsigned = KitIdentity(layout.kit_id, layout.unit_id, layout.cycle.id, SCHEMA_VERSION,
                           expected_fingerprint(layout))
    if key is None:
        return unsigned
    signature = hmac.new(key, unsigned.signed_text(), hashlib.sha256).hexdigest()
    return KitIdentity(unsigned.kit, unsigned.unit, unsigned.siklus, unsigned.versi_skema,
                       unsigned.sidik_jari, signature)


# --- fingerprint -------------------------------------------------------------------------

def canonical(value: CellValue) -> str:
    """The text a cell value contributes to the fingerprint, equal for the same content
    whichever application saved the file (25, 25.0 and '25.0' as read back all agree)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format(float(value), ".12g")
    return str(value).replace("\r\n", "\n")


@lru_cache(maxsize=16_384, typed=True)  # typed: True and 1.0 fingerprint differently
def _line(ref: CellRef, value: CellValue) -> str:
    """One line of a kit's fingerprint text: the same headers, labels and targets sit at
    the same cells in every unit's kit."""
    return f"{ref}={canonical(value)}\n"


def _digest(owned: Iterable[Placed], sheet_names: Iterable[str], read: CellReader | None
            ) -> str:
    """SHA-256 over the version, the present kit sheets and the owned cells' values: from
    the layout, or as ``read`` gives them (one text hashed at once: the same digest as
    hashing it line by line, for a fraction of the calls)."""
    present = set(sheet_names)
    lines = [f"sop-docs kit v{SCHEMA_VERSION}\n",
             "sheets:" + "|".join(n for n in SHEETS if n in present) + "\n"]
    lines.extend(_line(p.ref, p.value if read is None else read(p.ref)) for p in owned)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def expected_fingerprint(layout: KitLayout, owned: Sequence[Placed] | None = None) -> str:
    """The fingerprint a kit generated from ``layout`` carries (``owned``: the layout's
    :meth:`~sop_docs.kits.cells.KitLayout.owned` cells, when the caller has them already)."""
    return _digest(layout.owned() if owned is None else owned, SHEETS, None)


def fingerprint_from_values(layout: KitLayout, sheet_names: Iterable[str],
                            read: CellReader) -> str:
    """Recompute the fingerprint of a returned workbook from its cell values: ``read``
    gives the value at a cell (None when empty or the sheet is missing)."""
    return _digest(layout.owned(), sheet_names, read)


def changed_cells(layout: KitLayout, read: CellReader) -> list[CellRef]:
    """Template-owned cells whose returned value differs from the template (for messages
    like 'header edited at Data Kinerja!C5')."""
    return [p.ref for p in layout.owned() if canonical(read(p.ref)) != canonical(p.value)]


def grid_reader(grids: Mapping[str, Sequence[Sequence[CellValue]]]) -> CellReader:
    """A :data:`CellReader` over 0-based grids per sheet starting at A1 (e.g. python-calamine
    ``sheet.to_python(skip_empty_area=False)``); empty strings read as None."""

    def read(ref: CellRef) -> CellValue:
        grid = grids.get(ref.sheet)
        if grid is None or ref.row0 >= len(grid):
            return None
        row = grid[ref.row0]
        if ref.col0 >= len(row):
            return None
        value = row[ref.col0]
        return None if value == "" else value

    return read


# --- reading the identity back -----------------------------------------------------------

def _from_mapping(values: Mapping[str, object]) -> KitIdentity | None:
    """An identity from key -> value, or None when a key is missing or malformed."""
    texts: dict[str, str] = {}
    for key in IDENTITY_KEYS:
        value = values.get(key)
        if key == "tanda_tangan" and value is None:
            value = ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is None or isinstance(value, bool):
            return None
        texts[key] = str(value).strip()
    try:
        version = int(texts["versi_skema"])
    except ValueError:
        return None
    if not all(texts[k] for k in ("kit", "unit", "siklus", "sidik_jari")):
        return None
    return KitIdentity(texts["kit"], texts["unit"], texts["siklus"], version,
                       texts["sidik_jari"], texts["tanda_tangan"])


def read_identity_from_values(rows: Sequence[Sequence[CellValue]]) -> KitIdentity | None:
    """The identity from the cell values of the ``_identitas`` sheet (rows from A1, key in
    column A, value in column B), as python-calamine or openpyxl give them."""
    found: dict[str, object] = {}
    for row in rows[: len(IDENTITY_KEYS) + 4]:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() in IDENTITY_KEYS:
            value = row[1]
            found[row[0].strip()] = None if value == "" and row[0] != "tanda_tangan" else value
    return _from_mapping(found)


def read_identity_from_names(names: Mapping[str, str]) -> KitIdentity | None:
    """The identity from defined names (name -> its formula text, e.g. '"2026-TW1"')."""
    found: dict[str, object] = {}
    for key in IDENTITY_KEYS:
        text = names.get(NAME_PREFIX + key.upper())
        if text is not None:
            text = text.strip().removeprefix("=")
            if len(text) >= 2 and text[0] == text[-1] == '"':
                text = text[1:-1].replace('""', '"')
            found[key] = text
    return _from_mapping(found)


def read_identity_from_properties(properties: Mapping[str, object]) -> KitIdentity | None:
    """The identity from custom document properties (name -> value)."""
    return _from_mapping({key: properties.get(PROPERTY_PREFIX + key) for key in IDENTITY_KEYS})


def name_values(identity: KitIdentity) -> dict[str, str]:
    """Defined-name name -> formula text (a quoted text constant) for writing."""
    return {NAME_PREFIX + k.upper(): '"' + v.replace('"', '""') + '"'
            for k, v in identity.values().items()}


def property_values(identity: KitIdentity) -> dict[str, str]:
    """Custom document property name -> text for writing."""
    return {PROPERTY_PREFIX + k: v for k, v in identity.values().items()}
