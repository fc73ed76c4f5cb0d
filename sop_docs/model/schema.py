"""JSON Schemas of the source formats, for editors (VS Code YAML) to complete and check.

Each source names its schema on its first line::

    # yaml-language-server: $schema=../schema/sop.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sop_docs import atomic
from sop_docs.model.profile import Profil
from sop_docs.model.settings import ProjectSettings
from sop_docs.model.sop import SOP

SCHEMAS: dict[str, type[BaseModel]] = {
    "sop.schema.json": SOP,
    "profil.schema.json": Profil,
    "settings.schema.json": ProjectSettings,
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text(model: type[BaseModel]) -> str:
    """The schema of ``model`` as stable, indented JSON."""
    schema = {"$schema": DIALECT, **_plain_defaults(model.model_json_schema())}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _plain_defaults(node: Any) -> Any:
    """The schema without object defaults where a source writes text: a date field
    (``tanggal.efektif``) is written as a string, so an editor must not complete the parsed
    form ({"teks": "", "tahun": null, ...}) there, nor under the object that holds it."""
    if isinstance(node, list):
        return [_plain_defaults(item) for item in node]
    if not isinstance(node, dict):
        return node
    cleaned = {key: _plain_defaults(value) for key, value in node.items()}
    types = cleaned.get("type")
    allows_object = types == "object" or (isinstance(types, list) and "object" in types)
    if isinstance(cleaned.get("default"), dict) and not allows_object:
        del cleaned["default"]
    return cleaned


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        atomic.write_text(path, schema_text(model))
        written.append(path)
    return written
