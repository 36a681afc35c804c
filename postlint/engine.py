"""Running the selected checks over one post and turning findings into diagnostics.

The engine owns everything a check should not: which rules run for this file, severity,
positions, directives, and containment (a check that raises becomes PL900 for that file,
and the other checks still run).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from postlint import registry
from postlint.config import Config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic, Finding, Fix, Location
from postlint.directives import Suppressions, suppressions
from postlint.document import Document
from postlint.escape import one_line
from postlint.positions import LineIndex, Position, Span
from postlint.rules import CheckFunction, Facts, ProjectFinding, Rule
from postlint.selection import selected
from postlint.source import SourceText, decode, from_text


@cache
def _rules_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in registry.rules()}


def enabled_codes(ctx: CheckContext) -> frozenset[str]:
    """The codes that run for this file: the config's selection less its per-file ignores."""
    ignored = ctx.config.ignored_for(ctx.relative_path)
    if not ignored:
        return ctx.config.enabled
    return ctx.config.enabled - selected(ctx.config.enabled, ignored, [])


@dataclass
class FileResult:
    """What linting one file gives: its diagnostics, and its facts for cross-file rules."""

    path: str
    diagnostics: list[Diagnostic]
    facts: Facts | None = None


def lint_text(text: str, path: str, ctx: CheckContext) -> list[Diagnostic]:
    """Lint decoded text as the post at ``path``."""
    return _lint(from_text(text), path, ctx).diagnostics


def lint_bytes(data: bytes, path: str, ctx: CheckContext) -> FileResult:
    """Decode and lint the bytes of the post at ``path``."""
    return _lint(decode(data), path, ctx)


def read_error(finding: Finding, path: str, ctx: CheckContext) -> FileResult:
    """The result of a file that could not be read (PL001, PL005)."""
    return FileResult(path, _diagnostics([finding], LineIndex(""), path, ctx, enabled_codes(ctx)))


def _lint(source: SourceText, path: str, ctx: CheckContext) -> FileResult:
    enabled = enabled_codes(ctx)
    if not source.checkable:
        return FileResult(
            path, _diagnostics(source.findings, LineIndex(source.text), path, ctx, enabled)
        )
    try:
        doc = Document(source.text, path)
    except Exception as error:  # containment: a parser that fails on one file stops only it
        failed = _internal_error("parsing", error, ctx)
        findings = [*source.findings, failed]
        return FileResult(path, _diagnostics(findings, LineIndex(source.text), path, ctx, enabled))
    findings = list(source.findings)
    for item in registry.checks():
        if item.codes & enabled:
            findings.extend(_run(item.function, item.rules, doc, ctx))
    silenced = suppressions(doc)
    findings.extend(silenced.findings)
    diagnostics = [
        diagnostic
        for diagnostic in _diagnostics(findings, doc.lines, path, ctx, enabled)
        if not silenced.silences(diagnostic.code, diagnostic.line)
    ]
    return FileResult(path, diagnostics, facts(doc, ctx, silenced))


def facts(doc: Document, ctx: CheckContext, silenced: Suppressions | None = None) -> Facts | None:
    """The facts of every enabled cross-file check, with the directives that silence them."""
    enabled = enabled_codes(ctx)
    found: Facts = {}
    for project in registry.project_checks():
        codes = project.codes & enabled
        if codes:
            collected = project.collect(doc, ctx)
            if collected:
                found.update(collected)
                found["codes"] = sorted(codes | set(found.get("codes", [])))
    if found:
        found["silenced"] = silenced.ranges if silenced else []
    return found or None


def project_diagnostics(
    findings: Iterable[ProjectFinding], facts: Mapping[str, Facts], configs: Callable[[str], Config]
) -> Iterator[Diagnostic]:
    """Cross-file findings as diagnostics, for the codes their files enable and do not silence."""

    @lru_cache(maxsize=4096)  # a file's findings come close together; an archive has many files
    def settings(path: str) -> tuple[list[str], Suppressions]:
        fact = facts[path]
        ranges = [(code, first, last) for code, first, last in fact["silenced"]]
        return fact["codes"], Suppressions(ranges)

    for finding in findings:
        codes, silenced = settings(finding.path)
        if finding.code not in codes or silenced.silences(finding.code, finding.line):
            continue
        yield _stamp(
            finding.path,
            finding.code,
            Position(finding.line, finding.column),
            Position(finding.end_line, finding.end_column),
            message=finding.message,
            config=configs(finding.path),
            related=finding.related,
        )


def _stamp(
    path: str,
    code: str,
    start: Position,
    end: Position,
    *,
    message: str,
    config: Config,
    fix: Fix | None = None,
    related: tuple[Location, ...] = (),
) -> Diagnostic:
    """A finding as the user sees it: the rule's name and configured severity stamped on.

    Post text never reaches a terminal raw, whatever a check forgot to quote (PL900 keeps the
    line breaks of its traceback; its summary is escaped).
    """
    return Diagnostic(
        path=path,
        line=start.line,
        column=start.column,
        code=code,
        message=message if code == "PL900" else one_line(message),
        end_line=end.line,
        end_column=end.column,
        name=_rules_by_code()[code].name,
        severity=config.severity(code),
        fix=fix,
        related=related,
    )


def _run(
    function: CheckFunction, rules: tuple[Rule, ...], doc: Document, ctx: CheckContext
) -> list[Finding]:
    try:
        return list(function(doc, ctx))
    except Exception as error:  # containment: one failing check never stops the run
        return [_internal_error(f"rule {rules[0].code}", error, ctx)]


def _internal_error(what: str, error: Exception, ctx: CheckContext) -> Finding:
    """PL900: ``what`` failed with ``error``, summed up in one line (or with its traceback)."""
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:200]
    message = one_line(f"{what} failed on this file: {summary}")
    if ctx.show_traceback:
        message += "\n" + traceback.format_exc()
    return Finding("PL900", Span(0, 0), message)


def _diagnostics(
    findings: Iterable[Finding],
    lines: LineIndex,
    path: str,
    ctx: CheckContext,
    enabled: frozenset[str],
) -> list[Diagnostic]:
    result: dict[Diagnostic, None] = {}  # deduplicated, in the order the checks reported
    for finding in findings:
        if finding.code not in enabled and finding.code != "PL900":
            continue
        start = lines.position(finding.span.start)
        end = lines.position(max(finding.span.end, finding.span.start))
        stamped = _stamp(
            path,
            finding.code,
            start,
            end,
            message=finding.message,
            config=ctx.config,
            fix=finding.fix,
            related=finding.related,
        )
        result.setdefault(stamped, None)
    return sorted(result, key=sort_key)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """Output order: path, line, column, code; ties keep the order the rule reported them
    (so FM010 lists missing fields in schema order)."""
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code)
