"""Escaping source text for the site's Markdown pages and their raw HTML blocks.

Every text on the site comes from a source someone typed, so it is never trusted: in HTML
context it is HTML-escaped (Jinja's autoescape); in Markdown context it is also stripped of
every character Markdown would read as syntax, so ``[x](javascript:alert(1))`` shows as text
and never becomes a link, and ``<script>`` shows as text and never becomes a tag.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Exactly Python-Markdown's backslash-escapable characters (escaping any other character
# would leave a visible backslash); < > & " ' are handled by HTML escaping.  The site's
# Markdown extensions (toc, attr_list) add no inline syntax beyond these.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def one_line(value: object) -> str:
    """The text with every run of whitespace (newlines, tabs) folded into one space.

    A source text never spans Markdown blocks: a blank line or an indented line in a
    kegiatan must not start a new paragraph or a code block.
    """
    return " ".join(str(value).split())


def markdown_text(value: object) -> Markup:
    """``value`` as literal text inside Markdown (headings, list items, link texts)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(value))
    return Markup(html.escape(escaped, quote=True))


def html_text(value: object) -> Markup:
    """``value`` as literal text inside a raw HTML block."""
    return Markup(html.escape(one_line(value), quote=True))


def html_lines(value: object) -> Markup:
    """``value`` as literal text in a raw HTML block, keeping its line breaks as ``<br>``."""
    lines = [html.escape(one_line(line), quote=True) for line in str(value).splitlines()]
    return Markup("<br>".join(line for line in lines if line))
