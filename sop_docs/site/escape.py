"""Escaping source text for the site's Markdown pages and their raw HTML blocks.

Every text on the site comes from a source someone typed, so it is never trusted: in HTML
context it is HTML-escaped (Jinja's autoescape); in Markdown context it is also stripped of
every character Markdown would read as syntax, so ``[x](javascript:alert(1))`` shows as text
and never becomes a link, and ``<script>`` shows as text and never becomes a tag.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Exactly Python-Markdown's backslash-escapable characters (escaping any other character
# would leave a visible backslash); < > & " ' are handled by HTML escaping.  The site's
# Markdown extensions (toc, attr_list) add no inline syntax beyond these.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


# Control characters never belong in a text, and Python-Markdown uses \x02/\x03 as its
# own placeholder markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def one_line(value: object) -> str:
    """The text with every run of whitespace (newlines, tabs) folded into one space.

    A source text never spans Markdown blocks: a blank line or an indented line in a
    kegiatan must not start a new paragraph or a code block.
    """
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def markdown_text(value: object) -> Markup:
    """``value`` as literal text inside Markdown (headings, list items, link texts)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(value))
    return Markup(html.escape(escaped, quote=True))


def html_text(value: object) -> Markup:
    """``value`` as literal text inside a raw HTML block."""
    return Markup(html.escape(one_line(value), quote=True))


def html_lines(value: object) -> Markup:
    """``value`` as literal text in a raw HTML block, keeping its line breaks as ``<br>``.

    Each ``<br>`` is followed by a newline, so text extracted from the page (the search
    index) keeps the words of two lines apart.
    """
    lines = [html.escape(one_line(line), quote=True) for line in str(value).splitlines()]
    return Markup("<br>\n".join(line for line in lines if line))


def meta_title(value: object) -> Markup:
    """``value`` as the page's front-matter ``title`` (a JSON string is valid YAML).

    Material prints the title into ``<title>`` and the header unescaped (after ``striptags``,
    which also unescapes entities), so a title taken from the H1 could close ``<title>``
    and open a script.  The front-matter title wins over the H1 and is HTML-escaped here.
    """
    return Markup(json.dumps(html.escape(one_line(value), quote=True), ensure_ascii=False))
