"""Counting diagnostics as they stream past, for summaries and exit codes.

A run's diagnostics are read once, in order, by the reporter; a ``Tally`` wrapped around that
stream keeps the counts the summary line, ``--statistics``, GitHub's step summary and the exit
code need, so nothing has to hold the diagnostics themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from postlint import registry
from postlint.diagnostics import Diagnostic, Severity


class Tally:
    """Counts of the diagnostics that have passed through it (iterate it to count)."""

    def __init__(self, diagnostics: Iterable[Diagnostic] = (), *, per_file: bool = True) -> None:
        self._source = diagnostics
        self.total = 0
        self.per_rule: Counter[tuple[str, str, Severity]] = Counter()  # (code, name, severity)
        # by path as reported; a run that needs no per-file counts (only GitHub's summary
        # does) keeps no entry per file
        self.per_file: Counter[str] = Counter()
        self._count_files = per_file

    def __iter__(self) -> Iterator[Diagnostic]:
        for diagnostic in self._source:
            self._add(diagnostic)
            yield diagnostic

    def drain(self) -> Tally:
        """Count every diagnostic left, without passing them on."""
        for _ in self:
            pass
        return self

    def _add(self, diagnostic: Diagnostic) -> None:
        """Count one diagnostic."""
        self.total += 1
        self.per_rule[(diagnostic.code, diagnostic.name, diagnostic.severity)] += 1
        if self._count_files:
            self.per_file[diagnostic.path] += 1

    def per_severity(self) -> Counter[Severity]:
        """How many diagnostics each severity has."""
        counts: Counter[Severity] = Counter()
        for (_, _, severity), count in self.per_rule.items():
            counts[severity] += count
        return counts

    def by_code(self) -> dict[str, int]:
        """How many diagnostics each code has, sorted by code."""
        counts: Counter[str] = Counter()
        for (code, _, _), count in self.per_rule.items():
            counts[code] += count
        return dict(sorted(counts.items()))

    def exit_code(self, fail_on: Severity | str = Severity.WARNING) -> int:
        """1 when a diagnostic at ``fail_on`` or above was counted, else 0. An advisory rule's
        diagnostics (a remote check that could not verify) fail the run only as errors."""
        threshold = Severity(fail_on).rank
        advisory = {rule.code for rule in registry.rules() if rule.advisory}
        return int(
            any(
                severity.rank >= threshold and (code not in advisory or severity is Severity.ERROR)
                for code, _, severity in self.per_rule
            )
        )
