"""The human formats: ``full`` (with the source line and a caret) and ``concise``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TextIO

from postlint.diagnostics import Diagnostic
from postlint.escape import one_line

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_WIDTH, _BEFORE = 100, 30  # a long source line is shown 100 characters wide, from 30 before


def write_concise(diagnostics: Iterable[Diagnostic], out: TextIO, colour: bool = False) -> None:
    """``path:line:col: CODE message``, one line each."""
    for d in diagnostics:
        out.write(_heading(d, colour) + "\n")


def write_full(
    diagnostics: Iterable[Diagnostic],
    out: TextIO,
    source_line: Callable[[str, int], str | None],
    colour: bool = False,
) -> None:
    """Each diagnostic with its source line and a caret under the offending text, then a blank
    line."""
    for d in diagnostics:
        out.write(_heading(d, colour) + "\n")
        line = source_line(d.path, d.line)
        if line is not None:
            out.write(_excerpt(d, line, colour))
        out.write("\n")


def _excerpt(d: Diagnostic, line: str, colour: bool) -> str:
    """The source line in a gutter, with a caret under the offending text."""
    gutter = " " * len(str(d.line))
    # One character for one: a tab, or a control character from an untrusted post, would
    # shift the caret or reach the terminal.
    shown, offset = _window(_CONTROL.sub("\ufffd", line.expandtabs(1)), d.column)
    width = (d.end_column - d.column) if d.end_line == d.line else len(line)
    caret = "^" * max(1, min(width, len(shown.removesuffix("…")) - offset))
    lines = (
        f"{gutter} |",
        f"{d.line} | {shown}",
        f"{gutter} | {' ' * offset}{_paint(caret, d, colour)}",
    )
    return "".join(line + "\n" for line in lines)


def _window(line: str, column: int) -> tuple[str, int]:
    """At most ``_WIDTH`` characters of a long line (minified HTML runs to thousands) around
    ``column``, with ``…`` where it is cut; and where the column falls in what is shown."""
    if len(line) <= _WIDTH:
        return line, column - 1
    start = max(0, min(column - 1 - _BEFORE, len(line) - _WIDTH))
    end = start + _WIDTH
    head = "…" if start else ""
    tail = "…" if end < len(line) else ""
    return head + line[start:end] + tail, column - 1 - start + len(head)


def _heading(d: Diagnostic, colour: bool) -> str:
    location = f"{one_line(d.path)}:{d.line}:{d.column}:"  # a file name is untrusted too
    if colour:
        return f"{_BOLD}{location}{_RESET} {_paint(d.code, d, colour)} {d.message}"
    return f"{location} {d.code} {d.message}"


def _paint(text: str, d: Diagnostic, colour: bool) -> str:
    return f"{_COLOURS[d.severity.value]}{text}{_RESET}" if colour else text
