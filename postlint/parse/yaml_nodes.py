"""YAML front matter composed into position-carrying nodes, safely.

The C event parser drives a small composer of our own, which is iterative (no recursion
limit), refuses nesting deeper than ``MAX_DEPTH``, refuses aliases that would expand to more
than ``MAX_EXPANDED_NODES`` nodes (alias bombs are reported, never expanded), refuses tags
outside YAML's core schema (``!!python/object`` is never constructed) and reports duplicate
keys, which PyYAML would drop silently. Scalars keep their raw text, so date formats and YAML
1.1 surprises (``on`` read as true, ``10:00`` as 600) can be reported on what the user wrote.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from postlint.diagnostics import Finding, quote
from postlint.positions import LineIndex, Span

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 10_000

_LOADER: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)
_TAG_PREFIX = "tag:yaml.org,2002:"
# The scalar tags allowed in front matter, each to its short name.
_SCALAR_TAGS = {
    _TAG_PREFIX + short: short
    for short in ("str", "int", "float", "bool", "null", "timestamp", "merge")
}
_COLLECTION_STARTS = (MappingStartEvent, SequenceStartEvent)
_COLLECTION_ENDS = (MappingEndEvent, SequenceEndEvent)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


@dataclass(eq=False, slots=True)
class Node:
    """A YAML value with its span; scalars keep their raw text and resolved core-schema tag."""

    span: Span
    tag: str  # str, int, float, bool, null, timestamp, seq or map
    value: Any  # the Python value, as yaml.safe_load would give it
    raw: str = ""  # a scalar's text (the content of a quoted scalar, unescaped)
    quoted: bool = False
    implicit: bool = False  # a plain YAML scalar whose type YAML 1.1 guessed (on, 10:00, 012)
    items: list[Node] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Entry:
    """A mapping entry: the key's span and the value's node."""

    key: Span
    value: Node


@dataclass(slots=True)
class ComposedYaml:
    """The root node (None when the text could not be composed) and the problems found."""

    root: Node | None
    findings: list[Finding]


class _Refused(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(slots=True)
class _Open:
    node: Node
    size: int = 1
    pending_key: Node | None = None
    anchor: str | None = None
    merges: list[Node] = field(default_factory=list)  # values of `<<` merge keys


def compose(text: str, offset: int, lines: LineIndex, *, json: bool = False) -> ComposedYaml:
    """Compose ``text`` (front matter found at ``offset`` of the file) into nodes.

    FM002 for syntax errors and refused constructs, FM004 for duplicate keys, FM011 for keys
    that YAML reads as something other than a string. ``json``: the text is a JSON object
    (read by the YAML parser for its positions), whose plain scalars are typed by JSON.
    """
    findings: list[Finding] = []
    try:
        root = _compose_events(text, offset, lines, findings, not json)
    except yaml.MarkedYAMLError as error:
        return ComposedYaml(None, [_syntax_finding(error, offset)])
    except yaml.reader.ReaderError as error:
        # A character YAML forbids (NUL, form feed, ...). The C reader's position is a byte
        # offset, so the character is found again: the reader stops at its first occurrence.
        at = offset + max(text.find(chr(error.character)), 0)
        message = f"invalid YAML: {error.reason} (U+{error.character:04X})"
        return ComposedYaml(None, [Finding("FM002", Span(at, at), message)])
    except yaml.YAMLError as error:
        message = "invalid YAML: " + " ".join(str(error).split())
        return ComposedYaml(None, [Finding("FM002", Span(offset, offset), message)])
    except _Refused as refused:
        return ComposedYaml(
            None, [Finding("FM002", Span(refused.offset, refused.offset), refused.message)]
        )
    return ComposedYaml(root, findings)


def _compose_events(
    text: str, offset: int, lines: LineIndex, findings: list[Finding], guessed: bool
) -> Node | None:
    stack: list[_Open] = []
    anchors: dict[str, tuple[Node, int]] = {}
    open_anchors: set[str] = set()
    documents = 0
    root: Node | None = None
    total = 0
    loader = _LOADER(text)
    try:
        while (event := loader.get_event()) is not None:
            # Each complete node (a scalar, a closed collection, an alias) ends a round.
            if isinstance(event, ScalarEvent):  # the commonest first
                node, size = _scalar(event, _span(event, offset), guessed), 1
                total += 1
                if event.anchor:
                    anchors[event.anchor] = (node, 1)
            elif isinstance(event, _COLLECTION_STARTS):
                stack.append(_open(event, _span(event, offset), len(stack)))
                if event.anchor:
                    open_anchors.add(event.anchor)
                total += 1
                continue
            elif isinstance(event, _COLLECTION_ENDS):
                closed = _close(stack.pop(), _span(event, offset).end)
                node, size = closed.node, closed.size
                if closed.anchor:
                    open_anchors.discard(closed.anchor)
                    anchors[closed.anchor] = (node, size)
            elif isinstance(event, AliasEvent):
                start = _span(event, offset).start
                if event.anchor in open_anchors or event.anchor not in anchors:
                    raise _Refused(start, f"alias *{event.anchor} refers to no complete anchor")
                node, size = anchors[event.anchor]
                total += size
                if total > MAX_EXPANDED_NODES:
                    raise _Refused(
                        start,
                        f"aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                        "(an alias bomb?); not expanded",
                    )
            else:  # the other events complete no node
                if isinstance(event, DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise _Refused(
                            _span(event, offset).start,
                            "front matter holds more than one YAML document",
                        )
                elif isinstance(event, StreamEndEvent):
                    break
                continue
            if stack:
                _attach(stack[-1], node, size, findings, lines)
            else:
                root = node
    finally:
        loader.dispose()
    return root


def _span(event: Event, offset: int) -> Span:
    """Where an event's text is in the file (the YAML text begins at ``offset``)."""
    start, end = event.start_mark, event.end_mark
    return Span(offset + (start.index if start else 0), offset + (end.index if end else 0))


