"""Plain source data + positions -> validated, frozen models, with located diagnostics.

``load_corpus(project)`` is the one call later stages make: it reads the project settings,
every profile and every SOP, validates each with the pydantic models, resolves the
references between them, and returns the SOPs that built plus every problem found, each
pointing at ``file:line:col``.  Nothing stops at the first problem.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Severity
from sop_docs.i18n import tr
from sop_docs.model.corpus import Corpus, ResolvedSOP, resolve
from sop_docs.model.profile import Pejabat, Profil
from sop_docs.model.settings import ProjectSettings
from sop_docs.model.sop import SOP
from sop_docs.sources import Positions, Source, read_source

SETTINGS_FILE = "sop-docs.yaml"
PROFILE_FOLDER = "profil"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Built(Generic[M]):
    """One source validated as one model (``model`` is None when it did not build)."""

    model: M | None
    positions: Positions
    diagnostics: list[Diagnostic]


def build_model(source: Source, model: type[M]) -> Built[M]:
    """Validate a read source against ``model``; file and schema problems come back located."""
    problems = list(source.diagnostics)
    if not source.ok:
        return Built(None, source.positions, problems)
    try:
        built = model.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(validation_diagnostics(exc, model, source.data, source.positions))
        return Built(None, source.positions, problems)
    # a file with errors (e.g. a duplicate key) is validated for more findings, never used
    usable = not any(d.severity is Severity.ERROR for d in problems)
    return Built(built if usable else None, source.positions, problems)


def validation_diagnostics(exc: ValidationError, model: type[BaseModel], data: Any,
                           positions: Positions) -> list[Diagnostic]:
    """One located diagnostic per pydantic error (a union's alternatives count once)."""
    found: list[Diagnostic] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = _data_path(data, loc)
        kind = error["type"]
        key = (path, "missing" if kind == "missing" else "extra" if kind == "extra_forbidden"
               else "value")
        if key in seen:
            continue
        seen.add(key)
        found.append(_diagnostic(error, model, loc, path, positions))
    return found


def _diagnostic(error: ErrorDetails, model: type[BaseModel], loc: tuple[str | int, ...],
                path: tuple[str | int, ...], positions: Positions) -> Diagnostic:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = _did_you_mean(name, _field_names(model, path[:-1]),
                             tr("kunci yang boleh", "allowed keys"))
        return dg.make(dg.MOD_UNKNOWN_KEY, positions.at(path, key=True), key=name, hint=hint)
    if kind == "missing":
        return dg.make(dg.MOD_MISSING_KEY, positions.at(path), key=str(loc[len(path)]))
    message = f"{dotted(path) or tr('dokumen', 'document')}: {_reason(error)}"
    code = dg.MOD_WRONG_TYPE if kind.endswith("_type") else dg.MOD_BAD_VALUE
    return dg.make(code, positions.at(path), message=message, hint=_hint(kind, path))


# Indonesian forms of pydantic's messages, by error type; filled from the error's context.
_REASONS_ID = {
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "list_type": "harus berupa daftar",
    "tuple_type": "harus berupa daftar",
    "dict_type": "harus berupa baris 'kunci: nilai'",
    "model_type": "harus berupa baris 'kunci: nilai'",
    "enum": "harus salah satu dari {expected}",
    "literal_error": "harus salah satu dari {expected}",
    "string_pattern_mismatch": "tidak sesuai pola {pattern}",
    "too_short": "terlalu sedikit butir (paling sedikit {min_length})",
    "too_long": "terlalu panjang (paling banyak {max_length})",
    "greater_than": "harus lebih dari {gt}",
    "greater_than_equal": "harus paling kecil {ge}",
    "less_than": "harus kurang dari {lt}",
    "less_than_equal": "harus paling besar {le}",
}


def _reason(error: ErrorDetails) -> str:
    """What is wrong with a value, in the user's language (our own validators' text as is)."""
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        return str(context["error"])
    template = _REASONS_ID.get(error["type"])
    if template is None:
        return error["msg"]
    try:
        return tr(template.format(**context), error["msg"])
    except (KeyError, IndexError, ValueError):
        return error["msg"]


def _hint(kind: str, path: Sequence[str | int]) -> str:
    if "tanggal" in path:
        return tr("tulis tanggal seperti 2021-01-19 atau '19 Januari 2021', nomor revisi seperti "
                  "1 atau 'Revisi 1', atau biarkan kosong ('')",
                  "write a date like 2021-01-19 or '19 Januari 2021', a revision number like 1 "
                  "or 'Revisi 1', or leave it empty ('')")
    hints = {
        "tuple_type": tr("tulis daftar: satu '- butir' per baris",
                         "write a list: one '- item' per line"),
        "model_type": tr("tulis baris 'kunci: nilai' yang menjorok di bawahnya",
                         "write 'key: value' lines indented under it"),
        "string_type": tr("tulis teks; beri tanda kutip ('...') bila tampak seperti angka, "
                          "tanggal atau ya/tidak",
                          "write text; quote it ('...') if it looks like a number, date or "
                          "yes/no"),
        "string_pattern_mismatch": tr("pakai huruf kecil, angka, '-' dan '_', mis. sop-rapat",
                                      "use lowercase letters, digits, '-' and '_', e.g. "
                                      "sop-rapat"),
        "too_short": tr("tambahkan paling sedikit satu butir", "add at least one item"),
        "enum": tr("pakai salah satu nilai yang disebut pesan", "use one of the values the "
                   "message lists"),
    }
    hints["list_type"] = hints["tuple_type"]
    hints["dict_type"] = hints["model_type"]
    return hints.get(kind, tr("lihat format sumber di README.md atau jalankan `sop-docs schema`",
                              "see the source format in README.md or run `sop-docs schema`"))


def dotted(path: Sequence[str | int]) -> str:
    """A path as a reader sees it: ``langkah[3].ke``."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The longest prefix of a pydantic ``loc`` that exists in the source data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_map = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_list):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def _field_names(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """Field names of the (nested) model found at ``path``."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``tuple[X, ...]``, ``X | None`` or ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
        return annotation if issubclass(annotation, BaseModel) else None
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_MAX_SUGGEST = 200
_MAX_LISTED = 30


def _did_you_mean(name: str, choices: Collection[str], listing: str) -> str:
    """'did you mean X?' when a choice is close, else the list of choices."""
    if not choices:
        return tr("belum ada yang didefinisikan", "none are defined")
    if len(choices) > _MAX_SUGGEST:
        # difflib and a listing cost too much here, and such a list is not hand-made anyway
        return tr(f"{len(choices)} {listing}; tidak ada yang mirip '{name}'",
                  f"{len(choices)} {listing}; none is close to '{name}'")
    options = sorted(set(choices))
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        return tr(f"maksudnya '{close[0]}'?", f"did you mean '{close[0]}'?")
    more = ", …" if len(options) > _MAX_LISTED else ""
    return f"{listing}: {', '.join(options[:_MAX_LISTED])}{more}"


def did_you_mean(name: str, choices: Collection[str], listing: str = "") -> str:
    """Public form of the did-you-mean hint, for lint rules."""
    return _did_you_mean(name, choices, listing or tr("yang dikenal", "known"))


# --- project level ---------------------------------------------------------------------


def load_settings(project: Path) -> tuple[ProjectSettings, list[Diagnostic]]:
    """``sop-docs.yaml`` at the project root, or the defaults when it is absent."""
    path = project / SETTINGS_FILE
    if not path.exists():
        return ProjectSettings(), []
    built = build_model(read_source(path), ProjectSettings)
    return built.model or ProjectSettings(), built.diagnostics


def source_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` files directly in ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_corpus(project: Path, read: Callable[[Path], Source] = read_source
                ) -> tuple[Corpus, list[Diagnostic]]:
    """Load the project at ``project``: settings, profiles, SOPs; all problems collected.
    ``read`` reads one source (:class:`sop_docs.model.cache.SourceCache` skips unchanged
    ones)."""
    settings, problems = load_settings(project)
    sources = project / settings.sumber
    if not sources.is_dir():
        problems.append(dg.make(dg.SRC_NOT_FOUND, dg.Location(str(sources)), path=sources))
        return Corpus(settings, (), ()), problems
    corpus, more = load_files(
        source_files(sources), source_files(sources / PROFILE_FOLDER), settings, read
    )
    return corpus, problems + more


def load_files(sop_files: Sequence[Path], profile_files: Sequence[Path],
               settings: ProjectSettings, read: Callable[[Path], Source] = read_source
               ) -> tuple[Corpus, list[Diagnostic]]:
    """Build a corpus from explicit SOP and profile files (``check PATH...`` uses this);
    ``read`` reads one file (the studio passes one that serves a file's unsaved text)."""
    problems: list[Diagnostic] = []
    profiles, profile_positions = _load_profiles(profile_files, problems, read)
    sops: dict[str, ResolvedSOP] = {}
    positions: dict[str, Positions] = {}
    for path in dict.fromkeys(sop_files):
        source = read(path)
        built = build_model(source, SOP)
        problems.extend(built.diagnostics)
        refs = _references(source, profiles, problems)
        if built.model is None or refs is None:
            continue
        first = sops.get(built.model.id)
        if first is not None:
            problems.append(dg.make(dg.MOD_DUPLICATE_SOP, built.positions.at(("id",)),
                                    id=built.model.id, other=first.path))
            continue
        sops[built.model.id] = resolve(built.model, *refs, settings, source.display)
        positions[built.model.id] = built.positions
    corpus = Corpus(
        settings=settings,
        profiles=tuple(profiles[k] for k in sorted(profiles)),
        sops=tuple(sops[k] for k in sorted(sops)),
        positions=positions,
        profile_positions=profile_positions,
    )
    return corpus, problems


def _load_profiles(files: Sequence[Path], problems: list[Diagnostic],
                   read: Callable[[Path], Source]
                   ) -> tuple[dict[str, Profil], dict[str, Positions]]:
    profiles: dict[str, Profil] = {}
    positions: dict[str, Positions] = {}
    for path in dict.fromkeys(files):
        built = build_model(read(path), Profil)
        problems.extend(built.diagnostics)
        if built.model is None:
            continue
        other = positions.get(built.model.id)
        if other is not None:
            problems.append(dg.make(dg.MOD_DUPLICATE_PROFILE, built.positions.at(("id",)),
                                    id=built.model.id, other=other.path))
            continue
        profiles[built.model.id] = built.model
        positions[built.model.id] = built.positions
    return profiles, positions


def _references(source: Source, profiles: dict[str, Profil],
                problems: list[Diagnostic]) -> tuple[Profil, Pejabat] | None:
    """The SOP's profile and signing official, read from the raw data so a missing one is
    reported even when the rest of the file has errors; None when either is missing."""
    data = source.data if isinstance(source.data, dict) else {}
    ref = data.get("profil")
    if not isinstance(ref, str):
        return None
    profil = profiles.get(ref)
    if profil is None:
        hint = _did_you_mean(ref, profiles, tr("profil yang ditemukan", "profiles found"))
        problems.append(dg.make(dg.MOD_UNKNOWN_PROFILE, source.positions.at(("profil",)),
                                ref=ref, hint=hint))
        return None
    official = data.get("disahkan_oleh")
    if not isinstance(official, str):
        return None
    pengesah = profil.official(official)
    if pengesah is None:
        hint = _did_you_mean(official, [p.id for p in profil.pejabat], tr("pejabat", "officials"))
        problems.append(dg.make(dg.MOD_UNKNOWN_OFFICIAL, source.positions.at(("disahkan_oleh",)),
                                ref=official, profile=profil.id, hint=hint))
        return None
    return profil, pengesah
