"""The private-address guard: the addresses a remote check may connect to.

A post is untrusted input, and an image URL is a request the linter makes on its author's
behalf (in CI, next to cloud metadata services and internal hosts). So every address is
checked before a connection: a host written as an IP address in any form a browser accepts
(``127.1``, ``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``[::ffff:127.0.0.1]``), and every
address a name resolves to. Loopback, private, link-local, multicast, reserved, unspecified,
shared and IPv6 unique-local or site-local addresses are refused, and so are IPv6 addresses
that carry a refused IPv4 one (mapped, 6to4, NAT64).
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def host_address(host: str) -> IPAddress | None:
    """The address a URL's host names directly, or None when it is a name to resolve.

    IPv4 hosts are read as the WHATWG URL standard (and so every browser) reads them: one to
    four dot-separated numbers, each decimal, ``0x`` hexadecimal or ``0`` octal, the last
    filling the remaining bytes.
    """
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
    except ValueError:
        pass
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    numbers = [_number(part) for part in parts]
    if not 1 <= len(parts) <= 4 or any(number is None for number in numbers):
        return None
    *leading, last = [number for number in numbers if number is not None]
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(parts)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _number(part: str) -> int | None:
    try:
        if part[:2].lower() == "0x":
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isascii() and part.isdigit() else None
    except ValueError:
        return None


def refusal(address: IPAddress) -> str | None:
    """What kind of address the guard refuses ``address`` as (``loopback``), or None."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal(embedded)
        if address in _UNIQUE_LOCAL:
            return "unique-local"
        if address.is_site_local:
            return "site-local"
    kinds = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not public", not address.is_global),
    )
    return next((kind for kind, matches in kinds if matches), None)


async def resolve(host: str) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    import asyncio  # here, not at start-up: only a run that fetches needs it
    import socket

    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    found: dict[IPAddress, None] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        found.setdefault(ipaddress.ip_address(sockaddr[0]), None)
    return list(found)
