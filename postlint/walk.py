"""Finding the posts to lint: paths named on the command line, and folders walked.

A walk yields regular files ending in ``.md``, ``.markdown`` or ``.html``; it skips the
folders of generated or vendored files, ``exclude`` globs and ``.gitignore``d files; it never
follows a link to a folder (so link loops end) nor a link to a file outside the walked
folder. Directories, FIFOs and dangling links named like posts are skipped silently by a
walk; named on the command line, they are linted, and reading them reports PL001. A folder
that cannot be listed is yielded itself, for the same PL001.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

POST_SUFFIXES = (".md", ".markdown", ".html")
SKIPPED_DIRS = frozenset(
    {
        ".git",
        "_site",
        "public",
        "node_modules",
        "vendor",
        ".bundle",
        "_layouts",
        "_includes",
        ".postlint_cache",
    }
)


class MissingPath(Exception):
    """A path named on the command line does not exist."""


@dataclass(frozen=True, slots=True)
class Target:
    """A file to lint, and whether it was named directly (not found by a walk)."""

    path: str
    explicit: bool


def discover(paths: list[str], excluded: Callable[[str], bool]) -> list[Target]:
    """The files to lint under ``paths``, sorted, without duplicates.

    ``excluded`` says whether a path (file or folder) is excluded by its config.
    """
    targets: dict[str, Target] = {}
    for path in paths:
        if not os.path.lexists(path):
            raise MissingPath(f"{path}: no such file or directory")
        if os.path.isdir(path) and not path.lower().endswith(POST_SUFFIXES):
            for found in _ignored_by_git_removed(list(_walk(path, excluded))):
                targets.setdefault(found, Target(found, False))
        elif not excluded(path):
            targets[path] = Target(path, True)
    return sorted(targets.values(), key=lambda target: target.path)


def _walk(top: str, excluded: Callable[[str], bool]) -> Iterator[str]:
    root = Path(top).resolve()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            entries = _listing(folder, root)
        except OSError:
            yield folder  # unreadable: reading it reports PL001, so its posts are not lost
            continue
        for name, is_folder in entries:
            path = os.path.join(folder, name)
            if is_folder:
                if name not in SKIPPED_DIRS and not excluded(path):
                    pending.append(path)
            elif not excluded(path):
                yield path


def _listing(folder: str, root: Path) -> list[tuple[str, bool]]:
    """A folder's subfolders and posts, sorted by name, as (name, is a folder): names only, as
    an archive's folder may hold a hundred thousand entries."""
    with os.scandir(folder) as entries:
        found = [
            (entry.name, entry.is_dir(follow_symlinks=False))
            for entry in entries
            if entry.is_dir(follow_symlinks=False)
            or (entry.name.lower().endswith(POST_SUFFIXES) and _is_regular(entry, root))
        ]
    return sorted(found)


def _is_regular(entry: os.DirEntry[str], root: Path) -> bool:
    """A regular file, or a link to one inside the walked folder."""
    try:
        if not entry.is_file(follow_symlinks=True):
            return False  # FIFOs, sockets, dangling links, folders named like posts
        if entry.is_symlink():
            return Path(entry.path).resolve().is_relative_to(root)
    except OSError:
        return False
    return True


def _ignored_by_git_removed(paths: list[str]) -> list[str]:
    """``paths`` less those that git ignores (all of them outside a git work tree). git is
    asked about a few thousand at a time, so that an archive's names are not all copied."""
    kept: list[str] = []
    for start in range(0, len(paths), _GIT_BATCH):
        batch = paths[start : start + _GIT_BATCH]
        ignored = _git_ignored([os.path.abspath(path) for path in batch])
        if ignored is None:
            return paths  # not a git work tree, or git failed: ignore nothing
        kept += [path for path in batch if os.path.abspath(path) not in ignored]
    return kept


_GIT_BATCH = 5000


def _git_ignored(absolute: list[str]) -> set[str] | None:
    """Which of the ``absolute`` paths git ignores; None if git cannot tell."""
    try:
        result = subprocess.run(
            # The linted repository's config is not trusted: its core.fsmonitor is a command
            # that git would run when it reads the index.
            ["git", "-c", "core.fsmonitor=false", "check-ignore", "-z", "--stdin"],
            input="\0".join(absolute).encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=60,
            check=False,
            cwd=os.path.dirname(absolute[0]),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode not in (0, 1):
        return None
    return set(result.stdout.decode("utf-8", "surrogateescape").split("\0"))
