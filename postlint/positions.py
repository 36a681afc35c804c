"""Offsets into a post's text and their 1-based line and column.

Every location in postlint is an absolute offset into the decoded text of a file. A line ends
at ``\\n``, ``\\r\\n`` or a lone ``\\r`` and at nothing else: U+2028, NEL and form feed are
ordinary characters here (``str.splitlines`` would split on them, so it is never used).
Columns count code points, and ends are exclusive, as in SARIF and ruff.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, count
from operator import add

_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of offsets into a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column (in code points)."""

    line: int
    column: int


class LineIndex:
    """Converts offsets to lines and columns for one text."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        self._starts = _line_starts(text)
        self._length = len(text)

    @property
    def line_count(self) -> int:
        """The number of lines, counting a last line that has no line break."""
        return len(self._starts)

    def position(self, offset: int) -> Position:
        """The line and column of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def line_start(self, line: int) -> int:
        """The offset where 1-based ``line`` starts (clamped to the text)."""
        if line > len(self._starts):
            return self._length
        return self._starts[max(line, 1) - 1]

    def line_span(self, line: int, text: str) -> Span:
        """The span of 1-based ``line`` in ``text`` without its line break."""
        start = self.line_start(line)
        end = self.line_start(line + 1) if line < len(self._starts) else self._length
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)


def _line_starts(text: str) -> list[int]:
    """The offsets where lines start: 0, then just after each line break."""
    if "\r" in text:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    # Only "\n" breaks, found without a Python step per line: line k starts after the
    # lines before it and their k breaks.
    lengths = map(len, text.split("\n")[:-1])
    return list(map(add, accumulate(lengths, initial=0), count()))
