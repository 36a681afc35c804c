"""Glob patterns over ``/``-separated relative paths, as in .gitignore-style config keys.

``*`` and ``?`` stay within one path segment, ``**`` spans any number of segments (also none),
and a pattern without ``/`` matches a file or folder name at any depth (``*.html``).
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    """The regular expression for a glob pattern."""
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    # A pattern naming a folder also matches everything below it.
    return re.compile("".join(parts) + "(?:/.*)?")


def matches(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    """Whether the relative ``path`` matches any of ``patterns``."""
    return any(compile_glob(pattern).fullmatch(path) for pattern in patterns)
