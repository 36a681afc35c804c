"""A URL's time budget: the time its requests, lookups and pauses may take, in all.

Time spent waiting for a free connection slot is not counted, so a busy run does not time
out URLs that never got their turn; a server that drips a byte a second is cut off when the
budget runs out, whatever it still sends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The URL's budget ran out."""


class Budget:
    """Seconds left for one URL; ``run`` spends them."""

    def __init__(self, seconds: float) -> None:
        self.total = seconds
        self.left = seconds

    async def run(self, awaitable: Awaitable[T]) -> T:
        """Await ``awaitable`` within what is left; raises DeadlineExceeded when it runs out."""
        if self.left <= 0:
            raise DeadlineExceeded
        loop = asyncio.get_running_loop()
        started = loop.time()
        scope = asyncio.timeout(self.left)
        try:
            async with scope:
                return await awaitable
        except TimeoutError:
            if scope.expired():
                raise DeadlineExceeded from None
            raise
        finally:
            self.left -= loop.time() - started
