"""The ``checkstyle`` format: Checkstyle XML, one ``<file>`` per file checked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from postlint.reporters.files import by_file
from postlint.reporters.xmldoc import child, child_text, element, write_document

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic


def write(diagnostics: Iterable[Diagnostic], paths: Iterable[str], out: TextIO) -> None:
    """A ``<checkstyle>`` document of the files checked (``paths``) and any other file with
    diagnostics; a clean file is an empty ``<file>``."""
    write_document(element("checkstyle", version="4.3"), _files(diagnostics, paths), out)


def _files(diagnostics: Iterable[Diagnostic], paths: Iterable[str]) -> Iterator[str]:
    for path, in_file in by_file(diagnostics, paths):
        file = element("file", name=path)
        for d in in_file:
            child(
                file,
                "error",
                line=d.line,
                column=d.column,
                severity=d.severity.value,
                message=d.message,
                source=f"postlint.{d.code}",
            )
        yield child_text(file)
