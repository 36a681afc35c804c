"""A run's diagnostics, kept on disk while the run goes on, and read back in output order.

An archive of 100,000 posts has over a million diagnostics: holding them would make memory
grow with the archive. Each file's diagnostics arrive encoded (``postlint.diagnostics.encode``,
as the worker that found them, or the cache, gave them) and are appended to a temporary file;
cross-file diagnostics, known only at the end, are merged in when the log is read.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator

from postlint.diagnostics import Diagnostic, decode

_IN_MEMORY = 8 * 1024 * 1024  # a small run never touches the disk


class DiagnosticLog:
    """Append-only: each file's encoded diagnostics, then cross-file ones; iterate to read all
    of them sorted by path, line, column and code (each pass reads the file again)."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(_IN_MEMORY)  # noqa: SIM115 (closed by close)
        self._index: list[tuple[str, int, int]] = []  # path, offset, length
        self._project: dict[str, list[Diagnostic]] = defaultdict(list)

    def append(self, path: str, encoded: str) -> None:
        """Add the diagnostics of ``path``, as ``encode`` gave them."""
        if encoded != "[]":
            data = encoded.encode("ascii")
            self._index.append((path, self._file.tell(), len(data)))
            self._file.write(data)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics in any order (cross-file findings)."""
        for diagnostic in diagnostics:
            self._project[diagnostic.path].append(diagnostic)

    def __iter__(self) -> Iterator[Diagnostic]:
        from postlint.engine import sort_key

        only_project = set(self._project) - {path for path, _, _ in self._index}
        for path, offset, length in sorted([*self._index, *((p, 0, 0) for p in only_project)]):
            diagnostics = self._read(offset, length) if length else []
            extra = self._project.get(path)
            if extra:
                diagnostics = sorted([*diagnostics, *extra], key=sort_key)
            yield from diagnostics

    def _read(self, offset: int, length: int) -> list[Diagnostic]:
        self._file.seek(offset)
        diagnostics = decode(self._file.read(length).decode("ascii"))
        self._file.seek(0, 2)  # appends go on at the end
        return diagnostics

    def close(self) -> None:
        """Remove the temporary file."""
        self._file.close()
