"""The Python API: lint a post's text before writing it, or lint files and folders.

The API never prints; the CLI is a thin shell over these functions.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from postlint import engine
from postlint.config import Config, Overrides, default_config, find_config, load_config, read_config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic, Severity
from postlint.globs import matches
from postlint.walk import discover

__all__ = ["Report", "lint_paths", "lint_text", "load_config"]


@dataclass
class Report:
    """The diagnostics of a run, sorted, and the files that were checked."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file checked, sorted

    @property
    def files_checked(self) -> int:
        """How many files were checked."""
        return len(self.paths)

    def by_code(self) -> dict[str, int]:
        """How many diagnostics each code has, sorted by code."""
        return dict(sorted(Counter(d.code for d in self.diagnostics).items()))

    def exit_code(self, fail_on: Severity = Severity.WARNING) -> int:
        """1 when a diagnostic at ``fail_on`` or above was found, else 0."""
        return int(any(d.severity.rank >= fail_on.rank for d in self.diagnostics))


def lint_text(
    text: str, *, path: str | None = None, config: Config | None = None
) -> list[Diagnostic]:
    """Lint a post's text as if it were the file at ``path`` (its name matters for FM023)."""
    display = path or "<text>"
    if config is None:
        config = load_config(Path(path).parent if path else Path.cwd())
    return engine.lint_text(text, display, _context(config, display, explicit=True))


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    overrides: Overrides | None = None,
    show_traceback: bool = False,
) -> Report:
    """Lint files and folders. Each file uses ``config`` or, if None, the nearest config file."""
    resolver = _Resolver(config, overrides or Overrides())
    targets = discover([os.fspath(p) for p in paths], resolver.excluded)
    report = Report()
    for target in targets:
        file_config = resolver.for_path(target.path)
        ctx = _context(file_config, target.path, target.explicit, show_traceback)
        report.diagnostics.extend(engine.lint_file(target.path, ctx))
        report.paths.append(target.path)
    report.diagnostics.sort(key=engine.sort_key)
    return report


def _context(
    config: Config, path: str, explicit: bool, show_traceback: bool = False
) -> CheckContext:
    return CheckContext(config, _relative(config, path), explicit, show_traceback)


def _relative(config: Config, path: str) -> str:
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(config.root).as_posix()
    except ValueError:
        return Path(path).as_posix()


class _Resolver:
    """The config of each path: the given one, or the nearest file (read once per folder)."""

    def __init__(self, config: Config | None, overrides: Overrides) -> None:
        self._fixed = config.with_overrides(overrides) if config else None
        self._overrides = overrides
        self._by_folder: dict[str, Config] = {}
        self._by_file: dict[Path | None, Config] = {}

    def for_path(self, path: str) -> Config:
        if self._fixed is not None:
            return self._fixed
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._by_folder:
            found = find_config(Path(folder))
            if found not in self._by_file:
                loaded = read_config(found) if found else default_config()
                self._by_file[found] = loaded.with_overrides(self._overrides).validate()
            self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder]

    def excluded(self, path: str) -> bool:
        config = self.for_path(path if os.path.isfile(path) else os.path.join(path, "_"))
        return bool(config.file.exclude) and matches(_relative(config, path), config.file.exclude)
