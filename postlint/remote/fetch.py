"""One URL's check over HTTP, with aiohttp: the only module that imports the client.

A check asks with ``HEAD`` first and, when that is refused or does not say "an image" (some
servers answer ``HEAD`` with 405, 404, 500 or an HTML page while ``GET`` works), with ``GET``
and ``Range: bytes=0-1023``. Redirects are followed by hand, at most five, each hop through
the guard. 408 and 429 (with the same method), 5xx and dropped connections are tried again
after a pause that doubles, or as long as ``Retry-After`` says, within the URL's deadline.
Bodies are read up to a byte cap and never inflated (``Accept-Encoding: identity``,
decompression off); TLS is verified.

Every connection goes to an address the guard checked: names are resolved here, every
address checked, and aiohttp's resolver answers only with those (``PinnedResolver``), while
the ``Host`` header and TLS (SNI and certificate) use the name. A name cannot resolve to a
public address for the check and a private one for the connection.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import time
from dataclasses import dataclass
from types import TracebackType

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from postlint.diagnostics import quote
from postlint.escape import one_line
from postlint.remote import addresses, urls
from postlint.remote.deadline import Budget, DeadlineExceeded
from postlint.remote.jobs import Job
from postlint.remote.limits import Limits
from postlint.remote.options import RemoteOptions
from postlint.remote.outcome import Outcome, Verdict
from postlint.remote.referrer import referer

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RANGE = "bytes=0-1023"
IMAGE_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
BACKOFF = 0.5  # seconds before the first retry; doubled before each next one
_READ_CHUNK = 65536
_RATE_LIMITED = (408, 429)  # tried again with the same method; unverified when they persist
# Dropped connections, which are worth another try.
_RESETS = (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, ConnectionResetError)


@dataclass(frozen=True, slots=True)
class Reply:
    """What a check needs of a response."""

    status: int
    reason: str
    location: str | None
    media_type: str  # Content-Type without parameters, lower case; "" when absent
    retry_after: float | None  # seconds


class PinnedResolver(AbstractResolver):
    """aiohttp's resolver for a run: it answers only with addresses the guard checked."""

    def __init__(self) -> None:
        self.pins: dict[str, list[addresses.IPAddress]] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The checked addresses of ``host``; a name that was not checked has none."""
        pinned = self.pins.get(host)
        if not pinned:
            raise OSError(f"{host} was not looked up by the private-address guard")
        return [
            {
                "hostname": host,
                "host": str(address),
                "port": port,
                "family": socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in pinned
        ]

    async def close(self) -> None:
        """Nothing to release."""


class Fetcher:
    """A run's HTTP session, with its pinned resolver, lookups and limits (async with)."""

    def __init__(self, limits: Limits, connections: int) -> None:
        self._limits = limits
        self._connections = connections
        self._resolver = PinnedResolver()
        self._lookups: dict[str, asyncio.Future[list[addresses.IPAddress]]] = {}
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(
            resolver=self._resolver, use_dns_cache=False, limit=self._connections, ssl=True
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,  # no proxy from the environment: it would connect for us
            timeout=aiohttp.ClientTimeout(total=None),
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()

    async def check(self, job: Job) -> Outcome:
        """Check one job within its deadline."""
        budget = Budget(job.options.deadline)
        try:
            verdict, reason = await self._follow(job, budget)
        except DeadlineExceeded:
            verdict, reason = "unverified", f"no complete answer within {budget.total:g} s"
        return Outcome(verdict, reason, urls.host_of(job.url))

    async def _follow(self, job: Job, budget: Budget) -> tuple[Verdict, str]:
        """Requests for ``job`` until a verdict: redirects, the GET fallback, retries."""
        options = job.options
        url, method, tries = job.url, "HEAD", 0
        chain = [url]
        while True:
            refused = await self._admit(url, options, budget)
            if refused is not None:
                return "unverified", refused
            sent = referer(job.page, job.policy, url)
            try:
                reply = await self._exchange(method, url, sent, options, budget)
            except _RESETS as error:
                if tries < options.retries:
                    tries += 1
                    await budget.run(asyncio.sleep(_backoff(tries)))
                    continue
                return "unverified", f"{_describe(error)} (after {tries + 1} tries)"
            except (aiohttp.ClientError, OSError) as error:
                return "unverified", _describe(error, options)
            if reply.status in REDIRECTS and reply.location is not None:
                target = urls.redirect_target(url, reply.location)
                if target is None:
                    return "broken", f"redirects to {quote(reply.location)}, not an http(s) URL"
                if target in chain:
                    return "broken", f"redirect loop: back to {quote(target, 200)}"
                if len(chain) > MAX_REDIRECTS:
                    return "broken", f"more than {MAX_REDIRECTS} redirects"
                chain.append(target)
                url = target
                continue
            verdict, reason = _judge(reply, method, options, sent)
            if verdict == "ok":
                return verdict, reason
            if method == "HEAD" and reply.status not in _RATE_LIMITED:
                method = "GET"  # HEAD refused, failed or did not plainly say "an image"
                continue
            if _retryable(reply.status) and tries < options.retries:
                delay = reply.retry_after if reply.retry_after is not None else _backoff(tries + 1)
                if reply.retry_after is not None and delay >= budget.left:
                    return verdict, f"{reason}; asked to retry after {delay:g} s, past the deadline"
                if delay < budget.left:
                    tries += 1
                    await budget.run(asyncio.sleep(delay))
                    continue
            return verdict, reason + (f" (after {tries + 1} tries)" if tries else "")

    async def _admit(self, url: str, options: RemoteOptions, budget: Budget) -> str | None:
        """Resolve the URL's host and pass every address through the guard; the reason for
        not connecting, or None (and the addresses pinned for the connection)."""
        host = urls.host_of(url)
        literal = addresses.host_address(host)
        if literal is not None:
            found = [literal]
        else:
            try:
                found = await budget.run(asyncio.shield(self._lookup(host)))
            except OSError as error:
                return f"DNS lookup of {host} failed: {one_line(error.strerror or str(error))}"
            if not found:
                return f"DNS lookup of {host} gave no address"
        if not options.allow_private:
            for address in found:
                kind = addresses.refusal(address)
                if kind is not None:
                    return (
                        f"the private-address guard refused {host} ({address} is {kind}); "
                        "set allow-private = true to check images on private hosts"
                    )
        if literal is None:
            self._resolver.pins[host] = found
        return None

    def _lookup(self, host: str) -> asyncio.Future[list[addresses.IPAddress]]:
        """The run's one lookup of ``host``, shared by every URL on it."""
        if host not in self._lookups:
            lookup = asyncio.ensure_future(addresses.resolve(host))
            # Its failure is read by whoever awaits it in time; this reads it otherwise.
            lookup.add_done_callback(lambda done: done.cancelled() or done.exception())
            self._lookups[host] = lookup
        return self._lookups[host]

    async def _exchange(
        self, method: str, url: str, sent: str | None, options: RemoteOptions, budget: Budget
    ) -> Reply:
        """One request, once a slot for its host is free, within the budget."""
        headers = {
            "User-Agent": options.user_agent,
            "Accept": IMAGE_ACCEPT,
            "Accept-Encoding": "identity",
        }
        if sent is not None:
            headers["Referer"] = sent
        if method == "GET":
            headers["Range"] = RANGE
        async with self._limits.slot(urls.host_of(url)):
            return await budget.run(self._request(method, url, headers, options))

    async def _request(
        self, method: str, url: str, headers: dict[str, str], options: RemoteOptions
    ) -> Reply:
        assert self._session is not None
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=options.connect_timeout)
        async with self._session.request(
            method,
            URL(url, encoded=True),
            headers=headers,
            allow_redirects=False,
            timeout=timeout,
        ) as response:
            if method == "GET":
                await _read_some(response, options.max_bytes)
            return Reply(
                response.status,
                one_line(response.reason or ""),
                response.headers.get("Location"),
                response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
                _retry_after(response.headers.get("Retry-After")),
            )


