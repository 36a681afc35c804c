"""HTML hygiene and safety: syntax, empty and indented paragraphs, unsafe markup, frames (HTM)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import Field

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity, quote
from postlint.document import Document
from postlint.parse.tags import Tag
from postlint.positions import Span
from postlint.rules import Options, Rule, check


class FrameOptions(Options):
    """Hosts whose frames are expected (a video platform the site embeds on purpose)."""

    allowed_hosts: tuple[str, ...] = Field(default=())


HTML_SYNTAX = Rule(
    "HTM001",
    "html-syntax",
    "Stray, mismatched or unclosed tags, or duplicate attributes.",
    Severity.WARNING,
)
EMPTY_PARAGRAPH = Rule(
    "HTM002", "empty-paragraph", "A paragraph with nothing to read in it.", Severity.WARNING
)
UNSAFE_HTML = Rule(
    "HTM003", "unsafe-html", "Markup that runs code or changes the page.", Severity.ERROR
)
INDENTATION_WHITESPACE = Rule(
    "HTM004",
    "indentation-whitespace",
    "A paragraph indented with spaces instead of CSS.",
    Severity.INFO,
)
EMBEDDED_FRAME = Rule(
    "HTM005",
    "embedded-frame",
    "An iframe from a host that is not allowed.",
    Severity.WARNING,
    FrameOptions,
)

VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Elements whose end tag HTML lets an author leave out: never reported as unclosed.
OPTIONAL_END = frozenset(
    {
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "rp",
        "rt",
        "rb",
        "rtc",
        "colgroup",
        "caption",
        "html",
        "head",
        "body",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FOREIGN = frozenset({"svg", "math"})
UNSAFE_ELEMENTS = {
    "script": "runs code in the reader's browser",
    "object": "embeds a plug-in",
    "embed": "embeds a plug-in",
    "base": "changes where every relative link of the page points",
    "form": "sends what readers type somewhere",
}
URL_ATTRIBUTES = ("href", "src", "action", "formaction")
_INDENT = re.compile(r"(?:[ \u00a0\u3000]|&nbsp;|&#160;|&#xa0;|&#12288;|&#x3000;){2,}", re.I)
_EMPTY_TEXT = " \t\r\n\f\u00a0\u3000"
_EMPTY_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0);", re.I)


@check(HTML_SYNTAX)
def html_syntax(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTM001: tags balanced across the whole body, and duplicate attributes."""
    open_tags: list[Tag] = []
    for tag in doc.tags:
        if tag.kind == "start":
            if len(tag.attributes) > 1:
                yield from _duplicate_attributes(tag)
            # HTML ignores the slash of <div/>; only SVG and MathML elements self-close.
            foreign = tag.name in FOREIGN or (
                tag.self_closing and any(t.name in FOREIGN for t in open_tags)
            )
            if tag.name not in VOID_ELEMENTS and not (tag.self_closing and foreign):
                open_tags.append(tag)
        elif tag.kind == "end":
            problem = _close(open_tags, tag, doc)
            if problem is not None:
                yield problem
    for tag in open_tags:
        if tag.name not in OPTIONAL_END:
            yield Finding(
                "HTM001",
                Span(tag.start, tag.end),
                f"<{tag.name}> is never closed: expected </{tag.name}> before the end of the post",
            )


def _duplicate_attributes(tag: Tag) -> Iterator[Finding]:
    seen: set[str] = set()
    for attribute in tag.attributes:
        if attribute.name in seen:
            yield Finding(
                "HTM001",
                Span(attribute.start, attribute.end),
                f"duplicate attribute {quote(attribute.name)} on <{tag.name}>: "
                "browsers keep only the first one",
            )
        seen.add(attribute.name)


def _close(open_tags: list[Tag], end: Tag, doc: Document) -> Finding | None:
    """Close the innermost open element ``end`` names; report what that leaves unclosed."""
    if open_tags and open_tags[-1].name == end.name:  # the usual case: nothing to report
        open_tags.pop()
        return None
    span = Span(end.start, end.end)
    index = _innermost(open_tags, end.name)
    if index is None:
        return Finding("HTM001", span, f"stray end tag </{end.name}>: no <{end.name}> is open here")
    target = open_tags[index]
    unclosed = [tag for tag in open_tags[index + 1 :] if tag.name not in OPTIONAL_END]
    del open_tags[index:]
    expected = target if target.name != end.name else (unclosed[-1] if unclosed else None)
    if expected is None:
        return None
    line = doc.lines.position(expected.start).line
    return Finding(
        "HTM001",
        span,
        f"mismatched end tag </{end.name}>: expected </{expected.name}> for the "
        f"<{expected.name}> on line {line}",
    )


