"""The layout as JSON (`render --to layout`): the inspection format for tests and reviewers.

Every dataclass of :mod:`sop_docs.layout.geometry` becomes an object with the same field
names (enums as their values, numbers rounded to 0.001 mm), so a reader can check what
each renderer should have drawn: pages, table cells with their text lines, symbol boxes,
connector polylines and labels, each with its step id.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from pathlib import Path
from typing import Any

from sop_docs.atomic import write_text
from sop_docs.diagnostics import Diagnostic
from sop_docs.layout.geometry import SheetLayout
from sop_docs.render.registry import RenderJob

SCHEMA_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Diagnostic):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def layout_dict(layout: SheetLayout) -> dict[str, Any]:
    """The layout as plain JSON-ready data."""
    data: dict[str, Any] = {"schema": SCHEMA_VERSION}
    data.update(_plain(layout))
    return data


def layout_json(layout: SheetLayout) -> str:
    """The layout as JSON text (stable key order, UTF-8)."""
    return json.dumps(layout_dict(layout), ensure_ascii=False, indent=1) + "\n"


def render_layout(job: RenderJob) -> list[Path]:
    """Registered renderer of format ``layout``: ``<out_dir>/<id>.layout.json``."""
    path = job.out_dir / f"{job.stem}.layout.json"
    write_text(path, layout_json(job.layout))
    return [path]
