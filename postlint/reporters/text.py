"""The human formats: ``full`` (with the source line and a caret) and ``concise``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from postlint.diagnostics import Diagnostic

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def concise(diagnostics: Sequence[Diagnostic], colour: bool = False) -> str:
    """``path:line:col: CODE message``, one line each."""
    return "".join(_heading(d, colour) + "\n" for d in diagnostics)


def full(
    diagnostics: Sequence[Diagnostic],
    source_line: Callable[[str, int], str | None],
    colour: bool = False,
) -> str:
    """Each diagnostic with its source line and a caret under the offending text."""
    out: list[str] = []
    for d in diagnostics:
        out.append(_heading(d, colour))
        line = source_line(d.path, d.line)
        if line is not None:
            gutter = " " * len(str(d.line))
            width = (d.end_column - d.column) if d.end_line == d.line else len(line) - d.column + 1
            caret = "^" * max(1, min(width, max(1, len(line) - d.column + 1)))
            shown = line.expandtabs(1)
            out += [
                f"{gutter} |",
                f"{d.line} | {shown}",
                f"{gutter} | {' ' * (d.column - 1)}{_paint(caret, d, colour)}",
            ]
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _heading(d: Diagnostic, colour: bool) -> str:
    location = f"{d.path}:{d.line}:{d.column}:"
    if colour:
        return f"{_BOLD}{location}{_RESET} {_paint(d.code, d, colour)} {d.message}"
    return f"{location} {d.code} {d.message}"


def _paint(text: str, d: Diagnostic, colour: bool) -> str:
    return f"{_COLOURS[d.severity.value]}{text}{_RESET}" if colour else text
