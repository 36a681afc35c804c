"""How remote checks go in the current run: the command line's say, and what they found.

The CLI (or an API caller) sets a ``RemoteRun`` around a run with ``remote_run``; the remote
check reads it with ``current_run``. Outside one, the defaults apply: fetch only for posts
whose config sets ``[rules.IMG003] enabled = true``, use the cache, show no progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from postlint.remote.outcome import Outcome

Progress = Callable[[int, int, int], None]
"""Called after each URL with (URLs done, URLs in all, failures so far)."""


@dataclass
class RemoteRun:
    """``fetch``: check every post's remote images (``--check-remote``), whatever its config
    says; ``refresh``: ignore cached results (``--refresh-remote``); ``cache``: read and write
    cached results at all (off with ``--no-cache``). ``outcomes`` collects one outcome per
    distinct check of the run, for ``--statistics``."""

    fetch: bool = False
    refresh: bool = False
    cache: bool = True
    progress: Progress | None = None
    outcomes: list[Outcome] = field(default_factory=list)


_CURRENT: ContextVar[RemoteRun | None] = ContextVar("postlint_remote_run", default=None)


@contextmanager
def remote_run(run: RemoteRun) -> Iterator[RemoteRun]:
    """Make ``run`` the current run inside the ``with`` block."""
    token = _CURRENT.set(run)
    try:
        yield run
    finally:
        _CURRENT.reset(token)


def current_run() -> RemoteRun:
    """The current run's settings, or the defaults outside ``remote_run``."""
    return _CURRENT.get() or RemoteRun()
