"""Rules about the title: the body's leading heading, and stray whitespace (FM030–FM031)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity, quote
from postlint.document import Document
from postlint.parse.markdown import inline_text
from postlint.rules import Rule, check

TITLE_MISMATCH = Rule(
    "FM030",
    "title-mismatch",
    "The front-matter title and the body's leading heading differ.",
    Severity.WARNING,
)
TITLE_WHITESPACE = Rule(
    "FM031",
    "title-whitespace",
    "The title has leading or trailing whitespace, or control characters.",
    Severity.WARNING,
)

_COMMENTS_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*)*", re.S)


def _title(doc: Document) -> str | None:
    entry = doc.front_matter.entries.get("title") if doc.front_matter else None
    if entry is None or entry.value.tag != "str":
        return None
    return entry.value.raw


def _folded(text: str) -> str:
    """Runs of whitespace (a no-break space too) read as one space, ends trimmed."""
    return " ".join(text.split())


@check(TITLE_MISMATCH)
def title_matches_heading(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM030: the body's leading heading (ATX, setext, or a mirror's ``[title](url)`` +
    ``------``), after HTML comments, differs from the title."""
    title = _title(doc)
    if title is None or doc.is_html:
        return
    for block in doc.markdown.blocks:
        if block.type == "html_block" and _COMMENTS_ONLY.fullmatch(block.inline):
            continue
        if block.type != "heading":
            return
        heading, expected = _folded(inline_text(block.inline)[0]), _folded(html.unescape(title))
        if heading != expected:
            yield Finding(
                "FM030",
                block.span,
                f"the leading heading {_from_difference(heading, expected)} differs from the "
                f"title {_from_difference(expected, heading)}; expected the same text",
            )
        return


def _from_difference(text: str, other: str) -> str:
    """``text`` quoted; when it shares a long start with ``other``, from a little before
    the first difference, so that long titles that differ late are told apart."""
    common = next(
        (i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b),
        min(len(text), len(other)),
    )
    if common > 40:
        return quote("…" + text[common - 20 :])
    return quote(text)


@check(TITLE_WHITESPACE)
def title_whitespace(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM031: leading or trailing whitespace, or control characters, in the title."""
    title = _title(doc)
    if title is None or doc.front_matter is None:
        return
    span = doc.front_matter.entries["title"].value.span
    if title != title.strip():
        yield Finding("FM031", span, f"title {quote(title)} has leading or trailing whitespace")
    elif any(unicodedata.category(char) == "Cc" for char in title):
        yield Finding("FM031", span, f"title {quote(title)} contains control characters")
