"""Remote image URLs: which sources are remote, and the one spelling each is fetched under.

A URL is normalised as a browser would send it: scheme and host in lower case, an
internationalised host in Punycode, a host written as a number in dotted form, no default
port, no credentials, no fragment, and characters outside ASCII percent-encoded. Two sources
that differ only in these ways are one URL, fetched once and cached once.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from postlint.remote.addresses import host_address

REMOTE_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_KEEP = "!#$%&'()*+,/:;=?@[]~"  # reserved and already-escaped characters stay as they are
_HTML_WHITESPACE = "\t\n\f\r "


def remote_url(source: str) -> str | None:
    """The normalised URL of an image source that is fetched over the network, or None.

    A protocol-relative source (``//cdn.example/x.png``) is taken as https, as on an https
    site; other schemes and relative paths are not remote.
    """
    value = source.strip(_HTML_WHITESPACE)
    if value.startswith("//"):
        value = "https:" + value
    return normalise(value)


def redirect_target(base: str, location: str) -> str | None:
    """The normalised URL a ``Location`` header sends ``base`` to, or None when it is not an
    http(s) URL."""
    return normalise(urljoin(base, location.strip(_HTML_WHITESPACE)))


def normalise(url: str) -> str | None:
    """``url`` as it is fetched and cached, or None when it is not an absolute http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = _host(parts.hostname or "")
    except (ValueError, UnicodeError):
        return None
    scheme = parts.scheme.lower()
    if scheme not in REMOTE_SCHEMES or not host:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_KEEP)
    return urlunsplit((scheme, netloc, path, quote(parts.query, safe=_KEEP), ""))


def host_of(url: str) -> str:
    """The host of a normalised URL, without brackets or port."""
    return urlsplit(url).hostname or ""


def _host(name: str) -> str:
    """A host in the form it is requested under: an address in canonical form, else the
    name in lower-case ASCII."""
    address = host_address(name)
    if isinstance(address, ipaddress.IPv6Address):
        return f"[{address.compressed}]"
    if address is not None:
        return str(address)
    return name.encode("idna").decode("ascii").lower() if not name.isascii() else name.lower()
