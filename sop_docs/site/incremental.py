"""Incremental mkdocs builds: after one SOP changed, only its page is rebuilt.

A clean mkdocs build converts, indexes and templates every page, however few changed: with
1,000 SOPs that is most of a warm rebuild.  mkdocs' ``dirty`` mode skips pages whose output
is newer than their source, but on its own it is unsafe: the search index would list only
the rebuilt pages, an mtime on a coarse file system can hide a change, and anything that
every page shows (navigation, theme, settings) would go stale.  This module makes it exact:

- a build is incremental only when the previous one succeeded with the same ``mkdocs.yml``,
  theme overrides and versions (:class:`BuildState`, kept next to ``mkdocs.yml`` and removed
  while a build runs, so an interrupted build makes the next one clean);
- the pages the docs tree says changed are rebuilt whatever their mtimes say;
- the mkdocs plugin of :mod:`sop_docs.site.mkdocs_plugin` keeps every page's search
  entries, so the index of an incremental build is the one a clean build writes, in the
  same order; and it removes any file of the site folder that the build did not produce.

The tests build the same docs tree both ways and compare the sites byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sop_docs.atomic import write_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

STATE_FILE = ".site-build.json"
# Bumped whenever what this module records, or how it decides, changes.
STATE_VERSION = 2
DIRTY_WARNING = "A 'dirty' build is being performed"

SearchEntries = dict[str, list[dict[str, Any]]]  # by page source path


@dataclass
class BuildState:
    """What the last successful build of a site was made from, and its pages' search entries."""

    key: str
    search: SearchEntries = field(default_factory=dict)

    @staticmethod
    def path(config_file: Path) -> Path:
        return config_file.with_name(STATE_FILE)

    @classmethod
    def take(cls, config_file: Path) -> BuildState | None:
        """Read the state and remove it: until a build succeeds, there is none to trust."""
        path = cls.path(config_file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        path.unlink(missing_ok=True)
        if not (isinstance(data, dict) and data.get("version") == STATE_VERSION
                and isinstance(data.get("key"), str) and _entries(data.get("search"))):
            return None
        return cls(data["key"], data["search"])

    def save(self, config_file: Path) -> None:
        write_text(self.path(config_file), json.dumps(
            {"version": STATE_VERSION, "key": self.key, "search": self.search},
            ensure_ascii=False, separators=(",", ":")))  # entries keep their key order


def _entries(search: object) -> bool:
    """Whether ``search`` has the shape of :data:`SearchEntries`."""
    return isinstance(search, dict) and all(
        isinstance(entries, list) and all(isinstance(e, dict) for e in entries)
        for entries in search.values())


def build_key(config_file: Path, config: MkDocsConfig) -> str:
    """A digest of everything every page depends on: settings, theme overrides, versions."""
    digest = hashlib.sha256(config_file.read_bytes())
    for package in ("mkdocs", "mkdocs-material", "sop-docs"):
        digest.update(f"\0{package}={_version(package)}".encode())
    custom_dir = config.theme.custom_dir
    if custom_dir:
        root = Path(custom_dir)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


class QuietDirtyWarning(logging.Filter):
    """Drops mkdocs' warning that a dirty build may be inaccurate: ours is made exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def fresh_site(site_dir: Path) -> bool:
    """Whether ``site_dir`` holds a built site an incremental build can start from."""
    return (site_dir / "index.html").is_file() and os.access(site_dir, os.W_OK)
