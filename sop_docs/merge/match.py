"""Match a returned file to its kit by the identity it carries, never by its file name.

The identity is read from the hidden ``_identitas`` sheet (every application keeps its
cells), falling back to the defined names and the document properties.  Then: is the kit
known, the unit one of its units, the cycle the one being merged, the schema version current
(or mapped), the template untouched (fingerprint), the signature valid (when a key is set)?
"""

from __future__ import annotations

from collections import OrderedDict
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
from sop_docs.errors import CycleError
from sop_docs.kits.cells import SHEET_IDENTITAS, SHEETS, CellRef, KitLayout
from sop_docs.kits.identity import (
    KitIdentity,
    canonical,
    expected_fingerprint,
    read_identity_from_names,
    read_identity_from_properties,
    read_identity_from_values,
)
from sop_docs.kits.model import SCHEMA_VERSION, Cycle, KitDefinition, Unit
from sop_docs.kits.model import Target as KitTarget
from sop_docs.kits.placement import kit_layout
from sop_docs.merge.verify import targets_of
from sop_docs.returns.grid import Grid
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


@dataclass(frozen=True, slots=True)
class Template:
    """A unit's kit as generated: cell map, fingerprint, and the template-owned cells with
    their values (the content the fingerprint covers)."""

    layout: KitLayout
    fingerprint: str
    # per sheet: (cell, template value), in the fingerprint's order
    owned: dict[str, tuple[tuple[CellRef, object], ...]]
    # per sheet: the same values as python-calamine gives them ("" for empty), for a fast
    # whole-sheet comparison before the cell-by-cell one
    expected: dict[str, list[object]]

    @classmethod
    def of(cls, layout: KitLayout) -> Template:
        """The template of ``layout``."""
        cells = layout.owned()
        owned: dict[str, list[tuple[CellRef, object]]] = {}
        for placed in cells:
            owned.setdefault(placed.ref.sheet, []).append((placed.ref, placed.value))
        expected = {sheet: ["" if value is None else value for _ref, value in found]
                    for sheet, found in owned.items()}
        return cls(layout, expected_fingerprint(layout, cells),
                   {sheet: tuple(found) for sheet, found in owned.items()}, expected)

    def changed(self, intake: Intake) -> list[CellRef] | None:
        """None when the returned file holds exactly the template's fingerprinted content
        (every sheet, every owned cell), else the owned cells that differ.

        Equivalent to recomputing the fingerprint from the file's values (same sheets, same
        cells, same canonical text), without hashing, and it names the edited cells.
        """
        if any(name not in intake.sheet_names for name in SHEETS):
            return []
        changed = []
        for sheet, cells in self.owned.items():
            grid = intake.grid(sheet)
            if grid is None:
                return []
            rows = grid.rows
            found = [rows[r.row - 1][r.col - 1]
                     if r.row <= len(rows) and r.col <= len(rows[r.row - 1]) else ""
                     for r, _value in cells]
            if found == self.expected[sheet]:
                continue
            for ref, value in cells:  # the canonical text only for cells that differ
                seen = grid.get(ref.row - 1, ref.col - 1)
                if seen != value and canonical(seen) != canonical(value):
                    changed.append(ref)
        return changed or None


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


#: How many units' templates a merge keeps at once.  A unit's files usually come together
#: (copies, corrections); keeping every template of a 1,000-unit inbox would hold hundreds
#: of megabytes and slow every garbage collection down.
TEMPLATE_CACHE = 32


