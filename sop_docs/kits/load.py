"""Load kit definitions (``kits/*.yaml``) with every problem located at ``file:line:col``.

YAML is read by the project's one reader (:mod:`sop_docs.sources`, with position maps) and
validated by the shared pydantic-error mapping (:func:`sop_docs.model.build.build_model`),
so kit definitions report problems exactly like SOP sources do.  The checks a schema cannot
express (the office profile exists, ids are unique, the current cycle is run) are done here,
located too.  Nothing stops at the first problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.i18n import tr
from sop_docs.kits.model import Cycle, KitDefinition
from sop_docs.model.build import (
    PROFILE_FOLDER,
    build_model,
    did_you_mean,
    load_files,
    load_settings,
    source_files,
)
from sop_docs.model.profile import Profil
from sop_docs.model.schema import schema_text
from sop_docs.sources import Limits, Positions, read_source

#: JSON Schema file name `sop-docs schema` writes for kit definitions.
SCHEMA_NAME = "kit.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=../schema/{SCHEMA_NAME}\n"
#: How large a kit definition may be.  It lists every unit with its indicators (every desa
#: of a kabupaten: a thousand units make a few megabytes and some 150,000 values), so it
#: gets room a hand-written SOP source never needs; nesting keeps the common limit.
KIT_LIMITS = Limits(max_bytes=20_000_000, max_nodes=3_000_000)


@dataclass(frozen=True, slots=True)
class KitSet:
    """Every kit definition of a project that loaded cleanly, with the office profiles they
    name and where each came from; ``diagnostics`` holds every problem found."""

    definitions: tuple[KitDefinition, ...]
    profiles: dict[str, Profil]
    paths: dict[str, str] = field(default_factory=dict)  # kit id -> file shown to users
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, kit_id: str) -> KitDefinition | None:
        """The definition with this id, if it loaded."""
        return next((d for d in self.definitions if d.id == kit_id), None)

    def profil(self, definition: KitDefinition) -> Profil:
        """The office profile of a loaded definition (present: loading checked it)."""
        return self.profiles[definition.profil]


def choose(kit_set: KitSet, cycle: Cycle, wanted: Sequence[str] = ()
           ) -> tuple[list[KitDefinition], list[Diagnostic]]:
    """The definitions to make for ``cycle``: those named (each must run the cycle), or every
    definition that runs it."""
    problems: list[Diagnostic] = []
    if not wanted:
        chosen = [d for d in kit_set.definitions if d.siklus_of(cycle) is not None]
        if not chosen and kit_set.definitions:
            problems.append(dg.make(dg.KIT_CYCLE_NOT_RUN, Location("kits"), kit="(any)",
                                    cycle=cycle.id, choices=_all_cycles(kit_set)))
        return chosen, problems
    chosen = []
    for kit_id in dict.fromkeys(wanted):
        definition = kit_set.get(kit_id)
        if definition is None:
            hint = did_you_mean(kit_id, [d.id for d in kit_set.definitions], tr("kit", "kits"))
            problems.append(dg.make(dg.KIT_UNKNOWN_KIT, Location(kit_id), id=kit_id, hint=hint))
        elif definition.siklus_of(cycle) is None:
            where = Location(kit_set.paths.get(kit_id, kit_id))
            choices = ", ".join(c.id for c in definition.cycles)
            problems.append(dg.make(dg.KIT_CYCLE_NOT_RUN, where, kit=kit_id, cycle=cycle.id,
                                    choices=choices))
        else:
            chosen.append(definition)
    return chosen, problems


def _all_cycles(kit_set: KitSet) -> str:
    return ", ".join(sorted({c.id for d in kit_set.definitions for c in d.cycles}))


def write_kit_schema(folder: Path) -> list[Path]:
    """Write the JSON Schema of kit definitions (``kit.schema.json``) into ``folder``, for
    editors (VS Code YAML); `sop-docs schema` calls this next to the SOP schemas."""
    path = folder / SCHEMA_NAME
    atomic.write_text(path, schema_text(KitDefinition))
    return [path]


def kit_files(project: Path) -> list[Path]:
    """The kit definition files of a project (``kits/*.yaml`` or the folder its settings name)."""
    settings, _ = load_settings(project)
    return source_files(project / settings.kits)


def load_kit_set(project: Path | None = None, paths: Sequence[Path] | None = None,
                 profiles: Mapping[str, Profil] | None = None) -> KitSet:
    """Load the kit definitions of ``project`` (or the explicit ``paths``); definitions with
    any error are left out of ``definitions``.  The office profiles are loaded from the
    project unless given (a build passes the ones its check stage already loaded, so their
    problems are not reported twice)."""
    root = project or Path.cwd()
    settings, problems = load_settings(root)
    if profiles is None:
        profile_folder = root / settings.sumber / PROFILE_FOLDER
        corpus, profile_problems = load_files([], source_files(profile_folder), settings)
        problems.extend(profile_problems)
        profiles = {p.id: p for p in corpus.profiles}
    else:
        profiles = dict(profiles)
    files = list(paths) if paths is not None else source_files(root / settings.kits)
    if not files:
        where = root / settings.kits if paths is None else root
        problems.append(dg.make(dg.KIT_NONE_FOUND, Location(str(where)), path=where))
    loaded: dict[str, KitDefinition] = {}
    shown: dict[str, str] = {}
    for path in dict.fromkeys(files):
        definition, display, found = _load_one(path, profiles)
        problems.extend(found)
        if definition is None:
            continue
        if definition.id in loaded:
            problems.append(dg.make(dg.KIT_DUPLICATE_DEFINITION, Location(display, 1, 1),
                                    id=definition.id, other=shown[definition.id]))
            continue
        loaded[definition.id] = definition
        shown[definition.id] = display
    return KitSet(
        definitions=tuple(loaded[k] for k in sorted(loaded)),
        profiles=profiles,
        paths=shown,
        diagnostics=tuple(problems),
    )


def load_kits(project: Path | None = None, paths: Sequence[Path] | None = None
              ) -> tuple[list[KitDefinition], list[Diagnostic]]:
    """Kit definitions that loaded cleanly (sorted by id) and every problem found."""
    kit_set = load_kit_set(project, paths)
    return list(kit_set.definitions), list(kit_set.diagnostics)


def _load_one(path: Path, profiles: dict[str, Profil]
              ) -> tuple[KitDefinition | None, str, list[Diagnostic]]:
    source = read_source(path, limits=KIT_LIMITS)
    built = build_model(source, KitDefinition)
    problems = list(built.diagnostics)
    data = source.data if isinstance(source.data, dict) else {}
    problems.extend(_profile_problems(data, built.positions, profiles))
    problems.extend(_duplicate_ids(data, built.positions))
    problems.extend(_current_cycle_problems(data, built.positions))
    errors = [p for p in problems if p.severity is dg.Severity.ERROR]
    return (built.model if not errors else None), source.display, problems


def _profile_problems(data: dict[str, Any], positions: Positions,
                      profiles: dict[str, Profil]) -> list[Diagnostic]:
    ref = data.get("profil")
    if not isinstance(ref, str) or ref in profiles:
        return []
    hint = did_you_mean(ref, profiles, tr("profil di sop_sources/profil/",
                                          "profiles found in sop_sources/profil/"))
    return [dg.make(dg.MOD_UNKNOWN_PROFILE, positions.at(("profil",)), ref=ref, hint=hint)]


def _duplicate_ids(data: dict[str, Any], positions: Positions) -> list[Diagnostic]:
    """Units, indicators of a unit, programs and kegiatan of a unit: each id once."""
    problems: list[Diagnostic] = []
    units = _items(data, "unit")
    problems += _unique(units, ("unit",), "unit", positions)
    for u, unit in units:
        base = ("unit", u)
        problems += _unique(_items(unit, "indikator"), (*base, "indikator"), "indikator",
                            positions)
        programs = _items(unit, "program")
        problems += _unique(programs, (*base, "program"), "program", positions)
        kegiatan = [
            ((p, k), item) for p, program in programs
            for k, item in _items(program, "kegiatan")
        ]
        seen: dict[str, int] = {}
        for (p, k), item in kegiatan:
            path = (*base, "program", p, "kegiatan", k, "id")
            problems += _seen_once(item.get("id"), path, "kegiatan", seen, positions)
    return problems


def _items(parent: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _unique(items: list[tuple[int, dict[str, Any]]], base: tuple[str | int, ...], kind: str,
            positions: Positions) -> list[Diagnostic]:
    seen: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for i, item in items:
        problems += _seen_once(item.get("id"), (*base, i, "id"), kind, seen, positions)
    return problems


def _seen_once(value: Any, path: tuple[str | int, ...], kind: str, seen: dict[str, int],
               positions: Positions) -> list[Diagnostic]:
    if not isinstance(value, str):
        return []
    line = positions.value(path)[0]
    if value in seen:
        return [dg.make(dg.KIT_DUPLICATE_ID, positions.at(path), kind=kind, id=value,
                        first_line=seen[value])]
    seen[value] = line
    return []


def _current_cycle_problems(data: dict[str, Any], positions: Positions) -> list[Diagnostic]:
    current = data.get("siklus_berjalan")
    cycles = [s.get("id") for _, s in _items(data, "siklus")]
    if not isinstance(current, str) or current in cycles:
        return []
    choices = ", ".join(str(c) for c in cycles) or "(none)"
    return [dg.make(dg.KIT_CURRENT_CYCLE, positions.at(("siklus_berjalan",)), cycle=current,
                    choices=choices)]
