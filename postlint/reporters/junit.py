"""The ``junit`` format: JUnit XML, one test suite per file and one failing test case per
diagnostic; a clean file is one passing test case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postlint.reporters.files import by_file
from postlint.reporters.xmldoc import child, document, serialize

if TYPE_CHECKING:
    from postlint.api import Report


def render(report: Report) -> str:
    """The report as a ``<testsuites>`` document."""
    failures = len(report.diagnostics)
    groups = by_file(report)
    root = document(
        "testsuites",
        name="postlint",
        tests=sum(max(1, len(group)) for group in groups.values()),
        failures=failures,
    )
    for path, diagnostics in groups.items():
        suite = child(
            root, "testsuite", name=path, tests=max(1, len(diagnostics)), failures=len(diagnostics)
        )
        if not diagnostics:
            child(suite, "testcase", name="postlint", classname=path, file=path)
        for d in diagnostics:
            case = child(
                suite,
                "testcase",
                name=f"{d.code} {d.name} {d.line}:{d.column}",
                classname=path,
                file=path,
                line=d.line,
            )
            child(
                case,
                "failure",
                text=f"{path}:{d.line}:{d.column}: {d.code} {d.message}",
                message=d.message,
                type=d.code,
            )
    return serialize(root)