class Matcher:
    """Matches the files of one merge run; caches the cell map and fingerprint of the units
    seen last (:data:`TEMPLATE_CACHE`)."""

    def __init__(self, definitions: dict[str, KitDefinition], cycle: Cycle,
                 key: bytes | None) -> None:
        self.definitions = definitions
        self.cycle = cycle
        self.key = key
        self._templates: OrderedDict[tuple[str, str], Template] = OrderedDict()
        self._targets: dict[tuple[str, str], dict[str, KitTarget | None]] = {}

    def targets(self, definition: KitDefinition, unit_id: str) -> dict[str, KitTarget | None]:
        """Each indicator's to-date target for a unit (computed once per run)."""
        cache_key = (definition.id, unit_id)
        if cache_key not in self._targets:
            self._targets[cache_key] = targets_of(definition, _unit(definition, unit_id),
                                                  self.cycle.sampai)
        return self._targets[cache_key]

    def template(self, definition: KitDefinition, unit_id: str) -> Template:
        """The current template of a unit's kit for the cycle (built once per run)."""
        cache_key = (definition.id, unit_id)
        found = self._templates.get(cache_key)
        if found is None:
            found = self._templates[cache_key] = Template.of(
                kit_layout(definition, _unit(definition, unit_id), self.cycle))
            if len(self._templates) > TEMPLATE_CACHE:
                self._templates.popitem(last=False)
        self._templates.move_to_end(cache_key)
        return found

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
        refused = self._check_template(found, intake, definition, identity)
        if refused is not None:
            return refuse(refused[0], **refused[1])
        if self.key is not None and not identity.verify(self.key):
            return refuse(MRG_SIGNATURE)
        return found


    def _check_template(self, found: Match, intake: Intake, definition: KitDefinition,
                        identity: KitIdentity) -> tuple[Code, dict[str, object]] | None:
        """Set the file's cell map on ``found`` and check its template: the current one
        (owned cells and fingerprint), or an older schema's through its mapping.  Returns
        the refusal (code and fields) when the template does not hold."""
        if identity.versi_skema == SCHEMA_VERSION:
            template = self.template(definition, identity.unit)
            found.layout = template.layout
            changed = template.changed(intake)
            if changed is not None or identity.sidik_jari != template.fingerprint:
                return MRG_TAMPERED, {"detail": _tamper_detail(intake, changed or [])}
            return None
        mapping = SCHEMA_MAPPINGS.get(identity.versi_skema)
        if mapping is None:
            return MRG_SCHEMA_OLD, {"found": identity.versi_skema, "expected": SCHEMA_VERSION}
        found.problems.append(make(MRG_SCHEMA_MAPPED, Location(intake.name),
                                   found=identity.versi_skema, expected=SCHEMA_VERSION))
        found.layout = mapping.layout(definition, identity.unit, self.cycle)
        # an old kit is checked against its own fingerprint rule
        fingerprint = mapping.fingerprint(found.layout, intake.sheet_names, _reader(intake))
        if fingerprint != identity.sidik_jari:
            return MRG_TAMPERED, {"detail": _tamper_detail(intake, [])}
        return None


def _unit(definition: KitDefinition, unit_id: str) -> Unit:
    """The unit ``unit_id`` of ``definition`` (matching found it in the definition)."""
    unit = definition.unit_by_id(unit_id)
    if unit is None:
        raise LookupError(f"unit {unit_id} is not in kit {definition.id}")
    return unit


def _reader(intake: Intake) -> Callable[[CellRef], object]:
    """A cell reader over the intake's sheets (each sheet's grid looked up once)."""
    grids: dict[str, Grid | None] = {}

    def read(ref: CellRef) -> object:
        if ref.sheet not in grids:
            grids[ref.sheet] = intake.grid(ref.sheet)
        grid = grids[ref.sheet]
        return None if grid is None else grid.get(ref.row - 1, ref.col - 1)

    return read


def _tamper_detail(intake: Intake, changed: list[CellRef]) -> str:
    """Say what changed: a missing or renamed sheet, or the first edited cells."""
    missing = [s for s in SHEETS if s not in intake.sheet_names]
    if missing:
        extra = [s for s in intake.sheet_names if s not in SHEETS]
        text = f"lembar hilang atau berganti nama: {', '.join(missing)}"
        return text + (f" (ada lembar lain: {', '.join(extra)})" if extra else "")
    if not changed:
        return "kit dibuat dari definisi lain (indikator atau target berubah sejak kit dikirim)"
    shown = ", ".join(str(c) for c in changed[:5])
    more = f" dan {len(changed) - 5} lainnya" if len(changed) > 5 else ""
    return f"sel berubah: {shown}{more}"
