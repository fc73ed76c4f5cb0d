"""Write a form's edit into its YAML source so that only the edited lines change.

The form sends back the whole data it shows.  What differs from the data read when the
file was opened is applied to ruamel.yaml's round-trip tree, which keeps comments, key
order and quoting.  ruamel re-flows some text nobody touched (a long plain value the
author wrapped over several lines), so its output is not written as it is: the lines that
differ between the unedited and the edited ruamel output are merged into the author's own
text, and every other line stays the author's, byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from sop_docs.errors import RoundTripError

# (mapping, sequence, offset) indents tried on open; the one that reproduces most lines wins
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))
_STR_TAG = "tag:yaml.org,2002:str"
# Characters YAML prints as they are (no control characters, no line breaks other than
# '\n' such as NEL or U+2028, no byte-order mark)
_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]*")
_RESOLVER = yaml.resolver.Resolver()  # how the project's reader (PyYAML) types plain text


def plain(value: Any) -> Any:
    """Data read by the project's reader in JSON form (the form's data): dates become ISO
    text, numbers JSON cannot carry become text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _yaml(indent: tuple[int, int, int]) -> YAML:
    """A round-trip YAML instance that never wraps lines and keeps quotes as written."""
    handle = YAML(typ="rt")
    handle.preserve_quotes = True
    handle.width = 4096
    mapping, sequence, offset = indent
    handle.indent(mapping=mapping, sequence=sequence, offset=offset)
    return handle


def _dump(handle: YAML, tree: Any) -> str:
    out = io.StringIO()
    handle.dump(tree, out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Document:
    """One source as opened: the author's text and how ruamel reproduces it unedited."""

    text: str
    indent: tuple[int, int, int]
    base: str  # ruamel's output of the unedited tree
    newline: str

    @classmethod
    def read(cls, text: str) -> Document:
        """Read ``text``; raises RoundTripError when ruamel cannot, or reads it as something
        other than a mapping with text keys."""
        newline = "\r\n" if "\r\n" in text else "\n"
        plain_text = text.replace("\r\n", "\n")
        tree = _load(_yaml(_INDENTS[0]), plain_text)
        lines = plain_text.count("\n")
        scored = []
        for indent in sorted(_INDENTS, key=lambda i: i != _guess_indent(plain_text)):
            base = _dump(_yaml(indent), tree)
            scored.append((_same_lines(plain_text, base), indent, base))
            if scored[-1][0] >= 0.9 * lines:  # good enough: the rest is the author's wrapping
                break
        _score, indent, base = max(scored, key=lambda item: item[0])
        return cls(plain_text, indent, base, newline)

    def apply(self, old: Any, new: Any) -> str:
        """The author's text with the change from ``old`` to ``new`` written into it."""
        return self.merged(self.edited(self.tree(), old, new))

    def rewritten(self, old: Any, new: Any) -> str:
        """ruamel's whole output of the edited tree (the fallback when a merge reads back
        differently)."""
        return self._ends(self.edited(self.tree(), old, new))

    def tree(self) -> CommentedMap:
        """A fresh round-trip tree of the author's text."""
        tree: CommentedMap = _load(_yaml(self.indent), self.text)
        return tree

    def edited(self, tree: CommentedMap, old: Any, new: Any) -> str:
        """ruamel's output of ``tree`` (holding ``old``) changed to hold ``new``."""
        return _dump(_yaml(self.indent), change(tree, old, new))

    def merged(self, edited: str) -> str:
        """ruamel's ``edited`` output merged into the author's text."""
        return self._ends(merge_lines(self.text, self.base, edited))

    def _ends(self, text: str) -> str:
        return text.replace("\n", self.newline) if self.newline != "\n" else text


class Draft:
    """A working tree that follows the form's edits one after the other, so a live preview
    costs one change and one dump instead of a whole new read (saving uses a fresh tree)."""

    def __init__(self, document: Document, data: Any) -> None:
        self.document = document
        self._tree = document.tree()
        self._data = copy.deepcopy(data)

    def apply(self, new: Any) -> str:
        """The author's text with the form's current data ``new`` written into it."""
        edited = self.document.edited(self._tree, self._data, new)
        self._data = copy.deepcopy(new)
        return self.document.merged(edited)


def _load(handle: YAML, text: str) -> CommentedMap:
    try:
        tree = handle.load(text)
    except (YAMLError, ValueError, TypeError) as exc:
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else "") from exc
    if not isinstance(tree, CommentedMap) or not _text_keys(tree):
        raise RoundTripError("the file is not a mapping with plain text keys")
    return tree


def _guess_indent(text: str) -> tuple[int, int, int]:
    """The indentation of the first block list under a key: '  - item' or '- item'."""
    lines = text.splitlines()
    for above, line in itertools.pairwise(lines):
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") and above.rstrip().endswith(":"):
            offset = (len(line) - len(stripped)) - (len(above) - len(above.lstrip(" ")))
            return next((i for i in _INDENTS if i[2] == offset), _INDENTS[0])
    return _INDENTS[0]


