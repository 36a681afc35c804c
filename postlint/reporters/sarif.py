"""The ``sarif`` format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from postlint import __version__, registry
from postlint.diagnostics import Diagnostic, Location, Severity
from postlint.reporters.files import relative
from postlint.reporters.fingerprint import SourceLine, fingerprinted
from postlint.reporters.json import write_array

if TYPE_CHECKING:
    from postlint.rules import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
PROJECT = "https://github.com/postlint/postlint"
FINGERPRINT = "postlint/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RESULTS_KEY = '"results": '  # the run's, the log's only key of that name
_RESULTS_LEVEL = 3  # the results array is in the run object, in the log's runs array


def write(
    diagnostics: Iterable[Diagnostic],
    out: TextIO,
    source_line: SourceLine | None = None,
    root: Path | None = None,
) -> None:
    """The diagnostics as one SARIF run. URIs are relative to ``root`` (default: the current
    folder); ``source_line`` reads the offending lines for the fingerprints."""
    head, tail = _log_around_results()
    out.write(head)
    results = (
        _result(d, fingerprint, root)
        for d, fingerprint in fingerprinted(diagnostics, source_line, root)
    )
    write_array(results, out, _RESULTS_LEVEL)
    out.write(tail)


def _log_around_results() -> tuple[str, str]:
    """The log's text before its results array and after it."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postlint",
                        "version": __version__,
                        "informationUri": PROJECT,
                        "rules": [_rule(rule) for rule in registry.rules()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [],
            }
        ],
    }
    head, _, tail = json.dumps(log, ensure_ascii=False, indent=2).partition(_RESULTS_KEY + "[]")
    return head + _RESULTS_KEY, tail + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"{PROJECT}/blob/main/rules/{rule.code}.md",
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(d: Diagnostic, fingerprint: str, root: Path | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            _location(
                d.path,
                {
                    "startLine": d.line,
                    "startColumn": d.column,
                    "endLine": d.end_line,
                    "endColumn": d.end_column,
                },
                root,
            )
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.related:
        result["relatedLocations"] = [_related(place, root) for place in d.related]
    return result


def _related(place: Location, root: Path | None) -> dict[str, Any]:
    location = _location(place.path, {"startLine": place.line, "startColumn": place.column}, root)
    if place.message:
        location["message"] = {"text": place.message}
    return location


def _location(path: str, region: dict[str, int], root: Path | None) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path, root)}, "region": region}}


def _uri(path: str, root: Path | None) -> str:
    """A relative URI reference for a path under ``root``, a ``file:`` URI for one outside."""
    place = relative(path, root)
    if place.is_absolute():
        return place.as_uri()
    return quote(place.as_posix(), errors="surrogateescape")  # a name not UTF-8: its bytes
