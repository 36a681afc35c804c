"""The rule protocol: what a rule is, and how a check declares the rules it reports.

A ``Rule`` is metadata: code, kebab-case name, one-line summary, default severity and an
options model (unknown keys rejected). A check is a function over a document that yields
findings for one or more rules; ``@check(RULE, ...)`` attaches the rules it reports, and the
engine runs it when any of them is selected. Each rule is documented by ``rules/<CODE>.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict

from postlint.diagnostics import Finding, Location, Severity

if TYPE_CHECKING:
    from postlint.context import CheckContext
    from postlint.document import Document


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Options(BaseModel):
    """Base of every rule's options: kebab-case keys in config, unknown keys rejected."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True
    )


@dataclass(frozen=True)
class Rule:
    """A rule's metadata. The engine, not the check, stamps severity and positions."""

    code: str
    name: str
    summary: str
    severity: Severity
    options: type[Options] = Options
    fixable: bool = False
    aliases: tuple[str, ...] = field(default=())
    # An advisory rule's findings fail a run only at severity error (IMG008: a flaky network
    # must never turn CI red on its own).
    advisory: bool = False


class CheckFunction(Protocol):
    """A check: yields findings for a document, given the file's context."""

    def __call__(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class Check:
    """A check function and the rules whose findings it yields."""

    function: CheckFunction
    rules: tuple[Rule, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the rules this check reports."""
        return frozenset(rule.code for rule in self.rules)


Facts = dict[str, Any]
"""What a cross-file rule needs to know of one file: small, JSON-ready (it is cached)."""


@dataclass(frozen=True, slots=True)
class ProjectFinding:
    """A cross-file rule's finding, already in lines and columns (facts carry positions)."""

    path: str
    code: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    related: tuple[Location, ...] = ()


@dataclass(frozen=True)
class ProjectCheck:
    """A cross-file check: ``collect`` runs per file (in workers, cached), ``check`` once per
    run over the facts of every file, reporting on the files in ``reported`` only."""

    rules: tuple[Rule, ...]
    collect: Callable[[Document, CheckContext], Facts | None]
    check: Callable[[Mapping[str, Facts], Collection[str]], Iterable[ProjectFinding]]

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the rules this check reports."""
        return frozenset(rule.code for rule in self.rules)


def check(*rules: Rule) -> Callable[[CheckFunction], Check]:
    """Declare the rules a check function reports: ``@check(FUTURE_DATE)``."""

    def wrap(function: CheckFunction) -> Check:
        return Check(function, rules)

    return wrap
