"""Starting points for offices: a whole project (`sop-docs init`) and one SOP (`sop-docs new`).

``project/`` is copied as it is: project settings, an office profile, one example SOP that
passes `check`, a kit definition and the site settings.  New SOPs come from ``sop.yaml.j2``.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from sop_docs import atomic
from sop_docs.model.profile import ID_PATTERN, Profil
from sop_docs.model.schema import write_schemas

SCHEMA_FOLDER = "schema"


def _package() -> Traversable:
    return resources.files("sop_docs.scaffold")


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """(relative path, file) of every file under ``folder``, sorted."""
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            found += _files(entry, f"{name}/")
        elif not entry.name.endswith((".pyc", ".pyo")):
            found.append((name, entry))
    return found


def init_project(target: Path) -> list[Path]:
    """Write a ready project into ``target`` (which must be absent or empty)."""
    written = []
    for name, entry in _files(_package() / "project"):
        path = target.joinpath(*name.split("/"))
        atomic.write_bytes(path, entry.read_bytes())
        written.append(path)
    written += write_schemas(target / SCHEMA_FOLDER)
    return written


def valid_id(sop_id: str) -> bool:
    """True for an id that the model accepts (lowercase letters, digits, '-' and '_')."""
    return re.fullmatch(ID_PATTERN.strip("^$"), sop_id) is not None


def _title(sop_id: str) -> str:
    """A readable placeholder name from an id: "sop-rapat-koordinasi" -> "SOP Rapat Koordinasi"."""
    words = sop_id.replace("_", "-").split("-")
    if words and words[0].lower() == "sop":
        words = words[1:]
    return " ".join(["SOP", *(w.title() for w in words if w)])


def sop_skeleton(sop_id: str, profil: Profil, source_folder: Path, project: Path) -> str:
    """The text of a new draft SOP that passes `check`, signed by the profile's first official."""
    schema = os.path.relpath(project / SCHEMA_FOLDER / "sop.schema.json", source_folder)
    template = jinja2.Template((_package() / "sop.yaml.j2").read_text(encoding="utf-8"),
                               keep_trailing_newline=True)
    text: str = template.render(
        id=sop_id,
        profil=profil.id,
        pejabat=profil.pejabat[0].id,
        nama=_title(sop_id),
        schema=Path(schema).as_posix(),
    )
    return text