def _attach(
    parent: _Open, node: Node, size: int, findings: list[Finding], lines: LineIndex
) -> None:
    """Add a complete node to the open collection ``parent``."""
    parent.size += size
    collection = parent.node
    if collection.tag == "seq":
        collection.items.append(node)
        collection.value.append(node.value)
        return
    key_node = parent.pending_key
    if key_node is None:
        parent.pending_key = node
        return
    parent.pending_key = None
    if key_node.tag == "merge":
        parent.merges.append(node)
        return
    key = _key_text(key_node, findings)
    first = collection.entries.get(key)
    if first is not None:
        findings.append(
            Finding(
                "FM004",
                key_node.span,
                f"duplicate key {quote(key)}: already set on line "
                f"{lines.position(first.key.start).line}; YAML keeps only the last one",
            )
        )
        del collection.entries[key]
    collection.entries[key] = Entry(key_node.span, node)
    collection.value[key] = node.value


def _open(event: MappingStartEvent | SequenceStartEvent, span: Span, depth: int) -> _Open:
    """A collection that starts, once its tag and depth are allowed."""
    is_map = isinstance(event, MappingStartEvent)
    _check_collection_tag(event.tag, "map" if is_map else "seq", span.start)
    if depth >= MAX_DEPTH:
        raise _Refused(span.start, f"front matter nests deeper than {MAX_DEPTH} levels")
    node = Node(span, "map" if is_map else "seq", {} if is_map else [])
    return _Open(node, anchor=event.anchor)


def _close(closed: _Open, end: int) -> _Open:
    """A collection that ends: its span completed and its merge keys applied."""
    closed.node.span = Span(closed.node.span.start, end)
    _merge(closed)
    return closed


