"""Fingerprints that follow a diagnostic across runs, for CI systems that track problems.

A fingerprint hashes the file's path, the rule's code, the offending source line (stripped)
and the diagnostic's index among those with the same three: editing elsewhere in the file,
or moving the offending line, keeps it; fixing or changing the line changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from postlint.diagnostics import Diagnostic
from postlint.reporters.files import relative

SourceLine = Callable[[str, int], str | None]
"""The text of a file's 1-based line, or None when it cannot be read."""


def fingerprinted(
    diagnostics: Iterable[Diagnostic],
    source_line: SourceLine | None = None,
    root: Path | None = None,
) -> Iterator[tuple[Diagnostic, str]]:
    """Each diagnostic with its fingerprint, as it passes.

    ``diagnostics`` are sorted by path, and the indices counted file by file, so fingerprints
    are unique among them unless one file is reported under two spellings of its path (``a.md``
    and ``./a.md``). Without a source line (no ``source_line``, or it returns None) the message
    stands in.
    """
    for path, in_file in groupby(diagnostics, key=attrgetter("path")):
        seen: Counter[tuple[str, str, str]] = Counter()
        relative_path = relative(path, root).as_posix()
        for d in in_file:
            line = source_line(d.path, d.line) if source_line else None
            key = (relative_path, d.code, d.message if line is None else line.strip())
            yield d, _digest(key, seen[key])
            seen[key] += 1


def _digest(key: tuple[str, str, str], index: int) -> str:
    data = json.dumps([*key, index], ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
