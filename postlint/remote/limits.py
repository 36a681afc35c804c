"""Politeness and throughput: requests at once (in all and per host), and a pause between
requests to one host."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Limits:
    """Slots for requests: ``total`` at once, ``per_host`` at once to one host, and requests
    to one host started at least ``interval`` seconds apart."""

    def __init__(self, total: int, per_host: int, interval: float) -> None:
        self._total = asyncio.Semaphore(total)
        self._per_host = per_host
        self._interval = interval
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a slot for one request to ``host``. The host's slot is taken first, so a
        request waiting for a busy host never holds one of the run's slots."""
        host_slots = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))
        async with host_slots, self._total:
            await self._turn(host)
            yield

    async def _turn(self, host: str) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next_start.get(host, now))
        self._next_start[host] = start + self._interval
        if start > now:
            await asyncio.sleep(start - now)
