"""What a check reports (a Finding, in offsets) and what a user sees (a Diagnostic, in lines)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from postlint.escape import one_line
from postlint.positions import Span


class Severity(StrEnum):
    """How serious a diagnostic is; ordered ``info`` < ``warning`` < ``error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_SEVERITIES = {severity.value: severity for severity in Severity}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``[start, end)`` of the original file with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that resolve a diagnostic; ``safe`` fixes never change what a reader sees."""

    edits: tuple[Edit, ...]
    safe: bool


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file, for a diagnostic's related locations."""

    path: str
    line: int
    column: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check yields: a code, a span of the document's text and a message."""

    code: str
    span: Span
    message: str
    fix: Fix | None = None
    related: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, positioned by 1-based line and column (end exclusive)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int
    end_column: int
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)

    @classmethod
    def from_dict(cls, item: dict[str, Any]) -> Diagnostic:
        """The diagnostic that ``to_dict`` gave ``item``; raises KeyError or TypeError."""
        return cls(
            item["path"],
            item["line"],
            item["column"],
            item["code"],
            item["message"],
            item["end_line"],
            item["end_column"],
            item["name"],
            _SEVERITIES[item["severity"]],
            _fix_from(item["fix"]),
            _related_from(item["related"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as JSON-ready data (the ``json`` output format's objects)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fix": _fix_data(self.fix),
            "related": _related_data(self.related),
        }


def _fix_data(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    edits = [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits]
    return {"safe": fix.safe, "edits": edits}


def _fix_from(data: dict[str, Any] | None) -> Fix | None:
    return None if data is None else Fix(tuple(Edit(**e) for e in data["edits"]), data["safe"])


def _related_data(related: tuple[Location, ...]) -> list[dict[str, Any]]:
    return [
        {"path": r.path, "line": r.line, "column": r.column, "message": r.message} for r in related
    ]


def _related_from(data: list[dict[str, Any]]) -> tuple[Location, ...]:
    return tuple(Location(**location) for location in data) if data else ()


def encode(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics as one line of ASCII JSON, for the cache and a run's log: a row of the
    fields in order each (half the size of ``to_dict``'s objects, and read faster). The lone
    surrogates of a file name that is not UTF-8 survive as escapes."""
    return json.dumps(
        [
            [
                d.path,
                d.line,
                d.column,
                d.code,
                d.message,
                d.end_line,
                d.end_column,
                d.name,
                d.severity.value,
                _fix_data(d.fix),
                _related_data(d.related),
            ]
            for d in diagnostics
        ]
    )


def decode(text: str) -> list[Diagnostic]:
    """The diagnostics ``encode`` gave ``text``; raises ValueError, KeyError or TypeError."""
    return [_from_row(row) for row in json.loads(text)]


def _from_row(row: list[Any]) -> Diagnostic:
    path, line, column, code, message, end_line, end_column, name, severity, fix, related = row
    return Diagnostic(
        path,
        line,
        column,
        code,
        message,
        end_line,
        end_column,
        name,
        _SEVERITIES[severity],
        _fix_from(fix),
        _related_from(related),
    )


def quote(value: object, limit: int = 80) -> str:
    """``value`` in double quotes for a message, cut at ``limit`` characters with an ellipsis.

    Line breaks and control characters are escaped (``\\n``, ``\\x1b``): post text is
    untrusted, and a raw escape sequence in a message would reach the user's terminal.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + one_line(text) + '"'
