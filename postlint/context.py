"""What a check knows about the file it checks, besides the document itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from postlint.cache import Dependencies
from postlint.config import Config
from postlint.rules import Rule


@dataclass(frozen=True)
class CheckContext:
    """The file's config, how it was found, and the time the run started."""

    config: Config
    relative_path: str  # relative to the config's root, with '/' separators
    explicit: bool = True  # named on the command line or given to the API, not found by a walk
    show_traceback: bool = False  # PL900 messages carry the whole traceback
    check_remote: bool = False  # remote images are checked in this run (--check-remote)
    now: datetime.datetime = field(default_factory=lambda: datetime.datetime.now(datetime.UTC))
    # What the result depends on besides the file, for the cache (filled in by checks).
    dependencies: Dependencies = field(default_factory=Dependencies)

    def options(self, rule: Rule) -> Any:
        """The options of ``rule`` for this file."""
        return self.config.options(rule)
