"""Rules about the file itself: reading, decoding, directives, and what was not checked.

Most of these are reported by the engine before any check runs (a file that cannot be read
has no document); they are rules all the same, so they can be selected, ignored and documented.
"""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity
from postlint.document import Document
from postlint.parse.html import DEPTH_LIMIT, TEXT_LIMIT, nesting_depth
from postlint.rules import Rule, check

READ_ERROR = Rule("PL001", "read-error", "The file cannot be read.", Severity.ERROR)
NOT_UTF8 = Rule("PL002", "not-utf8", "The file is not UTF-8 text.", Severity.ERROR)
BYTE_ORDER_MARK = Rule(
    "PL003", "byte-order-mark", "The file starts with a byte-order mark.", Severity.WARNING
)
UNKNOWN_DIRECTIVE_CODE = Rule(
    "PL004",
    "unknown-directive-code",
    "A postlint directive names a code or rule that does not exist.",
    Severity.WARNING,
)
FILE_TOO_LARGE = Rule(
    "PL005", "file-too-large", "The file is larger than max-file-size.", Severity.ERROR
)
HTML_NOT_FULLY_CHECKED = Rule(
    "PL006",
    "html-not-fully-checked",
    "The HTML parser stopped early, so part of the HTML was not checked.",
    Severity.WARNING,
)
INTERNAL_ERROR = Rule(
    "PL900", "internal-error", "A rule failed unexpectedly on this file.", Severity.ERROR
)

ENGINE_RULES = (
    READ_ERROR,
    NOT_UTF8,
    BYTE_ORDER_MARK,
    UNKNOWN_DIRECTIVE_CODE,
    FILE_TOO_LARGE,
    INTERNAL_ERROR,
)


@check(HTML_NOT_FULLY_CHECKED)
def html_limits(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """PL006 where lxml gave up on deep nesting or a huge text node.

    lxml is asked only when the body comes near its limits: its parse is the slowest step
    of a check, and most rules read the tags without it.
    """
    if len(doc.text) - doc.body_start >= TEXT_LIMIT or nesting_depth(doc.tags) >= DEPTH_LIMIT:
        yield from doc.html.findings
