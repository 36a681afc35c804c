"""Position-exact HTML tag tokenizer.

lxml builds postlint's HTML trees but reports no columns, so this module is the
source of truth for *where* every tag and attribute is.  It follows the WHATWG
HTML tokenizer loosely: start tags, end tags and comments are yielded with
absolute code-point offsets into the scanned ``str``; doctypes, processing
instructions, CDATA sections and other ``<!...>`` markup are skipped; the
content of raw-text elements (``<script>``, ``<style>``, ...) is not tokenized.

The scanner jumps from ``<`` to ``<`` with ``str.find`` and matches each tag
with one compiled regular expression, so plain text costs no Python-level work.
It never raises: anything that is not a complete tag is treated as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Literal

__all__ = ["Attribute", "Tag", "iter_tags"]


@dataclass(slots=True)
class Attribute:
    """One attribute of a tag, with absolute offsets.

    ``name`` is ASCII-lower-cased.  ``value`` is entity-decoded, or ``None``
    when the attribute has no ``=value``.  ``start``/``name_end`` delimit the
    name; ``end`` is just after the value (after its closing quote when
    quoted), or equal to ``name_end`` when there is no value.
    """

    name: str
    value: str | None
    start: int
    name_end: int
    end: int


@dataclass(slots=True)
class Tag:
    """A start tag, end tag or comment, with absolute offsets.

    ``start`` is the offset of ``<`` and ``end`` the offset just after the
    closing ``>`` (for an unterminated comment: the end of the scanned
    window).  ``name`` is the ASCII-lower-cased tag name, ``""`` for comments.
    ``attributes`` are in source order with duplicates kept.  ``text`` is a
    comment's content between ``<!--`` and ``-->``, ``""`` for other tags.
    """

    kind: Literal["start", "end", "comment"]
    name: str
    start: int
    end: int
    attributes: tuple[Attribute, ...]
    self_closing: bool
    text: str

    def attribute(self, name: str) -> Attribute | None:
        """Return the first attribute called ``name`` (lower-case), or ``None``.

        HTML keeps the first of duplicated attributes, so this does too.
        """
        for attr in self.attributes:
            if attr.name == name:
                return attr
        return None


# HTML whitespace (tab, LF, FF, space) plus CR, since sources are not normalized.
_WS = r"\t\n\f\r "

# A whole start or end tag, anchored at its '<'; groups: the '/' of an end tag,
# the name, the attribute section, the '/' of '/>'.  Every quantifier in the
# attribute section is possessive and its tokens cannot overlap, so a tag that
# never closes fails in linear time instead of backtracking.  A name followed
# by '=' must be followed by a value: an unterminated quoted value makes the
# whole match fail (in HTML it would swallow the rest of the file) rather than
# being re-read as something else.
_TAG_RE = re.compile(
    rf"""
    <(/?)([A-Za-z][^{_WS}/>]*+)
    ((?:
        [{_WS}]++
      | /(?!>)
      | [^{_WS}/>][^{_WS}/>=]*+
        (?:
            [{_WS}]*+=[{_WS}]*+
            (?:"[^"]*+"|'[^']*+'|[^{_WS}>"'][^{_WS}>]*+|(?=>))
          | (?![{_WS}]*+=)
        )
    )*+)
    (/?)>
    """,
    re.VERBOSE,
)

# One attribute of an attribute section already validated by _TAG_RE, with
# the whitespace and stray '/' before it; groups: those separators, the name,
# the '=' with its surrounding whitespace, the raw value (quotes included).
# Consecutive findall() matches tile the section, so lengths give offsets.
_ATTR_RE = re.compile(
    rf"""
    ([{_WS}/]*+)
    ([^{_WS}/>][^{_WS}/>=]*+)
    (?:([{_WS}]*+=[{_WS}]*+)("[^"]*+"|'[^']*+'|[^{_WS}>]*+))?
    """,
    re.VERBOSE,
)

# What _TAG_RE needs before it can fail only by reaching the end of the window.
_TAG_START_RE = re.compile("</?[A-Za-z]")

_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
# The end tag closing a raw-text element: '</name' followed by whitespace, '/'
# or '>', in any case.
_RAW_END_RE = {name: re.compile(rf"</{name}(?=[{_WS}/>])", re.IGNORECASE) for name in _RAW_TEXT}

# HTML folds only ASCII letters; str.lower() would also fold other scripts.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _attributes(section: str, offset: int) -> tuple[Attribute, ...]:
    """Parse a validated attribute section found at ``offset``."""
    attrs: list[Attribute] = []
    pos = offset
    for sep, raw_name, equals, raw in _ATTR_RE.findall(section):
        start = pos + len(sep)
        name_end = start + len(raw_name)
        pos = name_end + len(equals) + len(raw)
        value: str | None = None
        if equals:
            value = raw[1:-1] if raw[:1] in ("'", '"') else raw
            if "&" in value:
                value = unescape(value)
        name = raw_name.lower() if raw_name.isascii() else raw_name.translate(_ASCII_LOWER)
        # Positional arguments: noticeably faster than keywords in this hot path.
        attrs.append(Attribute(name, value, start, name_end, pos))
    return tuple(attrs)


def _comment(text: str, start: int, end: int) -> Tag:
    """The comment whose ``<!--`` is at ``start``; unclosed, it runs to ``end``."""
    # '-->' may start right after '<!' ('<!-->' and '<!--->' are empty).
    close_at = text.find("-->", start + 2, end)
    if close_at == -1:
        return Tag("comment", "", start, end, (), False, text[start + 4 : end])
    content = text[start + 4 : max(close_at, start + 4)]
    return Tag("comment", "", start, close_at + 3, (), False, content)


def iter_tags(text: str, start: int = 0, end: int | None = None) -> Iterator[Tag]:
    """Tags of ``text[start:end]``, in source order, with absolute offsets.

    ``start`` and ``end`` follow slice semantics.  Yields start tags, end tags
    and comments.  A tag must close with ``>`` before ``end``; otherwise its
    ``<`` is text and scanning resumes just after it.  ``<!DOCTYPE ...>``,
    ``<!...>``, ``<?...>`` and ``<![CDATA[...]]>`` are skipped.  After a start
    tag of a raw-text element (``script``, ``style``, ``textarea``, ``title``,
    ``xmp``, ``iframe``, ``noembed``, ``noframes``) everything up to its end
    tag is skipped; after ``plaintext`` everything is.  Never raises.

    Each unclosed tag costs a scan to ``end``.  So that pathological input
    stays linear, once unclosed tags have cost about eight passes over the
    window the rest of it is treated, as in HTML, as the unclosed tag's
    content and nothing more is yielded.
    """
    start, end, _ = slice(start, end).indices(len(text))
    find = text.find
    match_tag = _TAG_RE.match
    # No tag can close after the last '>', so later '<'s need no regex.
    last_gt = text.rfind(">", start, end)
    fail_budget = 8 * (end - start)
    # Where a search for ']]>' failed: no CDATA section after it can close.
    cdata_dead = end
    pos = find("<", start, end)
    while pos != -1:
        m = match_tag(text, pos, end) if pos < last_gt else None
        if m is not None:
            slash, name, section, close = m.groups()
            tag_end = m.end()
            name = name.lower() if name.isascii() else name.translate(_ASCII_LOWER)
            yield Tag(
                "end" if slash else "start",
                name,
                pos,
                tag_end,
                _attributes(section, m.start(3)) if section else (),
                bool(close),
                "",
            )
            pos = tag_end
            if not slash:
                if name == "plaintext":
                    return
                raw_end = _RAW_END_RE.get(name)
                if raw_end is not None:
                    closing = raw_end.search(text, pos, end)
                    if closing is None:
                        return
                    # Resume at the end tag, which the next round yields.
                    pos = closing.start()
                    continue
            pos = find("<", pos, end)
            continue
        if pos < last_gt and _TAG_START_RE.match(text, pos, end):
            # The match failed at ``end`` (an unclosed tag): see the docstring.
            fail_budget -= end - pos
            if fail_budget < 0:
                return
        elif text.startswith("<!--", pos, end):
            comment = _comment(text, pos, end)
            yield comment
            pos = find("<", comment.end, end)
            continue
        elif text.startswith("<!", pos, end) or text.startswith("<?", pos, end):
            close_at = -1
            if text.startswith("<![CDATA[", pos, end) and pos < cdata_dead:
                close_at = find("]]>", pos + 9, end)
                if close_at == -1:
                    cdata_dead = pos
                else:
                    close_at += 2
            if close_at == -1:
                # Not CDATA, or unclosed CDATA: a bogus comment up to '>'.
                close_at = find(">", pos + 2, end)
            if close_at != -1:
                pos = find("<", close_at + 1, end)
                continue
        pos = find("<", pos + 1, end)
