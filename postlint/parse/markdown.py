"""The Markdown body seen through markdown-it-py: where raw HTML and images are, code skipped.

Block parsing runs on every Markdown post; inline parsing, which costs more, runs only on the
paragraphs that can hold inline HTML or an image (those containing ``<`` or ``![``). Inline
tokens carry no positions, so each one is found again in its block's lines with a cursor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from postlint.parse.flat import Piece, flat_pieces
from postlint.positions import LineIndex, Span


@dataclass(frozen=True, slots=True)
class MarkdownImage:
    """``![alt](src)``: the span from ``!`` to the closing parenthesis, and the URL as written
    (``url`` empty and ``url_span`` None for a reference-style image)."""

    span: Span
    url: str
    url_span: Span | None
    alt: str


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block: its markdown-it type, its lines' span, and its inline source."""

    type: str  # heading, html_block, paragraph, fence, ...
    span: Span
    level: int  # heading level, 0 otherwise
    inline: str  # the inline content of headings and paragraphs; a html_block's text


@dataclass(frozen=True, slots=True)
class MarkdownView:
    """Top-level blocks, the spans of raw HTML (blocks and inline tags), and images."""

    blocks: tuple[Block, ...]
    html: tuple[Span, ...]
    images: tuple[MarkdownImage, ...]


@cache
def _parser(emphasis: bool = False) -> MarkdownIt:
    """CommonMark, block rules only (inline parsing is asked for where needed).

    The scanner leaves out what cannot hide HTML or code: GFM tables (their rows are read as
    paragraphs, whose inline HTML is found all the same; the table rule alone costs a fifth
    of the block parse) and emphasis. Headings are read with emphasis, for their text.
    """
    md = MarkdownIt("commonmark").disable("inline")
    if not emphasis:
        md.disable(["emphasis"])
    # Keep javascript: and data: links and images: kramdown renders them, and they are
    # exactly what IMG007 and HTM003 look for (markdown-it drops them by default).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def scan(text: str, body_start: int, lines: LineIndex) -> MarkdownView:
    """Scan the Markdown body of ``text`` that starts at ``body_start`` (a line start)."""
    first_line = lines.position(body_start).line
    md = _parser()
    env: dict[str, object] = {}
    pieces = flat_pieces(text[body_start:], first_line - 1)
    if pieces is None:  # containers or definitions: markdown-it reads the blocks
        tokens = md.parse("\n" * (first_line - 1) + text[body_start:], env)
        pieces = list(_pieces(tokens))
    references = _references(text, lines, env)
    blocks: list[Block] = []
    html: list[Span] = []
    images: list[MarkdownImage] = []
    for piece in pieces:
        span = Span(lines.line_start(piece.first + 1), _lines_end(text, lines, piece.end))
        if piece.top:
            blocks.append(Block(piece.kind, span, piece.level, piece.content))
        if piece.kind == "html_block":
            html.append(span)
        elif piece.inline_end is not None and ("<" in piece.content or "![" in piece.content):
            children: list[Token] = []
            md.inline.parse(piece.content, md, env, children)
            region = Span(span.start, _lines_end(text, lines, piece.inline_end))
            _locate_inline(text, region, children, references, (html, images))
    return MarkdownView(tuple(blocks), tuple(sorted(html, key=lambda s: s.start)), tuple(images))


def _pieces(tokens: list[Token]) -> Iterator[Piece]:
    """markdown-it's tokens as pieces: the blocks that have lines, with their inline source."""
    for index, token in enumerate(tokens):
        if token.map is None or token.type == "inline" or token.type.endswith("_close"):
            continue
        first, end = token.map
        kind = token.type.removesuffix("_open")
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind in ("heading", "paragraph") and following is not None and following.map:
            level = int(token.tag[1]) if kind == "heading" else 0
            top = token.level == 0
            yield Piece(kind, first, end, level, following.content, top, following.map[1])
        elif token.level == 0 or kind == "html_block":
            yield Piece(kind, first, end, 0, token.content, token.level == 0)


def inline_text(source: str) -> tuple[str, bool]:
    """The text a reader sees in inline Markdown, and whether it is one link as a whole."""
    plain = _PLAIN_LINK.fullmatch(source.strip())
    if plain:  # the common case of a mirror's [title](url), read without markdown-it
        return plain.group(1), True
    md = _parser(emphasis=True)
    tokens: list[Token] = []
    md.inline.parse(source.strip(), md, {}, tokens)
    pieces = []
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            pieces.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    one_link = (
        bool(tokens)
        and tokens[0].type == "link_open"
        and tokens[-1].type == "link_close"
        and sum(token.type == "link_open" for token in tokens) == 1
    )
    return "".join(pieces), one_link


