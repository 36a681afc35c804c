"""The progress line of remote checks on stderr: URLs done, URLs per second, failures.

The CLI shows it where it shows the files' progress line (a terminal, not CI); unlike that
one it shows for any number of URLs, since each may take seconds.
"""

from __future__ import annotations

from postlint.progress import StatusLine


class RemoteProgressLine(StatusLine):
    """A ``Progress`` callback: call with (done, total, failures); ``close`` clears the line."""

    def __call__(self, done: int, total: int, failures: int) -> None:
        if self.due(done, total):
            self.show(
                f"postlint: remote images {done:,}/{total:,} URLs · {self.rate(done):,.1f} URLs/s"
                f" · {failures:,} failed"
            )
