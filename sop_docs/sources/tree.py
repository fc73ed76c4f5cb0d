"""Build plain Python data from PyYAML's event stream, iteratively, with a position map.

Working on events instead of PyYAML's composer lets us refuse what a hand-written source
never needs before it costs anything: anchors and aliases (the "billion laughs" bomb is
refused at its first anchor, nothing is expanded), several documents, keys that are not
plain text, duplicate keys, nesting deeper than a limit and more nodes than a limit.  An
explicit stack replaces recursion, so deep nesting cannot overflow Python's stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.errors import SourceRefused
from sop_docs.i18n import tr
from sop_docs.sources.positions import LineCol, Path, Positions

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_T = "tag:yaml.org,2002:"
_STR_TAG = _T + "str"
_SCALAR_TAGS = frozenset(_T + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP_TAGS = frozenset({None, "!", _T + "map"})
_SEQ_TAGS = frozenset({None, "!", _T + "seq"})


@dataclass(frozen=True, slots=True)
class Limits:
    """How large and deep one source may be before it is refused as a mistake."""

    max_bytes: int = 1_000_000
    max_depth: int = 32
    max_nodes: int = 100_000


DEFAULT_LIMITS = Limits()


_NO_KEY = object()  # mapping frame waits for a key
_BAD_KEY = object()  # the key was refused; drop the value that follows
_KEY_NODE = object()  # a refused non-scalar key is being read


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence; ``path`` is None inside a discarded subtree."""

    value: dict[str, Any] | list[Any]
    path: Path | None
    key: Any = _NO_KEY
    first_seen: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Builder:
    """State of one event-stream walk."""

    display: str
    limits: Limits
    positions: Positions
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    root: Any = None
    documents: int = 0
    nodes: int = 0

    def loc(self, mark: Any) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)

    def stop(self, code: dg.Code, mark: Any, **fields: object) -> SourceRefused:
        return SourceRefused(dg.make(code, self.loc(mark), **fields))

    def feed(self, loader: Any, event: Any) -> None:
        """Take one event; raises SourceRefused for what makes the whole file unusable."""
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise self.stop(dg.SRC_ALIAS, event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.stop(dg.SRC_MULTI_DOC, event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            self._count(event)
            self._scalar(loader, event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._count(event)
            self._open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._attach(self.stack.pop().value)

    def _count(self, event: Any) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.stop(dg.SRC_TOO_MANY_NODES, event.start_mark, limit=self.limits.max_nodes)

    def _child_path(self) -> Path | None:
        """Path of the node about to be attached to the innermost open container."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.path is None or parent.key is _BAD_KEY or parent.key is _KEY_NODE:
            return None
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.key)

    def _awaits_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and (
            self.stack[-1].key is _NO_KEY
        )

    def _scalar(self, loader: Any, event: Any) -> None:
        if self._awaits_key():
            self._key(event.value, event.start_mark)
            return
        path = self._child_path()
        if path is not None:
            self.positions.values[path] = _linecol(event.start_mark)
        self._attach(self._construct(loader, event))

    def _key(self, key: str, mark: Any) -> None:
        frame = self.stack[-1]
        if frame.path is None:
            frame.key = key
            return
        first = frame.first_seen.get(key)
        if first is not None:
            self.diagnostics.append(
                dg.make(dg.SRC_DUPLICATE_KEY, self.loc(mark), key=key, first_line=first)
            )
            frame.key = _BAD_KEY
            return
        frame.first_seen[key] = mark.line + 1
        frame.key = key
        self.positions.keys[(*frame.path, key)] = _linecol(mark)

    def _construct(self, loader: Any, event: Any) -> Any:
        explicit = event.tag not in (None, "!")
        tag = event.tag if explicit else loader.resolve(yaml.ScalarNode, event.value,
                                                         event.implicit)
        if tag == _STR_TAG:
            return event.value
        if tag not in _SCALAR_TAGS and explicit:
            raise self._tag_refused(event)
        if tag not in _SCALAR_TAGS:  # YAML 1.1 oddities such as a bare '<<' or '='
            return self._unreadable(event, tr("YAML memberinya arti khusus",
                                              "YAML gives it a special meaning"))
        # PyYAML's constructors trust the resolver; an explicit tag ("!!int abc") skips it
        if explicit and loader.resolve(yaml.ScalarNode, event.value, (True, False)) != tag:
            kind = tag.rsplit(":", 1)[-1]
            return self._unreadable(event, tr(f"bukan {kind} yang sah", f"not a valid {kind}"))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return loader.yaml_constructors[tag](loader, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            return self._unreadable(event, str(exc))

    def _tag_refused(self, event: Any) -> SourceRefused:
        """The stop for an explicit tag (``!!python/...``, ``!!set``): never constructed."""
        return self.stop(dg.SRC_YAML_SYNTAX, event.start_mark,
                         problem=tr(f"tag {event.tag} tidak diizinkan",
                                    f"the tag {event.tag} is not allowed"),
                         hint=tr("hapus tag '!' itu", "remove the '!' tag"))

    def _unreadable(self, event: Any, reason: str) -> str:
        """Report a scalar its type cannot be read from, and keep its text."""
        self.diagnostics.append(
            dg.make(
                dg.MOD_BAD_VALUE, self.loc(event.start_mark),
                message=tr(f"'{event.value[:40]}' tidak dapat dibaca ({reason})",
                           f"cannot read '{event.value[:40]}' ({reason})"),
                hint=tr("beri tanda kutip agar tetap berupa teks",
                        "quote the value to keep it as text"),
            )
        )
        return str(event.value)

    def _open(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise self._tag_refused(event)
        if len(self.stack) >= self.limits.max_depth:
            raise self.stop(dg.SRC_TOO_DEEP, event.start_mark, limit=self.limits.max_depth)
        if self._awaits_key():
            self.diagnostics.append(dg.make(dg.SRC_COMPLEX_KEY, self.loc(event.start_mark)))
            self.stack[-1].key = _KEY_NODE
            path = None
        else:
            path = self._child_path()
        if path is not None:
            self.positions.values[path] = _linecol(event.start_mark)
        container: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(container, path))

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.key is _KEY_NODE:
            parent.key = _BAD_KEY  # the refused key is complete; drop the value that follows
        else:
            if parent.key is not _BAD_KEY:
                parent.value[parent.key] = value
            parent.key = _NO_KEY


def _linecol(mark: Any) -> LineCol:
    return (mark.line + 1, mark.column + 1)


@dataclass(frozen=True, slots=True)
class Tree:
    """What one walk produced: the data (None when unusable), positions and problems."""

    data: Any
    positions: Positions
    diagnostics: tuple[Diagnostic, ...]


def build_tree(text: str, display: str, limits: Limits = DEFAULT_LIMITS) -> Tree:
    """Parse ``text`` into plain data (dicts, lists, str, int, float, bool, None, date)."""
    builder = _Builder(display, limits, Positions(display, {(): (1, 1)}, {}))
    loader = Loader(text)
    try:
        while loader.check_event():
            builder.feed(loader, loader.get_event())
    except SourceRefused as stop:
        return Tree(None, builder.positions, (*builder.diagnostics, stop.diagnostic))
    except (yaml.YAMLError, RecursionError) as exc:
        # The parser may refuse deep nesting itself (libyaml scans flow collections ahead
        # and has its own depth limit): our limit, at our location, comes first.
        too_deep = _flow_too_deep(text, display, limits.max_depth)
        problem = too_deep or _syntax(exc, text, display)
        return Tree(None, builder.positions, (*builder.diagnostics, problem))
    finally:
        loader.dispose()
    return Tree(builder.root, builder.positions, tuple(builder.diagnostics))


_OPEN, _CLOSE = frozenset("[{"), frozenset("]}")


def _flow_too_deep(text: str, display: str, limit: int) -> Diagnostic | None:
    """SRC010 at the bracket that opens flow nesting level ``limit``, if any.

    The level counts the root mapping as the event walk does, so both refuse at the same
    bracket for the usual ``key: [[[...`` shape.  Run only after the parser failed, so a
    bracket inside plain text can at worst turn one syntax error into a depth error; quoted
    text and comments are skipped.
    """
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in _structural(line):
            if char in _OPEN:
                depth += 1
                if depth >= limit:
                    return dg.make(dg.SRC_TOO_DEEP, Location(display, number, column),
                                   limit=limit)
            else:
                depth = max(depth - 1, 0)
    return None


def _structural(line: str) -> list[tuple[int, str]]:
    """The brackets of one line outside quotes and comments, with 1-based columns."""
    found: list[tuple[int, str]] = []
    quote, escaped = "", False
    for index, char in enumerate(line):
        if quote:
            if quote == '"' and char == "\\" and not escaped:
                escaped = True
                continue
            if char == quote and not escaped:
                quote = ""
            escaped = False
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            break
        elif char in _OPEN or char in _CLOSE:
            found.append((index + 1, char))
    return found


def _syntax(exc: yaml.YAMLError | RecursionError, text: str, display: str) -> Diagnostic:
    """A located diagnostic from PyYAML's own error (scanner, parser or reader)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if mark is not None:
        location = Location(display, mark.line + 1, mark.column + 1)
    elif isinstance(exc, yaml.reader.ReaderError):
        # the reader reports a character index instead of a mark
        start = text.rfind("\n", 0, exc.position) + 1
        line = text.count("\n", 0, exc.position) + 1
        location = Location(display, line, exc.position - start + 1)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problem = tr(f"karakter kendali U+{code:04X} tidak boleh ada dalam teks YAML",
                     f"control character U+{code:04X} is not allowed in YAML text")
    else:
        location = Location(display, 1, 1)
    hint = tr(f"{context}; periksa indentasi dan tanda kutip",
              f"{context}; check indentation and quoting") if context else tr(
        "periksa indentasi, ':' sesudah setiap kunci, dan beri tanda kutip pada teks yang "
        "memuat ': ' atau '#'",
        "check indentation, ':' after each key, and quote text that holds ': ' or '#'")
    return dg.make(dg.SRC_YAML_SYNTAX, location, problem=problem, hint=hint)
