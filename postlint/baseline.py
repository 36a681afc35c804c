"""Baselines: adopt postlint on an archive today, and fail only on new problems.

A baseline records the current findings, keyed by (file, code, a hash of the offending
source line's text) with a count, so it survives lines moving. Checking against it
suppresses up to that many findings per key and reports the rest; writing it again after
fixes shrinks it. Paths are stored relative to the baseline file's folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from postlint.diagnostics import Diagnostic

FORMAT = 1
Key = tuple[str, str, str]
SourceLine = Callable[[str, int], str | None]


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def _key(diagnostic: Diagnostic, folder: Path, source_line: SourceLine) -> Key:
    text = (source_line(diagnostic.path, diagnostic.line) or "").strip()
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    path = Path(os.path.relpath(os.path.abspath(diagnostic.path), folder)).as_posix()
    return path, diagnostic.code, digest


def write(path: Path, diagnostics: Iterable[Diagnostic], source_line: SourceLine) -> int:
    """Record ``diagnostics`` in the baseline at ``path``; returns how many were recorded."""
    folder = path.resolve().parent
    counts = Counter(_key(d, folder, source_line) for d in diagnostics)
    entries = [
        {"path": p, "code": code, "line": digest, "count": n}
        for (p, code, digest), n in sorted(counts.items())
    ]
    data = {"postlint-baseline": FORMAT, "entries": entries}
    temporary = path.with_name(path.name + ".tmp")
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    # A file name that is not UTF-8 holds lone surrogates: written back as its own bytes.
    temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
    os.replace(temporary, path)
    return sum(counts.values())


def apply(
    path: Path, diagnostics: Iterable[Diagnostic], source_line: SourceLine
) -> Iterator[Diagnostic]:
    """The diagnostics the baseline at ``path`` does not cover, as they pass (the baseline is
    read at once: a bad one raises BaselineError here, not half way through the output)."""
    allowed = _read(path)
    folder = path.resolve().parent

    def uncovered() -> Iterator[Diagnostic]:
        for diagnostic in diagnostics:
            key = _key(diagnostic, folder, source_line)
            if allowed[key] > 0:
                allowed[key] -= 1
            else:
                yield diagnostic

    return uncovered()


def _read(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
        if data.get("postlint-baseline") != FORMAT:
            raise ValueError("not a postlint baseline of this version")
        return Counter(
            {(e["path"], e["code"], e["line"]): int(e["count"]) for e in data["entries"]}
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from error
