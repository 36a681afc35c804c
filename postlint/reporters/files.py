"""The files of a report: their paths relative to a root, and the diagnostics of each."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.api import Report
    from postlint.diagnostics import Diagnostic


def relative(path: str, root: Path | None = None) -> PurePath:
    """``path`` relative to ``root`` (default: the current folder), ``.`` parts dropped.

    A relative path is kept as it is; an absolute path outside ``root`` stays absolute.
    """
    pure = PurePath(path)
    if not pure.is_absolute():
        return pure
    try:
        return pure.relative_to(Path.cwd() if root is None else root)
    except ValueError:
        return pure


def by_file(report: Report, *, clean: bool = True) -> dict[str, list[Diagnostic]]:
    """Each file's diagnostics, by path in sorted order; with ``clean``, also checked files
    that have none."""
    groups: dict[str, list[Diagnostic]] = {path: [] for path in report.paths} if clean else {}
    for diagnostic in report.diagnostics:
        groups.setdefault(diagnostic.path, []).append(diagnostic)
    return dict(sorted(groups.items()))


@cache
def _lines(path: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    """The lines of a file as it was at ``stamp`` (its mtime and size)."""
    from postlint.positions import LineIndex
    from postlint.source import decode, read_bytes

    data = read_bytes(path, 50_000_000)
    if not isinstance(data, bytes):
        return ()
    text = decode(data).text
    index = LineIndex(text)
    spans = (index.line_span(n, text) for n in range(1, index.line_count + 1))
    return tuple(text[span.start : span.end] for span in spans)


def read_source_line(path: str, line: int) -> str | None:
    """The text of 1-based ``line`` of the file at ``path`` (for carets and fingerprints)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    lines = _lines(path, (info.st_mtime_ns, info.st_size))
    return lines[line - 1] if 0 < line <= len(lines) else None
