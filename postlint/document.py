"""A post: its text, line index, front matter, and views of its body computed on first use.

The raw text is the source of truth; every view holds offsets into it. Markdown and HTML are
parsed lazily and once, so rules share the work and a run pays only for what its rules read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar, TypeVarTuple

from postlint.parse import frontmatter, html, markdown
from postlint.parse.frontmatter import FrontMatter
from postlint.parse.tags import Tag
from postlint.positions import LineIndex, Span

HTML_SUFFIXES = (".html", ".htm")
T = TypeVar("T")
Args = TypeVarTuple("Args")


class Document:
    """A decoded post. ``path`` is as displayed; a ``.html`` post's body is HTML throughout."""

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.path = path
        self.text = text
        self.lines = LineIndex(text)
        self.is_html = path.lower().endswith(HTML_SUFFIXES)
        self.front_matter: FrontMatter | None
        self.front_matter, self.body_start = frontmatter.split(text)
        if self.front_matter is not None:
            frontmatter.parse(text, self.front_matter, self.lines)
        self._derived: dict[Callable[..., Any], Any] = {}

    def derived(self, compute: Callable[[Document, *Args], T], *args: *Args) -> T:
        """``compute(self, *args)``, computed once: a view of the document that several rules
        share. It is cached by ``compute`` alone: ``args`` (a file's check context) must be
        the same for the document's lifetime."""
        if compute not in self._derived:
            self._derived[compute] = compute(self, *args)
        result: T = self._derived[compute]
        return result

    @property
    def body(self) -> Span:
        """The span of the body, after the front matter."""
        return Span(self.body_start, len(self.text))

    @cached_property
    def markdown(self) -> markdown.MarkdownView:
        """The Markdown view of the body (for a ``.html`` post, one HTML block)."""
        if self.is_html:
            body = self.body
            return markdown.MarkdownView((markdown.Block("html_block", body, 0, ""),), (body,), ())
        return markdown.scan(self.text, self.body_start, self.lines)

    @cached_property
    def html(self) -> html.HtmlView:
        """The body's raw HTML: tags in source order and elements with their positions."""
        return html.build(self.text, self.markdown.html, self.tags, self.lines)

    @cached_property
    def tags(self) -> tuple[Tag, ...]:
        """The body's HTML tags and comments outside code, in source order."""
        return html.tokenize(self.text, self.markdown.html)

    @cached_property
    def comments(self) -> tuple[Tag, ...]:
        """HTML comments in the body, outside code."""
        return tuple(tag for tag in self.tags if tag.kind == "comment")

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line``, without its line break."""
        span = self.lines.line_span(line, self.text)
        return self.text[span.start : span.end]
