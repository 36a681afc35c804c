"""Scripted HTTP servers on 127.0.0.1 for the remote-image tests (never the internet).

A ``Server`` runs in a thread with its own event loop and answers each path with a handler:
an async function given the request, the stream to write to, and how many times the path was
asked for before. It records every request, so tests can count them. Handlers for the cases
the tests need are made by the functions below.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    time: float


Handler = Callable[[Request, asyncio.StreamWriter, int], Awaitable[bool]]
"""Writes the answer; returns whether the connection may serve another request."""


@dataclass
class Server:
    routes: dict[str, Handler]
    latency: float = 0.0  # seconds before each answer
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str | None = None) -> int:
        return sum(path is None or r.path == path for r in self.requests)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *fields = head.decode("latin-1").split("\r\n")
                method, target, _ = line.split(" ", 2)
                headers = {}
                for item in filter(None, fields):
                    name, _, value = item.partition(":")
                    headers[name.strip().lower()] = value.strip()
                request = Request(method, target, headers, time.monotonic())
                seen = self.count(target)
                self.requests.append(request)
                if self.latency:
                    await asyncio.sleep(self.latency)
                handler = self.routes.get(target, status(404))
                if not await handler(request, writer, seen):
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


@contextmanager
def serving(routes: dict[str, Handler], latency: float = 0.0) -> Iterator[Server]:
    """A server on 127.0.0.1 for the ``with`` block; its connections end with it."""
    server = Server(routes, latency)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    listener: asyncio.Server | None = None

    async def start() -> None:
        nonlocal listener
        listener = await asyncio.start_server(server._serve, "127.0.0.1", 0)
        server.port = listener.sockets[0].getsockname()[1]

    def main() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    async def stop() -> None:
        assert listener is not None
        listener.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    thread = threading.Thread(target=main, daemon=True)
    thread.start()
    started.wait(5)
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


async def _write(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(data)
    await writer.drain()


def _head(code: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {code} Reason"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status(code: int, body: bytes = b"", **headers: str) -> Handler:
    """A whole answer with ``code``; ``content_type="image/png"`` as a keyword sets a header
    (underscores become dashes)."""
    named = {k.replace("_", "-").title(): v for k, v in headers.items()}

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        content = b"" if request.method == "HEAD" else body
        fields = {**named, "Content-Length": str(len(body))}
        await _write(writer, _head(code, fields) + content)
        return True

    return handler


def image() -> Handler:
    return status(200, PNG, content_type="image/png")


def redirect(location: str, code: int = 302) -> Handler:
    return status(code, location=location)


def sequence(*handlers: Handler) -> Handler:
    """The n-th request of the path gets the n-th handler (the last one from then on)."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        return await handlers[min(seen, len(handlers) - 1)](request, writer, seen)

    return handler


def by_method(head: Handler, get: Handler) -> Handler:
    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        return await (head if request.method == "HEAD" else get)(request, writer, seen)

    return handler


def hotlink_protected() -> Handler:
    """403 to a request with a Referer, the image to one without."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        answer = status(403) if "referer" in request.headers else image()
        return await answer(request, writer, seen)

    return handler


def drip(interval: float) -> Handler:
    """An image's answer, one byte every ``interval`` seconds, for ever."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        data = _head(200, {"Content-Type": "image/png", "Content-Length": "100000"})
        for index in range(10**6):
            await _write(writer, data[index % len(data) : index % len(data) + 1])
            await asyncio.sleep(interval)
        return False

    return handler


def hang_up() -> Handler:
    """Closes the connection without an answer."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        return False

    return handler


def silent() -> Handler:
    """Accepts the request and never answers."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        await asyncio.sleep(3600)
        return False

    return handler


def endless(sent: list[int]) -> Handler:
    """An image whose body never ends; ``sent[0]`` counts the bytes written."""

    async def handler(request: Request, writer: asyncio.StreamWriter, seen: int) -> bool:
        await _write(writer, _head(200, {"Content-Type": "image/png"}))
        if request.method == "HEAD":
            return False
        chunk = PNG * 1000
        for _ in range(10**5):  # ends when the client hangs up, long before this
            await _write(writer, chunk)
            sent[0] += len(chunk)
        return False

    return handler
