"""Rules about when a post was published: future dates and disagreeing timestamps (FM022–FM024)."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity
from postlint.document import Document
from postlint.parse.yaml_nodes import Entry
from postlint.positions import Span
from postlint.rules import Options, Rule, check
from postlint.schema.dates import DateError, parse_date


class TimestampOptions(Options):
    """How far the epoch comment may be from ``date`` before it is reported."""

    tolerance_seconds: int = 60


FUTURE_DATE = Rule("FM022", "future-date", "The date is in the future.", Severity.WARNING)
FILENAME_DATE_MISMATCH = Rule(
    "FM023",
    "filename-date-mismatch",
    "The file name's date is not the calendar date of `date`.",
    Severity.WARNING,
)
TIMESTAMP_MISMATCH = Rule(
    "FM024",
    "timestamp-mismatch",
    "The epoch-milliseconds comment disagrees with `date`.",
    Severity.WARNING,
    TimestampOptions,
)

_FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})-")
# Blank lines, then at most three spaces: four would make an indented code block.
_EPOCH_COMMENT = re.compile(r"(?:[ \t]*(?:\r\n?|\n))*[ ]{0,3}(<!--[ \t]*(\d{12,13})[ \t]*-->)")
_ALL_FORMATS = ["rfc3339", "iso8601", "jekyll", "date", "jekyll-loose"]


@dataclass(frozen=True, slots=True)
class PostDate:
    """The front matter's ``date``, as an aware datetime (offset-less ones in the site's zone)."""

    entry: Entry
    moment: datetime.datetime
    has_time: bool


def post_date(doc: Document, ctx: CheckContext) -> PostDate | None:
    """The post's ``date``, or None when it is absent or not a valid date (read once)."""
    return doc.derived(_post_date, ctx)


def _post_date(doc: Document, ctx: CheckContext) -> PostDate | None:
    entry = doc.front_matter.entries.get("date") if doc.front_matter else None
    if entry is None or entry.value.tag not in ("str", "timestamp"):
        return None
    spec = ctx.config.schema.fields.get("date")
    formats = spec.date_formats() if spec else _ALL_FORMATS
    try:
        parsed = parse_date(entry.value.raw, formats)
    except DateError:
        return None
    value = parsed.value
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ctx.config.zone)
    return PostDate(entry, value, parsed.has_time)


@check(FUTURE_DATE)
def future_date(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM022: a date later than now plus one day."""
    date = post_date(doc, ctx)
    if date is not None and date.moment > ctx.now + datetime.timedelta(days=1):
        ctx.dependencies.valid_until((date.moment - datetime.timedelta(days=1)).timestamp())
        yield Finding(
            "FM022",
            date.entry.value.span,
            f"date {date.entry.value.raw} is in the future; expected a time no later than "
            "one day from now",
        )


@check(FILENAME_DATE_MISMATCH)
def filename_date(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM023: a ``YYYY-MM-DD-`` file name prefix that is not the date's calendar day."""
    match = _FILENAME_DATE.match(os.path.basename(doc.path))
    date = post_date(doc, ctx)
    if match is None or date is None:
        return
    local = date.moment.astimezone(ctx.config.zone).date() if date.has_time else date.moment.date()
    if match.group(0)[:-1] != local.isoformat():
        yield Finding(
            "FM023",
            date.entry.value.span,
            f"the file name says {match.group(0)[:-1]} but date {date.entry.value.raw} is "
            f"{local.isoformat()} in {ctx.config.file.timezone}; rename the file or fix the date",
        )


@check(TIMESTAMP_MISMATCH)
def epoch_comment(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """FM024: an epoch-milliseconds comment at the top of the body far from ``date``."""
    match = _EPOCH_COMMENT.match(doc.text, doc.body_start)
    date = post_date(doc, ctx)
    if match is None or date is None:
        return
    options: TimestampOptions = ctx.options(TIMESTAMP_MISMATCH)
    stamp = datetime.datetime.fromtimestamp(int(match.group(2)) / 1000, datetime.UTC)
    difference = abs((stamp - date.moment).total_seconds())
    if difference > options.tolerance_seconds:
        start, end = match.span(1)
        yield Finding(
            "FM024",
            Span(start, end),
            f"the comment's timestamp {stamp.isoformat().replace('+00:00', 'Z')} is "
            f"{difference:,.0f} s from date {date.entry.value.raw}; expected at most "
            f"{options.tolerance_seconds} s apart",
        )
