"""Build plain Python data from PyYAML's event stream, iteratively, with a position map.

Working on events instead of PyYAML's composer lets us refuse what a hand-written source
never needs before it costs anything: anchors and aliases (the "billion laughs" bomb is
refused at its first anchor, nothing is expanded), several documents, keys that are not
plain text, duplicate keys, nesting deeper than a limit and more nodes than a limit.  An
explicit stack replaces recursion, so deep nesting cannot overflow Python's stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, TypeVar

import yaml

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.errors import SourceRefused
from sop_docs.i18n import tr
from sop_docs.sources.positions import Path, Positions

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
_ITEM = object()  # a sequence frame: it takes items, never keys
_ROOT = object()  # the frame under every container: it takes the document's one node

# what SafeLoader and CSafeLoader resolve and construct scalars with (shared: neither keeps
# state for a scalar)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


_R = TypeVar("_R")
#: Texts longer than this are not cached: they seldom repeat, and a cache entry would keep
#: a long text alive after its source is gone.
_CACHED_TEXT = 80


def _cached_when_short(func: Callable[..., _R]) -> Callable[..., _R]:
    """``func`` of a scalar's text (its last argument), remembered for short texts."""
    cached = lru_cache(maxsize=4096)(func)

    @wraps(func)
    def call(*args: str) -> _R:
        return cached(*args) if len(args[-1]) <= _CACHED_TEXT else func(*args)

    return call


@_cached_when_short
def _plain_tag(value: str) -> str:
    """The tag PyYAML resolves a plain (unquoted) scalar's text to: int for '1', etc.

    Cached: it depends on the text alone (the implicit resolvers are fixed at import), the
    same values (numbers, units, short names) come back thousands of times in a large
    source, and each resolution runs several regular expressions in Python.
    """
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


