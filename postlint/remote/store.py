"""Remote results kept between runs: one JSON file per job under ``<cache>/remote/``.

An ok result is kept ``cache-ok-days`` (default 7), a broken one ``cache-broken-days``
(default 1); an unverified one never, since it says nothing about the image. The lifetime is
applied when an entry is read, so a changed option takes effect at once. Entries are written
to a temporary file and renamed into place, so runs sharing the folder (pre-commit starts
several) read a whole entry or none; a corrupt or foreign entry is a miss.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from postlint.cache import write_json
from postlint.remote.jobs import Job
from postlint.remote.outcome import Outcome

FORMAT = 1
_DAY = 86400.0


class ResultStore:
    """Cached outcomes under ``folder`` (a config's cache folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "remote" / f"v{FORMAT}"

    def _path(self, job: Job) -> Path:
        key = job.key
        return self.folder / key[:2] / f"{key}.json"

    def get(self, job: Job) -> Outcome | None:
        """The cached outcome of ``job`` while it is fresh, else None."""
        try:
            data = json.loads(self._path(job).read_text(encoding="utf-8"))
            outcome = Outcome.from_dict(data)
            checked = float(data["checked"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        options = job.options
        days = options.cache_ok_days if outcome.verdict == "ok" else options.cache_broken_days
        fresh = data.get("url") == job.url and time.time() < checked + days * _DAY
        return outcome if fresh else None

    def put(self, job: Job, outcome: Outcome) -> None:
        """Keep ``outcome`` unless it is unverified; a folder that cannot be written is skipped."""
        if outcome.verdict == "unverified":
            return
        write_json(self._path(job), {"url": job.url, "checked": time.time(), **outcome.to_dict()})
