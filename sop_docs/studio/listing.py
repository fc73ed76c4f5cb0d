"""The studio's list of a project's sources: SOPs grouped by instansi and unit, profiles
with their officials (the choices of ``profil`` and ``disahkan_oleh`` in the form).

It reads the raw data of each file, so a source with errors is still listed (and opens
with its findings) instead of vanishing from the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sop_docs.model.build import PROFILE_FOLDER, source_files
from sop_docs.studio.check import SourceCache


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None or isinstance(value, dict | list) else str(value)


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _profile_entry(path: Path, cache: SourceCache) -> dict[str, Any]:
    data = _mapping(cache.read(path).data)
    officials = data.get("pejabat")
    pejabat = [{"id": _text(o, "id"), "jabatan": _text(o, "jabatan"), "nama": _text(o, "nama")}
               for o in (officials if isinstance(officials, list) else [])
               if isinstance(o, dict)]
    return {"path": cache.display(path), "id": _text(data, "id") or path.stem,
            "instansi": _text(data, "instansi"), "unit": _text(data, "unit"),
            "pejabat": pejabat}


def _sop_entry(path: Path, cache: SourceCache,
               profiles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    data = _mapping(cache.read(path).data)
    profil = profiles.get(_text(data, "profil"), {})
    return {"path": cache.display(path), "id": _text(data, "id") or path.stem,
            "nama": _text(data, "nama"), "status": _text(data, "status"),
            "instansi": profil.get("instansi", ""),
            "unit": _text(data, "unit") or profil.get("unit", "")}


def project_listing(sources: Path, cache: SourceCache, name: str) -> dict[str, Any]:
    """The project's name, its profiles, and its SOPs grouped by (instansi, unit)."""
    profiles = [_profile_entry(p, cache) for p in source_files(sources / PROFILE_FOLDER)]
    by_id = {p["id"]: p for p in profiles}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for path in source_files(sources):
        entry = _sop_entry(path, cache, by_id)
        groups.setdefault((entry["instansi"], entry["unit"]), []).append(entry)
    return {
        "project": name,
        "profiles": profiles,
        "groups": [{"instansi": instansi, "unit": unit, "sops": items}
                   for (instansi, unit), items in sorted(groups.items())],
    }
