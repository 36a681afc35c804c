"""The rule catalogue (``rules/``): a page per rule and the data files rules read.

In a source checkout it is the ``rules/`` folder beside the package; an installed wheel carries
it as ``postlint/_catalogue``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def catalogue_dir() -> Path:
    """The folder holding ``<CODE>.md`` pages and ``data/``."""
    packaged = _PACKAGE / "_catalogue"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "rules"


def rule_page(code: str) -> Path:
    """The documentation page of a rule."""
    return catalogue_dir() / f"{code}.md"


def data_file(name: str) -> Path:
    """A data file under ``rules/data/``, e.g. ``presets/jekyll.toml``."""
    return catalogue_dir() / "data" / name
