"""postlint: a fast linter for content posts with front matter and embedded HTML.

The public API::

    from postlint import lint_text, lint_paths, load_config

    diagnostics = lint_text(post_text, path="_posts/2024-11-06-title.md")
    report = lint_paths(["_posts"])

Names are imported on first use, so that ``postlint --version`` starts without loading the
parsers and pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from postlint.api import (
        FrontMatterError,
        Report,
        lint_paths,
        lint_text,
        load_config,
        validate_front_matter,
    )
    from postlint.config import Config, ConfigError
    from postlint.diagnostics import Diagnostic, Severity
    from postlint.runner import Settings

_HOMES = {
    "FrontMatterError": "postlint.api",
    "Report": "postlint.api",
    "lint_paths": "postlint.api",
    "lint_text": "postlint.api",
    "load_config": "postlint.api",
    "validate_front_matter": "postlint.api",
    "Config": "postlint.config",
    "ConfigError": "postlint.config",
    "Diagnostic": "postlint.diagnostics",
    "Severity": "postlint.diagnostics",
    "Settings": "postlint.runner",
}

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "FrontMatterError",
    "Report",
    "Settings",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_config",
    "validate_front_matter",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'postlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
