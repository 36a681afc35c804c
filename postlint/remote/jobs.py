"""One check of a run: a URL, fetched with one ``Referer`` context under one set of options.

Every image of every post that comes to the same job shares its outcome: the URL is fetched
once per run, however many posts use it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from postlint.remote.options import RemoteOptions


@dataclass(frozen=True, slots=True)
class Job:
    """``page`` is as much of the post's URL as the ``policy`` can reveal to the image's host
    (see ``referrer.relevant_page``), so posts whose requests would look the same share it."""

    url: str
    policy: str
    page: str | None
    options: RemoteOptions

    @property
    def key(self) -> str:
        """The job's name in the results cache: everything a cached verdict depends on."""
        options = self.options
        parts = [
            self.url,
            self.policy,
            self.page,
            options.accept,
            options.allow_octet_stream,
            options.allow_private,
            options.user_agent,
        ]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
