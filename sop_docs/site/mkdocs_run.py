"""Run mkdocs in-process on a generated ``mkdocs.yml``, with ``--strict`` semantics.

In-process saves the interpreter start and the imports of a subprocess.  Every mkdocs
warning is collected (and, as with ``mkdocs build --strict``, makes the build fail).  The
build date mkdocs stamps into the sitemap comes from ``SOURCE_DATE_EPOCH``, fixed here so
the same docs tree always gives the same site.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sop_docs.atomic import write_text
from sop_docs.site.incremental import BuildState, QuietDirtyWarning, build_key, fresh_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from sop_docs.site.mkdocs_plugin import IncrementalPlugin

# 2000-01-01: any fixed instant will do; a real one keeps the sitemap plausible.
FIXED_EPOCH = "946684800"

# Material prints a notice about MkDocs 2.0 at import; our users cannot act on it (README,
# "Jika MkDocs 1.x tidak bisa dipasang lagi" says what to do if MkDocs 1.x goes away).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _captured_warnings() -> Iterator[list[str]]:
    """Collect mkdocs' warnings instead of printing them; restore logging afterwards."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    quiet = QuietDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        yield handler.messages
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextmanager
def _fixed_build_date() -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None:
        os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


@dataclass(frozen=True)
class MkdocsRun:
    """What one mkdocs run did: its warnings (empty = ok), and whether it was incremental."""

    warnings: list[str]
    incremental: bool = False


def run_mkdocs(config_file: Path, previous: BuildState | None = None,
               changed: Collection[str] = ()) -> MkdocsRun:
    """Build the site described by ``config_file``, with ``mkdocs build --strict`` semantics.

    ``previous`` is the state :meth:`BuildState.take` found before the docs tree was
    written, ``changed`` the docs files written since: with both, the build is incremental
    when that is safe (see :mod:`sop_docs.site.incremental`), otherwise clean.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    BuildState.path(config_file).unlink(missing_ok=True)
    plugin = None
    with _captured_warnings() as warnings, _fixed_build_date():
        try:
            config = load_config(config_file=str(config_file))
            key = build_key(config_file, config)
            dirty = (previous is not None and previous.key == key
                     and fresh_site(Path(config.site_dir)))
            plugin = _build(config_file, config, previous if dirty else None, changed)
        except MkDocsException as exc:
            warnings.append(str(exc))
        except OSError as exc:  # an unwritable or vanished site folder
            warnings.append(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        else:
            if plugin is not None and not warnings:
                _inline_search_index(Path(config.site_dir))
                BuildState(key, plugin.search).save(config_file)
    return MkdocsRun(list(warnings), plugin is not None and plugin.dirty)


def _build(config_file: Path, config: MkDocsConfig, previous: BuildState | None,
           changed: Collection[str]) -> IncrementalPlugin | None:
    """One mkdocs build, incremental from ``previous`` if given; None if strict mode aborted.

    An incremental build that finds its state incomplete starts over as a clean build, from
    a freshly loaded configuration (a build changes its plugins' state).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from sop_docs.errors import StaleState
    from sop_docs.site.mkdocs_plugin import (
        PLUGIN_NAME,
        TERMS_PLUGIN_NAME,
        IncrementalPlugin,
        SearchTermsPlugin,
    )

    dirty = previous is not None
    plugin = IncrementalPlugin(previous.search if previous else {}, changed, dirty)
    config.plugins[TERMS_PLUGIN_NAME] = SearchTermsPlugin()
    config.theme.static_templates.discard("404.html")  # docs/404.md: relative links
    config.plugins[PLUGIN_NAME] = plugin
    try:
        build(config, dirty=dirty)
    except Abort:
        return None  # strict mode: the warnings that caused it are collected
    except StaleState:
        return _build(config_file, load_config(config_file=str(config_file)), None, ())
    if dirty:
        plugin.prune(config)
    return plugin


def _inline_search_index(site_dir: Path) -> None:
    """Write ``search/search_index.js`` so search works from ``file://`` too.

    Material loads this script instead of fetching the JSON when the page is opened from
    disk (Material's own ``offline`` plugin does the same, but also adds a CDN script).
    """
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        write_text(index.with_suffix(".js"), "var __index = " + index.read_text("utf-8"))
