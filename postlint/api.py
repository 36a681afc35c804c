"""The Python API: lint a post's text before writing it, or lint files and folders.

The API never prints; the CLI is a thin shell over these functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint import engine
from postlint.config import Config, Overrides, load_config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic
from postlint.runner import ConfigResolver, Report, Settings, relative, run
from postlint.schema.model import code_of

if TYPE_CHECKING:
    import frontmatter
    from pydantic import BaseModel

__all__ = [
    "FrontMatterError",
    "Report",
    "lint_paths",
    "lint_text",
    "load_config",
    "validate_front_matter",
]


class FrontMatterError(ValueError):
    """Front matter that does not fit its schema; ``problems`` lists each one with its code."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("front matter is invalid:\n" + "\n".join(f"  {p}" for p in problems))
        self.problems = problems


def lint_text(
    text: str | frontmatter.Post, *, path: str | None = None, config: Config | None = None
) -> list[Diagnostic]:
    """Lint a post's text as if it were the file at ``path`` (its name matters for FM023).

    ``text`` may also be a ``frontmatter.Post`` from python-frontmatter: it is linted as the
    file python-frontmatter would write for it.
    """
    if not isinstance(text, str):
        import frontmatter as python_frontmatter

        text = python_frontmatter.dumps(text)
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


def validate_front_matter(
    mapping: Mapping[str, Any],
    *,
    preset: str = "jekyll",
    fields: Mapping[str, Mapping[str, Any]] | None = None,
    strict: bool | None = None,
) -> BaseModel:
    """Validate front-matter data (a mapping, as python-frontmatter or a pipeline has it)
    against a preset and declared fields; the pydantic model, or FrontMatterError."""
    from pydantic import ValidationError

    from postlint.schema.fields import FieldSpec
    from postlint.schema.model import declared_schema

    specs = {name: FieldSpec.model_validate(spec) for name, spec in (fields or {}).items()}
    schema = declared_schema(preset, specs, strict)
    data = {key: value for key, value in mapping.items() if value is not None}
    try:
        return schema.validate(data, {})
    except ValidationError as error:
        problems = [
            f"{code_of(detail)} {'.'.join(map(str, detail['loc'])) or '(front matter)'}: "
            f"{detail['msg']}"
            for detail in error.errors()
        ]
        raise FrontMatterError(problems) from None
