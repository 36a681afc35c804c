"""The images of a post: ``<img>``, ``<picture>``'s ``<source>``, and Markdown images.

Each image lists its source candidates: ``src``, the lazy-load attributes that scripts copy
into ``src`` (``data-src``, ``data-original``, ``data-lazy-src``), and every candidate of
``srcset`` and ``data-srcset``. Image rules read these, never the tags themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from postlint.document import Document
from postlint.parse.tags import Attribute, Tag
from postlint.positions import Span

SINGLE_SOURCES = ("src", "data-src", "data-original", "data-lazy-src")
SET_SOURCES = ("srcset", "data-srcset")


@dataclass(frozen=True, slots=True)
class Source:
    """One source candidate: its URL, and the attribute that holds it (None in Markdown)."""

    url: str
    attribute: Attribute | None
    span: Span  # the attribute, from its name to the end of its value; or the Markdown URL


@dataclass(frozen=True, slots=True)
class Image:
    """An image: its element's span, its tag (None in Markdown), and its source candidates."""

    span: Span
    tag: Tag | None
    sources: tuple[Source, ...]
    source_elsewhere: bool = False  # an <img> in a <picture> with a <source srcset>
    markdown_alt: str | None = None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value (each candidate's URL, descriptors dropped)."""
    urls = []
    position, length = 0, len(value)
    while position < length:
        while position < length and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < length and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while position < length and value[position] != ",":
                position += 1
        if url:
            urls.append(url)
    return urls


def _sources(tag: Tag) -> tuple[Source, ...]:
    found = []
    for attribute in tag.attributes:
        if attribute.value is None:
            continue
        span = Span(attribute.start, attribute.end)
        if attribute.name in SINGLE_SOURCES:
            found.append(Source(attribute.value, attribute, span))
        elif attribute.name in SET_SOURCES:
            found += [Source(url, attribute, span) for url in srcset_urls(attribute.value)]
    return tuple(found)


def images(doc: Document) -> list[Image]:
    """Every image of the body, in source order."""
    found: list[Image] = []
    picture_depth = 0
    picture_sources: list[bool] = []
    for tag in doc.tags:
        if tag.name == "picture":
            if tag.kind == "start" and not tag.self_closing:
                picture_depth += 1
                picture_sources.append(False)
            elif tag.kind == "end" and picture_depth:
                picture_depth -= 1
                picture_sources.pop()
        elif tag.kind == "start" and tag.name == "source" and picture_depth:
            candidates = _sources(tag)
            picture_sources[-1] = picture_sources[-1] or bool(candidates)
            found.append(Image(Span(tag.start, tag.end), tag, candidates))
        elif tag.kind == "start" and tag.name == "img":
            in_picture = bool(picture_sources) and picture_sources[-1]
            found.append(Image(Span(tag.start, tag.end), tag, _sources(tag), in_picture))
    for image in doc.markdown.images:
        sources: tuple[Source, ...] = ()
        if image.url_span is not None and image.url.strip():
            sources = (Source(image.url, None, image.url_span),)
        found.append(Image(image.span, None, sources, markdown_alt=image.alt))
    found.sort(key=lambda image: image.span.start)
    return found


def is_template(value: str) -> bool:
    """Liquid or Hugo template syntax, which only the generator can resolve."""
    return "{{" in value or "{%" in value
