"""Splitting the front matter from the body, and composing it into nodes with positions.

Front matter must start at the first character of the file (after a BOM): YAML between
``---`` lines (closed by ``---`` or ``...``), TOML between ``+++`` lines, or a JSON object.
python-frontmatter is not used here because it strips text before splitting and returns empty
metadata silently for unterminated or malformed blocks, so it cannot give positions.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Literal

from postlint.diagnostics import Finding, quote
from postlint.parse.yaml_nodes import Entry, Node, compose
from postlint.positions import LineIndex, Span

MAX_FRONT_MATTER = 64 * 1024

_FENCES = {"---": "yaml", "+++": "toml"}
# A closing line (group 1) starts after a line break: "\n", "\r\n" or a lone "\r" (so not
# re.M's "^"). Matching the break rather than looking behind for it lets the search skip
# ahead to line breaks.
_CLOSING = {
    "yaml": re.compile(r"[\r\n]((?:---|\.\.\.)[ \t]*(?:\r\n?|\n|\Z))"),
    "toml": re.compile(r"[\r\n](\+\+\+[ \t]*(?:\r\n?|\n|\Z))"),
}
_JSON_OPENING = re.compile(r"\{\s*[\"}]")
_OPENING = re.compile(r"(---|\+\+\+)[ \t]*(\r\n?|\n)")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_KEY = re.compile(
    r"^[ \t]*(\"[^\"\n]*\"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*([^\r\n]*?)[ \t]*\r?$", re.M
)
_TOML_TABLE = re.compile(r"^[ \t]*\[", re.M)
_TOML_COMMENT = re.compile(r"[ \t]*#.*$")

Format = Literal["yaml", "toml", "json"]
_KINDS = {
    "seq": "a list",
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "a boolean",
    "timestamp": "a date",
}


@dataclass(slots=True)
class FrontMatter:
    """The front matter block: where it is, and its root node when it could be read."""

    format: Format
    opening: Span  # the opening delimiter line (for JSON, the opening brace)
    content: Span
    closed: bool
    root: Node | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def entries(self) -> dict[str, Entry]:
        """Top-level entries, empty unless the block is a mapping."""
        if self.root is None or self.root.tag != "map":
            return {}
        return self.root.entries


def split(text: str) -> tuple[FrontMatter | None, int]:
    """The front matter block at the start of ``text`` (or None) and the body's offset."""
    opening = _OPENING.match(text)
    if opening is not None:
        fmt: Format = "yaml" if opening.group(1) == "---" else "toml"
        content_start = opening.end()
        # From the opening line's break, so that the block may be empty.
        closing = _CLOSING[fmt].search(text, content_start - 1)
        if closing is None:
            block = FrontMatter(
                fmt, Span(0, opening.start(2)), Span(content_start, len(text)), False
            )
            return block, len(text)
        block = FrontMatter(
            fmt, Span(0, opening.start(2)), Span(content_start, closing.start(1)), True
        )
        return block, closing.end()
    if _JSON_OPENING.match(text):  # a JSON object; Liquid's {% … %} and {{ … }} are not
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as error:
            block = FrontMatter("json", Span(0, 1), Span(0, len(text)), True)
            message = f"invalid JSON: {error.msg}"
            block.findings.append(Finding("FM002", Span(error.pos, error.pos), message))
            return block, len(text)
        line_end = re.compile(r"[ \t]*(?:\r\n?|\n|$)").match(text, end)
        body = line_end.end() if line_end else end
        return FrontMatter("json", Span(0, 1), Span(0, end), True), body
    return None, 0


def parse(text: str, block: FrontMatter, lines: LineIndex) -> None:
    """Compose the block's content into ``block.root``; findings go to ``block.findings``."""
    content = text[block.content.start : block.content.end]
    if block.findings:
        return  # already known to be unreadable
    if not block.closed:
        closer = {"yaml": "---", "toml": "+++", "json": "}"}[block.format]
        block.findings.append(
            Finding(
                "FM002",
                block.opening,
                f"front matter is never closed: expected a {closer!r} line after it",
            )
        )
        return
    if len(content.encode("utf-8")) > MAX_FRONT_MATTER:
        block.findings.append(
            Finding(
                "FM002",
                block.opening,
                f"front matter is over {MAX_FRONT_MATTER // 1024} KiB; not parsed",
            )
        )
        return
    if block.format == "toml":
        _parse_toml(content, block, lines)
    else:  # YAML, and JSON, which YAML reads with positions
        composed = compose(content, block.content.start, lines, json=block.format == "json")
        block.root = composed.root
        block.findings.extend(composed.findings)
    if block.root is not None and block.root.tag not in ("map", "null"):
        what = _KINDS.get(block.root.tag, "a single value")
        block.findings.append(
            Finding(
                "FM003",
                Span(block.content.start, block.root.span.end),
                f"front matter is {what}; expected a mapping of keys to values",
            )
        )
        block.root = None


def _parse_toml(content: str, block: FrontMatter, lines: LineIndex) -> None:
    """TOML has no positions in tomllib: top-level keys are located by scanning their lines."""
    base = block.content.start
    keys = [(m.group(1).strip("\"'"), m) for m in _TOML_KEY.finditer(_top_level(content))]
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        block.findings.append(_toml_error(error, keys, block, lines))
        return
    root = Node(block.content, "map", data)
    for key, match in keys:
        if key in data:
            value, token = data[key], match.group(2)
            if token[:1] not in "\"'":
                token = _TOML_COMMENT.sub("", token)  # a comment after a number or a date
            raw = value if isinstance(value, str) else token
            value_span = Span(base + match.start(2), base + match.start(2) + len(token))
            node = Node(value_span, _toml_tag(value), value, raw, isinstance(value, str))
            root.entries[key] = Entry(Span(base + match.start(1), base + match.end(1)), node)
    for key, value in data.items():  # keys from [tables]: the whole block is their position
        root.entries.setdefault(
            key, Entry(block.opening, Node(block.content, _toml_tag(value), value))
        )
    block.root = root


def _top_level(content: str) -> str:
    table = _TOML_TABLE.search(content)
    return content[: table.start()] if table else content


def _toml_error(
    error: tomllib.TOMLDecodeError,
    keys: list[tuple[str, re.Match[str]]],
    block: FrontMatter,
    lines: LineIndex,
) -> Finding:
    """FM002 where tomllib stopped; FM004 at the key for a key set twice."""
    base = block.content.start
    at = _TOML_ERROR_AT.search(str(error))
    offset = base
    if at is not None:
        content_line = lines.position(base).line + int(at.group(1)) - 1
        offset = lines.line_start(content_line) + int(at.group(2)) - 1
    if "overwrite" in str(error):
        line = lines.position(offset).line
        seen: dict[str, int] = {}
        for key, match in keys:
            key_line = lines.position(base + match.start(1)).line
            if key in seen and key_line == line:
                return Finding(
                    "FM004",
                    Span(base + match.start(1), base + match.end(1)),
                    f"duplicate key {quote(key)}: already set on line {seen[key]}; "
                    "TOML does not allow a key twice",
                )
            seen.setdefault(key, key_line)
    message = _TOML_ERROR_AT.sub("", str(error)).strip()
    return Finding("FM002", Span(offset, offset), f"invalid TOML: {message}")


def _toml_tag(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "seq"
    if isinstance(value, dict):
        return "map"
    return "timestamp"
