"""Output formats: one module per format, and ``render`` to choose among them.

The modules are imported when output is rendered, not when postlint starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.reporters.fingerprint import SourceLine
    from postlint.runner import Report

FORMATS = (
    "full", "concise", "grouped", "json", "json-lines",
    "github", "gitlab", "sarif", "junit", "checkstyle",
)  # fmt: skip


def render(
    output_format: str,
    report: Report,
    *,
    source_line: SourceLine | None = None,
    colour: bool = False,
) -> str:
    """``report`` in ``output_format``; raises ValueError for an unknown format."""
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

    source_line = source_line or read_source_line
    if output_format == "full":
        return text.full(report.diagnostics, source_line, colour)
    renderers = {
        "concise": lambda: text.concise(report.diagnostics, colour),
        "grouped": lambda: grouped.render(report),
        "json": lambda: json_format.render(report.diagnostics),
        "json-lines": lambda: json_lines.render(report),
        "github": lambda: github.render(report),
        "gitlab": lambda: gitlab.render(report, source_line),
        "sarif": lambda: sarif.render(report, source_line),
        "junit": lambda: junit.render(report),
        "checkstyle": lambda: checkstyle.render(report),
    }
    if output_format not in renderers:
        expected = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {output_format!r}; expected one of {expected}")
    return renderers[output_format]()