def _merge(closed: _Open) -> None:
    """Apply ``<<`` merge keys: merged entries never replace the mapping's own keys, and an
    earlier mapping in a merged list wins over a later one (YAML 1.1)."""
    node = closed.node
    for value in closed.merges:
        for source in value.items if value.tag == "seq" else [value]:
            for key, entry in source.entries.items():
                if key not in node.entries:
                    node.entries[key] = entry
                    node.value[key] = entry.value.value


def _key_text(node: Node, findings: list[Finding]) -> str:
    """A key as the string it should be; FM011 when YAML reads it as something else."""
    if node.tag == "str":
        return node.raw
    if node.tag in ("seq", "map"):
        findings.append(Finding("FM011", node.span, "a key must be a string, not a collection"))
        return str(node.value)
    findings.append(
        Finding(
            "FM011",
            node.span,
            f"key {quote(node.raw)} is read by YAML as {describe_scalar(node)}, "
            f"not a string; quote it",
        )
    )
    return node.raw


def describe_scalar(node: Node) -> str:
    """How YAML 1.1 read a scalar, for messages: 'the integer 600 (sexagesimal)'."""
    if node.tag == "bool":
        return f"the boolean {str(node.value).lower()}"
    if node.tag == "null":
        return "null"
    if node.tag == "int":
        raw = node.raw.replace("_", "")
        how = ""
        if ":" in raw:
            how = " (sexagesimal)"
        elif (
            raw.lstrip("+-").startswith("0")
            and len(raw.lstrip("+-")) > 1
            and raw[1:2] not in "xXbB"
        ):
            how = " (octal)"
        return f"the integer {node.value}{how}"
    if node.tag == "float":
        return f"the number {node.value}"
    if node.tag == "timestamp":
        return "a date" if isinstance(node.value, datetime.date) else "a malformed date"
    return "a string"


def _scalar(event: ScalarEvent, span: Span, guessed: bool) -> Node:
    raw, style, explicit = event.value, event.style, event.tag
    quoted = style not in (None, "")
    tag = _resolve(raw, event.implicit) if explicit in (None, "!") else explicit
    short = _SCALAR_TAGS.get(tag)
    if short is None:
        raise _Refused(
            span.start, f"tag {quote(tag)} is not allowed in front matter; not constructed"
        )
    # Positional arguments: noticeably faster than keywords in this hot path.
    node = Node(span, short, raw, raw, quoted, guessed and not quoted and explicit is None)
    if short not in ("str", "merge"):
        try:
            node.value = _CONSTRUCTOR.yaml_constructors[tag](
                _CONSTRUCTOR, ScalarNode(tag, raw, style=style)
            )
        except (ValueError, OverflowError, LookupError, AttributeError, TypeError):
            # an impossible date such as 2024-13-45, or `!!int` on nothing: kept as written
            node.value = raw
    return node


def _resolve(raw: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives a scalar written without one: a string unless it is plain and an
    implicit resolver may claim it (resolvers are looked up by the scalar's first character)."""
    resolvers = _RESOLVER.yaml_implicit_resolvers
    if implicit[0] and (raw[:1] in resolvers or None in resolvers):
        return str(_RESOLVER.resolve(ScalarNode, raw, implicit))  # type: ignore[no-untyped-call]
    return _RESOLVER.DEFAULT_SCALAR_TAG


def _check_collection_tag(tag: str | None, kind: str, offset: int) -> None:
    if tag not in (None, "!", _TAG_PREFIX + kind):
        raise _Refused(offset, f"tag {quote(tag)} is not allowed in front matter; not constructed")


def _syntax_finding(error: yaml.MarkedYAMLError, offset: int) -> Finding:
    """FM002 at the error; for an error at the end of the stream, at the construct left open."""
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark
    left_open = "end of stream" in problem or "flow" in (error.context or "")
    if left_open and error.context_mark is not None:
        mark = error.context_mark  # the quote, bracket or brace that was never closed
    at = offset + (mark.index if mark is not None else 0)
    context = f" ({error.context})" if error.context else ""
    return Finding("FM002", Span(at, at), f"invalid YAML: {problem}{context}")
