"""The ``junit`` format: JUnit XML, one test suite per file checked and one failing test case per
diagnostic; a clean file is one passing test case.

The root element carries the totals, known only at the end: the suites are written to a spool
(on disk once it grows large) as they come, and copied out after the root's start tag.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import partial
from tempfile import SpooledTemporaryFile
from typing import IO, TYPE_CHECKING, TextIO

from postlint.reporters.files import by_file
from postlint.reporters.xmldoc import child, child_text, element, write_document

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic

_SPOOL_IN_MEMORY = 8 * 1024 * 1024  # bytes of suites held in memory before the spool is a file
_COPY_CHUNK = 1024 * 1024  # characters


def write(diagnostics: Iterable[Diagnostic], paths: Iterable[str], out: TextIO) -> None:
    """A ``<testsuites>`` document of the files checked (``paths``) and any other file with
    diagnostics."""
    # newline="": a CR in a message is written raw in text content, and must stay so.
    with SpooledTemporaryFile(_SPOOL_IN_MEMORY, "w+", encoding="utf-8", newline="") as spool:
        tests, failures = _write_suites(diagnostics, paths, spool)
        spool.seek(0)
        root = element("testsuites", name="postlint", tests=tests, failures=failures)
        write_document(root, iter(partial(spool.read, _COPY_CHUNK), ""), out)


def _write_suites(
    diagnostics: Iterable[Diagnostic], paths: Iterable[str], out: IO[str]
) -> tuple[int, int]:
    """Each file's suite as ``child_text``; returns how many test cases and failures."""
    tests = failures = 0
    for path, in_file in by_file(diagnostics, paths):
        out.write(child_text(_suite(path, in_file)))
        tests += max(1, len(in_file))
        failures += len(in_file)
    return tests, failures


def _suite(path: str, diagnostics: list[Diagnostic]) -> ET.Element:
    """One file's test suite: a failing case per diagnostic, or one passing case."""
    suite = element(
        "testsuite", name=path, tests=max(1, len(diagnostics)), failures=len(diagnostics)
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
    return suite