def _innermost(open_tags: list[Tag], name: str) -> int | None:
    """The open element an end tag closes: the same name, or (for </h2>) any open heading."""
    for wanted in ({name}, HEADINGS if name in HEADINGS else set()):
        for index in range(len(open_tags) - 1, -1, -1):
            if open_tags[index].name in wanted:
                return index
    return None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A ``<p>`` start tag, and whether the author closed it with nothing to read inside."""

    tag: Tag
    empty: bool


def paragraphs(doc: Document) -> list[Paragraph]:
    """The ``<p>`` elements as written: read from the tags, not from lxml's tree, where a
    ``<p>`` that wraps a ``<pre>`` or ``<div>`` becomes an empty paragraph before it."""
    tags = doc.tags
    found = []
    for index, tag in enumerate(tags):
        if tag.kind == "start" and tag.name == "p" and not tag.self_closing:
            found.append(Paragraph(tag, _closed_empty(doc.text, tags, index)))
    return found


def _closed_empty(text: str, tags: tuple[Tag, ...], index: int) -> bool:
    """Whether the ``<p>`` at ``tags[index]`` is closed by ``</p>`` holding only whitespace,
    ``&nbsp;``, ``<br>`` and comments."""
    previous = tags[index]
    for tag in tags[index + 1 :]:
        if _EMPTY_ENTITY.sub("", text[previous.end : tag.start]).strip(_EMPTY_TEXT):
            return False
        if tag.kind == "end" and tag.name == "p":
            return True
        if tag.kind != "comment" and not (tag.kind == "start" and tag.name == "br"):
            return False
        previous = tag
    return False


@check(EMPTY_PARAGRAPH)
def empty_paragraph(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTM002: a ``<p>`` holding only whitespace, ``&nbsp;`` or ``<br>``."""
    for paragraph in doc.derived(paragraphs):
        if paragraph.empty:
            yield Finding(
                "HTM002",
                Span(paragraph.tag.start, paragraph.tag.end),
                "empty paragraph: it holds only whitespace or line breaks; remove it and let "
                "the stylesheet space the text",
            )


@check(UNSAFE_HTML)
def unsafe_html(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTM003: scripts, event handlers, script URLs, plug-ins, base, refresh and forms."""
    for tag in doc.tags:
        if tag.kind != "start":
            continue
        if tag.name in UNSAFE_ELEMENTS:
            yield Finding(
                "HTM003", Span(tag.start, tag.end), f"<{tag.name}> {UNSAFE_ELEMENTS[tag.name]}"
            )
        elif tag.name == "meta":
            equiv = tag.attribute("http-equiv")
            if equiv and (equiv.value or "").strip().lower() == "refresh":
                yield Finding(
                    "HTM003",
                    Span(tag.start, tag.end),
                    '<meta http-equiv="refresh"> redirects the reader',
                )
        for attribute in tag.attributes:
            span = Span(attribute.start, attribute.end)
            if attribute.name.startswith("on") and len(attribute.name) > 2:
                yield Finding(
                    "HTM003",
                    span,
                    f"event handler {attribute.name} runs code in the reader's browser",
                )
            elif attribute.name in URL_ATTRIBUTES and _script_url(attribute.value or ""):
                yield Finding(
                    "HTM003",
                    span,
                    f"{attribute.name}={quote(attribute.value)} runs code in the reader's browser",
                )


def _script_url(value: str) -> bool:
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    return compact.startswith(("javascript:", "vbscript:"))


@check(INDENTATION_WHITESPACE)
def indentation_whitespace(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTM004: a paragraph whose text starts with two or more (no-break, ideographic) spaces."""
    for paragraph in doc.derived(paragraphs):
        indent = None if paragraph.empty else _INDENT.match(doc.text, paragraph.tag.end)
        if indent:
            yield _indent_finding(indent)
    for block in doc.markdown.blocks:
        if block.type == "paragraph":
            first = re.compile(r"[ \t]*").match(doc.text, block.span.start)
            indent = _INDENT.match(doc.text, first.end() if first else block.span.start)
            if indent and indent.group().strip(" "):
                yield _indent_finding(indent)


def _indent_finding(indent: re.Match[str]) -> Finding:
    return Finding(
        "HTM004",
        Span(indent.start(), indent.end()),
        "paragraph indented with spaces: a first-line indent belongs in the stylesheet "
        "(text-indent)",
    )


@check(EMBEDDED_FRAME)
def embedded_frame(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTM005: an ``<iframe>`` whose host is not in ``allowed-hosts``."""
    options: FrameOptions = ctx.options(EMBEDDED_FRAME)
    allowed = [host.lower().lstrip(".") for host in options.allowed_hosts]
    for tag in doc.tags:
        if tag.kind != "start" or tag.name != "iframe":
            continue
        src = tag.attribute("src")
        try:
            host = (urlsplit((src.value or "").strip()).hostname or "") if src else ""
        except ValueError:
            host = ""
        if not any(host == name or host.endswith("." + name) for name in allowed):
            shown = f"from {host}" if host else "with no host"
            yield Finding(
                "HTM005",
                Span(tag.start, tag.end),
                f"iframe {shown} embeds another site's page; allow its host in "
                "[rules.HTM005] allowed-hosts if that is intended",
            )
