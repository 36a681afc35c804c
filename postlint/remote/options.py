"""The options of a remote check, set under ``[rules.IMG003]``.

They travel with each post's facts (validated again in the process that fetches), so they are
plain, JSON-ready values; the model is frozen and hashable, so a check made under one set of
options is shared by every post that uses it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from postlint.remote.referrer import DEFAULT_POLICY, POLICIES
from postlint.rules import Options

# A current desktop browser's User-Agent: some hosts refuse clients that do not look like one.
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
_STATUS_RANGE = re.compile(r"([1-5][0-9]{2})(?:-([1-5][0-9]{2}))?")


class RemoteOptions(Options):
    """Whether remote images are checked, how the requests look, limits, and the cache."""

    enabled: bool = False
    site_url: str | None = None  # the site's URL, for the Referer: https://blog.example.com
    permalink: str = "/:year/:month/:day/:title.html"  # of posts without a permalink field
    referrer_policy: str = DEFAULT_POLICY  # the page's policy, for images without one
    user_agent: str = BROWSER_USER_AGENT
    accept: tuple[str, ...] = ("200-299",)  # status codes that are fine: "200", "200-299"
    allow_octet_stream: bool = False  # application/octet-stream counts as an image
    allow_private: bool = False  # the private-address guard off
    concurrency: int = Field(default=32, ge=1)  # requests at once, in all
    host_concurrency: int = Field(default=4, ge=1)  # requests at once, per host
    host_interval: float = Field(default=0.05, ge=0)  # seconds between requests to a host
    connect_timeout: float = Field(default=5.0, gt=0)  # seconds
    deadline: float = Field(default=15.0, gt=0)  # seconds in all for one URL
    retries: int = Field(default=2, ge=0)  # for 408, 429, 5xx and resets
    max_bytes: int = Field(default=65536, ge=1)  # of a body read, at most
    cache_ok_days: float = Field(default=7.0, ge=0)
    cache_broken_days: float = Field(default=1.0, ge=0)

    @field_validator("site_url")
    @classmethod
    def _absolute_http_url(cls, value: str | None) -> str | None:
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("expected an http or https URL such as https://blog.example")
        return value

    @field_validator("referrer_policy")
    @classmethod
    def _known_policy(cls, value: str) -> str:
        if value not in POLICIES:
            raise ValueError(f"expected one of {', '.join(sorted(POLICIES))}")
        return value

    @field_validator("accept")
    @classmethod
    def _status_ranges(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            match = _STATUS_RANGE.fullmatch(value)
            if match is None or (match.group(2) and match.group(2) < match.group(1)):
                raise ValueError(f"{value!r}: expected a status code or a range, as '200-299'")
        return values

    def accepts(self, status: int) -> bool:
        """Whether ``status`` is one of the accepted status codes."""
        for value in self.accept:
            low, _, high = value.partition("-")
            if int(low) <= status <= int(high or low):
                return True
        return False
