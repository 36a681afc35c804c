"""Copyright rules: rights notices found, required notices missing, the wrong holder (CPY).

The notice forms and the sources table are data files under ``rules/data/``; config adds
patterns (``[rules.CPY002] extra-patterns``) and sources (``[rules.CPY003] sources``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field

from postlint.catalogue import data_file
from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity, quote
from postlint.document import Document
from postlint.notices import (
    Notice,
    NoticePatterns,
    Source,
    Sources,
    find_notices,
    has_notice,
    holder_matches,
    load_patterns,
    load_sources,
)
from postlint.positions import Span
from postlint.rules import Options, Rule, check


class RequiredNoticeOptions(Options):
    """When a post must carry a notice."""

    require: bool = False  # every post must carry one
    keep: tuple[str, ...] = Field(default=())  # source hosts whose notice must be kept
    source_field: str = "from"  # the front-matter field holding the source URL


class NoticeOptions(Options):
    """More notice forms (Python regular expressions; a named group ``holder`` is read)."""

    extra_patterns: tuple[str, ...] = Field(default=())


class HolderOptions(Options):
    """More sources: a TOML file in the format of ``rules/data/sources.toml``."""

    sources: str | None = None  # relative to the config's folder; its hosts win


MISSING_NOTICE = Rule(
    "CPY001",
    "missing-copyright-notice",
    "A post whose notice must be kept carries none.",
    Severity.ERROR,
    RequiredNoticeOptions,
)
NOTICE = Rule(
    "CPY002",
    "copyright-notice",
    "The body carries a rights-reservation notice.",
    Severity.WARNING,
    NoticeOptions,
)
HOLDER_MISMATCH = Rule(
    "CPY003",
    "copyright-holder-mismatch",
    "The notice names a holder other than the post's source.",
    Severity.WARNING,
    HolderOptions,
)

_CODE_BLOCKS = ("fence", "code_block")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLANK = re.compile(r"[^\r\n]")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)  # CommonMark code spans


@cache
def _patterns(extra: tuple[str, ...]) -> NoticePatterns:
    return load_patterns(data_file("copyright-notices.toml"), extra)


@cache
def _sources(extra: str | None) -> Sources:
    builtin = load_sources(data_file("sources.toml"))
    if extra is None:
        return builtin
    return Sources({**builtin.by_host, **load_sources(Path(extra)).by_host})


def visible_text(doc: Document) -> str:
    """The body as text of the same length: front matter, code and comments blanked out."""
    text = doc.text
    hidden = [Span(0, doc.body_start)]
    hidden += [Span(m.start(), m.end()) for m in _COMMENT.finditer(text, doc.body_start)]
    for block in doc.markdown.blocks:
        if block.type in _CODE_BLOCKS:
            hidden.append(block.span)
        elif block.type != "html_block" and "`" in text[block.span.start : block.span.end]:
            spans = _CODE_SPAN.finditer(text, block.span.start, block.span.end)
            hidden += [Span(m.start(), m.end()) for m in spans]
    pieces, position = [], 0
    for span in sorted(hidden, key=lambda span: span.start):
        start = max(span.start, position)
        if span.end > start:
            pieces += [text[position:start], _BLANK.sub(" ", text[start : span.end])]
            position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _source(doc: Document, field: str, sources: Sources) -> tuple[str, Source | None]:
    entry = doc.front_matter.entries.get(field) if doc.front_matter else None
    if entry is None or not isinstance(entry.value.value, str):
        return "", None
    try:
        host = urlsplit(entry.value.value.strip()).hostname or ""
    except ValueError:
        return "", None
    return host, sources.lookup(host) if host else None


@check(MISSING_NOTICE, NOTICE, HOLDER_MISMATCH)
def copyright_notices(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """CPY001–CPY003 from the notices found in the visible text of the body."""
    required: RequiredNoticeOptions = ctx.options(MISSING_NOTICE)
    notice_options: NoticeOptions = ctx.options(NOTICE)
    holder_options: HolderOptions = ctx.options(HOLDER_MISMATCH)
    extra_sources = (
        str(ctx.config.root / holder_options.sources) if holder_options.sources else None
    )
    sources = _sources(extra_sources)
    host, source = _source(doc, required.source_field, sources)
    patterns = _patterns(notice_options.extra_patterns)
    # Most posts hold no notice: look in the raw text first, and prepare the visible text
    # (code and comments blanked) only for those that seem to.
    notices = find_notices(visible_text(doc), patterns) if has_notice(doc.text, patterns) else []
    kept = any(host == h.lower() or host.endswith("." + h.lower()) for h in required.keep)
    must_keep = required.require or kept or (source is not None and source.keep)
    if must_keep and not notices:
        why = "every post must carry one" if required.require else f"posts from {host} keep theirs"
        yield Finding(
            "CPY001",
            Span(0, 0),
            f"no copyright notice found, but {why}; keep the source's rights notice",
        )
    for notice in notices:
        if not must_keep:
            yield Finding("CPY002", Span(notice.start, notice.end), _describe(notice))
        if source is not None and notice.holder and not holder_matches(notice.holder, source):
            expected = " / ".join(source.holders) or source.name
            yield Finding(
                "CPY003",
                Span(notice.start, notice.end),
                f"the notice names {quote(notice.holder)}, but posts from {host} belong to "
                f"{expected}; expected that holder's notice",
            )


def _describe(notice: Notice) -> str:
    holder = f" by {quote(notice.holder)}" if notice.holder else ""
    return (
        f"copyright notice{holder}: {quote(notice.text)}; the text may not be republished "
        "without the holder's permission"
    )
