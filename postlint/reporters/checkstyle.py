"""The ``checkstyle`` format: Checkstyle XML, one ``<file>`` per file checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postlint.reporters.files import by_file
from postlint.reporters.xmldoc import child, document, serialize

if TYPE_CHECKING:
    from postlint.api import Report


def render(report: Report) -> str:
    """The report as a ``<checkstyle>`` document; a clean file is an empty ``<file>``."""
    root = document("checkstyle", version="4.3")
    for path, diagnostics in by_file(report).items():
        element = child(root, "file", name=path)
        for d in diagnostics:
            child(
                element,
                "error",
                line=d.line,
                column=d.column,
                severity=d.severity.value,
                message=d.message,
                source=f"postlint.{d.code}",
            )
    return serialize(root)
