"""Front-matter rules: presence, syntax, shape, duplicate keys, and the schema (FM001–FM021)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity
from postlint.document import Document
from postlint.globs import matches
from postlint.positions import Span
from postlint.rules import Options, Rule, check
from postlint.schema.model import schema_findings


class MissingFrontMatterOptions(Options):
    """Which files found by a folder walk are posts (files named directly always are)."""

    paths: tuple[str, ...] = Field(default=("_posts/", "content/", "posts/"))


MISSING_FRONT_MATTER = Rule(
    "FM001",
    "missing-front-matter",
    "A post has no front matter block.",
    Severity.ERROR,
    MissingFrontMatterOptions,
)
FRONT_MATTER_SYNTAX = Rule(
    "FM002", "front-matter-syntax", "The front matter cannot be parsed.", Severity.ERROR
)
FRONT_MATTER_NOT_MAPPING = Rule(
    "FM003", "front-matter-not-mapping", "The front matter is not a mapping.", Severity.ERROR
)
DUPLICATE_KEY = Rule("FM004", "duplicate-key", "A key appears twice.", Severity.ERROR)
MISSING_FIELD = Rule("FM010", "missing-field", "A required field is missing.", Severity.ERROR)
WRONG_TYPE = Rule("FM011", "wrong-type", "A value has the wrong type.", Severity.ERROR)
UNKNOWN_FIELD = Rule(
    "FM012", "unknown-field", "A key the strict schema does not know.", Severity.WARNING
)
INVALID_VALUE = Rule(
    "FM013", "invalid-value", "A value breaks its field's constraints.", Severity.ERROR
)
INVALID_DATE = Rule(
    "FM020", "invalid-date", "A date is not in an accepted format, or impossible.", Severity.ERROR
)
DATE_WITHOUT_TIMEZONE = Rule(
    "FM021", "date-without-timezone", "A date lacks the UTC offset it needs.", Severity.WARNING
)

_LATE_FENCE = re.compile(r"\A(?:[ \t]*(?:\r\n?|\n))+(---|\+\+\+)[ \t]*(?:\r\n?|\n)")


@check(MISSING_FRONT_MATTER)
def missing_front_matter(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM001 for a post without front matter; a walk reports only files under post folders."""
    if doc.front_matter is not None:
        return
    options: MissingFrontMatterOptions = ctx.options(MISSING_FRONT_MATTER)
    if not ctx.explicit and not matches(ctx.relative_path, options.paths):
        return
    late = _LATE_FENCE.match(doc.text)
    if late:
        line = doc.lines.position(late.start(1)).line
        message = (
            f"no front matter: the {late.group(1)!r} block starts on line {line}, "
            "but front matter must start on the first line"
        )
    else:
        message = "no front matter: expected a '---' block with the post's fields on line 1"
    yield Finding("FM001", Span(0, 0), message)


@check(FRONT_MATTER_SYNTAX, FRONT_MATTER_NOT_MAPPING, DUPLICATE_KEY, WRONG_TYPE)
def front_matter_syntax(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM002–FM004, and FM011 for keys YAML reads as something other than a string."""
    if doc.front_matter is not None:
        yield from doc.front_matter.findings


@check(MISSING_FIELD, WRONG_TYPE, UNKNOWN_FIELD, INVALID_VALUE, INVALID_DATE, DATE_WITHOUT_TIMEZONE)
def front_matter_schema(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM010–FM021 from the configured schema; not run after FM001–FM003."""
    front_matter = doc.front_matter
    if front_matter is None or (front_matter.root is None and front_matter.findings):
        return  # no front matter, or none that could be read (FM002, FM003, a TOML FM004)
    yield from schema_findings(ctx.config.schema, front_matter)
