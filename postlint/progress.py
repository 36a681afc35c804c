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


class ProgressLine:
    """Call with (done, total) after each file; ``close`` clears the line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._started = time.monotonic()
        self._shown_at = 0.0
        self._shown = False

    @staticmethod
    def wanted() -> bool:
        """Whether a progress line belongs on stderr: a terminal, and not in CI."""
        return sys.stderr.isatty() and not os.environ.get("CI")

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total < MIN_FILES or (now - self._shown_at < _INTERVAL and done < total):
            return
        self._shown_at = now
        rate = done / max(now - self._started, 1e-9)
        left = (total - done) / rate if rate else 0.0
        self._stream.write(
            f"\r\x1b[2Kpostlint: {done:,}/{total:,} files · {rate:,.0f} files/s · "
            f"{int(left) // 60}:{int(left) % 60:02d} left"
        )
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        """Clear the line, so that what follows starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