def _lines_end(text: str, lines: LineIndex, end_line: int) -> int:
    """The offset where 0-based ``end_line`` starts, without the line break before it."""
    end = lines.line_start(end_line + 1) if end_line < lines.line_count else len(text)
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def _references(text: str, lines: LineIndex, env: dict[str, object]) -> dict[str, tuple[str, Span]]:
    """Reference definitions (``[label]: url``): each label's URL as written, and its span."""
    found: dict[str, tuple[str, Span]] = {}
    definitions = env.get("references")
    if not isinstance(definitions, dict):
        return found
    for label, definition in definitions.items():
        first, last = definition["map"]
        start, end = lines.line_start(first + 1), _lines_end(text, lines, last)
        target = _DEFINITION.search(text, start, end)
        if target is not None:
            group = 1 if target.group(1) is not None else 2
            found[label] = (target.group(group), Span(target.start(group), target.end(group)))
    return found


def _locate_inline(
    text: str,
    region: Span,
    children: list[Token],
    references: dict[str, tuple[str, Span]],
    found: tuple[list[Span], list[MarkdownImage]],
) -> None:
    """Find each inline HTML tag and image of a paragraph in its source lines, in order.

    A raw-text element (``<script>…</script>``) becomes one span from its start tag to its
    end tag: a browser reads what is between as text, though Markdown sees tags in it.
    """
    html, images = found
    cursor = region.start
    raw_text: tuple[str, Span] | None = None  # an open raw-text element and its start tag
    for child in children:
        if child.type == "html_inline":
            start = text.find(child.content, cursor, region.end)
            end = start + len(child.content)
            if start == -1:  # a tag over several lines, whose indentation markdown dropped
                start = text.find(child.content.split(None, 1)[0], cursor, region.end)
                end = text.find(">", start, region.end) + 1
            if start == -1 or end <= start:
                continue
            cursor = end
            opened = _RAW_TEXT_START.match(child.content)
            if raw_text is None and opened:
                raw_text = (opened.group(1).lower(), Span(start, end))
            elif raw_text is None:
                html.append(Span(start, end))
            elif child.content.lower().startswith("</" + raw_text[0]):
                html.append(Span(raw_text[1].start, end))
                raw_text = None
        elif child.type == "image":
            start = text.find("![", cursor, region.end)
            if start != -1:
                alt = "".join(grandchild.content for grandchild in child.children or [])
                image = _image_at(text, start, region.end, alt, references)
                images.append(image)
                cursor = image.span.end
        elif child.type in ("code_inline", "text") and child.content:
            at = text.find(child.content, cursor, region.end)
            if at != -1:
                cursor = at + len(child.content)
    if raw_text is not None:  # never closed in this paragraph: its start tag still counts
        html.append(raw_text[1])


_RAW_TEXT_START = re.compile(
    r"<(script|style|textarea|title|xmp|iframe|noembed|noframes)(?=[\s/>])(?![^>]*/>)", re.I
)
# A link whose text has nothing Markdown would change (no escapes, code, emphasis, entities).
_PLAIN_LINK = re.compile(r"\[([^\[\]\\`*_&<!]*)\]\([^\s()<>]*\)")
_DEFINITION = re.compile(r"\]:\s*(?:<([^<>\n]*)>|(\S+))")
_DESTINATION = re.compile(r"\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))")


def _image_at(
    text: str, start: int, limit: int, alt: str, references: dict[str, tuple[str, Span]]
) -> MarkdownImage:
    """The image whose ``![`` is at ``start``: its closing ``]`` is found by bracket depth,
    then its destination (``<…>`` or a run with balanced parentheses) and closing ``)``; a
    reference-style image takes its URL, and the URL's span, from the definition."""
    depth, position = 0, start + 1
    while position < limit:
        char = text[position]
        if char == "\\":
            position += 1
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                break
        position += 1
    destination = _DESTINATION.match(text, position + 1, limit)
    if destination is None:  # a reference-style image: ![alt][label], ![alt][] or ![alt]
        label, end = text[start + 2 : position], position + 1
        if text.startswith("[", end):
            close = text.find("]", end, limit)
            if close != -1:
                label, end = text[end + 1 : close] or label, close + 1
        url, url_span = references.get(normalizeReference(label), ("", None))
        return MarkdownImage(Span(start, min(end, limit)), url, url_span, alt)
    group = 1 if destination.group(1) is not None else 2
    close = text.find(")", destination.end(), limit)
    end = close + 1 if close != -1 else limit
    url_span = Span(destination.start(group), destination.end(group))
    return MarkdownImage(Span(start, end), destination.group(group), url_span, alt)