@_cached_when_short
def _typed(tag: str, value: str) -> Any:
    """PyYAML's value for a scalar of a scalar tag; raises ValueError when it has none.

    Cached for the same reason as ``_plain_tag``; the results (numbers, dates, booleans,
    None) are immutable, so equal scalars may share one, and a raise is never cached.
    The scalar constructors never read the node's marks.
    """
    node = yaml.ScalarNode(tag, value)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence; ``path`` is None inside a discarded subtree.

    ``key`` is the current mapping key or one of the markers above; ``child`` is the path
    of the value that follows that key (built once, for both position maps), None when
    that value is dropped or inside a discarded subtree.
    """

    value: dict[str, Any] | list[Any]
    path: Path | None
    key: Any = _NO_KEY
    child: Path | None = None


@dataclass(slots=True)
class _Builder:
    """State of one event-stream walk.

    ``stack`` starts with a root frame, so a node always has an innermost frame to read.
    """

    display: str
    limits: Limits
    positions: Positions
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=lambda: [_Frame({}, None, _ROOT, ())])
    root: Any = None
    documents: int = 0
    nodes: int = 0

    def loc(self, mark: Any) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)

    def stop(self, code: dg.Code, mark: Any, **fields: object) -> SourceRefused:
        return SourceRefused(dg.make(code, self.loc(mark), **fields))

    def walk(self, loader: Any) -> None:
        """Take every event; raises SourceRefused for what makes the whole file unusable.

        One dict lookup on the exact event class picks the handler (PyYAML's parsers
        create no subclasses of their event classes).
        """
        ignore = self._ignore
        take: dict[type, Callable[[Any], None]] = {
            yaml.StreamStartEvent: ignore, yaml.StreamEndEvent: ignore,
            yaml.DocumentStartEvent: self._document, yaml.DocumentEndEvent: ignore,
            yaml.AliasEvent: self._alias, yaml.ScalarEvent: self._scalar,
            yaml.MappingStartEvent: self._open, yaml.SequenceStartEvent: self._open,
            yaml.MappingEndEvent: self._close, yaml.SequenceEndEvent: self._close,
        }
        for event in iter(loader.get_event, None):  # None once the stream has ended
            take[type(event)](event)

    def _ignore(self, event: Any) -> None:
        pass

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.stop(dg.SRC_MULTI_DOC, event.start_mark)

    def _alias(self, event: Any) -> None:
        raise self.stop(dg.SRC_ALIAS, event.start_mark)

    def _node(self, event: Any) -> None:
        """Refuse an anchor before anything else, then count the node against the limit."""
        if event.anchor is not None:
            raise self.stop(dg.SRC_ALIAS, event.start_mark)
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.stop(dg.SRC_TOO_MANY_NODES, event.start_mark, limit=self.limits.max_nodes)

    def _scalar(self, event: Any) -> None:
        """A scalar arrives: the key the innermost mapping waits for, else a value."""
        self._node(event)
        frame = self.stack[-1]
        if frame.key is _NO_KEY:
            self._key(frame, event.value, event.start_mark)
            return
        self._place(frame, event.start_mark)
        self._attach(frame, self._construct(event))

    def _key(self, frame: _Frame, key: str, mark: Any) -> None:
        if frame.path is None:
            frame.key = key
            return
        path = (*frame.path, key)
        if key in frame.value:  # every earlier key of this mapping holds its value by now
            first_line = self.positions.keys[path][0]
            self.diagnostics.append(
                dg.make(dg.SRC_DUPLICATE_KEY, self.loc(mark), key=key, first_line=first_line)
            )
            frame.key, frame.child = _BAD_KEY, None
            return
        frame.key, frame.child = key, path
        self.positions.keys[path] = (mark.line + 1, mark.column + 1)

    def _place(self, frame: _Frame, mark: Any) -> Path | None:
        """Record where the node about to join ``frame`` starts; returns its path."""
        if frame.key is _ITEM:
            path = None if frame.path is None else (*frame.path, len(frame.value))
        else:
            path = frame.child
        if path is not None:
            self.positions.values[path] = (mark.line + 1, mark.column + 1)
        return path

    def _construct(self, event: Any) -> Any:
        explicit = event.tag not in (None, "!")
        if not (explicit or event.implicit[0]):  # quoted and untagged: text
            return event.value
        tag = event.tag if explicit else _plain_tag(event.value)
        if tag == _STR_TAG:
            return event.value
        if tag not in _SCALAR_TAGS and explicit:
            raise self._tag_refused(event)
        if tag not in _SCALAR_TAGS:  # YAML 1.1 oddities such as a bare '<<' or '='
            return self._unreadable(event, tr("YAML memberinya arti khusus",
                                              "YAML gives it a special meaning"))
        # PyYAML's constructors trust the resolver; an explicit tag ("!!int abc") skips it
        if explicit and _plain_tag(event.value) != tag:
            kind = tag.rsplit(":", 1)[-1]
            return self._unreadable(event, tr(f"bukan {kind} yang sah", f"not a valid {kind}"))
        try:
            return _typed(tag, event.value)
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
        self._node(event)
        is_map = type(event) is yaml.MappingStartEvent
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise self._tag_refused(event)
        if len(self.stack) > self.limits.max_depth:  # the root frame is not a level
            raise self.stop(dg.SRC_TOO_DEEP, event.start_mark, limit=self.limits.max_depth)
        parent = self.stack[-1]
        if parent.key is _NO_KEY:
            self.diagnostics.append(dg.make(dg.SRC_COMPLEX_KEY, self.loc(event.start_mark)))
            parent.key, parent.child = _KEY_NODE, None
        path = self._place(parent, event.start_mark)
        if is_map:
            self.stack.append(_Frame({}, path))
        else:
            self.stack.append(_Frame([], path, _ITEM))

    def _close(self, event: Any) -> None:
        value = self.stack.pop().value
        self._attach(self.stack[-1], value)

    def _attach(self, frame: _Frame, value: Any) -> None:
        container, key = frame.value, frame.key
        if isinstance(container, list):
            container.append(value)
        elif key is _KEY_NODE:
            frame.key = _BAD_KEY  # the refused key is complete; drop the value that follows
        elif key is _ROOT:
            self.root = value
        else:
            if key is not _BAD_KEY:
                container[key] = value
            frame.key = _NO_KEY


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
        builder.walk(loader)
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
