"""The Python API: lint a post's text before writing it, or lint files and folders.

The API never prints; the CLI is a thin shell over these functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from postlint import engine
from postlint.config import Config, Overrides, load_config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic
from postlint.runner import ConfigResolver, Report, Settings, relative, run

__all__ = ["Report", "lint_paths", "lint_text", "load_config"]


def lint_text(
    text: str, *, path: str | None = None, config: Config | None = None
) -> list[Diagnostic]:
    """Lint a post's text as if it were the file at ``path`` (its name matters for FM023)."""
    display = path or "<text>"
    if config is None:
        config = load_config(Path(path).parent if path else Path.cwd())
    ctx = CheckContext(config, relative(config, display), explicit=True)
    return engine.lint_text(text, display, ctx)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    overrides: Overrides | None = None,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint files and folders. Each file uses ``config`` or, if None, the nearest config file.

    ``settings`` sets workers, the cache and sharding; by default one process and no cache.
    """
    resolver = ConfigResolver(config, overrides or Overrides())
    return run((os.fspath(p) for p in paths), resolver, settings or Settings(), progress)