async def _read_some(response: aiohttp.ClientResponse, limit: int) -> None:
    """Read the body up to ``limit`` bytes (it shows the image is delivered); past that,
    close the connection rather than read on."""
    read = 0
    while read < limit:
        chunk = await response.content.read(min(_READ_CHUNK, limit - read))
        if not chunk:
            return
        read += len(chunk)
    response.close()


def _judge(
    reply: Reply, method: str, options: RemoteOptions, sent: str | None
) -> tuple[Verdict, str]:
    """The verdict on a final (not redirecting) answer."""
    status = 200 if method == "GET" and reply.status == 206 else reply.status  # Range's answer
    if options.accepts(status):
        media = reply.media_type
        if media.startswith("image/") or (
            options.allow_octet_stream and media == "application/octet-stream"
        ):
            return "ok", ""
        served = f"as {quote(media)}" if media else "with no Content-Type"
        return "broken", f"served {served}, not as an image"
    reason = f"HTTP {reply.status} {reply.reason}".rstrip()
    if sent is not None:
        reason += f" (requested with Referer {sent})"
    return ("unverified" if reply.status in _RATE_LIMITED else "broken"), reason


def _retryable(status: int) -> bool:
    return status in _RATE_LIMITED or status >= 500


def _backoff(tries: int) -> float:
    return BACKOFF * 2.0 ** (tries - 1)


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number, or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _describe(error: BaseException, options: RemoteOptions | None = None) -> str:
    """A failure to get an answer, in words."""
    if isinstance(error, aiohttp.ClientSSLError):
        return f"TLS failure: {one_line(str(error.os_error))}"
    if isinstance(error, aiohttp.ClientConnectorError):
        if isinstance(error.os_error, ConnectionRefusedError):
            return "connection refused"
        return f"cannot connect: {one_line(error.os_error.strerror or str(error.os_error))}"
    if isinstance(error, TimeoutError) and options is not None:
        return f"no connection within {options.connect_timeout:g} s"
    if isinstance(error, _RESETS):
        return "the connection was dropped"
    if isinstance(error, aiohttp.ClientResponseError):
        return f"invalid HTTP answer: {one_line(error.message)}"
    return f"request failed: {one_line(str(error) or type(error).__name__)}"
