"""Source text in the site's Markdown shows exactly as typed: no markup, no link, no tag."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_docs.site.escape import html_lines, markdown_text, meta_title, one_line

EXTENSIONS = ["toc", "attr_list"]  # the site's Markdown extensions (site/config.py)


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(source: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(markdown.Markdown(extensions=EXTENSIONS).convert(source))
    return parsed


CONTEXTS = {
    "paragraph": ("{}", ["p"]),
    "heading": ("## {}", ["h2"]),
    "list item": ("1. {}", ["ol", "li"]),
    "link text": ("[{}](page.md)", ["p", "a"]),
}

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<img src=x onerror=alert(1)>",
    "**tebal** _miring_ `kode` ~~coret~~",
    "# judul {: #id .kelas }",
    "1. bukan daftar",
    "- bukan butir",
    "> bukan kutipan",
    "    bukan kode",
    "![gambar](x.png)",
    "&amp; &lt; &#x27; \\ \\* \\\\",
    "teks\n\nparagraf baru\n    kode",
    "[ref]: http://example.com",
    "\x02wzxhzdk:0\x03",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_hostile_text_shows_as_typed(context: str, text: str) -> None:
    template, tags = CONTEXTS[context]
    parsed = _render(template.format(markdown_text(text)))
    assert parsed.tags == tags
    assert "".join(parsed.text).strip() == one_line(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: one_line(t) != ""))
def test_any_text_shows_as_typed(text: str) -> None:
    for template, tags in CONTEXTS.values():
        parsed = _render(template.format(markdown_text(text)))
        assert parsed.tags == tags
        assert "".join(parsed.text).strip() == one_line(text)


def test_html_block_text_is_escaped_and_keeps_lines() -> None:
    assert html_lines("<b>a</b>\n\n  b & c  ") == "&lt;b&gt;a&lt;/b&gt;<br>\nb &amp; c"


def test_meta_title_is_an_escaped_yaml_string() -> None:
    title = meta_title('</title><script>alert("1")</script>\n')
    assert "<" not in title
    assert html.unescape(yaml.safe_load(f"title: {title}")["title"]) == (
        '</title><script>alert("1")</script>')
