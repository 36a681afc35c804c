"""The Markdown body seen through markdown-it-py: where raw HTML and images are, code skipped.

Block parsing runs on every Markdown post; inline parsing, which costs more, runs only on the
paragraphs that can hold inline HTML or an image (those containing ``<`` or ``![``). Inline
tokens carry no positions, so each one is found again in its block's lines with a cursor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from postlint.positions import LineIndex, Span


@dataclass(frozen=True, slots=True)
class MarkdownImage:
    """``![alt](src)``: the span from ``!`` to the closing parenthesis (or the line's end)."""

    span: Span
    src: str
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
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")


def scan(text: str, body_start: int, lines: LineIndex) -> MarkdownView:
    """Scan the Markdown body of ``text`` that starts at ``body_start`` (a line start)."""
    first_line = lines.position(body_start).line
    source = "\n" * (first_line - 1) + text[body_start:]
    md = _parser()
    env: dict[str, object] = {}
    tokens = md.parse(source, env)
    blocks: list[Block] = []
    html: list[Span] = []
    images: list[MarkdownImage] = []
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        span = Span(lines.line_start(token.map[0] + 1), _lines_end(text, lines, token.map[1]))
        if token.level == 0 and not token.type.endswith("_close"):
            blocks.append(_block(token, tokens, index, span))
        if token.type == "html_block":
            html.append(span)
        elif token.type == "inline" and ("<" in token.content or "![" in token.content):
            children: list[Token] = []
            md.inline.parse(token.content, md, env, children)
            _locate_inline(text, span, children, html, images)
    return MarkdownView(tuple(blocks), tuple(sorted(html, key=lambda s: s.start)), tuple(images))


def _block(token: Token, tokens: list[Token], index: int, span: Span) -> Block:
    kind = token.type.removesuffix("_open")
    level = int(token.tag[1]) if kind == "heading" else 0
    if kind in ("heading", "paragraph") and index + 1 < len(tokens):
        return Block(kind, span, level, tokens[index + 1].content)
    return Block(kind, span, level, token.content)


def _lines_end(text: str, lines: LineIndex, end_line: int) -> int:
    """The offset where 0-based ``end_line`` starts, without the line break before it."""
    end = lines.line_start(end_line + 1) if end_line < lines.line_count else len(text)
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def _locate_inline(
    text: str, region: Span, children: list[Token], html: list[Span], images: list[MarkdownImage]
) -> None:
    """Find each inline HTML tag and image of a paragraph in its source lines, in order."""
    cursor = region.start
    for child in children:
        if child.type == "html_inline":
            start = text.find(child.content, cursor, region.end)
            end = start + len(child.content)
            if start == -1:  # a tag over several lines, whose indentation markdown dropped
                start = text.find(child.content.split(None, 1)[0], cursor, region.end)
                end = text.find(">", start, region.end) + 1
            if start != -1 and end > start:
                html.append(Span(start, end))
                cursor = end
        elif child.type == "image":
            start = text.find("![", cursor, region.end)
            if start != -1:
                close = text.find(")", start, region.end)
                end = close + 1 if close != -1 else region.end
                alt = "".join(grandchild.content for grandchild in child.children or [])
                images.append(MarkdownImage(Span(start, end), str(child.attrs.get("src", "")), alt))
                cursor = end
        elif child.type in ("code_inline", "text") and child.content:
            found = text.find(child.content, cursor, region.end)
            if found != -1:
                cursor = found + len(child.content)
