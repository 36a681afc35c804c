"""The raw HTML of a body as one lxml tree, each element tied to its start tag in the file.

lxml gives structure and text but no columns (``sourceline`` is the line where a start tag
ends), so the tag tokenizer gives exact positions and each element is matched to the next
start tag of the same name that ends on its line. The HTML regions of a Markdown body (HTML
blocks and inline tags) are parsed together, so tags balance across the whole body; the text
between them is left out, keeping only its line breaks so that lxml's lines are the file's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postlint.diagnostics import Finding
from postlint.parse.tags import Tag, iter_tags
from postlint.positions import LineIndex, Span

if TYPE_CHECKING:  # lxml is imported when a tree is built: most runs never need one
    from lxml import etree

_LINE_BREAK = re.compile(r"\r\n?")
_LOOKAHEAD = 64  # start tags lxml may drop (a second <body>, stray <html>) before a match
# Near lxml's limits (255 levels, text nodes of 10,000,000 characters), with a margin.
DEPTH_LIMIT = 240
TEXT_LIMIT = 9_000_000
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param", "keygen"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Element:
    """An lxml element and its start tag in the file (None for elements lxml implied)."""

    node: etree._Element
    tag: Tag | None


@dataclass(frozen=True, slots=True)
class HtmlView:
    """The tags of the body's HTML in source order, its elements, and PL006 findings."""

    tags: tuple[Tag, ...]
    elements: tuple[Element, ...]
    findings: tuple[Finding, ...]

    def start_tags(self) -> list[Tag]:
        """The start tags, in source order."""
        return [tag for tag in self.tags if tag.kind == "start"]


def nesting_depth(tags: Sequence[Tag]) -> int:
    """How deep start tags nest at most, closing an element at the first end tag of its name
    (an upper bound where end tags are left out, which is all a limit check needs)."""
    depth = deepest = 0
    for tag in tags:
        if tag.kind == "start" and tag.name not in _VOID and not tag.self_closing:
            depth += 1
            deepest = max(deepest, depth)
        elif tag.kind == "end" and depth:
            depth -= 1
    return deepest


def tokenize(text: str, regions: Sequence[Span]) -> tuple[Tag, ...]:
    """The tags in ``regions`` of ``text``, in source order."""
    return tuple(tag for region in regions for tag in iter_tags(text, region.start, region.end))


def build(text: str, regions: Sequence[Span], tags: tuple[Tag, ...], lines: LineIndex) -> HtmlView:
    """Parse the HTML in ``regions`` of ``text``, whose tags are ``tags``."""
    if not any(tag.kind == "start" for tag in tags):
        return HtmlView(tags, (), ())
    from lxml import etree

    parser = etree.HTMLParser(recover=True, remove_blank_text=False)
    root = etree.fromstring(_masked(text, regions), parser)
    elements = _match(root, tags, lines) if root is not None else ()
    findings = tuple(
        Finding(
            "PL006",
            _error_span(lines, error.line),
            f"HTML not fully checked: {_limit(error.message)}; the parser skipped the rest "
            "of this HTML, so it was not checked",
        )
        for error in parser.error_log
        if error.type_name == "ERR_RESOURCE_LIMIT" or "limit" in error.message.lower()
    )
    return HtmlView(tags, elements, findings[:1])


def _masked(text: str, regions: Sequence[Span]) -> str:
    """The regions' text, each gap between them reduced to its line breaks (or one space)."""
    pieces: list[str] = []
    position = 0
    for region in regions:
        gap = text[position : region.start]
        breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
        pieces.append("\n" * breaks if breaks else (" " if gap else ""))
        pieces.append(_LINE_BREAK.sub("\n", text[region.start : region.end]))
        position = region.end
    return "".join(pieces)


def _match(root: etree._Element, tags: Sequence[Tag], lines: LineIndex) -> tuple[Element, ...]:
    starts = [tag for tag in tags if tag.kind == "start"]
    end_lines = [lines.position(tag.end - 1).line for tag in starts]
    cursor = 0
    elements: list[Element] = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue  # comments and processing instructions
        found: Tag | None = None
        for index in range(cursor, min(cursor + _LOOKAHEAD, len(starts))):
            if starts[index].name == node.tag and end_lines[index] == _line_of(node):
                found = starts[index]
                cursor = index + 1
                break
        elements.append(Element(node, found))
    return tuple(elements)


def _limit(message: str) -> str:
    """lxml's limit message, without its advice to the programmer (XML_PARSE_HUGE)."""
    if "depth" in message.lower():
        return "elements nest deeper than the parser's limit of 256"
    return "a text node is larger than the parser's limit of 10,000,000 characters"


def _line_of(node: etree._Element) -> int | None:
    line: object = node.sourceline  # lxml-stubs type it loosely
    return line if isinstance(line, int) else None


def _error_span(lines: LineIndex, line: int) -> Span:
    start = lines.line_start(max(line, 1))
    return Span(start, start)
