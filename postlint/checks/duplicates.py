"""Cross-file rules: the same source article, or the same title on one day, posted twice (SRC).

A mirroring bot makes a new file when a publisher edits a title, so one article ends up in two
posts. Facts are collected per file (in workers, and cached); duplicates are found once per
run, and reported on every post but the earliest (by date, then path), pointing at it.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from itertools import groupby
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from postlint.checks.dates import post_date
from postlint.context import CheckContext
from postlint.diagnostics import Location, Severity, quote
from postlint.document import Document
from postlint.positions import Span
from postlint.rules import Facts, Options, ProjectCheck, ProjectFinding, Rule


class SourceOptions(Options):
    """The front-matter field holding the post's source URL."""

    source_field: str = "from"


DUPLICATE_SOURCE = Rule(
    "SRC001",
    "duplicate-source",
    "Another post has the same source URL.",
    Severity.WARNING,
    SourceOptions,
)
DUPLICATE_TITLE = Rule(
    "SRC002",
    "duplicate-title",
    "Another post has the same title on the same day.",
    Severity.WARNING,
)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str | None:
    """A source URL compared case-blind in scheme and host, without a default port, a
    trailing slash, ``utm_*`` parameters or a fragment; None if it is not an absolute URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if not scheme or not host:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.startswith("utm_")
        ]
    )
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), query, ""))


def _position(doc: Document, span: Span) -> list[int]:
    start, end = doc.lines.position(span.start), doc.lines.position(span.end)
    return [start.line, start.column, end.line, end.column]


def collect(doc: Document, ctx: CheckContext) -> Facts | None:
    """The source URL, title, date and day of a post, with the positions of the values."""
    if doc.front_matter is None:
        return None
    entries = doc.front_matter.entries
    options: SourceOptions = ctx.options(DUPLICATE_SOURCE)
    facts: Facts = {}
    source = entries.get(options.source_field)
    if source is not None and isinstance(source.value.value, str):
        normalised = normalise_url(source.value.value)
        if normalised:
            facts["source"] = [normalised, source.value.value, *_position(doc, source.value.span)]
    title = entries.get("title")
    date = post_date(doc, ctx)
    if title is not None and isinstance(title.value.value, str) and date is not None:
        folded = unicodedata.normalize("NFKC", title.value.value).strip()
        day = date.moment.astimezone(ctx.config.zone).date().isoformat()
        facts["title"] = [folded, day, *_position(doc, title.value.span)]
    if date is not None:
        facts["moment"] = date.moment.timestamp()
    return facts or None


def check(facts: Mapping[str, Facts], reported: Collection[str]) -> Iterator[ProjectFinding]:
    """SRC001 and SRC002 over every file's facts, on the files in ``reported``.

    Each post's facts are read once to hash its source and its title and day (a hundred
    thousand posts' facts are never all decoded at once, and the hashes take 16 bytes a
    post); the posts whose hashes are shared are read again, compared exactly and reported.
    """
    paths = list(facts)
    # per kind: the hash of each post that has it, and that post's index in ``paths``
    hashed = {kind: (array("q"), array("q")) for kind in ("source", "title")}
    for index, path in enumerate(paths):
        fact = facts[path]
        for kind, (hashes, posts) in hashed.items():
            if kind in fact:
                hashes.append(hash(_key(kind, fact[kind])))
                posts.append(index)
    for kind, code in (("source", "SRC001"), ("title", "SRC002")):
        hashes, posts = hashed[kind]
        order = sorted(range(len(hashes)), key=hashes.__getitem__)
        for _, group in groupby(order, key=hashes.__getitem__):
            shared = [paths[posts[at]] for at in group]
            if len(shared) > 1:
                yield from _duplicates(facts, shared, reported, kind, code)


def _key(kind: str, value: list[Any]) -> tuple[str, str]:
    """What two posts share when they are duplicates: the source, or the title and day."""
    return (value[0], value[1] if kind == "title" else "")


def _duplicates(
    facts: Mapping[str, Facts], paths: list[str], reported: Collection[str], kind: str, code: str
) -> Iterator[ProjectFinding]:
    exact: dict[tuple[str, str], list[tuple[float, str, list[Any]]]] = defaultdict(list)
    for path in paths:
        fact = facts[path]
        exact[_key(kind, fact[kind])].append((fact.get("moment", float("inf")), path, fact[kind]))
    for posts in exact.values():  # a hash shared by chance leaves groups of one
        posts.sort(key=lambda post: post[:2])
        _, first, earliest = posts[0]
        related = (Location(first, earliest[2], earliest[3], "the earliest post"),)
        for _, path, value in posts[1:]:
            if path not in reported:
                continue
            if kind == "source":
                message = f"source {quote(value[1])} is also the source of {first}, posted earlier"
            else:
                message = f"title {quote(value[0])} is also the title of {first}, on the same day"
            line, column, end_line, end_column = value[2:6]
            yield ProjectFinding(path, code, line, column, end_line, end_column, message, related)


DUPLICATES = ProjectCheck((DUPLICATE_SOURCE, DUPLICATE_TITLE), collect, check)
