"""A fast block scanner for Markdown without containers: most mirrored posts.

markdown-it-py's block parser costs more than everything else a post needs (it tries eleven
rules at every line). A post with no block quotes, no list items, no leading tabs and no link
reference definitions is a flat run of paragraphs, headings, fences, indented code, HTML
blocks and rules; this module reads such a post line by line, applying markdown-it's own
rules (the same HTML-block patterns, the same paragraph interruptions, setext before
paragraph), and gives the blocks markdown-it would. Any other post returns None, and
markdown-it parses it: the two agree on every post the scanner accepts (tested against
markdown-it on generated posts and on the corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.html_block import HTML_SEQUENCES

# A line that may start a block quote or list item (any indentation), or leading tabs.
_CONTAINER_OR_TAB = re.compile(r"^[ \t]*(?:>|[-*+](?:[ \t]|$)|[0-9]+[.)](?:[ \t]|$))|^ *\t", re.M)
_DEFINITION_START = re.compile(r"^[ \t]*\[", re.M)
_NEWLINES = re.compile(r"\r\n?")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)", re.S)
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*")


@dataclass(frozen=True, slots=True)
class Piece:
    """A block as markdown-it gives it: its type, its lines (0-based, end exclusive), its
    heading level, its content (the inline source of a paragraph or heading), whether it is
    at the top level, and where its inline source ends (a setext heading's underline is not
    part of it); ``inline_end`` is None for blocks without inline content."""

    kind: str
    first: int
    end: int
    level: int
    content: str
    top: bool = True
    inline_end: int | None = None


def flat_pieces(body: str, first_line: int) -> list[Piece] | None:
    """The blocks of ``body`` (whose first line is 0-based ``first_line``), or None when it
    may hold containers, leading tabs or reference definitions."""
    if "\r" in body:
        body = _NEWLINES.sub("\n", body)
    if "\0" in body:
        body = body.replace("\0", "\ufffd")
    if _CONTAINER_OR_TAB.search(body) or ("]:" in body and _DEFINITION_START.search(body)):
        return None
    return _Scanner(body, first_line).pieces()


class _Scanner:
    """markdown-it's block rules for a document with no containers (block indent 0)."""

    def __init__(self, body: str, first_line: int) -> None:
        self.lines = body.split("\n")
        self.breaks = len(self.lines) - 1  # the lines before the last end in a line break
        if not self.lines[-1].strip(" "):
            self.lines.pop()  # markdown-it has no line after a final break, nor a last blank one
        self.offset = first_line
        self.found: list[Piece] = []

    def pieces(self) -> list[Piece]:
        lines, line = self.lines, 0
        while line < len(lines):
            text = lines[line].lstrip(" ")
            if not text:
                line += 1
            elif len(lines[line]) - len(text) >= 4:
                line = self._code(line)
            else:
                line = self._block(line, text)
        return self.found

    def _block(self, line: int, text: str) -> int:
        first = text[0]
        if first in "`~" and _opens_fence(text):
            return self._fence(line, text)
        if first in "*-_" and _is_rule(text):
            return self._add("hr", line, line + 1, "")
        if first == "<":
            end = self._html_block(line, text)
            if end is not None:
                return self._add("html_block", line, end, self._text(line, end, 0, True))
        if first == "#" and _ATX.match(text):
            return self._atx_heading(line, text)
        return self._paragraph(line)

    def _add(
        self, kind: str, first: int, end: int, content: str, *, level: int = 0, inline: int = 0
    ) -> int:
        """Record a block (``inline``: where its inline source ends, 0 for none); returns the
        line after it."""
        inline_end = self.offset + inline if inline else None
        at = self.offset
        self.found.append(Piece(kind, at + first, at + end, level, content, True, inline_end))
        return end

    def _indent(self, line: int) -> int:
        text = self.lines[line]
        return len(text) - len(text.lstrip(" "))

    def _blank(self, line: int) -> bool:
        return not self.lines[line].strip(" ")

    def _code(self, line: int) -> int:
        last = after = line + 1
        while after < len(self.lines):
            if self._blank(after):
                after += 1
            elif self._indent(after) >= 4:
                after += 1
                last = after
            else:
                break
        return self._add("code_block", line, last, self._text(line, last, 4, False) + "\n")

    def _fence(self, line: int, text: str) -> int:
        marker = _FENCE.match(text)
        assert marker is not None
        run = len(marker.group(1))
        after, closed = line + 1, False
        while after < len(self.lines):
            candidate = self.lines[after].lstrip(" ")
            if candidate[:1] == text[0] and self._indent(after) < 4:
                length = len(candidate) - len(candidate.lstrip(text[0]))
                if length >= run and not candidate[length:].strip(" \t"):
                    closed = True
                    break
            after += 1
        content = self._text(line + 1, after, self._indent(line), True)
        return self._add("fence", line, after + 1 if closed else after, content)

    def _html_block(self, line: int, text: str) -> int | None:
        """Where the HTML block starting at ``line`` ends, or None if none starts there."""
        sequence = next((s for s in HTML_SEQUENCES if s[0].search(text)), None)
        if sequence is None:
            return None
        end_pattern = sequence[1]
        after = line + 1
        if not end_pattern.search(text):
            while after < len(self.lines):
                candidate = self.lines[after].lstrip(" ")
                if end_pattern.search(candidate):
                    if candidate:
                        after += 1
                    break
                after += 1
        return after

    def _atx_heading(self, line: int, text: str) -> int:
        level = len(text) - len(text.lstrip("#"))
        end = len(text.rstrip(" \t"))
        closing = len(text[:end].rstrip("#"))
        if level < closing < end and text[closing - 1] in " \t":
            end = closing
        content = mdTrim(text[level:end])
        return self._add("heading", line, line + 1, content, level=level, inline=line + 1)

    def _paragraph(self, line: int) -> int:
        """A paragraph, or a setext heading when an underline comes before its end."""
        after = line + 1
        while after < len(self.lines) and not self._blank(after):
            if self._indent(after) > 3:
                after += 1
                continue
            text = self.lines[after].lstrip(" ")
            if text[0] in "=-" and _SETEXT.fullmatch(text):
                content = mdTrim(self._text(line, after, 0, False))
                level = 1 if text[0] == "=" else 2
                return self._add("heading", line, after + 1, content, level=level, inline=after)
            if _interrupts(text):
                break
            after += 1
        content = mdTrim(self._text(line, after, 0, False))
        return self._add("paragraph", line, after, content, inline=after)

    def _text(self, first: int, end: int, indent: int, keep_last_break: bool) -> str:
        """markdown-it's ``getLines``: the lines, less up to ``indent`` leading spaces."""
        pieces = []
        for line in range(first, end):
            text = self.lines[line]
            strip = min(indent, len(text) - len(text.lstrip(" ")))
            wanted = keep_last_break or line + 1 < end
            pieces.append(text[strip:] + ("\n" if wanted and line < self.breaks else ""))
        return "".join(pieces)


def _opens_fence(text: str) -> bool:
    marker = _FENCE.match(text)
    return marker is not None and not (text[0] == "`" and "`" in marker.group(2))


def _is_rule(text: str) -> bool:
    marker = text[0]
    rest = text.replace(marker, "")
    return len(text) - len(rest) >= 3 and not rest.strip(" \t")


def _interrupts(text: str) -> bool:
    """Whether a line (indented less than four) ends the paragraph before it: a fence, a
    rule, an HTML block of kinds 1 to 6, or an ATX heading (no lists or quotes here)."""
    first = text[0]
    if first in "`~":
        return _opens_fence(text)
    if first in "*-_":
        return _is_rule(text)
    if first == "<":
        sequence = next((s for s in HTML_SEQUENCES if s[0].search(text)), None)
        return sequence is not None and sequence[2]
    return first == "#" and _ATX.match(text) is not None
