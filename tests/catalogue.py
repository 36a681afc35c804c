"""Reading the rule catalogue's pages and their runnable examples (shared by tests)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "rules"
# A runnable example: a fence whose info string is `md` or `html` plus `incorrect`/`correct`;
# a `toml config` fence gives the config its examples run under.
_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Example:
    kind: str  # "incorrect" or "correct"
    suffix: str  # ".md" or ".html"
    text: str
    line: int  # where the fence starts on the page


@dataclass(frozen=True)
class Page:
    path: Path
    meta: dict[str, object]
    config: dict[str, object]
    examples: tuple[Example, ...]


def pages() -> list[Page]:
    found = []
    for path in sorted(CATALOGUE.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        config: dict[str, object] = {}
        examples = []
        for match in _FENCE.finditer(body):
            words = match.group(2).split()
            line = text[: text.index(match.group(0))].count("\n") + 1
            if words[:2] == ["toml", "config"]:
                config = tomllib.loads(match.group(3))
            elif (
                len(words) >= 2
                and words[0] in ("md", "html")
                and words[1] in ("incorrect", "correct")
            ):
                examples.append(Example(words[1], "." + words[0], match.group(3), line))
        found.append(Page(path, meta, config, tuple(examples)))
    return found
