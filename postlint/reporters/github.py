"""The ``github`` format: GitHub Actions workflow commands that annotate the diff, and a
Markdown summary for ``$GITHUB_STEP_SUMMARY`` (GitHub shows only 10 annotations of each kind
per step; the summary counts them all).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.diagnostics import Diagnostic, Severity
from postlint.reporters.files import relative

if TYPE_CHECKING:
    from postlint.api import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SHOWN_PER_KIND = 10
_TOP_FILES = 10


def render(report: Report, root: Path | None = None) -> str:
    """One ``::error file=…,line=…::message`` command per diagnostic (``warning``, ``notice``).

    Paths are made relative to ``root`` (default: the current folder). Columns are given only
    for a diagnostic on one line: GitHub rejects them when the start and end lines differ.
    """
    return "".join(_command(d, root) + "\n" for d in report.diagnostics)


def _command(d: Diagnostic, root: Path | None) -> str:
    properties: list[tuple[str, object]] = [("file", relative(d.path, root).as_posix())]
    if d.end_line == d.line:
        properties += [
            ("line", d.line),
            ("col", d.column),
            ("endLine", d.end_line),
            ("endColumn", d.end_column),
        ]
    else:
        properties += [("line", d.line), ("endLine", d.end_line)]
    properties.append(("title", f"{d.code} {d.name}"))
    listed = ",".join(f"{name}={_property(str(value))}" for name, value in properties)
    return f"::{_COMMANDS[d.severity]} {listed}::{_data(d.message)}"


def _data(text: str) -> str:
    """A command's message, escaped as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A command's property value: ``:`` and ``,`` would end it, so they are escaped too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def summary(report: Report, root: Path | None = None) -> str:
    """A Markdown summary: problems per code (with name and severity), and the files with
    most problems, their paths relative to ``root`` as in ``render``."""
    if not report.diagnostics:
        return f"## postlint\n\nNo problems found. Files checked: {report.files_checked}.\n"
    per_rule = Counter((d.code, d.name, d.severity) for d in report.diagnostics)
    per_file = Counter(relative(d.path, root).as_posix() for d in report.diagnostics)
    rules = sorted(per_rule.items(), key=lambda item: (item[0][0], -item[0][2].rank))
    files = sorted(per_file.items(), key=lambda item: (-item[1], item[0]))
    lines = [
        "## postlint",
        "",
        "| Code | Name | Severity | Problems |",
        "| --- | --- | --- | ---: |",
        *(
            f"| {_cell(code)} | {_cell(name)} | {severity.value} | {count} |"
            for (code, name, severity), count in rules
        ),
        f"| **Total** | | | **{len(report.diagnostics)}** |",
        "",
        "| File | Problems |",
        "| --- | ---: |",
        *(f"| {_cell(path)} | {count} |" for path, count in files[:_TOP_FILES]),
        "",
        f"Files checked: {report.files_checked}; with problems: {len(files)}"
        + (f" (the {_TOP_FILES} with most are listed)." if len(files) > _TOP_FILES else "."),
    ]
    kinds = Counter(_COMMANDS[d.severity] for d in report.diagnostics)
    if max(kinds.values()) > _SHOWN_PER_KIND:
        lines += [
            "",
            f"GitHub shows only the first {_SHOWN_PER_KIND} annotations of each kind "
            "(error, warning, notice); this summary counts them all.",
        ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """``text`` as a code span in a table cell: no Markdown in it is interpreted, ``|`` is
    escaped (GitHub tables split on it even in code spans) and line breaks become spaces."""
    text = re.sub(r"[\r\n]+", " ", text).replace("|", "\\|")
    fence = "`" * (1 + max((len(run) for run in re.findall("`+", text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
