"""A progress line on stderr for long runs: files done, files per second, time left.

Shown only on a terminal, never in CI logs or when stderr is redirected, and only for runs
long enough to need one.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MIN_FILES = 300
_INTERVAL = 0.1


class StatusLine:
    """One line on stderr, rewritten in place at most every 0.1 s; ``close`` clears it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self.started = time.monotonic()
        self._shown_at = 0.0
        self._shown = False

    def due(self, done: int, total: int) -> bool:
        """Whether to show the line now: not too soon after the last, and always at the end."""
        now = time.monotonic()
        if now - self._shown_at < _INTERVAL and done < total:
            return False
        self._shown_at = now
        return True

    def rate(self, done: int) -> float:
        """Items done per second so far."""
        return done / max(time.monotonic() - self.started, 1e-9)

    def show(self, text: str) -> None:
        """Replace the line with ``text``."""
        self._stream.write(f"\r\x1b[2K{text}")
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        """Clear the line, so that what follows starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()

    @staticmethod
    def wanted() -> bool:
        """Whether a progress line belongs on stderr: a terminal, and not in CI."""
        return sys.stderr.isatty() and not os.environ.get("CI")


class ProgressLine(StatusLine):
    """The files' progress: call with (done, total) after each file."""

    def __call__(self, done: int, total: int) -> None:
        if total < MIN_FILES or not self.due(done, total):
            return
        rate = self.rate(done)
        left = (total - done) / rate if rate else 0.0
        self.show(
            f"postlint: {done:,}/{total:,} files · {rate:,.0f} files/s · "
            f"{int(left) // 60}:{int(left) % 60:02d} left"
        )
