"""Position-exact HTML tag tokenizer.

lxml builds postlint's HTML trees but reports no columns, so this module is the
source of truth for *where* every tag and attribute is.  It follows the WHATWG
HTML tokenizer loosely: start tags, end tags and comments are yielded with
absolute code-point offsets into the scanned ``str``; doctypes, processing
instructions, CDATA sections and other ``<!...>`` markup are skipped; the
content of raw-text elements (``<script>``, ``<style>``, ...) is not tokenized.

One compiled regular expression, run with ``finditer``, finds every ``<`` and
matches the tag it opens, so plain text costs no Python-level work and a tag
one step.  It never raises: anything that is not a complete tag is text.
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

# A '<', and the whole start or end tag it opens when there is one; groups: the '/'
# of an end tag, the name, the attribute section, the '/' of '/>' (all None when the
# '<' opens no tag, so that every '<' is one match).  Every quantifier in the
# attribute section is possessive and its tokens cannot overlap, so a tag that
# never closes fails in linear time instead of backtracking.  A name followed by
# '=' must be followed by a value: an unterminated quoted value makes the tag fail
# (in HTML it would swallow the rest of the file) rather than being re-read as
# something else.
_LT_RE = re.compile(
    rf"""
    <(?:
    (/?)([A-Za-z][^{_WS}/>]*+)
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
    |)
    """,
    re.VERBOSE,
)

# One attribute of an attribute section already validated by _LT_RE, with the
# whitespace and stray '/' before it; groups: those separators, the name, the
# assignment ('=' with its surrounding whitespace and the value, quotes
# included), and within it the value without its quotes.  Consecutive findall()
# matches tile the section, so lengths give offsets.
_ATTR_RE = re.compile(
    rf"""
    ([{_WS}/]*+)
    ([^{_WS}/>][^{_WS}/>=]*+)
    ([{_WS}]*+=[{_WS}]*+["']?+((?<=")[^"]*+|(?<=')[^']*+|[^{_WS}>]*+)["']?+)?
    """,
    re.VERBOSE,
)

# What _LT_RE needs before its tag can fail only by reaching the end of the window.
_TAG_START_RE = re.compile("</?[A-Za-z]")

_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
# The end tag closing a raw-text element: '</name' followed by whitespace, '/'
# or '>', in any case.
_RAW_END_RE = {name: re.compile(rf"</{name}(?=[{_WS}/>])", re.IGNORECASE) for name in _RAW_TEXT}
# Start tags after which the text is not tokenized: raw-text elements and plaintext.
_NOT_TOKENIZED = _RAW_TEXT | {"plaintext"}

# HTML folds only ASCII letters; str.lower() would also fold other scripts.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(name: str) -> str:
    """``name`` with its ASCII letters lower-cased.

    Callers test ``name.islower()`` first: most names are, and the test costs less than
    this call.
    """
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


def _attributes(section: str, offset: int) -> tuple[Attribute, ...]:
    """Parse a validated attribute section found at ``offset``."""
    attrs: list[Attribute] = []
    pos = offset
    for sep, raw_name, assignment, raw_value in _ATTR_RE.findall(section):
        start = pos + len(sep)
        pos = name_end = start + len(raw_name)
        value: str | None = None
        if assignment:
            pos += len(assignment)
            value = unescape(raw_value) if "&" in raw_value else raw_value
        name = raw_name if raw_name.islower() else _ascii_lower(raw_name)
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


def _content_end(name: str, text: str, pos: int, end: int) -> int | None:
    """Where tokenizing resumes after the start tag of a raw-text element or ``plaintext``
    that ends at ``pos``: at the element's end tag, or never (``None``)."""
    raw_end = _RAW_END_RE.get(name)
    closing = raw_end.search(text, pos, end) if raw_end is not None else None
    return None if closing is None else closing.start()


def _markup_close(text: str, at: int, end: int, cdata_dead: int) -> tuple[int, int]:
    """The offset of the '>' closing the ``<!...>`` or ``<?...>`` at ``at`` (-1 if none),
    and ``cdata_dead`` (where a search for ']]>' failed: no CDATA section after it can
    close), updated."""
    if text.startswith("<![CDATA[", at, end) and at < cdata_dead:
        close_at = text.find("]]>", at + 9, end)
        if close_at != -1:
            return close_at + 2, cdata_dead
        cdata_dead = at
    # Not CDATA, or unclosed CDATA: a bogus comment up to '>'.
    return text.find(">", at + 2, end), cdata_dead


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
    # No tag can close after the last '>', so '<'s are matched as tags only before it.
    tags_end = text.rfind(">", start, end) + 1
    fail_budget = 8 * (end - start)
    # Where a search for ']]>' failed: no CDATA section after it can close.
    cdata_dead = end
    pos = start
    while pos < tags_end:
        # One round matches every '<' from ``pos`` on, until markup must be skipped.
        for match in _LT_RE.finditer(text, pos, tags_end):
            slash, name, section, close = match.groups()
            at, pos = match.span()
            if name is not None:
                if not name.islower():
                    name = _ascii_lower(name)
                yield Tag(
                    "end" if slash else "start",
                    name,
                    at,
                    pos,
                    _attributes(section, match.start(3)) if section else (),
                    close == "/",
                    "",
                )
                if slash or name not in _NOT_TOKENIZED:
                    continue
                content_end = _content_end(name, text, pos, end)
                if content_end is None:
                    return
                pos = content_end
                break
            if _TAG_START_RE.match(text, at, end):
                # An unclosed tag, charged as a scan to ``end``: see the docstring.
                fail_budget -= end - at
                if fail_budget < 0:
                    return
            elif text.startswith("<!--", at, end):
                comment = _comment(text, at, end)
                yield comment
                pos = comment.end
                break
            elif text.startswith(("<!", "<?"), at, end):
                close_at, cdata_dead = _markup_close(text, at, end, cdata_dead)
                if close_at != -1:
                    pos = close_at + 1
                    break
        else:
            pos = tags_end
    # After the last '>' only a comment can start, and it never closes.
    at = text.find("<!--", pos, end)
    if at != -1:
        yield _comment(text, at, end)
