"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.diagnostics import Severity
from postlint.reporters.files import relative
from postlint.reporters.fingerprint import SourceLine, fingerprints

if TYPE_CHECKING:
    from postlint.api import Report

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, source_line: SourceLine | None = None, root: Path | None = None) -> str:
    """The diagnostics as Code Quality issues, paths relative to ``root`` (default: the
    current folder); ``source_line`` reads the offending lines for the fingerprints."""
    issues = [
        {
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": _SEVERITIES[d.severity],
            "location": {
                "path": relative(d.path, root).as_posix(),
                "lines": {"begin": d.line, "end": d.end_line},
            },
        }
        for d, fingerprint in zip(
            report.diagnostics, fingerprints(report.diagnostics, source_line, root), strict=True
        )
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
