"""A run's diagnostics and facts, kept on disk while the run goes on.

An archive of 100,000 posts has over a million diagnostics and a hundred thousand posts'
facts: holding them would make memory grow with the archive. Both arrive encoded as JSON
(``postlint.diagnostics.encode``, as the worker that found them, or the cache, gave them) and
are appended to a temporary file; memory keeps only where each file's record is. Cross-file
diagnostics, known only at the end, are merged in when the diagnostics are read back.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby, pairwise
from operator import itemgetter

from postlint.diagnostics import Diagnostic, decode, encode
from postlint.rules import Facts

_IN_MEMORY = 8 * 1024 * 1024  # a small run never touches the disk


class _Records:
    """Text records in an anonymous temporary file, by path: appended, then read back."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(_IN_MEMORY)  # noqa: SIM115 (closed by close)
        self.paths: list[str] = []
        self._offsets = array("q")
        self._lengths = array("q")

    def append(self, path: str, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        self.paths.append(path)
        self._offsets.append(self._file.tell())
        self._lengths.append(len(data))
        self._file.write(data)

    def read(self, index: int) -> str:
        self._file.seek(self._offsets[index])
        text = self._file.read(self._lengths[index]).decode("utf-8", "surrogatepass")
        self._file.seek(0, 2)  # appends go on at the end
        return text

    def close(self) -> None:
        self._file.close()


class DiagnosticLog:
    """Append-only: each file's encoded diagnostics, then cross-file ones (in any order);
    iterate to read all of them sorted by path, line, column and code (each pass reads the
    file again)."""

    def __init__(self) -> None:
        self._files = _Records()  # one record a file, in the order of paths
        self._project = _Records()  # one record a cross-file diagnostic

    def append(self, path: str, encoded: str) -> None:
        """Add the diagnostics of ``path``, as ``encode`` gave them."""
        if encoded != "[]":
            self._files.append(path, encoded)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics in any order (cross-file findings)."""
        for diagnostic in diagnostics:
            self._project.append(diagnostic.path, encode([diagnostic]))

    def __iter__(self) -> Iterator[Diagnostic]:
        from postlint.engine import sort_key

        records = heapq.merge(_in_path_order(self._files, 0), _in_path_order(self._project, 1))
        for _, group in groupby(records, key=itemgetter(0)):
            diagnostics = []
            for _, kind, index in group:
                diagnostics += decode((self._files, self._project)[kind].read(index))
            if kind:  # cross-file diagnostics come after the file's own, and are sorted in
                diagnostics.sort(key=sort_key)
            yield from diagnostics

    def close(self) -> None:
        """Remove the temporary files."""
        self._files.close()
        self._project.close()


def _in_path_order(records: _Records, kind: int) -> Iterator[tuple[str, int, int]]:
    """``(path, kind, index)`` of each record, by path (the order of appending when it is)."""
    paths = records.paths
    in_order = all(a <= b for a, b in pairwise(paths))  # as the runner appends files
    order = range(len(paths)) if in_order else sorted(range(len(paths)), key=paths.__getitem__)
    return ((paths[index], kind, index) for index in order)


class FactsTable(Mapping[str, Facts]):
    """The facts of every file of a run, by path, on disk and read on access."""

    def __init__(self) -> None:
        self._records = _Records()
        self._index: dict[str, int] = {}

    def add(self, path: str, encoded: str) -> None:
        """Add the facts of ``path`` as JSON."""
        self._index[path] = len(self._records.paths)
        self._records.append(path, encoded)

    def __getitem__(self, path: str) -> Facts:
        facts: Facts = json.loads(self._records.read(self._index[path]))
        return facts

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
