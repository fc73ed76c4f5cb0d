"""Match a returned file to its kit by the identity it carries, never by its file name.

The identity is read from the hidden ``_identitas`` sheet (every application keeps its
cells), falling back to the defined names and the document properties.  Then: is the kit
known, the unit one of its units, the cycle the one being merged, the schema version current
(or mapped), the template untouched (fingerprint), the signature valid (when a key is set)?
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sop_docs.diagnostics import (
    MRG_NO_IDENTITY,
    MRG_SCHEMA_MAPPED,
    MRG_SCHEMA_OLD,
    MRG_SIGNATURE,
    MRG_TAMPERED,
    MRG_UNKNOWN_KIT,
    MRG_WRONG_CYCLE,
    MRG_WRONG_UNIT,
    Code,
    Diagnostic,
    Location,
    make,
)
from sop_docs.kits.cells import SHEET_IDENTITAS, SHEETS, CellRef, KitLayout, kit_layout
from sop_docs.kits.identity import (
    KitIdentity,
    changed_cells,
    expected_fingerprint,
    fingerprint_from_values,
    read_identity_from_names,
    read_identity_from_properties,
    read_identity_from_values,
)
from sop_docs.kits.model import SCHEMA_VERSION, Cycle, CycleError, KitDefinition
from sop_docs.returns.intake import Intake

LayoutFor = Callable[[KitDefinition, str, Cycle], KitLayout]
Fingerprint = Callable[[KitLayout, tuple[str, ...], Callable[[CellRef], object]], str]


@dataclass(frozen=True, slots=True)
class SchemaMapping:
    """How to read a kit of an older schema version: its cell map and its fingerprint rule."""

    layout: LayoutFor
    fingerprint: Fingerprint


#: Older schema versions the merge can still read (version -> mapping).  Empty while only
#: version 1 exists; add an entry when the cell map changes and old kits must stay readable.
SCHEMA_MAPPINGS: dict[int, SchemaMapping] = {}


@dataclass
class Match:
    """The outcome of matching one file: its identity, kit, layout, and identity problems."""

    identity: KitIdentity | None = None
    definition: KitDefinition | None = None
    layout: KitLayout | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        """True when the file is the right kit and template, so its data can be verified."""
        return self.layout is not None and not any(
            d.code in REFUSING for d in self.problems)


#: Identity problems that refuse a file (its data is not used).
REFUSING = frozenset(c.code for c in (
    MRG_NO_IDENTITY, MRG_UNKNOWN_KIT, MRG_WRONG_CYCLE, MRG_WRONG_UNIT, MRG_SCHEMA_OLD,
    MRG_TAMPERED, MRG_SIGNATURE,
))


def read_identity(intake: Intake) -> KitIdentity | None:
    """The identity a readable file carries: hidden sheet, else defined names, else properties."""
    grid = intake.grid(SHEET_IDENTITAS)
    identity = read_identity_from_values(grid.rows) if grid is not None else None
    return (identity or read_identity_from_names(intake.defined_names())
            or read_identity_from_properties(intake.custom_properties()))


class Matcher:
    """Matches the files of one merge run; caches each unit's cell map and fingerprint."""

    def __init__(self, definitions: dict[str, KitDefinition], cycle: Cycle,
                 key: bytes | None) -> None:
        self.definitions = definitions
        self.cycle = cycle
        self.key = key
        self._layouts: dict[tuple[str, str], tuple[KitLayout, str]] = {}

    def layout(self, definition: KitDefinition, unit_id: str) -> tuple[KitLayout, str]:
        """The current cell map of a unit's kit for the cycle, and its template fingerprint."""
        cache_key = (definition.id, unit_id)
        if cache_key not in self._layouts:
            unit = definition.unit_by_id(unit_id)
            assert unit is not None
            layout = kit_layout(definition, unit, self.cycle)
            self._layouts[cache_key] = (layout, expected_fingerprint(layout))
        return self._layouts[cache_key]

    def match(self, intake: Intake) -> Match:
        """Match ``intake`` to its definition for the cycle; every problem is located."""
        found = Match(identity=read_identity(intake))

        def refuse(code: Code, **fields: object) -> Match:
            found.problems.append(make(code, Location(intake.name), **fields))
            return found

        identity = found.identity
        if identity is None:
            return refuse(MRG_NO_IDENTITY)
        definition = self.definitions.get(identity.kit)
        if definition is None:
            return refuse(MRG_UNKNOWN_KIT, kit=identity.kit)
        found.definition = definition
        if definition.unit_by_id(identity.unit) is None:
            return refuse(MRG_WRONG_UNIT, unit=identity.unit, kit=identity.kit)
        try:
            kit_cycle: Cycle | None = Cycle.parse(identity.siklus)
        except CycleError:
            kit_cycle = None
        if kit_cycle != self.cycle:
            return refuse(MRG_WRONG_CYCLE, found=identity.siklus, expected=self.cycle.id)
        if identity.versi_skema == SCHEMA_VERSION:
            layout, expected = self.layout(definition, identity.unit)
            fingerprint = fingerprint_from_values(layout, intake.sheet_names, _reader(intake))
        else:
            mapping = SCHEMA_MAPPINGS.get(identity.versi_skema)
            if mapping is None:
                return refuse(MRG_SCHEMA_OLD, found=identity.versi_skema,
                              expected=SCHEMA_VERSION)
            found.problems.append(make(MRG_SCHEMA_MAPPED, Location(intake.name),
                                       found=identity.versi_skema, expected=SCHEMA_VERSION))
            layout = mapping.layout(definition, identity.unit, self.cycle)
            fingerprint = mapping.fingerprint(layout, intake.sheet_names, _reader(intake))
            expected = identity.sidik_jari  # an old kit is checked against its own rule
        found.layout = layout
        if fingerprint != identity.sidik_jari or fingerprint != expected:
            return refuse(MRG_TAMPERED, detail=_tamper_detail(intake, layout))
        if self.key is not None and not identity.verify(self.key):
            return refuse(MRG_SIGNATURE)
        return found


def _reader(intake: Intake) -> Callable[[CellRef], object]:
    def read(ref: CellRef) -> object:
        grid = intake.grid(ref.sheet)
        return None if grid is None else grid.get(ref.row0, ref.col0)

    return read


def _tamper_detail(intake: Intake, layout: KitLayout) -> str:
    """Say what changed: a missing or renamed sheet, or the first edited cells."""
    missing = [s for s in SHEETS if s not in intake.sheet_names]
    if missing:
        extra = [s for s in intake.sheet_names if s not in SHEETS]
        text = f"lembar hilang atau berganti nama: {', '.join(missing)}"
        return text + (f" (ada lembar lain: {', '.join(extra)})" if extra else "")
    cells = changed_cells(layout, _reader(intake))
    if not cells:
        return "kit dibuat dari definisi lain (indikator atau target berubah sejak kit dikirim)"
    shown = ", ".join(str(c) for c in cells[:5])
    return f"sel berubah: {shown}" + (f" dan {len(cells) - 5} lainnya" if len(cells) > 5 else "")