def _text_keys(tree: Any) -> bool:
    """True when every mapping key in ``tree`` is text (as the project's reader has them)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(k, str) for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


def _same_lines(left: str, right: str) -> int:
    matcher = difflib.SequenceMatcher(None, left.splitlines(), right.splitlines(),
                                      autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


# --- the change, applied to ruamel's tree -------------------------------------------------


def change(node: Any, old: Any, new: Any) -> Any:
    """``node`` (ruamel's value of ``old``) changed to hold ``new``; untouched parts keep
    their ruamel objects, so their comments and style survive."""
    if _key(old) == _key(new):
        return node
    if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        _change_map(node, old, new)
        return node
    if isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        _change_seq(node, old, new)
        return node
    return to_node(new, like=node)


def _change_map(node: CommentedMap, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    for key in [k for k in node if k not in new]:
        del node[key]
    for key, value in new.items():
        if key in node:
            if key not in old or _key(old[key]) != _key(value):
                node[key] = change(node[key], old.get(key), value)
        else:
            node.insert(_insert_at(node, new, key), key, to_node(value))


def _insert_at(node: CommentedMap, new: Mapping[str, Any], key: str) -> int:
    """Where a new key goes: after the nearest key before it (in the form's order) that the
    file already holds, else first."""
    keys = list(node)
    before = list(new)[: list(new).index(key)]
    present = [k for k in before if k in node]
    return keys.index(present[-1]) + 1 if present else 0


def _change_seq(node: CommentedSeq, old: list[Any], new: list[Any]) -> None:
    """Items kept, edited, inserted, removed or moved; a moved item keeps its own node."""
    old_keys, new_keys = [_key(v) for v in old], [_key(v) for v in new]
    opcodes = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    pool: dict[str, list[Any]] = defaultdict(list)
    for tag, i1, i2, j1, j2 in opcodes:
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        if tag in ("replace", "delete"):
            for index in range(i1 + common, i2):
                pool[old_keys[index]].append(node[index])
    sibling = node[0] if len(node) else None
    was_empty = not len(node)
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(common):
            node[i1 + offset] = change(node[i1 + offset], old[i1 + offset], new[j1 + offset])
        del node[i1 + common:i2]
        for offset, value in enumerate(new[j1 + common:j2]):
            reused = pool.get(new_keys[j1 + common + offset])
            item = reused.pop() if reused else to_node(value, sibling=sibling)
            node.insert(i1 + common + offset, item)
    if was_empty and len(node):
        node.fa.set_block_style()  # `[]` grows into one '- item' per line


def to_node(value: Any, like: Any = None, sibling: Any = None) -> Any:
    """A ruamel value for plain ``value``: text quoted as ``like`` was, maps styled as their
    ``sibling`` (a list of `{id: .., nama: ..}` stays in that flow style)."""
    if isinstance(value, dict):
        mapping = CommentedMap((k, to_node(v)) for k, v in value.items())
        if isinstance(sibling, CommentedMap) and sibling.fa.flow_style():
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(to_node(v) for v in value)
        if not value:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        return _scalar(value, like)
    return value


def _scalar(text: str, like: Any) -> Any:
    """Text as a YAML scalar that the project's own reader reads back as the same text:
    several lines as a literal block when they survive one (else escaped in double quotes),
    anything not printable escaped, text that would read as another type quoted."""
    if not _PRINTABLE.fullmatch(text.replace("\n", "")):
        return DoubleQuotedScalarString(text)
    if "\n" in text:
        lines = text.split("\n")
        if all(line == line.strip(" \t") for line in lines) and text.strip("\n") == text:
            return LiteralScalarString(text)
        return DoubleQuotedScalarString(text)
    if isinstance(like, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(like)(text)
    resolved = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if resolved != _STR_TAG or not text:
        return SingleQuotedScalarString(text)
    return text


def _key(value: Any) -> str:
    """A comparable form of a plain value."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# --- merging ruamel's changed lines into the author's text --------------------------------


def merge_lines(author: str, base: str, edited: str) -> str:
    """``author`` with the lines that changed from ``base`` to ``edited`` replaced.

    ``base`` is ruamel's rendering of the author's text, so the two agree except where
    ruamel re-flowed something.  Both alignments (base->author, base->edited) cut ``base``
    into segments at the positions neither of them has inside a change; a segment the edit
    left alone is written as the author had it, an edited one as ruamel writes it.
    """
    a_lines = author.splitlines(keepends=True)
    b_lines = base.splitlines(keepends=True)
    e_lines = edited.splitlines(keepends=True)
    if not b_lines:
        return edited
    to_author = _Alignment(b_lines, a_lines)
    to_edited = _Alignment(b_lines, e_lines)
    cuts = sorted(to_author.clean & to_edited.clean)
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        edited_part = e_lines[to_edited.at(start):to_edited.at(end)]
        if edited_part == b_lines[start:end]:
            out += a_lines[to_author.at(start):to_author.at(end)]
        else:
            out += edited_part
    edited_tail = e_lines[to_edited.at(len(b_lines)):]  # lines added at the very end
    out += edited_tail or a_lines[to_author.at(len(b_lines)):]
    return "".join(out)


class _Alignment:
    """Line positions of ``base`` that no change straddles, and where each one falls in
    ``other`` (before anything inserted there)."""

    def __init__(self, base: list[str], other: list[str]) -> None:
        self.clean: set[int] = {0, len(base)}
        self.starts: dict[int, int] = {}
        matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.clean.update(range(i1, i2 + 1))
                for offset in range(i2 - i1 + 1):
                    self.starts.setdefault(i1 + offset, j1 + offset)
            else:
                self.clean.update((i1, i2))
                self.starts.setdefault(i1, j1)
                self.starts.setdefault(i2, j2)
        self.starts.setdefault(len(base), len(other))

    def at(self, position: int) -> int:
        """Where base ``position`` falls in the other text, before lines inserted there."""
        return self.starts[position]
