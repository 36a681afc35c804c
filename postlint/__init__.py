"""postlint: a fast linter for content posts with front matter and embedded HTML.

The public API::

    from postlint import lint_text, lint_paths, load_config

    diagnostics = lint_text(post_text, path="_posts/2024-11-06-title.md")
    report = lint_paths(["_posts"])
"""

from postlint.api import Report, lint_paths, lint_text, load_config
from postlint.config import Config, ConfigError
from postlint.diagnostics import Diagnostic, Severity

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "Report",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_config",
]
