"""Style rules: inline styles and presentational markup that fight the site's theme (STY)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity
from postlint.document import Document
from postlint.positions import Span
from postlint.rules import Rule, check

if TYPE_CHECKING:
    from lxml import etree

INLINE_STYLE = Rule("STY001", "inline-style", "An element has a style attribute.", Severity.WARNING)
STYLE_ELEMENT = Rule("STY002", "style-element", "A <style> element in the body.", Severity.WARNING)
PRESENTATIONAL_ATTRIBUTE = Rule(
    "STY003",
    "presentational-attribute",
    "An element carries presentational attributes.",
    Severity.WARNING,
)
PRESENTATIONAL_ELEMENT = Rule(
    "STY004",
    "presentational-element",
    "A presentational element such as <font> or <center>.",
    Severity.WARNING,
)
LAYOUT_TABLE = Rule(
    "STY005", "layout-table", "A table lays out images rather than data.", Severity.INFO
)

PRESENTATIONAL_ATTRIBUTES = frozenset(
    {
        "align",
        "bgcolor",
        "background",
        "border",
        "cellpadding",
        "cellspacing",
        "valign",
        "hspace",
        "vspace",
        "color",
        "face",
        "nowrap",
    }
)
# Elements whose width and height say how large their content is, not how it looks.
SIZED_ELEMENTS = frozenset({"img", "video", "canvas", "iframe", "embed", "object", "source", "svg"})
PRESENTATIONAL_ELEMENTS = frozenset(
    {"font", "center", "big", "strike", "tt", "marquee", "blink", "basefont", "nobr"}
)


@check(INLINE_STYLE)
def inline_style(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """STY001: a ``style`` attribute, at the attribute."""
    for tag in doc.tags:
        attribute = tag.attribute("style") if tag.kind == "start" else None
        if attribute is not None:
            yield Finding(
                "STY001",
                Span(attribute.start, attribute.end),
                f"inline style on <{tag.name}>: move it to the site's stylesheet, or drop it",
            )


@check(STYLE_ELEMENT)
def style_element(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """STY002: a ``<style>`` element in the body, at its start tag."""
    for tag in doc.tags:
        if tag.kind == "start" and tag.name == "style":
            yield Finding(
                "STY002",
                Span(tag.start, tag.end),
                "<style> element in the body: its rules apply to the whole page; "
                "move them to the site's stylesheet",
            )


@check(PRESENTATIONAL_ATTRIBUTE)
def presentational_attribute(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """STY003: one finding per element with presentational attributes, at the first one."""
    for tag in doc.tags:
        if tag.kind != "start":
            continue
        found = [
            attribute
            for attribute in tag.attributes
            if attribute.name in PRESENTATIONAL_ATTRIBUTES
            or (attribute.name in ("width", "height") and tag.name not in SIZED_ELEMENTS)
        ]
        if found:
            names = ", ".join(dict.fromkeys(attribute.name for attribute in found))
            yield Finding(
                "STY003",
                Span(found[0].start, found[0].end),
                f"presentational attributes on <{tag.name}>: {names}; "
                "style with the site's stylesheet instead",
            )


@check(PRESENTATIONAL_ELEMENT)
def presentational_element(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """STY004: ``<font>``, ``<center>`` and other elements that only change looks."""
    for tag in doc.tags:
        if tag.kind == "start" and tag.name in PRESENTATIONAL_ELEMENTS:
            yield Finding(
                "STY004",
                Span(tag.start, tag.end),
                f"<{tag.name}> only changes how text looks and is obsolete; "
                "use semantic markup and the stylesheet",
            )


@check(LAYOUT_TABLE)
def layout_table(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """STY005: a table whose every row has one cell, holding at least one image."""
    if not any(tag.name == "table" and tag.kind == "start" for tag in doc.tags):
        return  # the lxml tree is needed only for tables
    for element in doc.html.elements:
        if element.node.tag != "table" or element.tag is None:
            continue
        rows = [row for row in element.node.iter("tr") if _nearest_table(row) is element.node]
        if (
            rows
            and all(len([c for c in row if c.tag in ("td", "th")]) == 1 for row in rows)
            and next(element.node.iter("img"), None) is not None
        ):
            yield Finding(
                "STY005",
                Span(element.tag.start, element.tag.end),
                f"table of {len(rows)} single-cell row{'s' if len(rows) != 1 else ''} lays out "
                "images; use <figure> and <figcaption> instead",
            )


def _nearest_table(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent
