"""The progress line of remote checks on stderr: URLs done, URLs per second, failures.

The CLI shows it where it shows the files' progress line (a terminal, not CI); unlike that
one it shows for any number of URLs, since each may take seconds.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_INTERVAL = 0.1


class RemoteProgressLine:
    """A ``Progress`` callback: call with (done, total, failures); ``close`` clears the line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._started = time.monotonic()
        self._shown_at = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, failures: int) -> None:
        now = time.monotonic()
        if now - self._shown_at < _INTERVAL and done < total:
            return
        self._shown_at = now
        rate = done / max(now - self._started, 1e-9)
        self._stream.write(
            f"\r\x1b[2Kpostlint: remote images {done:,}/{total:,} URLs · {rate:,.1f} URLs/s · "
            f"{failures:,} failed"
        )
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        """Clear the line, so that what follows starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
