"""The ``postlint`` command: argument parsing, output and exit codes only.

Exit codes: 0 nothing at or above the failing severity, 1 something was, 2 usage or config
errors (a named path that does not exist, an invalid config, an unknown rule).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from postlint import __version__

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic
    from postlint.runner import Report
    from postlint.tally import Tally

FORMATS = (
    "full",
    "concise",
    "grouped",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "checkstyle",
)  # fmt: skip  (postlint.reporters.FORMATS, without importing it at start-up)
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
    check.add_argument("--output-file", metavar="PATH", help="write the report to a file")
    check.add_argument("--config", metavar="FILE", help="use this config for every file")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES")
    check.add_argument("--extend-select", type=_codes, default=[], metavar="CODES")
    check.add_argument("--ignore", type=_codes, default=[], metavar="CODES")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with problems")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="warning",
        help="the lowest severity that makes the run fail (default: warning)",
    )
    check.add_argument("--statistics", action="store_true", help="counts per rule instead")
    check.add_argument("--jobs", "-j", type=_positive, default=os.cpu_count() or 1, metavar="N")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--shard", type=_shard, default=None, metavar="K/N")
    check.add_argument("--show-traceback", action="store_true", help="full tracebacks in PL900")
    check.add_argument(
        "--check-remote", action="store_true", help="fetch remote images (IMG003, IMG008)"
    )
    check.add_argument(
        "--refresh-remote", action="store_true", help="ignore cached remote image results"
    )
    check.add_argument("--stdin-filename", metavar="PATH", help="the path of what - reads")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only new findings")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings")

    clean = commands.add_parser("clean", help="remove the result cache")
    clean.add_argument("paths", nargs="*", default=["."], metavar="PATH")

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", metavar="CODE")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    return parser


def _codes(value: str) -> list[str]:
    return [part for part in value.replace(" ", ",").split(",") if part]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1")
    return number


def _shard(value: str) -> tuple[int, int]:
    number, _, count = value.partition("/")
    try:
        shard = int(number), int(count)
    except ValueError:
        shard = (0, 0)
    if not 1 <= shard[0] <= shard[1]:
        raise argparse.ArgumentTypeError(f"expected K/N with 1 <= K <= N, got {value!r}")
    return shard


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _utf8_output()
    try:
        args = _parser().parse_args(argv)
        if args.command == "rule":
            return _rule(args.code)
        if args.command == "rules":
            return _rules(args.output_format)
        if args.command == "clean":
            return _clean(args.paths)
        return _check(args)
    except _UsageError as error:
        print(f"postlint: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as interrupt:
        how_far = f" {interrupt}" if str(interrupt) else ""
        print(f"postlint:{how_far}; stopped without a report", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `postlint rules | head`: the reader has gone
        sys.stderr.close()
        return EXIT_OK


def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _check(args: argparse.Namespace) -> int:
    from postlint import baseline
    from postlint.config import ConfigError
    from postlint.diagnostics import Severity
    from postlint.progress import ProgressLine
    from postlint.remote import RemoteRun, remote_run
    from postlint.remote.progress import RemoteProgressLine
    from postlint.reporters import write
    from postlint.reporters.files import read_source_line
    from postlint.tally import Tally
    from postlint.walk import MissingPath

    source_line: baseline.SourceLine = read_source_line
    remote_progress = RemoteProgressLine() if ProgressLine.wanted() else None
    remote = RemoteRun(args.check_remote, args.refresh_remote, not args.no_cache, remote_progress)
    try:
        with remote_run(remote):
            if args.paths == ["-"]:
                report, source_line = _check_stdin(args)
            else:
                report = _check_paths(args)
        if args.write_baseline:
            count = baseline.write(Path(args.write_baseline), report, source_line)
            print(f"postlint: {count} findings written to {args.write_baseline}", file=sys.stderr)
            return EXIT_OK
        baseline_file = args.baseline or _configured_baseline(args)
        diagnostics: Iterable[Diagnostic] = report
        if baseline_file:
            diagnostics = baseline.apply(baseline_file, report, source_line)
    except (ConfigError, MissingPath, baseline.BaselineError) as error:
        print(f"postlint: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if remote_progress is not None:
            remote_progress.close()
    output_format = (
        args.output_format
        or os.environ.get("POSTLINT_OUTPUT_FORMAT")
        or ("full" if sys.stdout.isatty() and not args.output_file else "concise")
    )
    if output_format not in FORMATS:
        raise _UsageError(f"unknown output format {output_format!r} in POSTLINT_OUTPUT_FORMAT")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if output_format == "github" else None
    tally = Tally(diagnostics, per_file=bool(summary_file))
    with _output(args.output_file) as out:
        if args.statistics:
            from postlint.remote.statistics import failing_hosts

            out.write(_statistics(tally.drain()) + failing_hosts(remote.outcomes))
        else:
            colour = not args.output_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            write(output_format, tally, report.paths, out, source_line=source_line, colour=colour)
    if summary_file:
        _append_summary(summary_file, tally, report.files_checked)
    if not args.quiet:
        print(_summary(tally, report.files_checked), file=sys.stderr)
    return EXIT_OK if args.exit_zero else tally.exit_code(Severity(args.fail_on))


@contextmanager
def _output(output_file: str | None) -> Iterator[TextIO]:
    """Where the report goes: the file named (replaced only once it is whole), or stdout."""
    if not output_file:
        yield sys.stdout
        return
    target = Path(output_file)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", errors="replace") as handle:
            yield handle
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _check_paths(args: argparse.Namespace) -> Report:
    from postlint.api import lint_paths
    from postlint.config import Overrides, read_config
    from postlint.progress import ProgressLine
    from postlint.runner import Settings

    overrides = Overrides(args.select, args.extend_select, args.ignore)
    settings = Settings(args.jobs, not args.no_cache, args.show_traceback, args.shard)
    progress = ProgressLine() if ProgressLine.wanted() else None
    config = read_config(Path(args.config)) if args.config else None
    try:
        return lint_paths(
            args.paths, config=config, overrides=overrides, settings=settings, progress=progress
        )
    finally:
        if progress is not None:
            progress.close()


def _check_stdin(args: argparse.Namespace) -> tuple[Report, Callable[[str, int], str | None]]:
    """``postlint check - --stdin-filename PATH``: standard input, linted as if it were PATH."""
    from postlint import engine
    from postlint.config import Overrides, load_config, read_config
    from postlint.context import CheckContext
    from postlint.runner import Report, relative
    from postlint.source import decode

    if not args.stdin_filename:
        raise _UsageError("reading standard input (-) needs --stdin-filename PATH")
    path = args.stdin_filename
    overrides = Overrides(args.select, args.extend_select, args.ignore)
    loaded = read_config(Path(args.config)) if args.config else load_config(Path(path).parent)
    config = loaded.with_overrides(overrides).validate()
    data = sys.stdin.buffer.read()
    ctx = CheckContext(
        config, relative(config, path), True, args.show_traceback, check_remote=args.check_remote
    )
    result = engine.lint_bytes(data, path, ctx)
    lines = re.split(r"\r\n|\r|\n", decode(data).text)

    def source_line(_: str, line: int) -> str | None:
        return lines[line - 1] if 0 < line <= len(lines) else None

    return Report(result.diagnostics, [path]), source_line


def _configured_baseline(args: argparse.Namespace) -> Path | None:
    """The ``baseline`` of the config that applies (the one given, or the current folder's)."""
    from postlint.config import find_config, read_config_file

    path = Path(args.config) if args.config else find_config(Path.cwd())
    baseline = read_config_file(path).baseline if path else None
    return path.parent / baseline if path and baseline else None


def _append_summary(path: str, tally: Tally, files_checked: int) -> None:
    """The Markdown summary for GitHub's job page (it shows only ten annotations a kind)."""
    from postlint.reporters import github

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(github.summary(tally, files_checked))
    except OSError as error:
        print(f"postlint: cannot write the step summary {path}: {error}", file=sys.stderr)


def _clean(paths: list[str]) -> int:
    import shutil

    from postlint.config import ConfigError, load_config

    try:
        folders = {load_config(path).cache_folder for path in paths}
    except ConfigError as error:
        print(f"postlint: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    for folder in sorted(folders):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder}", file=sys.stderr)
    return EXIT_OK


def _statistics(tally: Tally) -> str:
    """Counts per code, most frequent first, as ruff's --statistics."""
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter()
    for (code, name, _), n in tally.per_rule.items():
        counts[(code, name)] += n
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>7}  {code:<7} {name}\n" for (code, name), n in rows)


def _summary(tally: Tally, files: int) -> str:
    checked = _plural(files, "file")
    if not tally.total:
        return f"All checks passed ({checked} checked)."
    from postlint.diagnostics import Severity

    counts = tally.per_severity()
    worst_first = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    parts = ", ".join(_plural(counts[kind], kind.value) for kind in worst_first if counts[kind])
    return f"Found {_plural(tally.total, 'problem')} ({parts}) in {checked}."


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
