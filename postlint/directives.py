"""Inline directives that silence rules, and PL004 for directives naming unknown codes.

In the body, as HTML comments outside code::

    <!-- postlint-disable CODE... -->            until a matching enable (or the end)
    <!-- postlint-enable CODE... -->
    <!-- postlint-disable-next-line CODE... -->  the line after the comment
    <!-- postlint-disable-file CODE... -->       the whole file

and in front matter, as a YAML comment: ``# postlint: disable-next-line CODE...``. No codes
means every rule. Codes or rule names, separated by spaces or commas; ``-- reason`` may follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from postlint import registry
from postlint.diagnostics import Finding, quote
from postlint.document import Document
from postlint.positions import Span

_BODY = re.compile(
    r"\s*postlint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)\Z", re.S
)
_FRONT_MATTER = re.compile(r"#[ \t]*postlint:[ \t]*disable-next-line(?![\w-])([^\r\n]*)")
_ALL = "*"


@dataclass
class Suppressions:
    """Line ranges in which codes (or ``*``, every code) are silenced; PL004 findings."""

    ranges: list[tuple[str, int, int]] = field(default_factory=list)  # code, first, last line
    findings: list[Finding] = field(default_factory=list)

    def silences(self, code: str, line: int) -> bool:
        """Whether a diagnostic with ``code`` on ``line`` is silenced."""
        return any(
            first <= line <= last and target in (code, _ALL) for target, first, last in self.ranges
        )


def suppressions(doc: Document) -> Suppressions:
    """Read the directives of a document."""
    result = Suppressions()
    last_line = doc.lines.line_count
    open_from: dict[str, int] = {}
    for comment in doc.comments if "postlint" in doc.text else ():
        match = _BODY.match(comment.text)
        if match is None:
            continue
        kind = match.group(1)
        codes = _codes(match.group(2), Span(comment.start, comment.end), result)
        line = doc.lines.position(comment.start).line
        end_line = doc.lines.position(comment.end).line
        for code in codes:
            if kind == "disable-file":
                result.ranges.append((code, 1, last_line))
            elif kind == "disable-next-line":
                result.ranges.append((code, end_line + 1, end_line + 1))
            elif kind == "disable":
                open_from.setdefault(code, line)
            else:
                _close(open_from, code, line, result)
    for code, first in open_from.items():
        result.ranges.append((code, first, last_line))
    if doc.front_matter is not None:
        content = doc.front_matter.content
        for match in _FRONT_MATTER.finditer(doc.text, content.start, content.end):
            span = Span(match.start(), match.end())
            next_line = doc.lines.position(match.start()).line + 1
            for code in _codes(match.group(1), span, result):
                result.ranges.append((code, next_line, next_line))
    return result


def _close(open_from: dict[str, int], code: str, line: int, result: Suppressions) -> None:
    """``enable CODE`` ends ``disable CODE`` (and an enable with no codes ends them all)."""
    targets = list(open_from) if code == _ALL else [code]
    for target in targets:
        first = open_from.pop(target, None)
        if first is not None:
            result.ranges.append((target, first, line))


def _codes(text: str, span: Span, result: Suppressions) -> list[str]:
    """The codes a directive names (``*`` for none); PL004 for unknown ones."""
    words = [word for word in re.split(r"[\s,]+", text.split("--", 1)[0]) if word]
    if not words:
        return [_ALL]
    codes = []
    for word in words:
        rule = registry.lookup(word)
        if rule is None:
            result.findings.append(
                Finding(
                    "PL004",
                    span,
                    f"directive names unknown rule {quote(word)}; "
                    "expected a rule code such as FM010 or a rule name",
                )
            )
        else:
            codes.append(rule.code)
    return codes
