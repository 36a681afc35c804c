"""Output formats: one module per format, ``write`` to stream a run's diagnostics in one of
them, and ``render`` for a report's output as text.

The modules are imported when output is written, not when postlint starts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic
    from postlint.reporters.fingerprint import SourceLine
    from postlint.runner import Report

FORMATS = (
    "full", "concise", "grouped", "json", "json-lines",
    "github", "gitlab", "sarif", "junit", "checkstyle",
)  # fmt: skip


def write(
    output_format: str,
    diagnostics: Iterable[Diagnostic],
    paths: Sequence[str],
    out: TextIO,
    *,
    source_line: SourceLine | None = None,
    colour: bool = False,
) -> None:
    """Write ``diagnostics`` in ``output_format`` to ``out``, file by file as they come; raises
    ValueError for an unknown format.

    ``diagnostics`` are read once, and must be sorted by path (then line, column and code);
    ``paths``, every file checked, sorted, are listed by the formats that show clean files.
    """
    from postlint.reporters import (
        checkstyle,
        github,
        gitlab,
        grouped,
        json_lines,
        junit,
        sarif,
        text,
    )
    from postlint.reporters import json as json_format
    from postlint.reporters.files import read_source_line

    read_line = source_line or read_source_line
    writers: dict[str, Callable[[], None]] = {
        "full": lambda: text.write_full(diagnostics, out, read_line, colour),
        "concise": lambda: text.write_concise(diagnostics, out, colour),
        "grouped": lambda: grouped.write(diagnostics, out),
        "json": lambda: json_format.write(diagnostics, out),
        "json-lines": lambda: json_lines.write(diagnostics, out),
        "github": lambda: github.write(diagnostics, out),
        "gitlab": lambda: gitlab.write(diagnostics, out, read_line),
        "sarif": lambda: sarif.write(diagnostics, out, read_line),
        "junit": lambda: junit.write(diagnostics, paths, out),
        "checkstyle": lambda: checkstyle.write(diagnostics, paths, out),
    }
    if output_format not in writers:
        expected = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {output_format!r}; expected one of {expected}")
    writers[output_format]()


def render(
    output_format: str,
    report: Report,
    *,
    source_line: SourceLine | None = None,
    colour: bool = False,
) -> str:
    """``report`` in ``output_format``; raises ValueError for an unknown format."""
    text = io.StringIO()
    write(
        output_format,
        report.diagnostics,
        report.paths,
        text,
        source_line=source_line,
        colour=colour,
    )
    return text.getvalue()
