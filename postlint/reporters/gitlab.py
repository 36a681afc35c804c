"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from postlint.diagnostics import Diagnostic, Severity
from postlint.reporters.files import relative
from postlint.reporters.fingerprint import SourceLine, fingerprinted
from postlint.reporters.json import write_array

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def write(
    diagnostics: Iterable[Diagnostic],
    out: TextIO,
    source_line: SourceLine | None = None,
    root: Path | None = None,
) -> None:
    """The diagnostics as Code Quality issues, paths relative to ``root`` (default: the
    current folder); ``source_line`` reads the offending lines for the fingerprints."""
    issues = (
        _issue(d, fingerprint, root)
        for d, fingerprint in fingerprinted(diagnostics, source_line, root)
    )
    write_array(issues, out)
    out.write("\n")


def _issue(d: Diagnostic, fingerprint: str, root: Path | None) -> dict[str, Any]:
    return {
        "description": f"{d.code} {d.message}",
        "check_name": d.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITIES[d.severity],
        "location": {
            "path": relative(d.path, root).as_posix(),
            "lines": {"begin": d.line, "end": d.end_line},
        },
    }
