"""Run mkdocs in-process on a generated ``mkdocs.yml``, with ``--strict`` semantics.

In-process saves the interpreter start and the imports of a subprocess.  Every mkdocs
warning is collected (and, as with ``mkdocs build --strict``, makes the build fail).  The
build date mkdocs stamps into the sitemap comes from ``SOURCE_DATE_EPOCH``, fixed here so
the same docs tree always gives the same site.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sop_docs.atomic import write_text

# 2000-01-01: any fixed instant will do; a real one keeps the sitemap plausible.
FIXED_EPOCH = "946684800"


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
    try:
        yield handler.messages
    finally:
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


def run_mkdocs(config_file: Path) -> list[str]:
    """Build the site described by ``config_file``; return mkdocs' warnings (empty = ok)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    with _captured_warnings() as warnings, _fixed_build_date():
        try:
            config = load_config(config_file=str(config_file))
            build(config)
        except Abort:
            pass  # strict mode: the warnings that caused it are collected
        except MkDocsException as exc:
            warnings.append(str(exc))
        except OSError as exc:  # an unwritable or vanished site folder
            warnings.append(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        else:
            _inline_search_index(Path(config.site_dir))
    return list(warnings)


def _inline_search_index(site_dir: Path) -> None:
    """Write ``search/search_index.js`` so search works from ``file://`` too.

    Material loads this script instead of fetching the JSON when the page is opened from
    disk (Material's own ``offline`` plugin does the same, but also adds a CDN script).
    """
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        write_text(index.with_suffix(".js"), "var __index = " + index.read_text("utf-8"))
