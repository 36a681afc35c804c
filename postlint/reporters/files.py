"""The files of a report: their paths relative to a root, the diagnostics of each as they
stream past, and their source lines."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import attrgetter, itemgetter
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic

_LINES_CACHED = 16  # files: diagnostics arrive file by file, so a few recent ones suffice


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


def by_file(
    diagnostics: Iterable[Diagnostic], paths: Iterable[str] = ()
) -> Iterator[tuple[str, list[Diagnostic]]]:
    """Each file's diagnostics, by path in sorted order, with the ``paths`` that have none.

    ``diagnostics`` must be sorted by path, and ``paths`` sorted; a path may be in either or
    both. A file's diagnostics are read when it is reached, looking ahead no further than the
    next file's first diagnostic, so one file's are held at a time.
    """
    files_with_diagnostics = groupby(diagnostics, key=attrgetter("path"))
    files_checked = ((path, iter(())) for path in paths)
    merged = heapq.merge(files_with_diagnostics, files_checked, key=itemgetter(0))
    for path, entries in groupby(merged, key=itemgetter(0)):
        yield path, [diagnostic for _, group in entries for diagnostic in group]


@lru_cache(maxsize=_LINES_CACHED)
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
