"""The result cache: one file per (file content, path, settings), written atomically.

An entry holds a file's diagnostics and cross-file facts, plus what they depend on besides
the file: local files whose existence a rule looked up (IMG002), and a time after which a
finding may change (FM022, a future date that will stop being in the future). A corrupt,
foreign or stale entry is a miss, never an error. Entries are never pickled.

An entry is the SHA-256 of the rest, then three lines of JSON: the dependencies, the facts and
the diagnostics; a warm run passes the last two on as they are, without decoding them (the
digest is what tells a whole, unaltered entry).

Several postlint processes may share the folder (pre-commit runs some at once): an entry is
written to a temporary file and renamed into place, so a reader sees a whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 3


@dataclass
class Dependencies:
    """What a file's result depends on besides its content and the settings."""

    paths: dict[str, bool] = field(default_factory=dict)  # local file → existed
    expires: float | None = None  # a POSIX time after which the result may change

    def path_exists(self, path: str, exists: bool) -> None:
        """Record that a rule looked up ``path``."""
        self.paths[path] = exists

    def valid_until(self, moment: float) -> None:
        """Record that the result may change at ``moment``."""
        self.expires = moment if self.expires is None else min(self.expires, moment)

    def still_hold(self) -> bool:
        """Whether the recorded lookups and times give the same answers now."""
        if self.expires is not None and time.time() >= self.expires:
            return False
        return all(os.path.exists(path) == existed for path, existed in self.paths.items())


@dataclass
class Entry:
    """A cached result: diagnostics as ``postlint.diagnostics.encode`` gives them, and facts
    as ASCII JSON (``null`` for none)."""

    diagnostics: str
    facts: str
    dependencies: Dependencies


def key(content: bytes, path: str, explicit: bool, settings: str) -> str:
    """The cache key of a file's result."""
    digest = hashlib.sha256(content)
    digest.update(f"\0{path}\0{int(explicit)}\0{settings}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class Cache:
    """Entries under ``folder``; a missing folder is created on the first write."""

    def __init__(self, folder: Path) -> None:
        self._entries = os.path.join(folder, f"v{FORMAT}")

    def _path(self, entry_key: str) -> str:
        return os.path.join(self._entries, entry_key[:2], f"{entry_key}.json")

    def get(self, entry_key: str) -> Entry | None:
        """The entry, or None for a miss (absent, corrupt, foreign or stale)."""
        try:
            with open(self._path(entry_key), encoding="ascii") as stream:
                digest, rest = stream.readline().rstrip("\n"), stream.read()
            if digest != _digest(rest):
                return None
            head, facts, diagnostics = rest.split("\n", 2)
            header = json.loads(head)
            dependencies = Dependencies(dict(header["paths"]), header["expires"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return Entry(diagnostics, facts, dependencies) if dependencies.still_hold() else None

    def put(self, entry_key: str, entry: Entry) -> None:
        """Store an entry; a cache that cannot be written is silently skipped."""
        header = {"paths": entry.dependencies.paths, "expires": entry.dependencies.expires}
        rest = f"{json.dumps(header)}\n{entry.facts}\n{entry.diagnostics}"
        write_text(Path(self._path(entry_key)), f"{_digest(rest)}\n{rest}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def write_json(target: Path, data: object) -> None:
    """Write ``data`` as JSON to ``target`` atomically (see ``write_text``). ASCII JSON: the
    lone surrogates of a file name that is not UTF-8 round-trip."""
    write_text(target, json.dumps(data))


def write_text(target: Path, text: str) -> None:
    """Write ASCII ``text`` to ``target`` atomically (a temporary file renamed into place), so
    that a concurrent reader sees all of it or none; a folder that cannot be written is
    skipped."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except (OSError, ValueError):
        Path(temporary).unlink(missing_ok=True)
