"""Fingerprints that follow a diagnostic across runs, for CI systems that track problems.

A fingerprint hashes the file's path, the rule's code, the offending source line (stripped)
and the diagnostic's index among those with the same three: editing elsewhere in the file,
or moving the offending line, keeps it; fixing or changing the line changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from postlint.diagnostics import Diagnostic
from postlint.reporters.files import relative

SourceLine = Callable[[str, int], str | None]
"""The text of a file's 1-based line, or None when it cannot be read."""


def fingerprints(
    diagnostics: Sequence[Diagnostic],
    source_line: SourceLine | None = None,
    root: Path | None = None,
) -> list[str]:
    """One fingerprint per diagnostic, unique within ``diagnostics``.

    Without a source line (no ``source_line``, or it returns None) the message stands in.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for d in diagnostics:
        line = source_line(d.path, d.line) if source_line else None
        key = (
            relative(d.path, root).as_posix(),
            d.code,
            d.message if line is None else line.strip(),
        )
        data = json.dumps([*key, seen[key]], ensure_ascii=False).encode("utf-8", "surrogatepass")
        result.append(hashlib.sha256(data).hexdigest())
        seen[key] += 1
    return result
