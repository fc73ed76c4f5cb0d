"""The theme overrides mkdocs builds with: the site's own, then the project's ``site/overrides``.

The site's own override is a language file: Material's Indonesian labels, with the few it
leaves in English ("Header", "Footer") translated, so no English ``aria-label`` reaches a
page.  The project's templates are linked on top (a project file of the same name wins).
Written through a :class:`DocsTree`, so an unchanged folder is not rewritten and its digest
(part of the incremental build's key) only changes when a template does.
"""

from __future__ import annotations

from pathlib import Path

from sop_docs.site.tree import DocsTree

LANGUAGE = "custom"  # theme.language: partials/languages/custom.html below
_LANGUAGE_FILE = "partials/languages/custom.html"
_LANGUAGE = """{#- sop-docs: Material's Indonesian labels, with those it leaves in English. -#}
{% import "partials/languages/id.html" as indonesian %}
{% macro t(key) %}{{ {
  "language": "id",
  "direction": "ltr",
  "header": "Kepala halaman",
  "footer": "Kaki halaman",
  "search.config.lang": "id"
}[key] or indonesian.t(key) }}{% endmacro %}
"""


def write_overrides(folder: Path, project: Path | None) -> Path:
    """Fill ``folder`` with the site's and then the project's overrides; return it."""
    tree = DocsTree(folder)
    tree.write_text(_LANGUAGE_FILE, _LANGUAGE)
    if project is not None:
        for path in sorted(p for p in project.rglob("*") if p.is_file()):
            tree.link(path.relative_to(project).as_posix(), path)
    tree.prune()
    return folder
