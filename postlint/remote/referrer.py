"""The ``Referer`` a browser sends for an image, following the Referrer Policy standard.

Hot-link protection reads the ``Referer``, so the check sends exactly what a reader's browser
would: per request (every redirect hop too), from the post's URL and the image's
``referrerpolicy`` (or the page's default policy).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

DEFAULT_POLICY = "strict-origin-when-cross-origin"
POLICIES = frozenset(
    {
        "no-referrer",
        "no-referrer-when-downgrade",
        "same-origin",
        "origin",
        "strict-origin",
        "origin-when-cross-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    }
)
_FULL_URL_TO_ANY_ORIGIN = ("unsafe-url", "no-referrer-when-downgrade")


def policy(attribute: str | None, default: str) -> str:
    """The policy an image's ``referrerpolicy`` value sets; an absent, empty or unknown value
    leaves the page's ``default``, as in a browser."""
    value = (attribute or "").strip().lower()
    return value if value in POLICIES else default


def referer(page: str | None, policy: str, target: str) -> str | None:
    """The ``Referer`` header of a request for ``target`` from ``page``, or None for none."""
    if page is None or policy == "no-referrer":
        return None
    full, origin = _stripped(page), _origin(page)
    same = _origin(target) == origin
    downgrade = page.startswith("https:") and not target.startswith("https:")
    chosen: dict[str, str | None] = {
        "unsafe-url": full,
        "no-referrer-when-downgrade": None if downgrade else full,
        "same-origin": full if same else None,
        "origin": origin,
        "strict-origin": None if downgrade else origin,
        "origin-when-cross-origin": full if same else origin,
        "strict-origin-when-cross-origin": full if same else (None if downgrade else origin),
    }
    return chosen[policy]


def relevant_page(page: str | None, policy: str, target: str) -> str | None:
    """As much of ``page`` as ``policy`` can reveal for ``target`` and hops like it: the whole
    URL, or only its origin when the image is on another site and the policy sends at most
    the origin there. Posts whose images would get the same ``Referer`` share one check."""
    if page is None or policy == "no-referrer":
        return None
    if policy in _FULL_URL_TO_ANY_ORIGIN or _origin(target) == _origin(page):
        return _stripped(page)
    return _origin(page)


def _stripped(url: str) -> str:
    """A URL as a referrer: without credentials and fragment."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/"
