"""The mkdocs plugin behind incremental builds (see :mod:`sop_docs.site.incremental`).

Imported only when mkdocs runs, so the CLI starts without loading mkdocs.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sop_docs.errors import StaleState
from sop_docs.site.config import SYNONYMS_KEY
from sop_docs.site.incremental import SearchEntries
from sop_docs.site.search_text import Synonyms, html_terms
from sop_docs.site.template_cache import template_cache
from sop_docs.site.tree import remove_others

PLUGIN_NAME = "sop-docs/incremental"
TERMS_PLUGIN_NAME = "sop-docs/search-terms"
SEARCH_PLUGINS = ("material/search", "search")


class IncrementalPlugin(BasePlugin):  # type: ignore[type-arg]
    """Registered by :func:`sop_docs.site.mkdocs_run.run_mkdocs`, never named in ``mkdocs.yml``.

    ``previous`` is the search entries of the last build (empty for a clean build);
    ``changed`` the source paths (relative to ``docs_dir``) written since.
    """

    def __init__(self, previous: SearchEntries, changed: Collection[str], dirty: bool) -> None:
        super().__init__()
        self.previous, self.changed, self.dirty = previous, set(changed), dirty
        self.search: SearchEntries = {}
        self.outputs: set[str] = set()  # absolute paths of the files the build writes
        self._files: Files | None = None
        self._seen = 0

    @event_priority(-100)  # after every plugin that adds files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._files = files
        self.outputs = {f.abs_dest_path for f in files}
        if self.dirty:  # mtimes may not show the change (coarse clocks): remove the output
            for file in files:
                if file.src_uri in self.changed:
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates between builds (see :mod:`.template_cache`)."""
        env.bytecode_cache = template_cache()
        return env

    @event_priority(-100)  # after the search plugin indexed the page
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        index = _search_index(config)
        if index is not None:
            self.search[page.file.src_uri] = index.entries[self._seen:]
            self._seen = len(index.entries)
        return context

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = _search_index(config)
        if index is None or self._files is None:
            return
        entries: list[dict[str, Any]] = []
        for file in self._files.documentation_pages():
            uri = file.src_uri
            if uri not in self.search:
                if uri not in self.previous:
                    raise StaleState(uri)
                self.search[uri] = self.previous[uri]
            entries.extend(self.search[uri])
        index.entries = entries

    def prune(self, config: MkDocsConfig) -> None:
        """Remove what an earlier build left in the site folder and this one did not write."""
        site = config.site_dir
        keep = self.outputs | {os.path.join(site, name) for name in (
            *config.theme.static_templates, "sitemap.xml.gz", "search/search_index.json",
            "search/search_index.js")}
        remove_others(Path(site), keep)


class SearchTermsPlugin(BasePlugin):  # type: ignore[type-arg]
    """Adds Indonesian search terms to each page's entries of the search index.

    Runs after the search plugin indexed a page and before :class:`IncrementalPlugin` keeps
    the page's entries, so an incremental build reuses the terms of unchanged pages.
    Each entry gets ``title_terms`` and ``text_terms`` (see :mod:`sop_docs.site.search_text`).
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen = 0
        self._synonyms: Synonyms | None = None

    @event_priority(-50)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        index = _search_index(config)
        if index is None:
            return context
        if self._synonyms is None:
            self._synonyms = Synonyms(config.extra.get(SYNONYMS_KEY) or ())
        for entry in index.entries[self._seen:]:
            entry["title_terms"] = html_terms(entry["title"], self._synonyms)
            entry["text_terms"] = html_terms(entry["text"], self._synonyms)
        self._seen = len(index.entries)
        return context


def _search_index(config: MkDocsConfig) -> Any:
    """The search plugin's index, whose ``entries`` grow as pages are built (None: no search)."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None:
            return getattr(plugin, "search_index", None)
    return None
