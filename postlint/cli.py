"""The ``postlint`` command: argument parsing, output and exit codes only.

Exit codes: 0 nothing at or above the failing severity, 1 something was, 2 usage or config
errors (a named path that does not exist, an invalid config, an unknown rule).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from postlint import __version__

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic

FORMATS = ("full", "concise", "json")
EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="postlint", description="Lint content posts: front matter and HTML.")
    parser.add_argument("--version", action="version", version=f"postlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and folders")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--output-format", choices=FORMATS, default=None)
    check.add_argument("--config", metavar="FILE", help="use this config for every file")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES")
    check.add_argument("--extend-select", type=_codes, default=[], metavar="CODES")
    check.add_argument("--ignore", type=_codes, default=[], metavar="CODES")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with problems")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only")
    check.add_argument("--show-traceback", action="store_true", help=argparse.SUPPRESS)

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", metavar="CODE")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    return parser


def _codes(value: str) -> list[str]:
    return [part for part in value.replace(" ", ",").split(",") if part]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _utf8_output()
    try:
        args = _parser().parse_args(argv)
        if args.command == "rule":
            return _rule(args.code)
        if args.command == "rules":
            return _rules(args.output_format)
        return _check(args)
    except _UsageError as error:
        print(f"postlint: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("postlint: interrupted", file=sys.stderr)
        return 130


def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _check(args: argparse.Namespace) -> int:
    from postlint.api import lint_paths
    from postlint.config import ConfigError, Overrides, read_config
    from postlint.walk import MissingPath

    overrides = Overrides(args.select, args.extend_select, args.ignore)
    try:
        config = (
            read_config(Path(args.config)).with_overrides(overrides).validate()
            if args.config
            else None
        )
        report = lint_paths(
            args.paths, config=config, overrides=overrides, show_traceback=args.show_traceback
        )
    except (ConfigError, MissingPath) as error:
        print(f"postlint: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    output_format = (
        args.output_format
        or os.environ.get("POSTLINT_OUTPUT_FORMAT")
        or ("full" if sys.stdout.isatty() else "concise")
    )
    sys.stdout.write(_render(output_format, report.diagnostics))
    if not args.quiet:
        print(_summary(report.diagnostics, report.files_checked), file=sys.stderr)
    return EXIT_OK if args.exit_zero else report.exit_code()


def _render(output_format: str, diagnostics: list[Diagnostic]) -> str:
    from postlint.reporters import json as json_format
    from postlint.reporters import text

    if output_format == "json":
        return json_format.render(diagnostics)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if output_format == "full":
        return text.full(diagnostics, _source_line, colour)
    if output_format == "concise":
        return text.concise(diagnostics, colour)
    raise _UsageError(
        f"unknown output format {output_format!r}; expected one of {', '.join(FORMATS)}"
    )


@cache
def _source_lines(path: str) -> list[str] | None:
    from postlint.positions import LineIndex
    from postlint.source import decode, read_bytes

    data = read_bytes(path, 50_000_000)
    if not isinstance(data, bytes):
        return None
    text = decode(data).text
    index = LineIndex(text)
    return [
        text[s.start : s.end]
        for s in (index.line_span(n, text) for n in range(1, index.line_count + 1))
    ]


def _source_line(path: str, line: int) -> str | None:
    lines = _source_lines(path)
    return lines[line - 1] if lines and 0 < line <= len(lines) else None


def _summary(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity.value] += 1
    checked = _plural(files, "file")
    if not diagnostics:
        return f"All checks passed ({checked} checked)."
    parts = ", ".join(_plural(n, kind) for kind, n in counts.items() if n)
    return f"Found {_plural(len(diagnostics), 'problem')} ({parts}) in {checked}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _rule(code: str) -> int:
    from postlint import registry
    from postlint.catalogue import rule_page

    rule = registry.lookup(code)
    if rule is None:
        raise _UsageError(f"unknown rule {code!r}; `postlint rules` lists them")
    page = rule_page(rule.code)
    sys.stdout.write(
        page.read_text(encoding="utf-8")
        if page.is_file()
        else f"{rule.code} {rule.name}\n\n{rule.summary}\n"
    )
    return EXIT_OK


def _rules(output_format: str) -> int:
    from postlint import registry

    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "summary": r.summary,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "options": r.options.model_json_schema(by_alias=True).get("properties", {}),
            }
            for r in registry.rules()
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in registry.rules():
        print(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary}")
    return EXIT_OK
