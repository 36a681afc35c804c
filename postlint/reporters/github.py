"""The ``github`` format: GitHub Actions workflow commands that annotate the diff, and a
Markdown summary for ``$GITHUB_STEP_SUMMARY`` (GitHub shows only 10 annotations of each kind
per step; the summary counts them all).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from postlint.diagnostics import Diagnostic, Severity
from postlint.reporters.files import relative

if TYPE_CHECKING:
    from postlint.tally import Tally

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SHOWN_PER_KIND = 10
_TOP_FILES = 10


def write(diagnostics: Iterable[Diagnostic], out: TextIO, root: Path | None = None) -> None:
    """One ``::error file=…,line=…::message`` command per diagnostic (``warning``, ``notice``).

    Paths are made relative to ``root`` (default: the current folder). Columns are given only
    for a diagnostic on one line: GitHub rejects them when the start and end lines differ.
    """
    for d in diagnostics:
        out.write(_command(d, root) + "\n")


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


def summary(tally: Tally, files_checked: int, root: Path | None = None) -> str:
    """A Markdown summary of the counted diagnostics: problems per code (with name and
    severity), and the files with most problems, their paths relative to ``root`` as in
    ``write``."""
    if not tally.total:
        return f"## postlint\n\nNo problems found. Files checked: {files_checked}.\n"
    rules = sorted(tally.per_rule.items(), key=lambda item: (item[0][0], -item[0][2].rank))
    files = sorted(_per_relative_file(tally, root).items(), key=lambda item: (-item[1], item[0]))
    lines = [
        "## postlint",
        "",
        "| Code | Name | Severity | Problems |",
        "| --- | --- | --- | ---: |",
        *(
            f"| {_cell(code)} | {_cell(name)} | {severity.value} | {count} |"
            for (code, name, severity), count in rules
        ),
        f"| **Total** | | | **{tally.total}** |",
        "",
        "| File | Problems |",
        "| --- | ---: |",
        *(f"| {_cell(path)} | {count} |" for path, count in files[:_TOP_FILES]),
        "",
        f"Files checked: {files_checked}; with problems: {len(files)}"
        + (f" (the {_TOP_FILES} with most are listed)." if len(files) > _TOP_FILES else "."),
    ]
    if max(tally.per_severity().values()) > _SHOWN_PER_KIND:  # a kind per severity
        lines += [
            "",
            f"GitHub shows only the first {_SHOWN_PER_KIND} annotations of each kind "
            "(error, warning, notice); this summary counts them all.",
        ]
    return "\n".join(lines) + "\n"


def _per_relative_file(tally: Tally, root: Path | None) -> Counter[str]:
    """Problems per file, by path relative to ``root`` (paths that name one file add up)."""
    counts: Counter[str] = Counter()
    for path, count in tally.per_file.items():
        counts[relative(path, root).as_posix()] += count
    return counts


def _cell(text: str) -> str:
    """``text`` as a code span in a table cell: no Markdown in it is interpreted, ``|`` is
    escaped (GitHub tables split on it even in code spans) and line breaks become spaces."""
    text = re.sub(r"[\r\n]+", " ", text).replace("|", "\\|")
    fence = "`" * (1 + max((len(run) for run in re.findall("`+", text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
