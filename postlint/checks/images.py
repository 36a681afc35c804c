"""Image rules: missing sources, missing local files, alt text, insecure, bad sizes, bad URLs.

Sources with template syntax (``{{ … }}``, ``{% … %}``) are skipped: only the generator
knows what they become.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import Field

from postlint import site
from postlint.context import CheckContext
from postlint.diagnostics import Finding, Severity, quote
from postlint.document import Document
from postlint.images import Image, Source, images, is_template
from postlint.positions import Span
from postlint.rules import Options, Rule, check


class LocalImageOptions(Options):
    """Where local images live."""

    site_root: str | None = None  # relative to the config's folder; default: found by markers
    baseurl: str | None = None  # default: read from the site's _config.yml
    mirrors: dict[str, str] = Field(default_factory=dict)  # value prefix → folder in the site


MISSING_SRC = Rule("IMG001", "img-missing-src", "An image has no usable source.", Severity.ERROR)
LOCAL_IMAGE_NOT_FOUND = Rule(
    "IMG002",
    "local-image-not-found",
    "A local image does not exist in the site.",
    Severity.ERROR,
    LocalImageOptions,
)
MISSING_ALT = Rule("IMG004", "img-missing-alt", "An image has no alt text.", Severity.WARNING)
INSECURE_URL = Rule("IMG005", "insecure-image-url", "An image source uses http:.", Severity.WARNING)
INVALID_DIMENSIONS = Rule(
    "IMG006",
    "invalid-image-dimensions",
    "An image's width or height is not a positive whole number.",
    Severity.WARNING,
)
MALFORMED_URL = Rule(
    "IMG007", "malformed-image-url", "An image source is not a usable URL.", Severity.ERROR
)

_UNSAFE_SCHEMES = ("javascript", "vbscript")
_WHITESPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u2028\u2029\u3000]")
_DIMENSION = re.compile(r"[0-9]+")


def _checked_sources(image: Image) -> Iterator[Source]:
    for source in image.sources:
        if not is_template(source.url):
            yield source


@check(MISSING_SRC)
def missing_src(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG001: an ``<img>`` or Markdown image with no source and no lazy-load source."""
    for image in doc.derived(images):
        if image.tag is not None and image.tag.name != "img":
            continue
        if image.source_elsewhere or any(source.url.strip() for source in image.sources):
            continue
        src = image.tag.attribute("src") if image.tag else None
        what = "an empty src" if src is not None else "no src"
        yield Finding(
            "IMG001",
            image.span,
            f"image has {what} and no lazy-load source (data-src, srcset, …); "
            "expected the URL of the image",
        )


@check(LOCAL_IMAGE_NOT_FOUND)
def local_image_not_found(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG002: a local image (or a mirrored one) that is not a file of the site."""
    if doc.path == "<text>":
        return  # text with no path has no site to look in
    options: LocalImageOptions = ctx.options(LOCAL_IMAGE_NOT_FOUND)
    post_folder = os.path.dirname(os.path.abspath(doc.path))
    root = (
        os.path.join(str(ctx.config.root), options.site_root)
        if options.site_root is not None
        else site.find_site_root(post_folder, str(ctx.config.root), ctx.config.path is not None)
    )
    baseurl = options.baseurl if options.baseurl is not None else site.read_baseurl(root)
    for image in doc.derived(images):
        for source in _checked_sources(image):
            if site.is_local(source.url):
                target = site.local_path(source.url, post_folder, root, baseurl)
                yield from _missing(image, source.url, target, root, ctx)
        if options.mirrors and image.tag is not None:
            for name in ("data-path", "src"):
                attribute = image.tag.attribute(name)
                if attribute is not None and attribute.value:
                    target = site.mirrored_path(attribute.value, options.mirrors, root)
                    if target is not None or any(map(attribute.value.startswith, options.mirrors)):
                        yield from _missing(image, attribute.value, target, root, ctx)


def _missing(
    image: Image, url: str, target: str | None, root: str, ctx: CheckContext
) -> Iterator[Finding]:
    if target is None:
        yield Finding(
            "IMG002",
            image.span,
            f"image {quote(url)} points outside the site root {root}; not looked up",
        )
    elif not _exists(target, ctx):
        shown = os.path.relpath(target, root)
        yield Finding(
            "IMG002",
            image.span,
            f"local image {quote(url)} not found: expected the file {shown} in the site "
            "(names are case-sensitive)",
        )


def _exists(target: str, ctx: CheckContext) -> bool:
    exists = site.exists_exactly(target)
    ctx.dependencies.path_exists(target, exists)
    return exists


@check(MISSING_ALT)
def missing_alt(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG004: ``<img>`` without ``alt`` (``alt=""`` is decorative and fine), or ``![](…)``."""
    for image in doc.derived(images):
        if image.tag is None:
            if image.markdown_alt is not None and not image.markdown_alt.strip():
                yield Finding(
                    "IMG004", image.span, "image has empty alt text: describe it inside ![…]"
                )
            continue
        tag = image.tag
        if tag.name != "img" or tag.attribute("alt") is not None:
            continue
        hidden = tag.attribute("aria-hidden")
        role = tag.attribute("role")
        if (hidden and (hidden.value or "").lower() == "true") or (
            role and (role.value or "").lower() in ("presentation", "none")
        ):
            continue
        yield Finding(
            "IMG004",
            image.span,
            'image has no alt attribute: add a description, or alt="" if it is decorative',
        )


@check(INSECURE_URL)
def insecure_url(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG005: an image source fetched over plain ``http:``."""
    for image in doc.derived(images):
        for source in _checked_sources(image):
            if source.url.strip().lower().startswith("http:"):
                yield Finding(
                    "IMG005",
                    source.span,
                    f"image source {quote(source.url)} uses http:, which https pages block "
                    "or flag as mixed content; expected https:",
                )


@check(INVALID_DIMENSIONS)
def invalid_dimensions(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG006: ``width``/``height`` that is not a whole number of pixels above zero."""
    for image in doc.derived(images):
        if image.tag is None:
            continue
        for name in ("width", "height"):
            attribute = image.tag.attribute(name)
            if attribute is None:
                continue
            value = attribute.value or ""
            if not _DIMENSION.fullmatch(value) or int(value) == 0:
                yield Finding(
                    "IMG006",
                    Span(attribute.start, attribute.end),
                    f"{name}={quote(value)} is not a whole number of pixels above zero "
                    "(CSS units and percentages belong in a stylesheet)",
                )


@check(MALFORMED_URL)
def malformed_url(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """IMG007: script or non-image ``data:`` URLs, whitespace inside, or unparsable URLs."""
    for image in doc.derived(images):
        for source in _checked_sources(image):
            problem = _url_problem(source.url, source.attribute is not None)
            if problem:
                yield Finding("IMG007", source.span, f"image source {quote(source.url)} {problem}")


def _url_problem(url: str, in_html: bool) -> str | None:
    value = url.strip() if in_html else url  # HTML strips surrounding whitespace from URLs
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme in _UNSAFE_SCHEMES:
        return f"uses the {scheme}: scheme; expected an image URL"
    if scheme == "data":
        if not value[5:].lower().startswith("image/"):
            return "is a data: URL that is not an image"
        return None
    if _WHITESPACE_OR_CONTROL.search(value):
        return "contains whitespace or a control character; encode it (%20)"
    try:
        parts = urlsplit(value)
        _ = parts.port
    except ValueError as error:
        return f"cannot be parsed as a URL: {error}"
    return None
